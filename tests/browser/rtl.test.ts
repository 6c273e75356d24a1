/**
 * The Arabic fixture (right to left, under /ar/) in Chromium: the layout mirrors, as the
 * stylesheet's logical properties make it.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, serveSite, type RunningServer } from '../helpers/browser.js';
import { buildSite, cleanup, fixturesDir } from '../helpers/site.js';

let root = '';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const built = await buildSite(join(fixturesDir, 'intl'));
  root = built.root;
  server = await serveSite({ root: built.outDir, basePath: '/ar' });
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup(root);
});

describe('a right-to-left site', () => {
  it('puts the byline\'s avatar on the right of the name and the disclaimer\'s rule on the right edge', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(`${server.url}/ar/questions/waking-at-night/`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    const avatar = await page.locator('.answer .avatar').first().boundingBox();
    const name = await page.locator('.answer .expert-name').first().boundingBox();
    expect(avatar && name && avatar.x > name.x + name.width - 1).toBe(true);
    const rule = await page.locator('.disclaimer').evaluate((el) => {
      const style = getComputedStyle(el);
      return { right: style.borderRightWidth, left: style.borderLeftWidth };
    });
    expect(rule).toEqual({ right: '4px', left: '1px' });
    await page.close();
  });

  it('fills the rating stars from the right', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/ar/questions/waking-at-night/`);
    const right = await page.locator('.answer .stars').first().evaluate((el) => getComputedStyle(el, '::before').right);
    expect(right).toBe('0px');
    await page.close();
  });

  it('fits a 320 px wide screen without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}/ar/questions/waking-at-night/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });
});
