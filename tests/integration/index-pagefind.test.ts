/**
 * The build as it runs the real Pagefind, through a wrapper named where Pagefind's Node API looks
 * for its binary first: each process starts with the thread counts the build chose
 * (`pagefindThreads`), and a Pagefind that fails fails the build, naming the shard, with the last
 * good output untouched.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { pagefindThreads } from '../../src/search/indexSite.js';
import { buildSite, cleanup, fixturesDir, repoRoot, snapshot, tempDir } from '../helpers/site.js';

const pagefind = createRequire(join(repoRoot, 'node_modules', 'pagefind', 'package.json')).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
const good = join(fixturesDir, 'good');

/** Runs `fn` with Pagefind's Node API starting the shell script `script` instead of Pagefind. */
async function withPagefind<T>(dir: string, script: string, fn: () => Promise<T>): Promise<T> {
  const wrapper = join(dir, 'pagefind');
  await writeFile(wrapper, `#!/bin/sh\n${script}\n`);
  await chmod(wrapper, 0o755);
  const variable = 'PAGEFIND_EXTENDED_BINARY_PATH';
  const before = process.env[variable];
  process.env[variable] = wrapper;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env[variable];
    else process.env[variable] = before;
  }
}

describe('the Pagefind processes of a build', () => {
  const dirs: string[] = [];
  let seen: string[] = [];

  beforeAll(async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const log = join(dir, 'threads.log');
    const built = await withPagefind(dir, `echo "$RAYON_NUM_THREADS $TOKIO_WORKER_THREADS" >> '${log}'\nexec '${pagefind}' "$@"`, () => buildSite(good));
    dirs.push(built.root);
    seen = (await readFile(log, 'utf8')).trim().split('\n');
  });

  afterAll(() => cleanup(...dirs));

  it('each start with the threads chosen for them', () => {
    const threads = String(pagefindThreads(availableParallelism()));
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toBe(`${threads} ${threads}`);
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
});
