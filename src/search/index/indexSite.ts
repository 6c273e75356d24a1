/**
 * Indexes the rendered site for Pagefind's search, shard by shard (see `shards.ts`), inside
 * the build and before the swap, with one of the two indexers of `indexers.ts`: this package's,
 * for the languages it has a stemmer for, or Pagefind itself for the others. Pages opt in with `data-pagefind-body`
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
import { fragmentFolder, installFragments } from '../format/fragments.js';
import { decodeFile, isPlainFile, plainFile } from '../format/pagefindFormat.js';
import { readShardMeta } from '../merge/readShard.js';
import { obtainRuntime } from '../runtime/obtainRuntime.js';
import { prepareScripts, publishScript } from '../runtime/runtime.js';
import { indexesItself, OwnIndexer, PagefindIndexer, pagefindThreads, type BundleIndexer, type WrittenBundle } from './indexers.js';
import { sealStoredShard } from './shardStore.js';
import type { Shard } from './shards.js';

/** Written into the search page by the templates, replaced by the index's content hash. */
export const META_CACHE_TAG_TOKEN = '__ANSWERPRESS_META_CACHE_TAG__';
/** Written into the search page by the templates, replaced by the name Pagefind's script is published under. */
export const RUNTIME_SCRIPT_TOKEN = '__ANSWERPRESS_RUNTIME_SCRIPT__';

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
   * Pagefind's runtime bundle, when `obtainRuntime` was started ahead of indexing into the same
   * `scratchDir`; otherwise it is obtained beside shard 0.
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
  /** This package's indexer, or Pagefind's for a language it has no stemmer for. */
  private readonly indexer: BundleIndexer;

  constructor(private readonly options: ShardIndexerOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.beside = Math.max(0, options.beside ?? 0);
    const language = primaryLanguage(options.language);
    this.indexer = indexesItself(language)
      ? new OwnIndexer(language, (threads) => options.runtime ?? obtainRuntime(options.scratchDir, language, threads))
      : new PagefindIndexer(language, options.siteDir);
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
    await this.indexer.close();
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

  /** Indexes a shard's pages into a bundle of its own in the scratch folder. */
  private async index(shard: Shard, segment: readonly string[], threads: number): Promise<WrittenBundle> {
    const { siteDir, indexRoot, scratchDir } = this.options;
    const outputPath = join(scratchDir, `bundle-${shard.id}`);
    await rm(outputPath, { recursive: true, force: true });
    const prefix = relative(indexRoot, siteDir).split(sep).filter(Boolean);
    return this.indexer.index({ shard: shard.id, root: indexRoot, prefix, pages: shard.pages, segment, outputPath, threads });
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
export async function stampSearchPages(siteDir: string, values: Record<string, string>): Promise<void> {
  for (const page of SEARCH_PAGES) {
    const file = join(siteDir, page);
    let html = await readFile(file, 'utf8');
    for (const [token, value] of Object.entries(values)) html = html.replaceAll(token, value);
    await replaceFile(file, html);
  }
}
