/**
 * Indexes the rendered site for Pagefind's search, shard by shard (see `shards.ts`), inside
 * the build and before the swap: with this package's indexer, which writes the bundle Pagefind
 * would (`indexPages.ts`), in long-lived worker threads, for the languages it has a stemmer for;
 * with Pagefind itself, a process per shard, for the others. Pages opt in with `data-pagefind-body`
 * (questions and expert profiles); listings, navigation and the disclaimer are never indexed.
 * Shards are indexed as soon as their pages are written, while the next ones render.
 *
 * A shard's fragments go into the site's bundle (see `fragments.ts`), its index into the
 * shard store under the shard's key, where the next build finds it if the shard is unchanged;
 * `mergeBundles.ts` makes the site's one bundle from the store.
 * https://pagefind.app/docs/node-api/
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { BuildError } from '../../errors/BuildError.js';
import { primaryLanguage } from '../../model/language.js';
import { replaceFile } from '../../output/replaceFile.js';
import { packageRoot } from '../../output/packagePaths.js';
import { JobPool } from '../../threads/jobPool.js';
import { runJob } from '../../threads/oneJob.js';
import { fragmentFolder, installFragments } from '../format/fragments.js';
import type { BundleJob } from './bundleWorker.js';
import { indexerStemmer } from './indexPages.js';
import type { ShardJob } from './indexWorker.js';
import { readShardMeta } from '../merge/readShard.js';
import { decodeFile, isPlainFile, PAGEFIND_VERSION, plainFile } from '../format/pagefindFormat.js';
import { prepareScripts, publishScript } from '../runtime/runtime.js';
import { segmentUnspaced } from '../fossick/segment.js';
import { sealStoredShard } from './shardStore.js';
import type { Shard } from './shards.js';

/** Written into the search page by the templates, replaced by the index's content hash. */
export const META_CACHE_TAG_TOKEN = '__ANSWERPRESS_META_CACHE_TAG__';
/** Written into the search page by the templates, replaced by the name Pagefind's script is published under. */
export const RUNTIME_SCRIPT_TOKEN = '__ANSWERPRESS_RUNTIME_SCRIPT__';

/** The compiled workers: tests run the TypeScript sources, but a worker thread needs JavaScript. */
const PAGEFIND_WORKER = join(packageRoot, 'dist', 'search', 'index', 'indexWorker.js');
const BUNDLE_WORKER = join(packageRoot, 'dist', 'search', 'index', 'bundleWorker.js');

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

/** What the store keeps of a shard's bundle: what the merge reads. */
const SHARD_DATA = /^(pagefind-entry\.json|pagefind\..+\.pf_meta|index|filter)$/;

export interface ShardIndexerOptions {
  /** The built site. Bundles are written to `pagefind/` inside it. */
  siteDir: string;
  /** The folder holding the site at its base path (`siteDir` itself when the base path is empty). */
  indexRoot: string;
  /** A private folder for bundles being written. */
  scratchDir: string;
  /** Where each shard's index is kept, in a folder named by its key (see `shardStore`). */
  storeDir: string;
  /** BCP 47 language of the site; the index uses its primary subtag. */
  language: string;
  /** Shards indexed at once, each in its own worker thread or Pagefind process. Default: 2. */
  concurrency?: number;
  /** Threads busy beside the indexer, such as the one rendering pages. Default: 0. */
  beside?: number;
  /**
   * Pagefind's runtime bundle, when `writeRuntime` was started ahead of indexing into the same
   * `scratchDir`; otherwise it is written beside shard 0.
   */
  runtime?: Promise<string>;
}

/**
 * Indexes shards as they are added, `concurrency` at a time. A shard's turn ends when its
 * indexer is done: its bundle is moved into place while the next shard is indexed, so the
 * indexer does not wait on a thread that is busy rendering.
 */
