import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownsShard, ownsSitePages, pagesOfPart, readPart } from '../../../src/output/part.js';
import { cleanup, tempDir } from '../../helpers/site.js';

describe('parts of a build', () => {
  it.each([
    [{ index: 0, count: 3 }, [0, 3, 6]],
    [{ index: 1, count: 3 }, [1, 4, 7]],
    [{ index: 2, count: 3 }, [2, 5]],
    [undefined, [0, 1, 2, 3, 4, 5, 6, 7]],
  ])('runner %o builds shards %o of 8', (slice, shards) => {
    expect(Array.from({ length: 8 }, (_, id) => id).filter((id) => ownsShard(slice, id))).toEqual(shards);
  });

  it('gives the pages of no shard to runner 0 alone, and each shard page to its shard’s runner', () => {
    expect([0, 1, 2].map((index) => ownsSitePages({ index, count: 3 }))).toEqual([true, false, false]);
    const shards = [
      { id: 0, pages: ['questions/a/index.html'] },
      { id: 1, pages: ['questions/b/index.html', 'experts/x/index.html'] },
    ];
    const all = ['index.html', 'questions/a/index.html', 'questions/b/index.html', 'experts/x/index.html'];
    expect(pagesOfPart({ index: 0, count: 2 }, shards, all)).toEqual(['index.html', 'questions/a/index.html']);
    expect(pagesOfPart({ index: 1, count: 2 }, shards, all)).toEqual(['questions/b/index.html', 'experts/x/index.html']);
  });

  describe('readPart', () => {
    let root: string;
    beforeAll(async () => {
      root = await tempDir();
    });
    afterAll(async () => {
      await cleanup(root);
    });

    it('names a folder that is not a part, and a part of another format, with the fix', async () => {
      await expect(readPart(join(root, 'site'))).rejects.toThrow(/site is not a part built with --shard \(no \.answerpress-part\/part\.json\)\. Pass the folders that answerpress build --shard i\/n wrote\./);
      await mkdir(join(root, 'old', '.answerpress-part'), { recursive: true });
      await writeFile(join(root, 'old', '.answerpress-part', 'part.json'), JSON.stringify({ format: 0 }));
      await expect(readPart(join(root, 'old'))).rejects.toThrow(/old was written by another answerpress version \(part format 0\)\. Build every part with the same version\./);
    });
  });
});
