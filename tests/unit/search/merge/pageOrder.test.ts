import { describe, expect, it } from 'vitest';
import { roundWordCount, shardRanks } from '../../../../src/search/merge/pageOrder.js';

describe('roundWordCount', () => {
  it('keeps counts up to 32 and rounds larger ones to within 5 %, never reordering two pages', () => {
    for (let count = 0; count <= 32; count += 1) expect(roundWordCount(count)).toBe(count);
    let previous = 0;
    const levels = new Set<number>();
    for (let count = 1; count <= 100_000; count += 1) {
      const rounded = roundWordCount(count);
      expect(Math.abs(rounded - count) / count, String(count)).toBeLessThanOrEqual(0.05);
      expect(rounded, String(count)).toBeGreaterThanOrEqual(previous);
      expect(roundWordCount(rounded), String(count)).toBe(rounded);
      previous = rounded;
      levels.add(rounded);
    }
    // 8 steps per doubling: about 90 values between 33 and 100,000 rather than 99,968.
    expect(levels.size).toBeLessThan(150);
  });
});

describe('shardRanks', () => {
  it('ranks a shard’s pages by rounded word count, pages of one count in the order given', () => {
    // 1000 and 1010 round to one count: they keep their order.
    expect([...shardRanks([1010, 40, 1000, 7, 40, 5000])]).toEqual([3, 1, 4, 0, 2, 5]);
    expect(roundWordCount(1000)).toBe(roundWordCount(1010));
  });

  it('gives every page a rank of its own, an empty shard none', () => {
    const counts = Array.from({ length: 500 }, (_, i) => (i * 7919) % 3000);
    const ranks = shardRanks(counts);
    expect(new Set(ranks).size).toBe(500);
    expect(Math.max(...ranks)).toBe(499);
    const byRank = Array.from(ranks.keys()).sort((a, b) => (ranks[a] as number) - (ranks[b] as number));
    const rounded = byRank.map((page) => roundWordCount(counts[page] as number));
    expect(rounded).toEqual([...rounded].sort((a, b) => a - b));
    expect([...shardRanks([])]).toEqual([]);
  });
});