export class ShardIndexer {
  private readonly waiting: { shard: Shard; key: string; segment: readonly string[] }[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly installing = new Set<Promise<void>>();
  private readonly failures: string[] = [];
  private concurrency: number;
  private beside: number;
  /** This package's indexer's workers, started with the first shard it indexes. */
  private pool: JobPool | null = null;

  constructor(private readonly options: ShardIndexerOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.beside = Math.max(0, options.beside ?? 0);
  }

  /** Changes how many shards are indexed at once, and how many threads are busy beside them, from the next shard started. */
  setConcurrency(concurrency: number, beside = 0): void {
    this.concurrency = Math.max(1, concurrency);
    this.beside = Math.max(0, beside);
    this.next();
  }

  /**
   * Queues a shard whose pages are all written, to be stored under `key`. `segment` lists its
   * pages needing word splits.
   */
  add(shard: Shard, key: string, segment: readonly string[]): void {
    this.waiting.push({ shard, key, segment });
    this.next();
  }

  /** Waits for every queued shard to be indexed and installed; throws if any failed. */
  async finish(): Promise<void> {
    while (this.running.size > 0 || this.installing.size > 0) await Promise.race([...this.running, ...this.installing]);
    await this.pool?.close();
    this.pool = null;
    if (this.failures.length > 0) throw new BuildError('index', this.failures.join('\n'));
  }

  private next(): void {
    while (this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift() as { shard: Shard; key: string; segment: readonly string[] };
      const failed = (error: unknown) => {
        this.failures.push(`shard ${job.shard.id}: ${error instanceof Error ? error.message : String(error)}`);
      };
      // This shard, the others that will run beside it, and the threads busy outside.
      const busy = Math.min(this.concurrency, this.running.size + 1 + this.waiting.length) + this.beside;
      const written = this.index(job.shard, job.segment, pagefindThreads(availableParallelism(), busy));
      const indexing = written.then(
        () => undefined,
        () => undefined,
      );
      const tracked = indexing.finally(() => {
        this.running.delete(tracked);
        this.next();
      });
      this.running.add(tracked);
      const { siteDir, storeDir } = this.options;
      const install = written.then((bundle) => installBundle(bundle, job.shard.id, job.key, join(siteDir, 'pagefind'), storeDir)).catch(failed);
      const installed = install.finally(() => this.installing.delete(installed));
      this.installing.add(installed);
    }
  }

  /**
   * Indexes a shard's pages, with this package's indexer where it knows the site's language and
   * with Pagefind's otherwise; returns the bundle written.
   */
  private async index(shard: Shard, segment: readonly string[], threads: number): Promise<WrittenBundle> {
    const { siteDir, indexRoot, scratchDir } = this.options;
    const outputPath = join(scratchDir, `bundle-${shard.id}`);
    await rm(outputPath, { recursive: true, force: true });
    const prefix = relative(indexRoot, siteDir).split(sep).filter(Boolean);
    const files = shard.pages.map((page) => [...prefix, page].join('/'));
    const language = primaryLanguage(this.options.language);
    if (indexesItself(language)) {
      const segmentFiles = segment.map((page) => [...prefix, page].join('/'));
      const job: BundleJob = { root: indexRoot, files, segment: segmentFiles, outputPath, language };
      // At most `concurrency` shards are given out at once, so the pool never needs more workers.
      this.pool ??= new JobPool(BUNDLE_WORKER, availableParallelism());
      const [, runtime] = await Promise.all([
        this.pool.run(job).catch((error: unknown) => {
          throw new Error(`indexer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }),
        shard.id === 0 ? (this.options.runtime ?? writeRuntime(this.options.scratchDir, language, threads)) : null,
      ]);
      if (runtime) await moveRuntime(runtime, outputPath);
      return { dir: outputPath, named: true };
    }
    await withSegmentedPages(siteDir, segment, () => runIndexer(PAGEFIND_WORKER, { root: indexRoot, files, outputPath, language, threads } satisfies ShardJob));
    return { dir: outputPath, named: false };
  }
}

/**
 * Pagefind's browser runtime (scripts, styles, wasm), which Pagefind writes beside any index:
 * it is taken from the bundle Pagefind writes for a site of one page, in `scratchDir`, for the
 * primary subtag `language`, with `threads` threads (by default, a share of the cores beside one
 * other busy thread). Returns that bundle. It needs no page of the site, so a cold build starts
 * it while its model is built, when a core is free (see `ShardIndexerOptions.runtime`).
 */
export async function writeRuntime(scratchDir: string, language: string, threads = pagefindThreads(availableParallelism(), 2)): Promise<string> {
  const site = join(scratchDir, 'runtime-site');
  const outputPath = join(scratchDir, 'runtime-bundle');
  await Promise.all([site, outputPath].map((dir) => rm(dir, { recursive: true, force: true })));
  await mkdir(site, { recursive: true });
  await writeFile(join(site, 'index.html'), `<!DOCTYPE html><html lang="${language}"><body><p>runtime</p></body></html>`);
  await runIndexer(PAGEFIND_WORKER, { root: site, files: ['index.html'], outputPath, language, threads });
  await checkRuntimeVersion(outputPath);
  return outputPath;
}

/**
 * Stops the build when the Pagefind that wrote `bundle` is not the version whose index this
 * package writes and reads (`PAGEFIND_VERSION`): its runtime would be published beside an index
 * it may not read. The version is the one Pagefind stamps in the bundle's entry, so an npm
 * `overrides` that installs another Pagefind is caught, whatever its package says.
 */
export async function checkRuntimeVersion(bundle: string): Promise<void> {
  const file = join(bundle, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown };
  const found = typeof entry.version === 'string' ? entry.version : 'of unknown version';
  if (found === PAGEFIND_VERSION) return;
  throw new BuildError(
    'index',
    `the installed Pagefind is ${found} (${file}), but this answerpress writes and reads the search index of Pagefind ${PAGEFIND_VERSION} only. Install pagefind@${PAGEFIND_VERSION}: remove any npm "overrides" (or yarn "resolutions") entry for pagefind.`,
  );
}

/**
 * Whether a site in `language` (BCP 47) is indexed by this package's indexer rather than by
 * Pagefind's; its shard 0 then takes Pagefind's runtime from `writeRuntime`.
 */
export function indexesItself(language: string): boolean {
  return indexerStemmer(primaryLanguage(language)) !== undefined;
}

/** A shard's bundle, and whether its fragments are named as the site's bundle names them (see `fragments.ts`). */
interface WrittenBundle {
  dir: string;
  named: boolean;
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

async function runIndexer(worker: string, job: ShardJob): Promise<void> {
  try {
    await runJob(worker, job);
  } catch (error) {
    throw new Error(`Pagefind: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
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
 * Moves a written bundle into place: its fragments into the site, its index into the store.
 * Shard 0's scripts and wasm, made ready to publish (see `runtime.ts`), are the site's; the
 * other shards' are dropped.
 */
async function installBundle({ dir: bundle, named }: WrittenBundle, id: number, key: string, siteBundle: string, storeDir: string): Promise<void> {
  const { pages } = await readShardMeta(bundle, id);
  await installFragments(bundle, siteBundle, fragmentFolder(id, key), pages, named);
  if (id === 0) await prepareScripts(bundle);
  for (const name of await readdir(bundle)) {
    if (SHARD_DATA.test(name)) continue;
    if (id === 0) {
      await rm(join(siteBundle, name), { recursive: true, force: true });
      await rename(join(bundle, name), join(siteBundle, name));
    } else {
      await rm(join(bundle, name), { recursive: true, force: true });
    }
  }
  await decompressIndex(join(bundle, 'index'));
  await moveDir(bundle, join(storeDir, key));
  await sealStoredShard(join(storeDir, key));
}

/**
 * The stored index chunks are kept decompressed: the merge reads every one after every build.
 * This package's indexer writes them so; Pagefind's are compressed.
 */
async function decompressIndex(dir: string): Promise<void> {
  await Promise.all(
    (await readdir(dir)).map(async (name) => {
      const file = join(dir, name);
      const bytes = await readFile(file);
      if (!isPlainFile(bytes)) await writeFile(file, plainFile(await decodeFile(bytes, file)));
    }),
  );
}

/** Renames a folder over another, copying when they are on different file systems. */
async function moveDir(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  await mkdir(join(to, '..'), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, `${to}.partial`, { recursive: true });
    await rename(`${to}.partial`, to);
    await rm(from, { recursive: true, force: true });
  }
}

export interface IndexSummary {
  pages: number;
  /** Content hash of the entry file, used as Pagefind's `metaCacheTag`. */
  cacheTag: string;
  /** The file name under which the search page loads Pagefind's script (see `runtime.ts`). */
  script: string;
}

/**
 * The last step of indexing, in a build as in a merge of parts: checks the merged bundle
 * against the number of pages that opted in, publishes Pagefind's script under its content's
 * hash and puts the cache tag and the script's name into the pages that configure the search UI.
 */
export async function sealIndex(siteDir: string, expectedPages: number): Promise<IndexSummary> {
  const summary = { ...(await summarizeIndex(siteDir, expectedPages)), script: await publishScript(join(siteDir, 'pagefind')) };
  await stampSearchPages(siteDir, { [META_CACHE_TAG_TOKEN]: summary.cacheTag, [RUNTIME_SCRIPT_TOKEN]: summary.script });
  return summary;
}

/** Checks the merged bundle against the number of pages that opted in, and tags it. */
async function summarizeIndex(siteDir: string, expectedPages: number): Promise<{ pages: number; cacheTag: string }> {
  const entryJson = await readFile(join(siteDir, 'pagefind', 'pagefind-entry.json'));
  const entry = JSON.parse(entryJson.toString('utf8')) as { languages: Record<string, { page_count: number }> };
  const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  if (pages !== expectedPages) {
    throw new BuildError('index', `Pagefind indexed ${pages} pages, expected ${expectedPages} (question and expert pages)`);
  }
  return { pages, cacheTag: createHash('sha256').update(entryJson).digest('hex').slice(0, 16) };
}

/** Pages that configure the search UI and so carry the cache tag and the script's name. */
const SEARCH_PAGES = ['search/index.html'];

/** Replaces each token (a key of `values`) with its value in the pages that configure the search UI. */
async function stampSearchPages(siteDir: string, values: Record<string, string>): Promise<void> {
  for (const page of SEARCH_PAGES) {
    const file = join(siteDir, page);
    let html = await readFile(file, 'utf8');
    for (const [token, value] of Object.entries(values)) html = html.replaceAll(token, value);
    await replaceFile(file, html);
  }
}
