/** What every step of one build shares, once its inputs are loaded and its kind decided. */
import type { PreviousBuild } from '../incremental/cache.js';
import type { KeptAssets } from '../output/keptAssets.js';
import type { MemoryCeiling } from '../threads/memory.js';
import type { ShardIndexer } from '../search/index/indexSite.js';
import type { ShardMerger } from '../search/merge/merger.js';
import type { Shard } from '../search/index/shards.js';
import type { BuildInputs } from './inputs.js';
import type { Staging } from './staging.js';
import type { BuildOptions, PhaseClock } from './types.js';

export interface BuildRun {
  options: BuildOptions;
  outDir: string;
  /** The build cache, or null for none (and for a part). */
  cacheDir: string | null;
  /** The package's fingerprint, which a cache is made with (see `incremental/cache.ts`). */
  packageHash: string;
  /** Minified assets kept between builds in the cache, or none without one (`output/keptAssets.ts`). */
  kept: KeptAssets | undefined;
  /** What the build reads, stamped before it read it (`incremental/inputStamp.ts`); null without a cache. */
  inputStamp: string | null;
  /** What the last build left in the cache, or null for none. */
  previous: PreviousBuild | null;
  /** The shard store: see `search/index/shardStore.ts`. */
  storeDir: string;
  layoutDirs: string[];
  inputs: BuildInputs;
  staging: Staging;
  clock: PhaseClock;
  indexer: ShardIndexer;
  /** Reads the shards for the merge in a worker thread: an incremental build's unchanged ones while the others are indexed. */
  merger: ShardMerger;
  memory: MemoryCeiling;
}

/** What rendering did: the shards it queued for indexing, and what the merge starts from. */
export interface Rendered {
  /** Pages rendered, for the report. */
  pagesRendered: number;
  /** The shards queued for indexing. */
  indexed: Shard[];
  /** The chunks of the merged bundle the last build wrote, by name → content hash; a merge reuses those it would write again. */
  known: Map<string, string>;
  /** Whether every shard is as the last build left it: its bundle, already in the copy of its output, is what a merge would write, and is kept. */
  keepBundle: boolean;
}
