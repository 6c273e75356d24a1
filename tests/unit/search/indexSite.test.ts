import { describe, expect, it } from 'vitest';
import { pagefindThreads } from '../../../src/search/indexSite.js';

describe('pagefindThreads', () => {
  it('gives each of the two busy processes half the cores, and at least one thread', () => {
    expect([1, 2, 3, 4, 5, 16].map(pagefindThreads)).toEqual([1, 1, 1, 2, 2, 8]);
  });
});
