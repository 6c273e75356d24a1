/** What a build is asked for and what it reports: the public types of `build()`. */
import type { DataIssue } from '../errors/DataIssue.js';
import type { OfflineResult } from '../offline/writeOffline.js';
import type { SiteModel } from '../model/types.js';
import type { Slice } from '../output/part.js';

export interface BuildOptions {
  /** The data folder. Default: `data`. */
  dataDir?: string;
  /** The site's own layouts folder, searched before the package's. Default: none. */
  layoutsDir?: string;
  /** The output folder. Default: `_site`. */
  outDir?: string;
  /** Indexed pages per search shard before the shard count doubles (see `search/index/shards.ts`), and listing pages per Eleventy run. */
  pagesPerShard?: number;
  /** Where the build cache is kept; `false` for none. Default: `node_modules/.cache/answerpress/…`. */
  cacheDir?: string | false;
  /** Ignore the build cache and build everything. Default: false. */
  clean?: boolean;
  /**
   * Build only one part of the site, runner `index` of `count`, for `mergeParts` to put together
   * (see `output/part.ts`). A part is always built cold, with no cache.
   */
  slice?: Slice;
  /**
   * Publish even when more than half of the question pages in the output folder would be
   * removed. Default: false, and such a build stops (see `output/shrinkGuard.ts`).
   */
  allowShrink?: boolean;
  /**
   * Read the data and return its model (`BuildResult.model`) even when nothing it reads has
   * changed since the last build, which then only checks. Default: false.
   */
  readData?: boolean;
  /** Called once, with the other build's process id, when another build into the same output or cache holds it and this one waits. */
  waiting?: (holder: number) => void;
}

export type Phase = 'load' | 'model' | 'render' | 'index' | 'offline' | 'swap';

export interface BuildWork {
  /** Whether the build started from the last output instead of from nothing. */
  incremental: boolean;
  /** Whether nothing the build reads had changed since the last build, which left the output as it was, read no data and wrote nothing. */
  upToDate: boolean;
  /** Question, expert and listing pages rendered, of `pages`. */
  pagesRendered: number;
  pages: number;
  /** Search shards indexed, of `shards`. */
  shardsIndexed: number;
  shards: number;
  /** Whether the shards were merged into the search bundle; not when none changed and the last bundle stands. */
  merged: boolean;
  /** Images (photos, share image, logo) made from their source, not found in the cache. */
  imagesMade: number;
}

export interface BuildResult {
  /**
   * The page model; absent when the output was up to date (`work.upToDate`) and no data was
   * read. A part's (`slice`) holds in full only the questions whose pages the part renders: the
   * others' answers have their excerpts and no bodies (`ModelOptions.outlines`).
   */
  model?: SiteModel;
  /** Each asset's published name by its source name (`style.css` → `style.1a2b3c4d5e.css`); absent with `model`. */
  assets?: Record<string, string>;
  /** The questions and experts on the site. */
  counts: { questions: number; experts: number };
  outDir: string;
  /** Milliseconds spent in each phase. Rendering and indexing overlap: `index` is the wait after rendering. */
  timings: Record<Phase, number>;
  /** What the offline files hold; none for a part (`slice`), which the merge completes. */
  offline?: OfflineResult;
  work: BuildWork;
  /** Files in the data folder that were not read (see `LoadedData.warnings`). */
  warnings: DataIssue[];
}

/** The time spent in each phase of one build. */
export class PhaseClock {
  readonly timings: Record<Phase, number> = { load: 0, model: 0, render: 0, index: 0, offline: 0, swap: 0 };

  async time<T>(phase: Phase, fn: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.timings[phase] += performance.now() - start;
    }
  }
}
