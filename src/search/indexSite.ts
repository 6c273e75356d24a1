/**
 * Indexes the rendered site with Pagefind, one shard at a time in worker threads (see
 * `shards.ts`), inside the build and before the swap. Pages opt in with `data-pagefind-body`
 * (questions and expert profiles); listings, navigation and the disclaimer are never indexed.
 * Shards are indexed as soon as their pages are written, while the next ones render.
 * https://pagefind.app/docs/node-api/
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BuildError } from '../errors/BuildError.js';
import { replaceFile } from '../output/replaceFile.js';
import { packageRoot } from '../output/packagePaths.js';
import type { ShardJob, ShardReply } from './indexWorker.js';
import { widenQuerySegmentation } from './querySegmentation.js';
import { segmentUnspaced } from './segment.js';
import { bundleDir, type Shard } from './shards.js';

/** Written into the search page by the templates, replaced by the index's content hash. */
export const META_CACHE_TAG_TOKEN = '__ANSWERPRESS_META_CACHE_TAG__';

/** The compiled worker: tests run the TypeScript sources, but a worker thread needs JavaScript. */
const WORKER = join(packageRoot, 'dist', 'search', 'indexWorker.js');

/** What a data shard keeps of a Pagefind bundle; the scripts are served from shard 0's. */
const SHARD_DATA = /^(pagefind-entry\.json|pagefind\..+\.pf_meta|index|filter|fragment)$/;

export interface IndexOptions {
  /** The built site. Bundles are written to `pagefind/` inside it. */
  siteDir: string;
  /** The folder holding the site at its base path (`siteDir` itself when the base path is empty). */
  indexRoot: string;
  /** A private folder for bundles being written. */
  scratchDir: string;
  /** BCP 47 language of the site; the index uses its primary subtag. */
  language: string;
  /** Shards indexed at once, each by its own Pagefind process. Default: 2. */
  concurrency?: number;
}

/** Indexes shards as they are added, `concurrency` at a time. */
export class ShardIndexer {
  private readonly waiting: { shard: Shard; segment: readonly string[] }[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly failures: string[] = [];
  private concurrency: number;

  constructor(private readonly options: IndexOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
  }

  /** Changes how many shards are indexed at once, from the next one started. */
  setConcurrency(concurrency: number): void {
    this.concurrency = Math.max(1, concurrency);
    this.next();
  }

  /** Queues a shard whose pages are all written. `segment` lists its pages needing word splits. */
  add(shard: Shard, segment: readonly string[]): void {
    this.waiting.push({ shard, segment });
    this.next();
  }

  /** Waits for every queued shard; throws if any failed. */
  async finish(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failures.length > 0) throw new BuildError('index', this.failures.join('\n'));
  }

  private next(): void {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as { shard: Shard; segment: readonly string[] };
      const task = this.index(job.shard, job.segment).catch((error: unknown) => {
        this.failures.push(`shard ${job.shard.id}: ${error instanceof Error ? error.message : String(error)}`);
      });
      const tracked = task.finally(() => {
        this.running.delete(tracked);
        this.next();
      });
      this.running.add(tracked);
    }
  }

  private async index(shard: Shard, segment: readonly string[]): Promise<void> {
    const { siteDir, indexRoot, scratchDir, language } = this.options;
    const outputPath = join(scratchDir, `bundle-${shard.id}`);
    await rm(outputPath, { recursive: true, force: true });
    const prefix = relative(indexRoot, siteDir).split(sep).filter(Boolean);
    await withSegmentedPages(siteDir, segment, () =>
      runWorker({
        root: indexRoot,
        files: shard.pages.map((page) => [...prefix, page].join('/')),
        outputPath,
        language: language.split('-')[0]?.toLowerCase() || 'en',
      }),
    );
    await installBundle(outputPath, join(siteDir, bundleDir(shard.id)), shard.id === 0);
  }
}

function runWorker(job: ShardJob): Promise<void> {
  return new Promise((resolve, reject) => {
    // The worker runs plain compiled code: none of the flags this process was started with apply.
    const worker = new Worker(WORKER, { workerData: job, execArgv: [] });
    let reply: ShardReply | undefined;
    worker.once('message', (message: ShardReply) => {
      reply = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply?.ok) resolve();
      else reject(new Error(reply && !reply.ok ? `Pagefind ${reply.error}` : `indexer exited with code ${code}`));
    });
  });
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

/**
 * Moves a written bundle into the site, replacing the shard's previous one. Shard 0 shares its
 * folder with the other shards' folders, so only its own entries are replaced; it keeps the
 * scripts, with query segmentation widened. The other shards keep only their data.
 */
async function installBundle(bundle: string, target: string, primary: boolean): Promise<void> {
  if (primary) {
    await widenQuerySegmentation(bundle);
    await mkdir(target, { recursive: true });
    for (const name of await readdir(target)) {
      if (!/^shard-\d+$/.test(name)) await rm(join(target, name), { recursive: true, force: true });
    }
    for (const name of await readdir(bundle)) await rename(join(bundle, name), join(target, name));
    await rm(bundle, { recursive: true, force: true });
    return;
  }
  for (const name of await readdir(bundle)) {
    if (!SHARD_DATA.test(name)) await rm(join(bundle, name), { recursive: true, force: true });
  }
  await rm(target, { recursive: true, force: true });
  await mkdir(join(target, '..'), { recursive: true });
  await rename(bundle, target);
}

export interface IndexSummary {
  pages: number;
  /** Content hash of every shard's entry file, used as Pagefind's `metaCacheTag`. */
  cacheTag: string;
}

/** Checks the installed shards against the number of pages that opted in, and tags them. */
export async function summarizeIndex(siteDir: string, shardCount: number, expectedPages: number): Promise<IndexSummary> {
  const hash = createHash('sha256');
  let pages = 0;
  for (let id = 0; id < shardCount; id += 1) {
    const entryJson = await readFile(join(siteDir, bundleDir(id), 'pagefind-entry.json'));
    const entry = JSON.parse(entryJson.toString('utf8')) as { languages: Record<string, { page_count: number }> };
    pages += Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    hash.update(entryJson);
  }
  if (pages !== expectedPages) {
    throw new BuildError('index', `Pagefind indexed ${pages} pages, expected ${expectedPages} (question and expert pages)`);
  }
  return { pages, cacheTag: hash.digest('hex').slice(0, 16) };
}

/** Pages that configure the search UI and so carry the cache tag. */
const TAGGED_PAGES = ['search/index.html'];

/** Puts the index's cache tag into the pages that configure the search UI. */
export async function stampCacheTag(siteDir: string, cacheTag: string): Promise<void> {
  for (const page of TAGGED_PAGES) {
    const file = join(siteDir, page);
    const html = await readFile(file, 'utf8');
    await replaceFile(file, html.replaceAll(META_CACHE_TAG_TOKEN, cacheTag));
  }
}
