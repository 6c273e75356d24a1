/**
 * Pagefind's processes start with the thread counts the build chose (`pagefindThreads`), read
 * here from the environment of the real Pagefind each shard is indexed by, through a wrapper
 * named where Pagefind's Node API looks for its binary first.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagefindThreads } from '../../src/search/indexSite.js';
import { buildSite, cleanup, fixturesDir, repoRoot, tempDir } from '../helpers/site.js';

const pagefind = createRequire(join(repoRoot, 'node_modules', 'pagefind', 'package.json')).resolve(`@pagefind/${process.platform}-${process.arch}/bin/pagefind_extended`);
const VARIABLE = 'PAGEFIND_EXTENDED_BINARY_PATH';

describe('the Pagefind processes of a build', () => {
  const dirs: string[] = [];
  let seen: string[] = [];

  beforeAll(async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const log = join(dir, 'threads.log');
    const wrapper = join(dir, 'pagefind');
    await writeFile(wrapper, `#!/bin/sh\necho "$RAYON_NUM_THREADS $TOKIO_WORKER_THREADS" >> '${log}'\nexec '${pagefind}' "$@"\n`);
    await chmod(wrapper, 0o755);
    const before = process.env[VARIABLE];
    process.env[VARIABLE] = wrapper;
    try {
      const built = await buildSite(join(fixturesDir, 'good'));
      dirs.push(built.root);
    } finally {
      if (before === undefined) delete process.env[VARIABLE];
      else process.env[VARIABLE] = before;
    }
    seen = (await readFile(log, 'utf8')).trim().split('\n');
  });

  afterAll(() => cleanup(...dirs));

  it('each start with the threads chosen for them', () => {
    const threads = String(pagefindThreads(availableParallelism()));
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).toBe(`${threads} ${threads}`);
  });
});
