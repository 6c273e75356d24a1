/**
 * Builds that meet: two at once into the same output and cache, and every entry point that
 * writes or serves the output finding it where a killed swap left it (renamed aside, between
 * `swapIn`'s two renames).
 */
import { spawn } from 'node:child_process';
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { mergeParts } from '../../src/merge.js';
import { startDevServer } from '../../src/serve/watch.js';
import { cleanup, copyData, fixturesDir, repoRoot, snapshot, tempDir } from '../helpers/site.js';
import { deadPid } from '../helpers/processes.js';

const PAGES_PER_SHARD = 2;

describe('two builds into the same output and cache at once', () => {
  let root: string;
  let data: string;

  beforeAll(async () => {
    root = await tempDir();
    data = await copyData(join(fixturesDir, 'search'), root);
  });
  afterAll(() => cleanup(root));

  it('both end cleanly, one after the other, with the output of one build', async () => {
    const options = { dataDir: data, outDir: join(root, 'site'), cacheDir: join(root, 'cache'), pagesPerShard: PAGES_PER_SHARD };
    const waited: number[] = [];
    const waiting = (holder: number) => waited.push(holder);
    const results = await Promise.allSettled([build({ ...options, waiting }), build({ ...options, waiting }), build({ ...options, clean: true, waiting })]);
    // Two of the three waited for the one that held the output, and were told who held it.
    expect(waited).toEqual([process.pid, process.pid]);
    expect(results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'built'))).toEqual(['built', 'built', 'built']);
    await build({ dataDir: data, outDir: join(root, 'cold'), cacheDir: false, pagesPerShard: PAGES_PER_SHARD });
    expect(await snapshot(join(root, 'site'))).toEqual(await snapshot(join(root, 'cold')));
    expect((await readdir(root)).filter((name) => name.includes('lock'))).toEqual([]);
  }, 120_000);
});

describe('two build commands into the same output at once', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir();
  });
  afterAll(() => cleanup(root));

  it('both exit 0, the second saying it waits for the first', async () => {
    const run = () => {
      const args = [join(repoRoot, 'bin', 'answerpress.js'), 'build', '--data', join(fixturesDir, 'good'), '--out', join(root, 'site'), '--cache', join(root, 'cache')];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
    };
    const [first, second] = await Promise.all([run(), run()]);
    expect([first.code, second.code], first.output + second.output).toEqual([0, 0]);
    expect(first.output + second.output).toMatch(/Another build \(process \d+\) is writing .*site; waiting for it to finish\./);
  }, 120_000);
});

describe('an output a killed swap left renamed aside', () => {
  let root: string;
  let good: Record<string, string>;
  const out = () => join(root, 'site');

  beforeAll(async () => {
    root = await tempDir();
    await build({ dataDir: join(fixturesDir, 'good'), outDir: out(), cacheDir: false });
    good = await snapshot(out());
  }, 120_000);
  afterAll(() => cleanup(root));

  /** Puts the output where a build killed between `swapIn`'s renames leaves it. */
  async function killMidSwap(): Promise<void> {
    await rename(out(), join(root, `.answerpress-old-site-${await deadPid()}-0badf00d`));
  }

  it('is restored by a build, even one that fails on its data', async () => {
    await killMidSwap();
    await expect(build({ dataDir: join(fixturesDir, 'broken', 'missing-title'), outDir: out(), cacheDir: false })).rejects.toThrow();
    expect(await snapshot(out())).toEqual(good);
  }, 60_000);

  it('is restored by serve, even when its first build fails', async () => {
    await killMidSwap();
    const options = { dataDir: join(fixturesDir, 'broken', 'missing-title'), outDir: out(), cacheDir: false as const, port: 0, log: () => undefined, formatError: () => [] };
    await expect(startDevServer(options)).rejects.toThrow();
    expect(await snapshot(out())).toEqual(good);
  }, 60_000);

  it('is restored by merge, even one given no parts', async () => {
    await killMidSwap();
    await expect(mergeParts({ outDir: out(), parts: [] })).rejects.toThrow(/no parts to merge/);
    expect(await snapshot(out())).toEqual(good);
  }, 60_000);
});
