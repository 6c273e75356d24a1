import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobPool } from '../../../src/threads/jobPool.js';
import { cleanup, repoRoot, tempDir } from '../../helpers/site.js';

/** Worker files run compiled code: they use dist/, which the tests' global setup compiles. */
const compiled = pathToFileURL(join(repoRoot, 'dist', 'threads', 'jobPool.js')).href;

describe('a pool of workers that do jobs one after another', () => {
  let dir: string;
  const worker = async (name: string, body: string) => {
    const file = join(dir, `${name}.mjs`);
    await writeFile(file, `import { threadId } from 'node:worker_threads';\nimport { appendFile } from 'node:fs/promises';\nimport { serveJobs } from '${compiled}';\n${body}\n`);
    return file;
  };

  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => cleanup(dir));

  it('does every job, no more at once than its size, each worker keeping what it held', async () => {
    const log = join(dir, 'jobs.log');
    const file = await worker('count', `let done = 0;\nserveJobs(async (job) => { done += 1; await appendFile(job.log, \`\${threadId} \${done}\\n\`); });`);
    const pool = new JobPool(file, 2);
    try {
      await Promise.all(Array.from({ length: 6 }, () => pool.run({ log })));
    } finally {
      await pool.close();
    }
    const lines = (await import('node:fs/promises').then((fs) => fs.readFile(log, 'utf8'))).trim().split('\n');
    expect(lines).toHaveLength(6);
    const threads = new Set(lines.map((line) => line.split(' ')[0]));
    expect(threads.size).toBeLessThanOrEqual(2);
    // A worker counts the jobs it did: later jobs found the count earlier ones left.
    expect(Math.max(...lines.map((line) => Number(line.split(' ')[1])))).toBeGreaterThan(1);
  });

  it('fails a job with its error, and goes on with the next', async () => {
    const file = await worker('fails', `serveJobs(async (job) => { if (job.fail) throw new Error('no such page'); });`);
    const pool = new JobPool(file, 1);
    try {
      await expect(pool.run({ fail: true })).rejects.toThrow('no such page');
      await expect(pool.run({ fail: false })).resolves.toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  it('fails the job of a worker that exits, and starts another for the next', async () => {
    const file = await worker('exits', `serveJobs(async (job) => { if (job.exit) process.exit(7); });`);
    const pool = new JobPool(file, 1);
    try {
      await expect(pool.run({ exit: true })).rejects.toThrow('exited with code 7');
      await expect(pool.run({ exit: false })).resolves.toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  it('on close, fails the jobs running and queued, and starts no worker after', async () => {
    const log = join(dir, 'slow.log');
    const file = await worker('slow', `serveJobs(async (job) => { await appendFile(job.log, \`\${threadId}\\n\`); await new Promise((done) => setTimeout(done, 300)); });`);
    const pool = new JobPool(file, 1);
    const jobs = Array.from({ length: 3 }, () => pool.run({ log }));
    const settled = Promise.allSettled(jobs);
    // The first job has started: its worker wrote its line.
    await expect.poll(() => import('node:fs/promises').then((fs) => fs.readFile(log, 'utf8')).catch(() => '')).not.toBe('');
    await pool.close();
    const results = await settled;
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await expect(pool.run({ log })).rejects.toThrow('closed');
    await new Promise((done) => setTimeout(done, 600));
    const lines = (await import('node:fs/promises').then((fs) => fs.readFile(log, 'utf8'))).trim().split('\n');
    expect(lines).toHaveLength(1);
  });

  it('collects a worker\'s heap between jobs once a job has left more garbage than the headroom', async () => {
    const log = join(dir, 'heap.log');
    // Each job builds 200,000 objects, held across a tick (so they reach the old generation),
    // then dropped; the next job logs the heap it starts with.
    const body = (headroom: string) =>
      `import { getHeapStatistics } from 'node:v8';\nserveJobs(async (job) => {\n  await appendFile(job.log, \`\${getHeapStatistics().used_heap_size}\\n\`);\n  let held = Array.from({ length: 200000 }, (_, i) => ({ i, text: 'x'.repeat(20) + i }));\n  await new Promise((done) => setTimeout(done, 50));\n  await new Promise((done) => setTimeout(done, 50));\n  held = held.length;\n}, ${headroom});`;
    const heapsWith = async (name: string, headroom: string): Promise<number[]> => {
      await writeFile(log, '');
      const pool = new JobPool(await worker(name, body(headroom)), 1);
      try {
        for (let i = 0; i < 6; i += 1) await pool.run({ log });
      } finally {
        await pool.close();
      }
      const fs = await import('node:fs/promises');
      return (await fs.readFile(log, 'utf8')).trim().split('\n').map(Number);
    };
    const collected = await heapsWith('collected', String(8 * 1024 ** 2));
    const lazy = await heapsWith('lazy', 'Infinity');
    // Collected, every job starts near where the first did; left to V8, the garbage piles up.
    expect(Math.max(...collected.slice(1)) - (collected[0] as number)).toBeLessThan(16 * 1024 ** 2);
    expect(Math.max(...lazy.slice(1)) - (lazy[0] as number)).toBeGreaterThan(32 * 1024 ** 2);
  });
});
