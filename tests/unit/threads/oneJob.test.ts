import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../../src/threads/oneJob.js';
import { cleanup, repoRoot, tempDir } from '../../helpers/site.js';

/** Worker files run compiled code: they use dist/, which the tests' global setup compiles. */
const compiled = pathToFileURL(join(repoRoot, 'dist', 'threads', 'oneJob.js')).href;

describe('a worker that does one job', () => {
  let dir: string;
  const worker = async (name: string, body: string) => {
    const file = join(dir, `${name}.mjs`);
    await writeFile(file, `import { workerData } from 'node:worker_threads';\nimport { replyWhenDone } from '${compiled}';\n${body}\n`);
    return file;
  };

  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => cleanup(dir));

  it('resolves once its job is done, with the data it was given', async () => {
    const out = join(dir, 'done.txt');
    const file = await worker('done', `import { readFile, writeFile } from 'node:fs/promises';\nreplyWhenDone(writeFile(workerData.out, 'written'));`);
    await runJob(file, { out });
    expect(await readFile(out, 'utf8')).toBe('written');
  });

  it("rejects with the job's error", async () => {
    const file = await worker('failed', `replyWhenDone(Promise.reject(new Error('no wasm here')));`);
    await expect(runJob(file, {})).rejects.toThrow(/^no wasm here$/);
  });

  it('rejects with the exit code of a worker that ends without replying', async () => {
    const file = await worker('exited', `process.exit(3);`);
    await expect(runJob(file, {})).rejects.toThrow(/^the worker exited with code 3$/);
  });
});
