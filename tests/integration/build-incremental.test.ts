import { appendFile, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';
import { cleanup, copyData, fixturesDir, snapshot, tempDir } from '../helpers/site.js';

/**
 * Each step changes the data (or the build's inputs) in one way, builds incrementally from the
 * previous step's output, and compares the result with a cold build of the same inputs.
 */
describe('incremental builds', () => {
  let root: string;
  let data: string;
  const out = () => join(root, 'site');
  const cache = () => join(root, 'cache');
  // Two pages per shard: the search fixture's pages spread over several shards.
  const shardOptions = { pagesPerShard: 2 };

  async function incremental(options: Partial<BuildOptions> = {}): Promise<BuildResult> {
    return build({ dataDir: data, outDir: out(), cacheDir: cache(), ...shardOptions, ...options });
  }

  /** A cold build of the same inputs, with no cache, in a folder of its own. */
  async function cold(options: Partial<BuildOptions> = {}): Promise<Record<string, string>> {
    const dir = join(root, 'cold');
    await build({ dataDir: data, outDir: dir, cacheDir: false, ...shardOptions, ...options });
    const files = await snapshot(dir);
    await rm(dir, { recursive: true, force: true });
    return files;
  }

  beforeAll(async () => {
    root = await tempDir();
    data = await copyData(join(fixturesDir, 'search'), root);
    const first = await incremental();
    expect(first.work.incremental).toBe(false);
    expect(first.work.shards).toBeGreaterThan(2);
  }, 120_000);
  afterAll(() => cleanup(root));

  it('renders nothing, indexes nothing and merges nothing when nothing changed', async () => {
    const before = await snapshot(out());
    const result = await incremental();
    expect(result.work).toMatchObject({ incremental: true, upToDate: true, pagesRendered: 0, shardsIndexed: 0, merged: false });
    // Nothing was read: the counts come from the last build's record.
    expect(result.model).toBeUndefined();
    expect(result.counts).toEqual({ questions: (await readdir(join(data, 'questions'))).length, experts: (await readdir(join(data, 'experts'))).length });
    expect(await snapshot(out())).toEqual(before);
    // Asked to, a build reads the data all the same, and still renders nothing.
    const read = await incremental({ readData: true });
    expect(read.model?.questions.length).toBe(result.counts.questions);
    expect(read.work).toMatchObject({ upToDate: false, pagesRendered: 0, shardsIndexed: 0, merged: false });
    expect(await snapshot(out())).toEqual(before);
  }, 60_000);

  it('reads the data again when a file was only touched, and finds nothing to render', async () => {
    const file = join(data, 'topics.yaml');
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    const before = await snapshot(out());
    const result = await incremental();
    expect(result.work).toMatchObject({ upToDate: false, pagesRendered: 0, shardsIndexed: 0 });
    expect(await snapshot(out())).toEqual(before);
    expect((await incremental()).work.upToDate).toBe(true);
  }, 60_000);

  it('adds an answer: renders the pages it reaches, indexes one shard, and matches a cold build', async () => {
    await appendFile(
      join(data, 'questions', 'morning-headache-and-snoring.yaml'),
      ['  - author: carmen-soto', '    date: 2025-06-03', '    body: |', '      Try a humidifier; a word found only here: zanthoxylum.', ''].join('\n'),
    );
    const result = await incremental();
    expect(result.work.incremental).toBe(true);
    expect(result.work.shardsIndexed).toBe(1);
    expect(result.work.merged).toBe(true);
    // The question, its new expert's profile and the listings that show its answer count.
    expect(result.work.pagesRendered).toBeGreaterThanOrEqual(2);
    expect(result.work.pagesRendered).toBeLessThan(result.work.pages);
    expect(await readFile(join(out(), 'questions', 'morning-headache-and-snoring', 'index.html'), 'utf8')).toContain('zanthoxylum');
    expect(await snapshot(out())).toEqual(await cold());
  }, 120_000);

  it('edits an expert: every page showing the expert changes, as in a cold build', async () => {
    const file = join(data, 'experts', 'carmen-soto.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^name: .*$/m, 'name: Carmen Soto-Ruiz'));
    const result = await incremental();
    expect(result.work.incremental).toBe(true);
    expect(await snapshot(out())).toEqual(await cold());
  }, 120_000);

  it('adds and removes questions: new pages appear, removed ones leave no file or folder behind', async () => {
    await writeFile(
      join(data, 'questions', 'new-question.yaml'),
      ['title: Is a new question indexed at once?', 'asked: 2025-03-01', 'topics: [headaches]', 'body: A question about lindenblossom.', 'answers: []', ''].join('\n'),
    );
    await rm(join(data, 'questions', 'itchy-rash-after-hiking.yaml'));
    const result = await incremental();
    expect(result.work.incremental).toBe(true);
    const files = await snapshot(out());
    expect(files).toEqual(await cold());
    expect(Object.keys(files)).toContain('questions/new-question/index.html');
    expect(await readdir(join(out(), 'questions'))).not.toContain('itchy-rash-after-hiking');
  }, 120_000);

  it('rebuilds everything when a template changes, and when asked to with clean', async () => {
    const layouts = join(root, 'layouts');
    await mkdir(join(layouts, 'partials'), { recursive: true });
    await writeFile(join(layouts, 'partials', 'footer.njk'), '<footer><p>Our own footer.</p></footer>\n');
    const changed = await incremental({ layoutsDir: layouts });
    expect(changed.work.pagesRendered).toBe(changed.work.pages);
    expect(changed.work.shardsIndexed).toBe(changed.work.shards);
    expect(await snapshot(out())).toEqual(await cold({ layoutsDir: layouts }));
    const clean = await incremental({ layoutsDir: layouts, clean: true });
    expect(clean.work).toMatchObject({ incremental: false, shardsIndexed: clean.work.shards });
  }, 120_000);

  it('ignores a damaged cache, and a cache made for another output', async () => {
    const segments = (await readdir(cache())).filter((name) => name.endsWith('.v8'));
    expect(segments.length).toBeGreaterThan(0);
    await writeFile(join(cache(), segments[0] as string), 'not what was written');
    const damaged = await incremental();
    expect(damaged.work.incremental).toBe(false);
    expect(await snapshot(out())).toEqual(await cold());

    // The same cache folder for another output folder: never used for it.
    const other = await build({ dataDir: data, outDir: join(root, 'other'), cacheDir: cache(), ...shardOptions });
    expect(other.work.incremental).toBe(false);
    await cleanup(join(root, 'other'));
  }, 120_000);

  it('indexes again a stored shard with one byte changed, and one garbled, and matches a cold build', async () => {
    // The cache of this output, which the other output's build replaced.
    await incremental();
    const store = join(cache(), 'search-shards');
    const keys = (await readdir(store, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(keys.length).toBeGreaterThan(2);
    const [flipped, garbled] = keys as [string, string];
    const chunk = join(store, flipped, 'index', (await readdir(join(store, flipped, 'index')))[0] as string);
    const bytes = await readFile(chunk);
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0x01, middle);
    await writeFile(chunk, bytes);
    const meta = (await readdir(join(store, garbled))).find((name) => name.endsWith('.pf_meta')) as string;
    await writeFile(join(store, garbled, meta), 'garbled');
    // A change elsewhere, so the merge reads every stored shard.
    await appendFile(join(data, 'questions', 'morning-headache-and-snoring.yaml'), ['  - author: carmen-soto', '    date: 2025-06-04', '    body: One more word, quillwort.', ''].join('\n'));
    const result = await incremental();
    expect(result.work.incremental).toBe(true);
    expect(result.work.shardsIndexed).toBeGreaterThanOrEqual(2);
    expect(await snapshot(out())).toEqual(await cold());
  }, 120_000);
});
