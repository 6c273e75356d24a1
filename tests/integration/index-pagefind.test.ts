/**
 * The build as it runs the real Pagefind, through a wrapper named where Pagefind's Node API looks
 * for its binary first. An English site is indexed by this package's indexer, and Pagefind runs
 * for its browser runtime only when the runtime cache lacks it: in a cold build beside the
 * thread building the model. That process starts with the thread counts the
 * build chose (`pagefindThreads`), the runtime's wasm is published compressed again, and a
 * Pagefind that fails fails the build, naming the shard, with the last good output untouched.
 * (Sites in other languages are indexed by Pagefind: `render-intl.test.ts`.)
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { pagefindThreads } from '../../src/search/index/indexers.js';
import { decodeFile, encodeFileSmallest } from '../../src/search/format/pagefindFormat.js';
import { buildSite, cleanup, copyData, fixturesDir, repoRoot, snapshot, tempDir } from '../helpers/site.js';

const pagefind = createRequire(join(repoRoot, 'node_modules', 'pagefind', 'package.json')).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
const good = join(fixturesDir, 'good');

/**
 * Runs `fn` with Pagefind's Node API starting the shell script `script` instead of Pagefind, with
 * no thread counts of the test's own environment, which would win over the build's, and in
 * `dir`, whose runtime cache (under the working folder) starts empty.
 */
async function withPagefind<T>(dir: string, script: string, fn: () => Promise<T>): Promise<T> {
  const wrapper = join(dir, 'pagefind');
  await writeFile(wrapper, `#!/bin/sh\n${script}\n`);
  await chmod(wrapper, 0o755);
  const set = { PAGEFIND_EXTENDED_BINARY_PATH: wrapper, RAYON_NUM_THREADS: undefined, TOKIO_WORKER_THREADS: undefined };
  const before = Object.fromEntries(Object.keys(set).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(set);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(cwd);
    apply(before);
  }
}

describe('the Pagefind processes of a build', () => {
  const dirs: string[] = [];
  const seen: { cold: string[]; incremental: string[] } = { cold: [], incremental: [] };
  const wasm: { cold?: Buffer; incremental?: Buffer } = {};

  beforeAll(async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const data = await copyData(good, dir);
    const log = join(dir, 'threads.log');
    const read = async () => (await readFile(log, 'utf8')).trim().split('\n');
    await withPagefind(dir, `echo "$RAYON_NUM_THREADS $TOKIO_WORKER_THREADS" >> '${log}'\nexec '${pagefind}' "$@"`, async () => {
      const options = { dataDir: data, outDir: join(dir, 'out'), cacheDir: join(dir, 'cache') };
      const wasmFile = join(options.outDir, 'pagefind', 'wasm.en.pagefind');
      await build(options);
      seen.cold = await read();
      wasm.cold = await readFile(wasmFile);
      await writeFile(log, '');
      const file = join(data, 'questions', 'when-to-prune-roses.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('answers: []', 'answers:\n  - author: ada-fenwick\n    date: 2025-03-01\n    body: Prune in late winter.'));
      const result = await build(options);
      expect(result.work).toMatchObject({ incremental: true, shardsIndexed: 1 });
      seen.incremental = await read();
      wasm.incremental = await readFile(wasmFile);
    });
  });

  afterAll(() => cleanup(...dirs));

  it('in a cold build, runs once, sharing the cores with the thread building the model', () => {
    const threads = String(pagefindThreads(availableParallelism(), 2));
    expect(seen.cold).toEqual([`${threads} ${threads}`]);
  });

  it('publish the wasm of the shard holding the runtime compressed by Zopfli, in a cold build and an incremental one', async () => {
    for (const [build, file] of Object.entries(wasm)) {
      if (!file) throw new Error(`no wasm after the ${build} build`);
      // Zopfli's output depends only on its input: compressing the module again gives the same bytes.
      expect(file.equals(await encodeFileSmallest(await decodeFile(file, build))), build).toBe(true);
    }
  });

  it('in an incremental build that indexes shard 0 again, takes the runtime from the cache and runs no Pagefind', () => {
    expect(seen.incremental).toEqual(['']);
  });
});

describe('a build whose Pagefind fails', () => {
  const dirs: string[] = [];

  afterAll(() => cleanup(...dirs));

  it('fails naming the shard and leaves the last good output as it was', async () => {
    const first = await buildSite(good);
    dirs.push(first.root);
    const before = await snapshot(first.outDir);
    const failing = withPagefind(first.root, 'echo "no index today" >&2\nexit 3', () => build({ dataDir: good, outDir: first.outDir, cacheDir: join(first.root, 'cache'), clean: true }));
    await expect(failing).rejects.toThrow(/^index: shard 0: /);
    expect(await snapshot(first.outDir)).toEqual(before);
  });

  it('fails with the error of rendering when pages fail to render while Pagefind writes the runtime', async () => {
    const first = await buildSite(good);
    dirs.push(first.root);
    const before = await snapshot(first.outDir);
    const layouts = join(first.root, 'layouts');
    await mkdir(join(layouts, 'pages'), { recursive: true });
    await writeFile(join(layouts, 'pages', 'question.njk'), '{% extends "base.njk" %}{% block content %}{{ q.title | noSuchFilter }}{% endblock %}\n');
    // Pagefind fails too, once the pages have failed: the build reports what failed first.
    const failing = withPagefind(first.root, 'sleep 2\nexit 3', () => build({ dataDir: good, outDir: first.outDir, layoutsDir: layouts, cacheDir: join(first.root, 'cache'), clean: true }));
    await expect(failing).rejects.toThrow(/^render: .*pages\/question\.njk: filter not found: noSuchFilter$/);
    expect(await snapshot(first.outDir)).toEqual(before);
  });
});
