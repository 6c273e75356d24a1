/**
 * This package's indexer against Pagefind 1.6 itself: for the same pages in the same order, the
 * bundle it writes holds what Pagefind's holds, item for item (files are compared decoded, as
 * the two compress them differently): the entry, the metadata with its page and chunk names
 * (content hashes), every word with its pages, locations, weights and variants, every
 * fragment and every filter.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeAnswerpressData } from '../../bench/corpus.js';
import { indexPages, type IndexedPage } from '../../src/search/index/indexPages.js';
import { readBundle } from '../helpers/pagefindBundle.js';
import { buildSite, cleanup, demoData, fixturesDir, tempDir } from '../helpers/site.js';

const dirs: string[] = [];
afterAll(() => cleanup(...dirs));

/** Writes the bundle of `pages` with Pagefind and with this package's indexer; returns both, read back. */
async function bothBundles(pages: readonly IndexedPage[]) {
  const dir = await tempDir();
  dirs.push(dir);
  const created = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!created.index) throw new Error(created.errors.join('; '));
  try {
    for (const page of pages) {
      const added = await created.index.addHTMLFile({ url: page.url, content: page.html });
      expect(added.errors).toEqual([]);
    }
    expect((await created.index.writeFiles({ outputPath: join(dir, 'pagefind') })).errors).toEqual([]);
  } finally {
    await pagefind.close();
  }
  const written = await indexPages(pages, join(dir, 'ours'), 'en');
  return { theirs: await readBundle(join(dir, 'pagefind')), ours: await readBundle(join(dir, 'ours')), written };
}

async function expectSameBundles(pages: readonly IndexedPage[]): Promise<void> {
  const { theirs, ours, written } = await bothBundles(pages);
  expect(ours.entry).toEqual(theirs.entry);
  expect(ours.meta).toEqual(theirs.meta);
  expect([...ours.words.keys()]).toEqual([...theirs.words.keys()]);
  for (const [word, item] of theirs.words) expect(ours.words.get(word), word).toEqual(item);
  expect([...ours.fragments.keys()].sort()).toEqual([...theirs.fragments.keys()].sort());
  for (const [url, json] of theirs.fragments) expect(ours.fragments.get(url), url).toBe(json);
  expect(ours.filters).toEqual(theirs.filters);
  expect(written.pages).toBe(theirs.fragments.size);
}

/** The question and expert pages of a built site, in the order of their paths. */
async function sitePages(outDir: string): Promise<IndexedPage[]> {
  const pages: IndexedPage[] = [];
  for (const section of ['questions', 'experts']) {
    const names = (await readdir(join(outDir, section), { withFileTypes: true })).filter((entry) => entry.isDirectory() && entry.name !== 'page').map((entry) => entry.name);
    for (const name of names.sort()) pages.push({ url: `/${section}/${name}/`, html: await readFile(join(outDir, section, name, 'index.html'), 'utf8') });
  }
  return pages;
}

describe('the indexer writes the bundle Pagefind writes', () => {
  it('for the demo site', async () => {
    const site = await buildSite(demoData);
    dirs.push(site.root);
    await expectSameBundles(await sitePages(site.outDir));
  });

  it('for a generated corpus, its titles marked up and its words drawn from a large vocabulary', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    await writeAnswerpressData(generateCorpus({ questions: 40, seed: 7 }), join(dir, 'data'));
    const site = await buildSite(join(dir, 'data'));
    dirs.push(site.root);
    await expectSameBundles(await sitePages(site.outDir));
  });

  it('for pages written to try every rule: weights, anchors, bodies, ignored parts, meta, filters, sorts, entities, compounds, diacritics and emoji', async () => {
    const folder = join(fixturesDir, 'indexing');
    const names = (await readdir(folder)).filter((name) => name.endsWith('.html')).sort();
    const pages = await Promise.all(names.map(async (name) => ({ url: `/${name.replace(/\.html$/, '')}/`, html: await readFile(join(folder, name), 'utf8') })));
    await expectSameBundles(pages);
  });

  it('for one word a page, each stemmed as Pagefind stems it', async () => {
    const pages = stemmerWords().map((word, i) => ({ url: `/w/${i}/`, html: `<html lang="en"><body><p>${word}</p></body></html>` }));
    await expectSameBundles(pages);
  });
});

/**
 * Words that go through every step of the English stemmer: stems that take suffixes of each
 * step, alone and after one another, beside the exceptions and the prefixes with rules of their own.
 */
function stemmerWords(): string[] {
  const heads = ['', 'y', 'a', 'e', 'o', 'st', 'pr', 'sh', 'w', 'x', 'past', 'inter', 'gener', 'organ', 'univers', 'later', 'emerg', 'commun', 'arsen', 'succ', 'proc', 'exc', 'even', 'cann', 'inn', 'earr', 'herr', 'out', 'ad', 'eb'];
  const middles = ['', 'a', 'e', 'i', 'o', 'u', 'y', 'ay', 'bb', 'dd', 'ff', 'll', 'ss', 'at', 'bl', 'iz', 'w', 'x', 'ic', 'log', 'n', 'r', 't', 'c', 'nt'];
  const tails = ['', 's', 'es', 'ies', 'ied', 'sses', 'us', 'ed', 'eed', 'ing', 'edly', 'eedly', 'ingly', 'y', 'ly', 'li', 'ational', 'tional', 'enci', 'anci', 'izer', 'ization', 'ation', 'ator', 'alism', 'aliti', 'alli', 'fulness', 'ousli', 'ousness', 'iveness', 'iviti', 'biliti', 'bli', 'ogi', 'ogist', 'fulli', 'lessli', 'entli', 'abli', 'alize', 'icate', 'iciti', 'ical', 'ful', 'ness', 'ative', 'al', 'ance', 'ence', 'er', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'sion', 'tion', 'ion', 'e', 'le', 'ying'];
  const exceptions = ['skis', 'skies', 'sky', 'idly', 'gently', 'ugly', 'early', 'only', 'singly', 'andes', 'atlas', 'bias', 'cosmos', 'howe', 'news', 'dying', 'lying', 'tying', 'vying', 'added', 'ebbed', 'erring', 'inning', 'outing', 'canning', 'herring', 'earring', 'evening', 'proceeding', 'exceeded', 'succeeding', 'agreed', 'pasting', 'paste', 'pastime', 'universal', 'university', 'communal', 'generous', 'lateral', 'internal', 'interval', 'geologist'];
  const words = new Set(exceptions);
  // A fixed walk through the combinations: every head, middle and tail appears.
  for (let i = 0; words.size < 1500; i += 1) words.add(`${heads[i % heads.length]}${middles[(i * 7) % middles.length]}${tails[(i * 13) % tails.length]}`.replace(/^$/, 'a'));
  return [...words].filter((word) => word.length > 0);
}
