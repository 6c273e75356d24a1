import { describe, expect, it } from 'vitest';
import type { SiteModel } from '../../../../src/model/types.js';
import { planShards, shardCount, shardOf } from '../../../../src/search/index/shards.js';

function model(questions: number, experts: number): SiteModel {
  return {
    questions: Array.from({ length: questions }, (_, i) => ({ slug: `q-${i}`, path: `questions/q-${i}/` })),
    experts: Array.from({ length: experts }, (_, i) => ({ id: `e-${i}`, path: `experts/e-${i}/` })),
  } as unknown as SiteModel;
}

describe('shardCount', () => {
  it('is one shard up to the limit, then the next power of two', () => {
    expect(shardCount(0, 1000)).toBe(1);
    expect(shardCount(1000, 1000)).toBe(1);
    expect(shardCount(1001, 1000)).toBe(2);
    expect(shardCount(10_500, 1000)).toBe(16);
    expect(shardCount(101_000, 1000)).toBe(128);
  });
});

describe('shardOf', () => {
  it('is a fixed function of the path', () => {
    // Pinned (FNV-1a): a change here would move every page of every site to another shard.
    expect(shardOf('a', 2 ** 31)).toBe(0xe40c292c % 2 ** 31);
    expect([shardOf('questions/botox-dose/', 16), shardOf('experts/jane-doe/', 16)]).toEqual([4, 7]);
  });

  it('spreads pages evenly', () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 16_000; i += 1) counts[shardOf(`questions/q-${i}/`, 16)] += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });
});

describe('planShards', () => {
  it('puts every question and expert page in exactly one shard', () => {
    const shards = planShards(model(2500, 500), 1000);
    expect(shards).toHaveLength(4);
    const pages = shards.flatMap((shard) => shard.pages);
    expect(pages).toHaveLength(3000);
    expect(new Set(pages).size).toBe(3000);
    for (const shard of shards) expect(shard.pages.length).toBe(shard.questions.length + shard.experts.length);
  });

  it('keeps a page in its shard when other pages come and go', () => {
    const before = planShards(model(2500, 500), 1000);
    const after = planShards(model(2600, 480), 1000);
    const home = (shards: typeof before, slug: string) => shards.find((s) => s.questions.includes(slug))?.id;
    for (const slug of ['q-0', 'q-77', 'q-2499']) expect(home(after, slug)).toBe(home(before, slug));
  });

  it('halves the count rather than leave a shard empty', () => {
    const shards = planShards(model(3, 0), 1);
    expect(shards.every((shard) => shard.pages.length > 0)).toBe(true);
    expect(shards.length).toBeLessThan(4);
  });

  it('has one bundle for a site with nothing to index', () => {
    expect(planShards(model(0, 0))).toEqual([{ id: 0, questions: [], experts: [], pages: [] }]);
  });
});
