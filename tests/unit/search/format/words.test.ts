import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPages } from '../../../../src/search/index/indexPages.js';
import { decodeFile } from '../../../../src/search/format/pagefindFormat.js';
import { decodeChunk, encodeChunk, type WordEntry } from '../../../../src/search/format/words.js';
import { decodeCbor } from '../../../helpers/pagefindBundle.js';
import { cleanup, tempDir } from '../../../helpers/site.js';

describe('the index chunk layout', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => cleanup(dir));

  const words: WordEntry[] = [
    { word: 'cafe', postings: [{ pageDelta: 0, locations: [-26, 3, 4], metaLocations: [] }, { pageDelta: 2, locations: [7], metaLocations: [-1, 0] }], variants: [{ form: 'café', postings: [{ pageDelta: 2, locations: [7], metaLocations: [] }] }] },
    { word: 'rose', postings: [{ pageDelta: 1, locations: [-8, 12], metaLocations: [] }], variants: [] },
  ];

  it('reads back what it writes, as a generic CBOR reader sees it', () => {
    const item = encodeChunk(words);
    expect(decodeChunk(item)).toEqual(words);
    expect(decodeCbor(item)).toEqual([
      [
        ['cafe', [[0, [-26, 3, 4], []], [2, [7], [-1, 0]]], [['café', [[2, [7], []]]]]],
        ['rose', [[1, [-8, 12], []]], []],
      ],
    ]);
  });

  it('describes the chunks this package’s indexer writes, byte for byte', async () => {
    const html = (title: string, body: string) => `<!DOCTYPE html><html lang="en"><body data-pagefind-body><h1>${title}</h1><p>${body}</p></body></html>`;
    await indexPages(
      [
        { url: '/a/', html: html('Pruning roses', 'Prune roses in late winter; a café answer.') },
        { url: '/b/', html: html('Watering', 'Water succulents rarely, roses often.') },
      ],
      join(dir, 'bundle'),
      'en',
    );
    const names = await readdir(join(dir, 'bundle', 'index'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const file = join(dir, 'bundle', 'index', name);
      const item = await decodeFile(await readFile(file), file);
      expect(encodeChunk(decodeChunk(item)).equals(item), name).toBe(true);
    }
  });
});
