import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeLock } from '../../../src/output/lock.js';
import { cleanup, tempDir } from '../../helpers/site.js';
import { deadPid } from '../../helpers/processes.js';

describe('takeLock', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => cleanup(dir));

  it('holds the pid of its holder, and is gone once released', async () => {
    const file = join(dir, 'plain.lock');
    const lock = await takeLock(file);
    expect(await readFile(file, 'utf8')).toBe(String(process.pid));
    await lock.release();
    await expect(stat(file)).rejects.toThrow();
  });

  it('makes a second taker wait until the first releases, telling it who holds the lock', async () => {
    const file = join(dir, 'turns.lock');
    const first = await takeLock(file);
    const order: string[] = [];
    let holder = 0;
    const second = takeLock(file, (pid) => {
      holder = pid;
    }).then((lock) => {
      order.push('second');
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    order.push('first released');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['first released', 'second']);
    expect(holder).toBe(process.pid);
  });

  it('takes over a lock whose process is gone', async () => {
    const file = join(dir, 'stale.lock');
    await writeFile(file, String(await deadPid()));
    const lock = await takeLock(file);
    expect(await readFile(file, 'utf8')).toBe(String(process.pid));
    await lock.release();
  });
});
