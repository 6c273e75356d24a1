import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, fixturesDir } from '../helpers/site.js';
import { listFiles } from '../../src/output/listFiles.js';

/** What "Make available offline" fetches, on a site whose search index was built in several shards. */
describe('the offline file list of a sharded site', () => {
  let root: string;
  let out: string;

  beforeAll(async () => {
    const result = await buildSite(join(fixturesDir, 'search'), { pagesPerShard: 2 });
    root = result.root;
    out = result.outDir;
    expect(result.work.shards).toBeGreaterThan(2);
  }, 120_000);
  afterAll(() => cleanup(root));

  it('lists every page and all the search data, fragments of every shard included, with their sizes', async () => {
    const { files } = JSON.parse(await readFile(join(out, 'offline', 'files.json'), 'utf8')) as { files: [string, number][] };
    const listed = new Map(files);
    const all = await listFiles(out);
    const wanted = all.filter((f) => (f.path.endsWith('.html') && f.path !== '404.html') || /^pagefind\/(index|vocabulary|filter|fragment)\//.test(f.path));
    expect(wanted.some((f) => /^pagefind\/fragment\/1-[0-9a-f]+\//.test(f.path))).toBe(true);
    expect(listed.size).toBe(wanted.length);
    for (const file of wanted) expect(listed.get(`/${file.path.replace(/index\.html$/, '')}`), file.path).toBe(file.bytes);
  });
});
