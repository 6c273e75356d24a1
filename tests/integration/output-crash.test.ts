import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeAnswerpressData } from '../../bench/corpus.js';
import { cleanup, repoRoot, tempDir } from '../helpers/site.js';

/** path → sha256 of every file under `dir`. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => (a.parentPath + a.name < b.parentPath + b.name ? -1 : 1))) {
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

function runBuild(data: string, out: string, killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [join(repoRoot, 'bin/answerpress.js'), 'build', '--data', data, '--out', out], { stdio: 'ignore', detached: true });
  if (killAfterMs !== undefined) {
    setTimeout(() => {
      // The whole group: the build and Pagefind's indexing process with it.
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Already finished.
      }
    }, killAfterMs);
  }
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - start })));
}

describe('a build killed at any moment', () => {
  let root: string;
  let data: string;
  let out: string;
  let coldMs: number;
  let before: Record<string, string>;
  /** The complete output for the changed data, built separately. */
  let next: Record<string, string>;

  beforeAll(async () => {
    root = await tempDir();
    data = join(root, 'data');
    out = join(root, 'site');
    await writeAnswerpressData(generateCorpus({ questions: 250, seed: 7 }), data);
    const cold = await runBuild(data, out);
    expect(cold.code).toBe(0);
    coldMs = cold.ms;
    before = await snapshot(out);
    // The next build has something to change: a new question.
    await writeAnswerpressData(generateCorpus({ questions: 251, seed: 7 }), data);
    const reference = join(root, 'reference');
    expect((await runBuild(data, reference)).code).toBe(0);
    next = await snapshot(reference);
    await cleanup(reference);
  }, 300_000);
  afterAll(() => cleanup(root));

  it.each([0.1, 0.3, 0.5, 0.7, 0.9])('leaves the previous output exactly as it was when killed at %f of a build', async (fraction) => {
    const run = await runBuild(data, out, coldMs * fraction);
    if (run.signal === 'SIGKILL') {
      // Killed before its swap: the previous output, exactly. Killed after it (while cleaning
      // up): the new output, complete. Never anything in between.
      const after = await snapshot(out);
      if (JSON.stringify(after) === JSON.stringify(next)) before = next;
      else expect(after).toEqual(before);
    } else {
      // Finished before the kill landed: the new output is complete instead.
      expect(run.code).toBe(0);
      before = await snapshot(out);
    }
  }, 120_000);

  it('is followed by a build that succeeds and leaves no staging folders behind', async () => {
    const run = await runBuild(data, out);
    expect(run.code).toBe(0);
    expect((await readdir(root)).sort()).toEqual(['data', 'site']);
    expect(Object.keys(await snapshot(out))).toContain('questions/index.html');
  }, 120_000);
});
