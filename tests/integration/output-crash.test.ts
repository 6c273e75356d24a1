import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeAnswerpressData } from '../../bench/corpus.js';
import { cleanup, repoRoot, snapshot, tempDir } from '../helpers/site.js';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
}

/** A real build in a process of its own, with its build cache beside the output. */
function runBuild(data: string, out: string, killAfterMs?: number): Promise<Run> {
  const start = performance.now();
  const args = [join(repoRoot, 'bin/answerpress.js'), 'build', '--data', data, '--out', out, '--cache', `${out}-cache`];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
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
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, ms: performance.now() - start, stdout })));
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
    await cleanup(reference, `${reference}-cache`, join(root, '.answerpress-mirror-reference'));
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
    // The killed builds' folders are deleted by a process of their own, so it may take a moment;
    // the replaced output stays as the mirror the next build starts from.
    await expect.poll(async () => (await readdir(root)).sort(), { timeout: 30_000 }).toEqual(['.answerpress-mirror-site', 'data', 'site', 'site-cache']);
    expect(Object.keys(await snapshot(out))).toContain('questions/index.html');
  }, 120_000);

  it('leaves a build cache that the next build uses, with the same result as a cold build', async () => {
    const corpus = generateCorpus({ questions: 251, seed: 7 });
    const question = corpus.questions[100] as (typeof corpus.questions)[number];
    const author = (corpus.experts[0] as { id: string }).id;
    question.answers = [...question.answers, { author, date: '2026-01-02', title: null, helpful: null, body: 'A new answer about quokkaflower tea.' }];
    await writeAnswerpressData(corpus, data);
    const run = await runBuild(data, out);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/incremental: \d+ of \d+ pages rendered, 1 of \d+ search shards? indexed/);
    const reference = join(root, 'reference');
    expect((await runBuild(data, reference)).code).toBe(0);
    expect(await snapshot(out)).toEqual(await snapshot(reference));
    await cleanup(reference, `${reference}-cache`, join(root, '.answerpress-mirror-reference'));
  }, 120_000);
});
