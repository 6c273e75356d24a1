import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pagefindScript, watchErrors } from '../helpers/browser.js';
import { useBuiltSite } from '../helpers/builtSite.js';
import { fixturesDir } from '../helpers/site.js';

// Three pages per shard: the index is built in several shards and merged into one bundle.
const site = useBuiltSite(join(fixturesDir, 'search'), { pagesPerShard: 3 });

interface SubResult {
  url: string;
  title: string;
  excerpt: string;
}
interface ResultData {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  excerpt: string;
  sub_results: SubResult[];
}

/** Runs a query through Pagefind's own JS API in the page and returns every result's data. */
async function search(page: Page, term: string | null, options: Record<string, unknown> = {}): Promise<ResultData[]> {
  return page.evaluate(pagefindScript(`
    const response = await pagefind.search(${JSON.stringify(term)}, ${JSON.stringify(options)});
    return Promise.all(response.results.map((result) => result.data()));
  `)) as Promise<ResultData[]>;
}

describe('search', () => {
  let page: Page;
  let errors: string[];
  beforeEach(async () => {
    page = await site.browser.newPage();
    errors = watchErrors(page);
    await page.goto(`${site.url}/`);
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finds a word deep inside the seventh answer, with a sub-result at that answer’s anchor', async () => {
    const results = await search(page, 'quillwort');
    expect(results.map((r) => r.url)).toEqual(['/questions/itchy-rash-after-hiking/']);
    const sub = results[0]?.sub_results.find((s) => s.excerpt.includes('<mark>quillwort</mark>'));
    expect(sub?.url).toBe('/questions/itchy-rash-after-hiking/#answer-greta-lindholm');
    expect(sub?.title).toBe('When to see someone');
  });

  it('ranks a question whose title matches above one that only mentions the word in an answer', async () => {
    const results = await search(page, 'snoring');
    expect(results.map((r) => r.url)).toEqual(['/questions/morning-headache-and-snoring/', '/questions/itchy-rash-after-hiking/']);
  });

  it('exposes topic, specialty, location and type filters, each of which narrows the results', async () => {
    const filters = (await page.evaluate(pagefindScript('return pagefind.filters();'))) as Record<string, Record<string, number>>;
    expect(Object.keys(filters).sort()).toEqual(['location', 'specialty', 'topic', 'type']);
    expect(filters.specialty).toMatchObject({ Dermatologist: 5, Neurologist: 4, Allergist: 2 });
    const all = await search(page, 'rash');
    expect(all.map((r) => r.url)).toContain('/questions/itchy-rash-after-hiking/');
    expect((await search(page, 'rash', { filters: { specialty: 'Allergist' } })).map((r) => r.url)).toEqual(['/questions/itchy-rash-after-hiking/']);
    expect(await search(page, 'rash', { filters: { topic: 'Headaches' } })).toEqual([]);
    expect((await search(page, 'headache', { filters: { topic: 'Headaches' } })).length).toBeGreaterThan(0);
    expect((await search(page, 'rash', { filters: { location: 'Uppsala County' } })).map((r) => r.url)).toEqual(['/questions/itchy-rash-after-hiking/']);
    expect(await search(page, null, { filters: { specialty: 'Allergist', topic: 'Headaches' } })).toEqual([]);
    const experts = await search(page, null, { filters: { type: 'expert' } });
    expect(experts).toHaveLength(8);
    expect(experts.every((r) => r.url.startsWith('/experts/'))).toBe(true);
  });

  it('serves one bundle made from several shards', async () => {
    const fragments = await readdir(join(site.outDir, 'pagefind', 'fragment'));
    expect(fragments.length).toBeGreaterThan(1);
    expect((await readdir(join(site.outDir, 'pagefind'))).filter((name) => name.endsWith('.pf_meta'))).toHaveLength(1);
    const all = await search(page, null, { filters: { type: 'question' } });
    expect(all.map((r) => r.url).sort()).toEqual(['/questions/itchy-rash-after-hiking/', '/questions/migraine-botox-japanese/', '/questions/morning-headache-and-snoring/']);
  });

  it('carries title, answer count and date as meta', async () => {
    const [result] = await search(page, 'quillwort');
    expect(result?.meta).toMatchObject({ title: 'Why did I get an itchy rash after hiking?', answers: '8 expert answers', date: '2025-06-01' });
  });

  it('finds an expert by surname', async () => {
    const results = await search(page, 'Lindholm');
    expect(results[0]?.url).toBe('/experts/greta-lindholm/');
  });

  it('finds the Japanese question with a Japanese query', async () => {
    for (const term of ['ボトックス', '片頭痛', '東京', '東京の病院', '片頭痛にボトックス注射は効きますか']) {
      const results = await search(page, term);
      expect(results.map((r) => r.url), term).toContain('/questions/migraine-botox-japanese/');
    }
  });

  it('submits the header search form to /search/?q= and shows the results there', async () => {
    await page.fill('#header-search', 'quillwort');
    await page.press('#header-search', 'Enter');
    await page.waitForURL(/\/search\/\?q=quillwort$/);
    await expect.poll(() => resultLinks(page)).toEqual(['/questions/itchy-rash-after-hiking/']);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('1 result for “quillwort”');
  });

  it('shows each result’s title, answer count and date, and up to three answers that match, each at its anchor', async () => {
    await page.goto(`${site.url}/search/?q=quillwort`);
    const result = page.locator('#search-results > li').first();
    await expect.poll(() => result.locator('h2').textContent()).toBe('Why did I get an itchy rash after hiking?');
    expect(await result.locator('.search-result-meta').textContent()).toMatch(/^8 expert answers · .*2025/);
    const sub = result.locator('.search-subresults a', { hasText: 'When to see someone' });
    expect(await sub.getAttribute('href')).toBe('/questions/itchy-rash-after-hiking/#answer-greta-lindholm');
    expect(await result.locator('.search-subresults li').filter({ hasText: 'When to see someone' }).locator('mark').allTextContents()).toEqual(['quillwort']);
    expect(await result.locator('.search-subresults > li').count()).toBeLessThanOrEqual(3);
  });

  it('runs a /search/?q= deep link on load and keeps the address in step with typing', async () => {
    await page.goto(`${site.url}/search/?q=blistering`);
    await expect.poll(() => resultLinks(page)).toContain('/questions/itchy-rash-after-hiking/');
    const input = page.locator('#search-input');
    expect(await input.inputValue()).toBe('blistering');
    await input.fill('apnoea');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('apnoea');
    await expect.poll(() => resultLinks(page)).toEqual(['/questions/morning-headache-and-snoring/']);
    await input.fill('zzqqxxnothing');
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('No results for “zzqqxxnothing”');
    expect(await resultLinks(page)).toEqual([]);
  });

  it('shows five results at a time; “Show more results” adds the rest and moves the focus to the first added', async () => {
    await page.goto(`${site.url}/search/?f.type=expert`);
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(5);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('Pages matching the filters: 8');
    const more = page.locator('#search-more');
    await more.click();
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(8);
    expect(await more.isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.matches('#search-results > li:nth-child(6)'))).toBe(true);
  });

  it('loads the filters only when the reader opens them, and narrows the results and the address by the one ticked', async () => {
    const filterFiles: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.pf_filter')) filterFiles.push(request.url());
    });
    await page.goto(`${site.url}/search/?q=rash`);
    await expect.poll(() => resultLinks(page)).toContain('/questions/itchy-rash-after-hiking/');
    expect(filterFiles).toEqual([]);
    await page.locator('#search-filters summary').click();
    // Counted among the results for “rash” (1), not over the whole site (2).
    await expect.poll(() => page.locator('label.filter-option', { hasText: 'Allergist' }).textContent()).toBe('Allergist\u00a0(1)');
    const allergist = page.getByRole('group', { name: 'Specialty' }).getByRole('checkbox', { name: /^Allergist/ });
    await allergist.check();
    expect(filterFiles.length).toBeGreaterThan(0);
    await expect.poll(() => new URL(page.url()).searchParams.getAll('f.specialty')).toEqual(['Allergist']);
    await expect.poll(() => resultLinks(page)).toEqual(['/questions/itchy-rash-after-hiking/']);
    expect(await page.getByRole('group', { name: 'Page type' }).getByRole('checkbox', { name: /^Experts/ }).count()).toBe(1);
  });

  it('opens a deep link’s filters with their boxes ticked', async () => {
    await page.goto(`${site.url}/search/?q=rash&f.topic=Headaches`);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('No results for “rash”');
    expect(await page.locator('#search-filters').getAttribute('open')).not.toBeNull();
    await expect.poll(() => page.getByRole('checkbox', { name: /^Headaches/ }).isChecked()).toBe(true);
  });

  it('is usable by keyboard: type, arrow down to a result, Enter opens it', async () => {
    await page.goto(`${site.url}/search/`);
    const input = page.locator('#search-input');
    await input.focus();
    await page.keyboard.type('apnoea');
    const first = page.locator('#search-results a').first();
    await first.waitFor();
    const href = (await first.getAttribute('href')) as string;
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(href);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === href);
  });
});

/** The links of the results shown, in order (not their answers'). */
function resultLinks(page: Page): Promise<(string | null)[]> {
  return page.locator('#search-results > li > h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}
