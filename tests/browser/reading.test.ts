import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { watchErrors } from '../helpers/browser.js';
import { useBuiltSite } from '../helpers/builtSite.js';
import { demoData } from '../helpers/site.js';

const site = useBuiltSite(demoData);
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One page of each kind the site builds. */
const PAGE_TYPES = [
  ['home', '/'],
  ['question with ten answers', '/questions/botox-dose-for-chronic-migraine/'],
  ['question without answers', '/questions/intermittent-fasting-and-sleep/'],
  ['all questions', '/questions/'],
  ['experts directory', '/experts/'],
  ['expert profile', '/experts/dr-elena-marsh/'],
  ['expert without rating', '/experts/jordan-pike/'],
  ['topics index', '/topics/'],
  ['topic', '/topics/neurology/'],
  ['search with a query', '/search/?q=migraine'],
  ['not found', '/404.html'],
  ['offline', '/offline/'],
] as const;

describe('reading', () => {
  it.each(PAGE_TYPES)('has no axe violations on the %s page, light and dark', async (_name, path) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await site.browser.newPage({ colorScheme });
      const errors = watchErrors(page);
      await page.goto(site.url + path);
      if (path.startsWith('/search/')) await page.locator('#search-results a').first().waitFor();
      await page.addScriptTag({ content: await axeSource });
      const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
      expect(violations, `${path} (${colorScheme})`).toEqual([]);
      expect(errors, `${path} (${colorScheme})`).toEqual([]);
      await page.close();
    }
  });

  it.each(PAGE_TYPES)('fits a 320 px wide screen without horizontal scrolling on the %s page', async (_name, path) => {
    const page = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(site.url + path);
    if (path.startsWith('/search/')) await page.locator('#search-results a').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.close();
  });

  it('shows every answer, its expert card and the disclaimer with JavaScript turned off', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/questions/botox-dose-for-chronic-migraine/`);
    expect(await page.locator('h2', { hasText: '10 expert answers' }).count()).toBe(1);
    expect(await page.locator('article.answer').count()).toBe(10);
    expect(await page.locator('.answer .rating-text').first().textContent()).toMatch(/^\d\.\d out of 5 stars, \d+ reviews?$/);
    expect(await page.locator('.disclaimer').isVisible()).toBe(true);
    await context.close();
  });

  it('answers an unknown address with status 404 and the site’s own page', async () => {
    const page = await site.browser.newPage();
    const response = await page.goto(`${site.url}/no/such/page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    await page.close();
  });

  it('moves focus to the main content with the skip link, the first stop of the keyboard', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/questions/botox-dose-for-chronic-migraine/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('hides the rating stars from assistive technology and gives the rating as text', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/questions/botox-dose-for-chronic-migraine/`);
    const snapshot = await page.locator('article.answer').first().ariaSnapshot();
    expect(snapshot).not.toContain('★');
    expect(snapshot).toMatch(/out of 5 stars, \d+ reviews/);
    await page.close();
  });
});
