import { describe, expect, it } from 'vitest';
import type { PreviousBuild } from '../../../src/incremental/cache.js';
import { planBuild, type CacheView } from '../../../src/pipeline/plan.js';
import type { Shard } from '../../../src/search/index/shards.js';

const shards = [0, 1].map((id) => ({ id, pages: [], questions: [], experts: [] })) as unknown as Shard[];

/** A site of `pages` pages whose first `changed` keys differ from the last build's. */
function view(pages: number, changed: number, options: { shardCount?: number; copy?: string | null; previous?: boolean } = {}): CacheView {
  const keys = { pages: new Map(Array.from({ length: pages }, (_, i) => [`p${i}/index.html`, i < changed ? 'new' : 'old'])), shards: ['a', 'b'] };
  const previous = {
    version: 'v',
    pages: new Map(Array.from({ length: pages }, (_, i) => [`p${i}/index.html`, 'old'])),
    shards: Array.from({ length: options.shardCount ?? 2 }, () => 'x'),
    files: new Map(),
    markdown: new Map(),
    segments: { files: {}, markdown: {} },
  } satisfies PreviousBuild;
  return { previous: options.previous === false ? null : previous, keys, shards, copy: async () => (options.copy === undefined ? '/staging/linked' : options.copy) };
}

describe('planBuild', () => {
  it('builds a part whenever a slice is asked for, cache or not', async () => {
    expect(await planBuild({ slice: { index: 1, count: 2 } }, view(10, 1))).toEqual({ kind: 'part', slice: { index: 1, count: 2 } });
  });

  it('builds cold with no previous build, with another shard count, or when the copy of the output could not be made', async () => {
    expect(await planBuild({}, view(10, 1, { previous: false }))).toEqual({ kind: 'cold' });
    expect(await planBuild({}, view(10, 1, { shardCount: 4 }))).toEqual({ kind: 'cold' });
    expect(await planBuild({}, view(10, 1, { copy: null }))).toEqual({ kind: 'cold' });
  });

  it('builds incrementally on the copy of the output, naming the pages whose keys changed', async () => {
    const plan = await planBuild({}, view(10, 2));
    expect(plan).toMatchObject({ kind: 'incremental', copy: '/staging/linked' });
    expect(plan.kind === 'incremental' && [...plan.changed]).toEqual(['p0/index.html', 'p1/index.html']);
  });

  it('builds cold when more pages changed than both 500 and a fifth of the site', async () => {
    expect((await planBuild({}, view(3000, 600))).kind).toBe('incremental');
    expect((await planBuild({}, view(3000, 601))).kind).toBe('cold');
    expect((await planBuild({}, view(1000, 500))).kind).toBe('incremental');
    expect((await planBuild({}, view(1000, 501))).kind).toBe('cold');
  });
});
