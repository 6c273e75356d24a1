/**
 * What kind of build this is, decided once the model and its keys are known:
 * - `cold`: everything rendered and indexed, from nothing;
 * - `incremental`: from hard links to the last good output, only the pages and shards whose
 *   keys changed rendered and indexed again, for the same bytes a cold build writes;
 * - `part`: one runner's shards of a site built on several machines (`--shard i/n`), always
 *   cold, stopping before the merge (`merge.ts` puts the parts together).
 */
import type { PreviousBuild } from '../incremental/cache.js';
import type { OutputKeys } from '../incremental/keys.js';
import type { Slice } from '../output/part.js';
import type { Shard } from '../search/index/shards.js';
import type { BuildOptions } from './types.js';

export type BuildPlan =
  | { kind: 'cold' }
  | {
      kind: 'incremental';
      previous: PreviousBuild;
      /** The linked copy of the last output, in the staging folder. */
      copy: string;
      /** The output files (relative to the site) whose keys changed. */
      changed: ReadonlySet<string>;
    }
  | { kind: 'part'; slice: Slice };

/**
 * Changed pages are rendered in one run, which holds them all in memory: above this many and
 * this share of all pages, starting from the last output saves little and a cold build runs.
 */
const INCREMENTAL_PAGES = 500;
const INCREMENTAL_SHARE = 0.2;

export interface CacheView {
  /** What the last build left, or null when there is no cache usable for this output. */
  previous: PreviousBuild | null;
  keys: OutputKeys;
  shards: readonly Shard[];
  /** The linked copy of the last output, once made, or null when it could not be. */
  copy: () => Promise<string | null>;
}

export async function planBuild(options: BuildOptions, { previous, keys, shards, copy }: CacheView): Promise<BuildPlan> {
  if (options.slice) return { kind: 'part', slice: options.slice };
  if (!previous || previous.shards.length !== shards.length) return { kind: 'cold' };
  const changed = new Set([...keys.pages].filter(([file, key]) => previous.pages.get(file) !== key).map(([file]) => file));
  if (changed.size > Math.max(INCREMENTAL_PAGES, keys.pages.size * INCREMENTAL_SHARE)) return { kind: 'cold' };
  const linked = await copy();
  return linked === null ? { kind: 'cold' } : { kind: 'incremental', previous, copy: linked, changed };
}
