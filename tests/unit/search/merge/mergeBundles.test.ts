import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentFolder, fragmentPath, installFragments, type FolderTable } from '../../../../src/search/format/fragments.js';
import { chunkLocations, mergeBundles } from '../../../../src/search/merge/mergeBundles.js';
import { readShardMeta } from '../../../../src/search/merge/readShard.js';
import { decodeFile, PAGEFIND_VERSION } from '../../../../src/search/format/pagefindFormat.js';
import { decodeCbor as decode } from '../../../helpers/pagefindBundle.js';
import { cleanup, tempDir } from '../../../helpers/site.js';

interface Readable {
  words: Map<string, string[]>;
  filters: Map<string, string[]>;
  pages: number;
  chunks: [string, string, string][];
  wordCounts: number[];
  indexFolder: string | undefined;
}

/** A bundle as a search sees it: each word's pages (by URL) and locations, and each filter's pages. */
async function readBundle(dir: string): Promise<Readable> {
  const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; page_count: number }>; fragment_folders: FolderTable; index_folder?: string };
  const [info] = Object.values(entry.languages) as [{ hash: string; page_count: number }];
  const meta = decode(await decodeFile(await readFile(join(dir, `pagefind.${info.hash}.pf_meta`)), 'meta')) as unknown[];
  const pages = meta[1] as [string, number, string][];
  const urls = await Promise.all(
    pages.map(async ([name]) => {
      const file = join(dir, 'fragment', `${fragmentPath(entry.fragment_folders, name)}.pf_fragment`);
      return (JSON.parse((await decodeFile(await readFile(file), name)).toString()) as { url: string }).url;
    }),
  );
  const words = new Map<string, string[]>();
  const chunks = meta[2] as [string, string, string][];
  for (const [, , hash] of chunks) {
    type Postings = [number, number[], number[]][];
    const [list] = decode(await decodeFile(await readFile(join(dir, 'index', entry.index_folder ?? '', `${hash}.pf_index`)), hash)) as [[string, Postings, [string, Postings][]][]];
    const pagesOf = (postings: Postings) => {
      let page = 0;
      return postings
        .map(([delta, locs, metaLocs]) => {
          expect(delta, 'pages in order').toBeGreaterThanOrEqual(page === 0 ? 0 : 1);
          return `${urls[(page += delta)]} ${JSON.stringify(locs)} ${JSON.stringify(metaLocs)}`;
        })
        .sort();
    };
    for (const [word, postings, variants] of list) {
      expect(words.has(word), `${word} is in one chunk`).toBe(false);
      words.set(word, pagesOf(postings));
      for (const [variant, found] of variants) words.set(`${word} as ${variant}`, pagesOf(found));
    }
  }
  const filters = new Map<string, string[]>();
  for (const [name, hash] of meta[3] as [string, string][]) {
    const [, values] = decode(await decodeFile(await readFile(join(dir, 'filter', `${hash}.pf_filter`)), hash)) as [string, [string, number[]][]];
    for (const [value, pageNumbers] of values) {
      expect(pageNumbers, 'pages in order').toEqual([...pageNumbers].sort((a, b) => a - b));
      filters.set(`${name}:${value}`, pageNumbers.map((n) => urls[n] as string).sort());
    }
  }
  return { words, filters, pages: info.page_count, chunks, wordCounts: pages.map(([, count]) => count), indexFolder: entry.index_folder };
}

function page(n: number): { url: string; content: string } {
  const topic = ['Sleep', 'Skin', 'Headaches'][n % 3] as string;
  // Words with diacritics are indexed without them too, with the written form as a variant.
  const words = ['migraine', 'café', 'naïve', 'östrogen', 'botox', 'snoring', 'rash', 'dose', '東京', 'señal', 'cafe', 'إجابة'];
  // Lengths out of the order of the pages, which the merge lists by length.
  const body = Array.from({ length: 40 + ((n * 4) % 9) * 12 }, (_, i) => words[(i * (n + 3)) % words.length]).join(' ');
  return {
    url: `/questions/q-${n}/`,
    content: `<html lang="en"><body><main data-pagefind-body data-pagefind-filter="type:question">
<h1 data-pagefind-meta="title" data-pagefind-weight="10">Question ${n} about ${topic.toLowerCase()}</h1>
<a href="/topics/${topic}/" data-pagefind-filter="topic">${topic}</a>
<article id="answer-${n}" data-pagefind-title="Answer ${n}"><h3 data-pagefind-weight="6">Answer headline ${n}</h3><p>${body} word${n}</p></article>
</main></body></html>`,
  };
}

