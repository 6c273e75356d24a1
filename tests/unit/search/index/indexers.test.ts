import { describe, expect, it } from 'vitest';
import { pagefindThreads } from '../../../../src/search/index/indexers.js';

describe('pagefindThreads', () => {
  it('shares the cores among the busy threads, and gives at least one', () => {
    expect([1, 2, 3, 4, 5, 16].map((cores) => pagefindThreads(cores, 2))).toEqual([1, 1, 1, 2, 2, 8]);
    expect([1, 2, 4].map((cores) => pagefindThreads(cores, 1))).toEqual([1, 2, 4]);
    expect(pagefindThreads(2, 3)).toBe(1);
    expect(pagefindThreads(4, 0)).toBe(4);
  });
});
