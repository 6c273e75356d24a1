import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { launch, serveSite, watchErrors, type RunningServer } from '../helpers/browser.js';
import { cleanup, copyData, fixturesDir, tempDir } from '../helpers/site.js';

let root: string;
let dataDir: string;
let outDir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  root = await tempDir();
  dataDir = await copyData(join(fixturesDir, 'search'), root);
  outDir = join(root, 'out');
  await build({ dataDir, outDir });
  server = await serveSite({ root: outDir });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup(root);
});

/** Opens `path` and waits until the service worker controls the page and has precached. */
async function firstVisit(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + path);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
    .toBe(true);
  return page;
}

async function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}

describe('offline', () => {
  it('reads a visited question and the home page, searches, and shows its own page for unvisited ones, with the connection cut', async () => {
    const context = await browser.newContext();
    const page = await firstVisit(context, '/questions/itchy-rash-after-hiking/');
    const errors = watchErrors(page);
    await context.setOffline(true);

    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('Why did I get an itchy rash after hiking?');
    await page.goto(`${server.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Search Fixture Clinic');

    await page.goto(`${server.url}/search/?q=apnoea`);
    await expect.poll(() => page.locator('#search-results > li h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/questions/morning-headache-and-snoring/']);

    await page.goto(`${server.url}/experts/hiro-tanabe/`);
    expect(await page.locator('h1').textContent()).toBe('This page is not saved on this device');
    await expect.poll(() => page.locator('#connection').textContent()).toBe('You are offline: pages you saved, and search, still work.');
    await context.setOffline(false);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('You are online: reload the page to read it.');
    await context.setOffline(true);
    await expect.poll(() => page.locator('#saved-pages a', { hasText: 'Why did I get an itchy rash after hiking?' }).count()).toBe(1);
    expect(await page.locator('main form[role=search] input[name=q]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves every page with the "Make available offline" control, showing the size first', async () => {
    const context = await browser.newContext();
    const page = await firstVisit(context, '/');
    await page.reload();
    const button = page.locator('.save-offline [data-save]');
    await expect.poll(() => button.textContent()).toMatch(/^Make available offline \(\d+(\.\d)? (kB|MB)\)$/);
    await button.click();
    await expect.poll(() => page.locator('.save-offline [data-status]').textContent(), { timeout: 30_000 }).toBe('Every page and the search are saved on this device.');
    const files = (await (await fetch(`${server.url}/offline/files.json`)).json()) as { files: [string, number][] };
    const pages = files.files.map(([url]) => url).filter((url) => url.endsWith('/'));
    expect(pages.length).toBeGreaterThan(10);
    await context.setOffline(true);
    for (const path of pages.filter((p) => p !== '/offline/')) {
      await page.goto(server.url + path);
      expect(await page.locator('h1').textContent(), path).not.toBe('This page is not saved on this device');
    }
    await context.close();
  });

  it('pauses saving when the connection drops and resumes by itself when it returns', async () => {
    const context = await browser.newContext();
    const page = await firstVisit(context, '/');
    await page.reload();
    const button = page.locator('.save-offline [data-save]');
    await expect.poll(() => button.textContent()).toMatch(/^Make available offline/);
    await context.setOffline(true);
    await button.click();
    const status = page.locator('.save-offline [data-status]');
    await expect.poll(() => status.textContent()).toBe('Connection lost: saving will resume when you are back online.');
    await context.setOffline(false);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toBe('Every page and the search are saved on this device.');
    await context.close();
  });

  it('registers the service worker on the search page only once the first results are on screen and 3 s have passed with nothing typed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // The results' fragments come late: until they do, the page has loaded but shows nothing.
    await page.route('**/pagefind/fragment/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await route.continue();
    });
    await page.goto(`${server.url}/search/?q=apnoea`, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    expect(await page.locator('#search-results > li').count()).toBe(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined)).toBe(true);

    await page.locator('#search-results > li').first().waitFor();
    // A first search costs the reader nothing more: no worker, no precache, a second after its results.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined)).toBe(true);
    expect(requested.filter((path) => path === '/sw.js' || path === '/offline/')).toEqual([]);
    await page.evaluate(() => navigator.serviceWorker.ready);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('updates to a new build after the reader accepts, and drops the old caches', async () => {
    const context = await browser.newContext();
    const page = await firstVisit(context, '/questions/morning-headache-and-snoring/');
    const before = await cacheNames(page);
    expect(before.some((name) => name.startsWith('answerpress-precache-'))).toBe(true);

    await appendFile(
      join(dataDir, 'questions', 'morning-headache-and-snoring.yaml'),
      '  - author: greta-lindholm\n    date: 2025-05-22\n    title: A newly added answer\n    body: Nasal allergies can make snoring worse.\n',
    );
    await build({ dataDir, outDir });

    await page.reload();
    expect(await page.locator('.answer-title', { hasText: 'A newly added answer' }).count()).toBe(1);
    const notice = page.locator('.notice');
    await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toContain('New answers are available.');
    await Promise.all([page.waitForEvent('load', { timeout: 15_000 }), notice.locator('button', { hasText: 'Reload' }).click()]);
    await expect
      .poll(async () => {
        const names = await cacheNames(page);
        return names.some((name) => before.includes(name));
      }, { timeout: 15_000 })
      .toBe(false);
    const after = await cacheNames(page);
    expect(after.some((name) => name.startsWith('answerpress-precache-'))).toBe(true);

    // What was read under the old version is still readable offline under the new one.
    await context.setOffline(true);
    await page.goto(`${server.url}/questions/morning-headache-and-snoring/`);
    expect(await page.locator('.answer-title', { hasText: 'A newly added answer' }).count()).toBe(1);
    await context.close();
  });
});
