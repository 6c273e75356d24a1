import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { splitShares, threadsFor } from '../../../src/threads/batches.js';

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
