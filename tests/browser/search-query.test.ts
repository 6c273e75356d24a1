/**
 * The search page as readers use it, on the demo site (with its synonyms.yaml): misspellings,
 * natural questions, lay words, experts' names and cities, what a result lacks, and a
 * correction with the connection cut.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchErrors } from '../helpers/browser.js';
import { useBuiltSite } from '../helpers/builtSite.js';
import { repoRoot } from '../helpers/site.js';

const site = useBuiltSite(join(repoRoot, 'data'));

/** The ranked result links of `/search/?q=…`, once the first results are on screen. */
async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('form[data-settled]');
  return page.locator('#search-results > li > h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

describe('the search page', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let vocabularyRequests: string[];
  beforeEach(async () => {
    context = await site.browser.newContext({ serviceWorkers: 'block' });
    page = await context.newPage();
    errors = watchErrors(page);
    vocabularyRequests = [];
    page.on('request', (request) => {
      if (request.url().includes('/pagefind/vocabulary/')) vocabularyRequests.push(request.url());
    });
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await context.close();
  });

  it('corrects a misspelled word to the site’s own and says so, and searches the words as typed on request', async () => {
    const links = await searchFor(page, 'magnesum migraine');
    expect(links[0]).toBe('/questions/magnesium-for-migraine-prevention/');
    await expect.poll(() => page.locator('#search-correction').textContent()).toBe('Showing results for magnesium migraine · Search instead for magnesum migraine');
    expect(await page.locator('#search-status').textContent()).toMatch(/results? for “magnesium migraine”/);
    expect(vocabularyRequests).toHaveLength(1);

    await page.locator('#search-correction a').click();
    await expect.poll(() => page.locator('#search-correction').textContent()).toBe('No page has: magnesum');
    expect(new URL(page.url()).searchParams.get('verbatim')).toBe('1');
  });

  it('never loads the vocabulary when the index holds every word', async () => {
    const links = await searchFor(page, 'forehead botox');
    expect(links[0]).toBe('/questions/how-long-does-forehead-botox-last/');
    expect(vocabularyRequests).toEqual([]);
    expect(await page.locator('#search-correction').textContent()).toBe('');
  });

  it('finds a natural question that no page holds every word of', async () => {
    const links = await searchFor(page, 'how many weeks does the botox in my forehead usually last');
    expect(links.slice(0, 3)).toContain('/questions/how-long-does-forehead-botox-last/');
  });

  it('finds a lay word through synonyms.yaml', async () => {
    const links = await searchFor(page, 'pins and needles in my hands');
    expect(links[0]).toBe('/questions/tingling-hands-at-night/');
  });

  it('finds the questions an expert answered by name and city', async () => {
    const links = await searchFor(page, 'Marsh Portland aura');
    expect(links.slice(0, 3)).toContain('/questions/visual-aura-without-headache/');
  });

  it('shows which words a result lacks', async () => {
    await searchFor(page, 'botox knee');
    const missing = await page.locator('#search-results > li .search-missing').allTextContents();
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((text) => /^Missing: (botox|knee)$/.test(text))).toBe(true);
  });

  it('fills the filters’ counts on a deep link with a filter set, and puts values with no result last', async () => {
    await page.goto(`${site.url}/search/?q=migraine&f.topic=Neurology`);
    await page.waitForSelector('form[data-settled]');
    const counts = page.locator('#search-filters .filter-count');
    await expect.poll(() => counts.count()).toBeGreaterThan(0);
    await expect.poll(async () => (await counts.allTextContents()).every((text) => /^\(\d+\)$/.test(text))).toBe(true);
    const topics = await page.locator('#search-filters fieldset').first().locator('.filter-option').evaluateAll((options) => options.map((o) => (o as HTMLElement).dataset.empty));
    expect(topics.indexOf('true') === -1 || topics.slice(topics.indexOf('true')).every((empty) => empty === 'true')).toBe(true);
  });
});

describe('the search page offline', () => {
  it('corrects a misspelled word never searched before with the connection cut, after a first visit', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.url}/search/?q=sleep`);
    await page.waitForSelector('form[data-settled]');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await context.setOffline(true);
    const links = await searchFor(page, 'melatonn jet lag');
    expect(links[0]).toBe('/questions/melatonin-for-jet-lag/');
    expect(await page.locator('#search-correction').textContent()).toContain('melatonin');
    expect(errors).toEqual([]);
    await context.close();
  });
});
