import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeBundles } from '../../src/search/merge/mergeBundles.js';
import { launch, pagefindScript, serveSite, watchErrors, type RunningServer } from '../helpers/browser.js';
import { buildSite, cleanup, demoData } from '../helpers/site.js';

// The demo site's search shards merged twice: as the build merged them, where no word is large
// enough to be capped, and with a budget of one byte, where every word keeps one location a page.
let root = '';
let browser: Browser;
let full: RunningServer;
let capped: RunningServer;

beforeAll(async () => {
  const built = await buildSite(demoData, { pagesPerShard: 8 });
  root = built.root;
  const cappedOut = join(root, 'capped');
  await cp(built.outDir, cappedOut, { recursive: true });
  const cache = join(root, 'cache');
  const manifest = (await readdir(cache)).find((name) => name.startsWith('manifest-')) as string;
  const { shards } = JSON.parse(await readFile(join(cache, manifest), 'utf8')) as { shards: string[] };
  await mergeBundles(
    shards.map((key) => join(cache, 'search-shards', key)),
    join(cappedOut, 'pagefind'),
    undefined,
    { wordBytes: 1 },
  );
  [full, capped] = await Promise.all([serveSite({ root: built.outDir }), serveSite({ root: cappedOut })]);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([full?.close(), capped?.close()]);
  await cleanup(root);
});

interface Found {
  url: string;
  score: number;
  /** The word's weight on the page, summed over its locations, in Pagefind's units (24 to a word of text). */
  weight: number;
  locations: number;
}

/** Every result of a query, through Pagefind's own JS API in a page of the site. */
async function search(server: RunningServer, term: string): Promise<Found[]> {
  const page: Page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  const found = (await page.evaluate(
    pagefindScript(`
      const response = await pagefind.search(${JSON.stringify(term)});
      return Promise.all(response.results.map(async (result) => {
        const data = await result.data();
        const weight = data.weighted_locations.reduce((sum, location) => sum + location.weight * 24, 0);
        return { url: data.url, score: result.score, weight, locations: data.locations.length };
      }));
    `),
  )) as Found[];
  expect(errors).toEqual([]);
  await page.close();
  return found;
}

const byUrl = (found: readonly Found[]) => new Map(found.map((result) => [result.url, result]));

describe('a search over capped words', () => {
  it('finds the same pages for words on most pages, alone and with others, with fewer locations', async () => {
    for (const term of ['the', 'and', 'migraine', 'the dose', 'pain and sleep', 'what is the']) {
      const [before, after] = await Promise.all([search(full, term), search(capped, term)]);
      expect(before.length, term).toBeGreaterThan(0);
      expect(after.map((result) => result.url).sort(), term).toEqual(before.map((result) => result.url).sort());
      const earlier = byUrl(before);
      for (const result of after) expect(result.locations, `${term} on ${result.url}`).toBeLessThanOrEqual(earlier.get(result.url)?.locations as number);
      const count = (found: readonly Found[]) => found.reduce((sum, result) => sum + result.locations, 0);
      expect(count(after), term).toBeLessThan(count(before));
    }
  });

  it('scores a page as the full index does wherever its word’s weight fits one location, and no higher where it does not', async () => {
    // Words that no other word of the demo's index begins with: a query also matches the words
    // it begins, and two of those at one position are scored together, which no cap keeps.
    for (const term of ['and', 'your', 'week', 'that']) {
      const after = byUrl(await search(capped, term));
      let fitting = 0;
      for (const result of await search(full, term)) {
        const score = after.get(result.url)?.score as number;
        if (result.weight <= 255) {
          // Pages where the word stands more than once are those whose weight was moved.
          if (result.locations > 1) fitting += 1;
          expect(score, `${term} on ${result.url}`).toBeCloseTo(result.score, 4);
        } else {
          expect(score, `${term} on ${result.url}`).toBeLessThan(result.score);
        }
      }
      expect(fitting, term).toBeGreaterThan(0);
    }
  });
});
