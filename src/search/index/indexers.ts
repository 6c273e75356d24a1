/**
 * The two indexers a shard can be given to, behind one interface: this package's, which writes
 * the bundle Pagefind would (`indexPages.ts`) in long-lived worker threads, for the languages it
 * has a stemmer for; and Pagefind itself, a process per shard (`indexWorker.ts`), for the
 * others. `ShardIndexer` (`indexSite.ts`) queues shards and installs what either writes.
 */
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { primaryLanguage } from '../../model/language.js';
import { packageRoot } from '../../output/packagePaths.js';
import { replaceFile } from '../../output/replaceFile.js';
import { JobPool } from '../../threads/jobPool.js';
import { runJob } from '../../threads/oneJob.js';
import { segmentUnspaced } from '../fossick/segment.js';
import type { BundleJob } from './bundleWorker.js';
import { indexerStemmer } from './indexPages.js';
import type { ShardJob } from './indexWorker.js';

/** The compiled workers: tests run the TypeScript sources, but a worker thread needs JavaScript. */
const PAGEFIND_WORKER = join(packageRoot, 'dist', 'search', 'index', 'indexWorker.js');
const BUNDLE_WORKER = join(packageRoot, 'dist', 'search', 'index', 'bundleWorker.js');

/** One shard to index: its pages, and those of them needing word splits, relative to the site. */
export interface BundleRequest {
  shard: number;
  /** The folder holding the site at its base path; URLs are derived from paths inside it. */
  root: string;
  /** The site's base path inside `root`, as folder names. */
  prefix: readonly string[];
  pages: readonly string[];
  segment: readonly string[];
  /** Where the bundle is written. */
  outputPath: string;
  /** Threads Pagefind's process may use, beside the others busy (see `pagefindThreads`). */
  threads: number;
}

/** A shard's bundle, and whether its fragments are named as the site's bundle names them (see `format/fragments.ts`). */
export interface WrittenBundle {
  dir: string;
  named: boolean;
}

export interface BundleIndexer {
  index(request: BundleRequest): Promise<WrittenBundle>;
  /** Stops what the indexer started; a request not done fails. */
  close(): Promise<void>;
}

/** Whether a site in `language` (BCP 47) is indexed by this package's indexer rather than by Pagefind's. */
export function indexesItself(language: string): boolean {
  return indexerStemmer(primaryLanguage(language)) !== undefined;
}

/**
 * This package's indexer, in worker threads that keep their lexicon from one shard to the next.
 * Shard 0's bundle also takes Pagefind's runtime, from `runtime` (see `runtime/obtainRuntime.ts`).
 */
export class OwnIndexer implements BundleIndexer {
  private pool: JobPool | null = null;

  constructor(
    private readonly language: string,
    private readonly runtime: (threads: number) => Promise<string>,
  ) {}

  async index({ shard, root, prefix, pages, segment, outputPath, threads }: BundleRequest): Promise<WrittenBundle> {
    const job: BundleJob = { root, files: underRoot(prefix, pages), segment: underRoot(prefix, segment), outputPath, language: this.language };
    // At most as many shards as there are cores are given out at once, so the pool never needs more workers.
    this.pool ??= new JobPool(BUNDLE_WORKER, availableParallelism());
    const [, runtime] = await Promise.all([
      this.pool.run(job).catch((error: unknown) => {
        throw new Error(`indexer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }),
      shard === 0 ? this.runtime(threads) : null,
    ]);
    if (runtime) await moveRuntime(runtime, outputPath);
    return { dir: outputPath, named: true };
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }
}

/** Pagefind itself, a process per shard. */
export class PagefindIndexer implements BundleIndexer {
  constructor(
    private readonly language: string,
    /** The built site, whose pages needing word splits are rewritten while Pagefind reads them. */
    private readonly siteDir: string,
  ) {}

  async index({ root, prefix, pages, segment, outputPath, threads }: BundleRequest): Promise<WrittenBundle> {
    await withSegmentedPages(this.siteDir, segment, () => runPagefind({ root, files: underRoot(prefix, pages), outputPath, language: this.language, threads }));
    return { dir: outputPath, named: false };
  }

  async close(): Promise<void> {}
}

/**
 * Threads for a Pagefind process that will share the cores with `busy` busy threads, itself
 * included: in a cold build one shard beside the thread that renders, then two shards at once.
 * Left to itself, each Pagefind starts a thread per core; with the cores already busy, the
 * threads beyond its share spend more CPU time for the same bundles and slow the build
 * (BENCHMARKS.md, finding 10). Alone, it is faster with them all.
 */
export function pagefindThreads(cores: number, busy: number): number {
  return Math.max(1, Math.floor(cores / Math.max(1, busy)));
}

/** Runs Pagefind's indexer on `job` in a worker thread, which runs Pagefind's process. */
export async function runPagefind(job: ShardJob): Promise<void> {
  try {
    await runJob(PAGEFIND_WORKER, job);
  } catch (error) {
    throw new Error(`Pagefind: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Pages of the site as paths under the index root. */
function underRoot(prefix: readonly string[], pages: readonly string[]): string[] {
  return pages.map((page) => [...prefix, page].join('/'));
}

/** What a bundle holds besides the index: Pagefind's scripts, styles and wasm. */
const INDEX_FILES = /^(fragment|index|filter|pagefind-entry\.json|pagefind\..+\.pf_meta)$/;

/** Moves the runtime files of the bundle in `from` into the bundle in `to`. */
async function moveRuntime(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) {
    if (!INDEX_FILES.test(name)) await rename(join(from, name), join(to, name));
  }
  await rm(from, { recursive: true, force: true });
}

/**
 * Pages with unspaced scripts are rewritten with their words split while Pagefind reads them,
 * then put back as they were: readers never see the split. Both writes replace the file rather
 * than write into it, as pages may be links to the live site's files.
 */
async function withSegmentedPages(siteDir: string, pages: readonly string[], fn: () => Promise<void>): Promise<void> {
  const originals = new Map<string, string>();
  try {
    for (const page of pages) {
      const file = join(siteDir, page);
      const html = await readFile(file, 'utf8');
      originals.set(file, html);
      await replaceFile(file, segmentUnspaced(html));
    }
    await fn();
  } finally {
    for (const [file, html] of originals) await replaceFile(file, html);
  }
}