async function writeBundle(dir: string, pages: { url: string; content: string }[]): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error('no index');
  for (const p of pages) {
    const added = await index.addHTMLFile(p);
    expect(added.errors).toEqual([]);
  }
  expect((await index.writeFiles({ outputPath: dir })).errors).toEqual([]);
}

describe('mergeBundles', () => {
  let root: string;
  const pages = Array.from({ length: 9 }, (_, n) => page(n));
  const parts = [pages.slice(0, 4), pages.slice(4, 6), pages.slice(6)];

  beforeAll(async () => {
    root = await tempDir();
    await writeBundle(join(root, 'single'), pages);
    for (const [i, part] of parts.entries()) await writeBundle(join(root, `shard-${i}`), part);
    // As the build installs them: each shard's fragments in the site's bundle, in its folder.
    for (const i of parts.keys()) {
      const shard = join(root, `shard-${i}`);
      await installFragments(shard, join(root, 'merged'), fragmentFolder(i, `shard-${i}`), (await readShardMeta(shard, i)).pages);
    }
  }, 60_000);
  afterAll(async () => {
    await pagefind.close();
    await cleanup(root);
  });

  it('makes one bundle that finds every word on the same pages, at the same locations, as one bundle of all pages', async () => {
    const result = await mergeBundles(
      parts.map((_, i) => join(root, `shard-${i}`)),
      join(root, 'merged'),
    );
    expect(result.pages).toBe(9);
    const merged = await readBundle(join(root, 'merged'));
    const single = await readBundle(join(root, 'single'));
    expect(merged.pages).toBe(9);
    expect(merged.words.size).toBeGreaterThan(20);
    expect([...merged.words.keys()].filter((word) => word.includes(' as '))).not.toEqual([]);
    expect([...merged.words.keys()].sort()).toEqual([...single.words.keys()].sort());
    for (const [word, found] of single.words) expect(merged.words.get(word), word).toEqual(found);
    expect(merged.filters).toEqual(single.filters);
    expect(merged.filters.get('topic:Sleep')).toEqual(['/questions/q-0/', '/questions/q-3/', '/questions/q-6/']);
  });

  it('lists each shard’s pages shortest first, where Pagefind listed them in the order they were added', async () => {
    const merged = await readBundle(join(root, 'merged'));
    const shards = [merged.wordCounts.slice(0, 4), merged.wordCounts.slice(4, 6), merged.wordCounts.slice(6)];
    for (const counts of shards) expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const added = (await readShardMeta(join(root, 'shard-0'), 0)).pages.map((page) => page.wordCount);
    expect(added).not.toEqual([...added].sort((a, b) => a - b));
  });

  it('names chunks by position in a folder named by their content, keeps a chunk whose bytes did not change, and leaves nothing else in index/', async () => {
    const target = join(root, 'merged-again');
    await cp(join(root, 'merged'), target, { recursive: true });
    const shards = parts.map((_, i) => join(root, `shard-${i}`));
    const { indexFolder: folder, chunks } = await readBundle(target);
    expect(folder).toMatch(/^[0-9a-f]{10}$/);
    expect(chunks.map(([, , name]) => name)).toEqual(chunks.map((_, i) => i.toString(36).padStart(2, '0')));
    const names = await readdir(join(target, 'index', folder as string));
    const stamp = join(target, 'index', folder as string, names[0] as string);
    const { ino } = await stat(stamp);
    await writeFile(join(target, 'index', 'en_stale00.pf_index'), 'left over');
    await mkdir(join(target, 'index', '0123456789'));
    // Compared byte by byte, then known by its hash from the merge before.
    const result = await mergeBundles(shards, target);
    expect(Object.keys(result.chunks)).toEqual(names.map((name) => `${folder}/${name.replace('.pf_index', '')}`));
    await mergeBundles(shards, target, new Map(Object.entries(result.chunks)));
    expect(await readdir(join(target, 'index'))).toEqual([folder]);
    expect((await readdir(join(target, 'index', folder as string))).sort()).toEqual(names.sort());
    expect((await stat(stamp)).ino).toBe(ino);
    // The metadata, unchanged, is kept as it was rather than compressed again.
    const metaOf = async () => (await readdir(target)).filter((name) => name.endsWith('.pf_meta'));
    const [meta] = await metaOf();
    const metaIno = (await stat(join(target, meta as string))).ino;
    await mergeBundles(shards, target, new Map(Object.entries(result.chunks)));
    expect(await metaOf()).toEqual([meta]);
    expect((await stat(join(target, meta as string))).ino).toBe(metaIno);
    // Another shard's postings: another folder, the old one gone, and another metadata file.
    await mergeBundles(shards.slice(0, 2), target);
    const changed = (await readBundle(target)).indexFolder as string;
    expect(changed).not.toBe(folder);
    expect(await readdir(join(target, 'index'))).toEqual([changed]);
    expect((await metaOf()).length).toBe(1);
    expect(await metaOf()).not.toEqual([meta]);
  });

  it('names each page by its position in the site, maps positions to shard folders in the entry, and removes the folders of shards no longer merged', async () => {
    const target = join(root, 'merged');
    await mkdir(join(target, 'fragment', '1-0ldc0ntent'), { recursive: true });
    await mergeBundles(
      parts.map((_, i) => join(root, `shard-${i}`)),
      target,
    );
    const entry = JSON.parse(await readFile(join(target, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }>; fragment_folders: FolderTable };
    const [info] = Object.values(entry.languages) as [{ hash: string }];
    const meta = decode(await decodeFile(await readFile(join(target, `pagefind.${info.hash}.pf_meta`)), 'meta')) as unknown[];
    const names = (meta[1] as [string][]).map(([name]) => name);
    expect(names).toEqual(['00', '01', '02', '03', '04', '05', '06', '07', '08']);
    expect(entry.fragment_folders).toEqual([
      ['0-shard-', 0],
      ['1-shard-', 4],
      ['2-shard-', 6],
    ]);
    expect(names.map((name) => fragmentPath(entry.fragment_folders, name))).toEqual(['0-shard-/00', '0-shard-/01', '0-shard-/02', '0-shard-/03', '1-shard-/00', '1-shard-/01', '2-shard-/00', '2-shard-/01', '2-shard-/02']);
    expect((await readdir(join(target, 'fragment'))).sort()).toEqual(['0-shard-', '1-shard-', '2-shard-']);
  });

  it('gives a word whose locations would overfill a chunk a chunk of its own, not shared with the words before it', async () => {
    const common = Array.from({ length: 30 }, (_, n) => ({
      url: `/common/${n}/`,
      content: `<html lang="en"><body><main data-pagefind-body><h1>Page ${n}</h1><p>alpha${n} beta${n} ${'common '.repeat(100)}zeta${n}</p></main></body></html>`,
    }));
    const dirs = [join(root, 'common-0'), join(root, 'common-1')];
    await writeBundle(dirs[0] as string, common.slice(0, 15));
    await writeBundle(dirs[1] as string, common.slice(15));
    const target = join(root, 'common-merged');
    for (const [i, dir] of dirs.entries()) await installFragments(dir, target, fragmentFolder(i, `common-${i}`), (await readShardMeta(dir, i)).pages);
    await mergeBundles(dirs, target);
    const { chunks, indexFolder } = await readBundle(target);
    const wordsOf = async (hash: string) => {
      const [list] = decode(await decodeFile(await readFile(join(target, 'index', indexFolder as string, `${hash}.pf_index`)), hash)) as [[string][]];
      return list.map(([word]) => word);
    };
    const byChunk = await Promise.all(chunks.map(([, , hash]) => wordsOf(hash)));
    // 30 pages of about 100 words: 3,000 locations of "common" alone, chunks of 2,000.
    expect(byChunk.filter((words) => words.includes('common'))).toEqual([['common']]);
    expect(byChunk.flat()).toEqual(expect.arrayContaining(['alpha0', 'beta29', 'zeta7']));
  });

  it('caps a word on every page, and each of its written forms, to one location a page under a small budget, keeping every page', async () => {
    const frequent = Array.from({ length: 20 }, (_, n) => ({
      url: `/frequent/${n}/`,
      content: `<html lang="en"><body><main data-pagefind-body><h1>Page ${n}</h1><p>${'café cafe '.repeat(10 + n)}unique${n}</p></main></body></html>`,
    }));
    const bundles: Readable[] = [];
    for (const [name, options] of [['full', {}], ['capped', { wordBytes: 1 }]] as const) {
      // Installing a shard moves its fragments: each merge has shards of its own.
      const dirs = [join(root, `frequent-${name}-0`), join(root, `frequent-${name}-1`)];
      await writeBundle(dirs[0] as string, frequent.slice(0, 10));
      await writeBundle(dirs[1] as string, frequent.slice(10));
      const target = join(root, `frequent-${name}`);
      for (const [i, dir] of dirs.entries()) await installFragments(dir, target, fragmentFolder(i, `frequent-${i}`), (await readShardMeta(dir, i)).pages);
      await mergeBundles(dirs, target, undefined, options);
      bundles.push(await readBundle(target));
    }
    const [full, capped] = bundles as [Readable, Readable];
    const pagesOf = (entries: readonly string[]) => entries.map((entry) => entry.split(' ')[0]);
    const locationsOf = (entries: readonly string[]) => entries.map((entry) => (JSON.parse(entry.split(' ')[1] as string) as number[]).filter((value) => value >= 0).length);
    for (const word of ['cafe', 'cafe as café']) {
      const before = full.words.get(word) as string[];
      const after = capped.words.get(word) as string[];
      expect(pagesOf(before), word).toHaveLength(20);
      expect(pagesOf(after), word).toEqual(pagesOf(before));
      expect(Math.min(...locationsOf(before)), word).toBeGreaterThan(1);
      expect(new Set(locationsOf(after)), word).toEqual(new Set([1]));
    }
    // A word on one page, with one location, has nothing to cap.
    expect(capped.words.get('unique3')).toEqual(full.words.get('unique3'));
  });

  it('refuses shards from another Pagefind version, naming the version it knows', async () => {
    const shard = join(root, 'shard-1');
    const entryFile = join(shard, 'pagefind-entry.json');
    const entry = await readFile(entryFile, 'utf8');
    await writeFile(entryFile, entry.replace(`"version":"${PAGEFIND_VERSION}"`, '"version":"9.9.9"'));
    try {
      await expect(mergeBundles([join(root, 'shard-0'), shard], join(root, 'other'))).rejects.toThrow(`shard 1 was written by Pagefind 9.9.9; this answerpress merges only ${PAGEFIND_VERSION}`);
    } finally {
      await writeFile(entryFile, entry);
    }
  });
  it('names the shard and its folder when a stored index cannot be read', async () => {
    const shard = join(root, 'garbled');
    await cp(join(root, 'shard-1'), shard, { recursive: true });
    const chunk = join(shard, 'index', (await readdir(join(shard, 'index')))[0] as string);
    await writeFile(chunk, Buffer.concat([Buffer.from('pagefind_dcd'), Buffer.from([0xff, 0xfe, 0x01])]));
    await expect(mergeBundles([join(root, 'shard-0'), shard], join(root, 'other'))).rejects.toThrow(`search shard 1 in ${shard} cannot be read`);
  });
});

describe('chunkLocations', () => {
  it.each([
    [0, 2000],
    [500_000, 2000],
    [27_260_651, 12_000],
    [272_606_510, 37_000],
  ])('sizes the chunks of a site of %i locations at %i locations', (total, expected) => {
    expect(chunkLocations(total)).toBe(expected);
  });

  it('makes a one-word search load within 0.1 % of the least it could: the chunk list in the metadata against one chunk', () => {
    const total = 27_260_651;
    const cost = (size: number) => (total / size) * 6.7 + size * 1.3;
    const least = Math.min(...Array.from({ length: 20_000 }, (_, i) => cost(5000 + i)));
    expect(cost(chunkLocations(total))).toBeLessThan(least * 1.001);
  });

  it('keeps the size when an edit adds or removes a few answers, so the chunks keep their bounds', () => {
    for (const total of [27_260_651, 272_606_510, 3_000_000]) {
      for (const change of [-5000, -150, 150, 5000]) expect(chunkLocations(total + change), `${total} ${change}`).toBe(chunkLocations(total));
    }
  });
});
