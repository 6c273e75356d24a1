import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { answerExcerpt } from '../../../src/model/buildModel.js';
import { mapShared, splitShares, threadsFor } from '../../../src/threads/batches.js';

describe('splitShares', () => {
  it.each([
    [0, [1, 2, 3], [1, 2, 3], []],
    [1, [1, 2, 3, 4, 5], [1, 3, 5], [[2, 4]]],
    [2, [1, 2, 3, 4, 5, 6, 7], [1, 4, 7], [[2, 5], [3, 6]]],
    [3, [1, 2], [1], [[2]]],
  ])('with %i workers, splits %j into %j here and %j elsewhere', (threads, items, here, elsewhere) => {
    expect(splitShares(items, threads)).toEqual({ here, elsewhere });
  });
});

describe('threadsFor', () => {
  it('starts no worker below the least number of items', () => {
    expect(threadsFor(399, 400)).toBe(0);
  });

  it('starts one worker per other core, at most 3, from the least number on', () => {
    expect(threadsFor(400, 400)).toBe(Math.min(3, availableParallelism() - 1));
  });
});

describe('mapShared', () => {
  // The compiled excerpt worker maps each body as `answerExcerpt` does on this thread.
  const file = fileURLToPath(new URL('../../../dist/model/excerptWorker.js', import.meta.url));
  const bodies = Array.from({ length: 1203 }, (_, i) => `Answer *${i}*: ${'word '.repeat(i % 60)}`);

  it.each([0, 1, 2])('gives every result in the items\' order, with %i workers', async (threads) => {
    const seen: string[] = [];
    const mapped = await mapShared(bodies, threads, (body) => (seen.push(body), answerExcerpt(body)), { file, data: (share) => share });
    expect(mapped).toEqual(bodies.map(answerExcerpt));
    // This thread maps every (threads + 1)-th item, the workers the rest.
    expect(seen).toEqual(bodies.filter((_, i) => i % (threads + 1) === 0));
  });

  it('fails when a worker fails', async () => {
    await expect(mapShared(bodies, 1, answerExcerpt, { file, data: () => 'not a list of bodies' })).rejects.toThrow();
  });
});
