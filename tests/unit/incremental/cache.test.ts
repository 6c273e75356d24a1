import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCacheDir, outputVersion, pruneCache, readCache, writeManifest, writeSegments } from '../../../src/incremental/cache.js';
import { cleanup } from '../../helpers/site.js';

const VERSION = '0123456789abcdef';
const state = {
  pages: new Map([['questions/a/index.html', 'key-a']]),
  shards: ['shard-key-0'],
  files: new Map([['questions/a.yaml', { hash: 'h1', stamp: '1:2:3', value: { title: 'A' } }]]),
  markdown: new Map([
    ['3:digest-b', { html: '<p><strong>b</strong></p>\n', text: 'b' }],
    ['3:digest-empty', { html: '', text: '' }],
    ['1:digest-astral', { html: '<h2>😀 ünïcode</h2>\n', text: '😀 ünïcode' }],
    ['3:digest-c', { html: '<p>c</p>\n', text: 'c' }],
  ]),
};

const summary = { questions: 0, experts: 0, warnings: [] };

describe('the build cache', () => {
  let root: string;
  let cache: string;
  let out: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'answerpress-cache-'));
    cache = join(root, 'cache');
    out = join(root, 'site');
    await mkdir(join(out, 'offline'), { recursive: true });
    await writeFile(join(out, 'offline', 'summary.json'), JSON.stringify({ version: VERSION }));
  });
  afterEach(() => cleanup(root));

  async function write(version = VERSION, pkg = 'pkg'): Promise<void> {
    const segments = await writeSegments(cache, state, null, () => false);
    await writeManifest(cache, out, state, { packageHash: pkg, version, segments, inputs: null, summary });
  }

  it('reads back what a build wrote, for the output it describes', async () => {
    await write();
    const previous = await readCache(cache, out, 'pkg');
    expect(previous?.version).toBe(VERSION);
    expect(previous?.pages).toEqual(state.pages);
    expect(previous?.shards).toEqual(state.shards);
    expect(previous?.files).toEqual(state.files);
    expect(previous?.markdown).toEqual(state.markdown);
  });

  it('is not used with an output of another version, another package, or another folder', async () => {
    await write('fedcba9876543210');
    expect(await readCache(cache, out, 'pkg')).toBeNull();
    await write(VERSION, 'another package');
    expect(await readCache(cache, out, 'pkg')).toBeNull();
    await write();
    expect(await readCache(cache, join(root, 'elsewhere'), 'pkg')).toBeNull();
  });

  it('is not used when a segment was changed or the output has no version', async () => {
    await write();
    const segment = (await readdir(cache)).find((name) => name.startsWith('files-')) as string;
    await writeFile(join(cache, segment), 'damaged');
    expect(await readCache(cache, out, 'pkg')).toBeNull();
    await write();
    await writeFile(join(out, 'offline', 'summary.json'), '{"version": "not a version"}');
    expect(await outputVersion(out)).toBeNull();
    expect(await readCache(cache, out, 'pkg')).toBeNull();
  });

  it('reuses the segments whose entries all came from the previous build, and prunes the rest', async () => {
    await write('fedcba9876543210');
    await writeFile(join(out, 'offline', 'summary.json'), JSON.stringify({ version: 'fedcba9876543210' }));
    const previous = await readCache(cache, out, 'pkg');
    const before = (await readdir(cache)).filter((name) => name.endsWith('.v8')).sort();
    // One file changed: its segment is written again, the markdown's is reused.
    const files = new Map([['questions/a.yaml', { hash: 'h2', stamp: '1:2:4', value: { title: 'A2' } }]]);
    const segments = await writeSegments(cache, { files, markdown: state.markdown }, previous, (kind) => kind === 'markdown');
    await writeManifest(cache, out, state, { packageHash: 'pkg', version: VERSION, segments, inputs: null, summary });
    await mkdir(join(cache, 'search-shards'));
    await pruneCache(cache, VERSION);
    const after = (await readdir(cache)).sort();
    expect(after).toContain('search-shards');
    expect(after.filter((name) => name.startsWith('markdown-'))).toEqual(before.filter((name) => name.startsWith('markdown-')));
    expect(after.filter((name) => name.startsWith('files-'))).toHaveLength(1);
    expect(after.filter((name) => name.startsWith('files-'))).not.toEqual(before.filter((name) => name.startsWith('files-')));
    expect(after.filter((name) => name.startsWith('manifest-'))).toEqual([`manifest-${VERSION}.json`]);
  });

  it('lives under node_modules/.cache, one folder per output folder', () => {
    expect(defaultCacheDir('/a/site')).toMatch(/node_modules\/\.cache\/answerpress\/site-[0-9a-f]{10}$/);
    expect(defaultCacheDir('/a/site')).not.toBe(defaultCacheDir('/b/site'));
  });
});
