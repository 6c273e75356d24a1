/**
 * The build: validate → model → render → index → offline → swap in. Every stage writes into a
 * staging folder beside the output; the output is replaced only when all of them succeeded.
 *
 * A cold build renders the pages shard by shard and indexes each shard while the next renders.
 * An incremental build (the default when the build cache matches the output) starts from hard
 * links to the last good output, renders only the pages whose keys changed, re-indexes only the
 * shards whose keys changed, and writes the same bytes a cold build would.
 *
 * A part (`slice`, from `--shard i/n`) renders and indexes only its runner's shards and stops
 * before the merge: `merge.ts` puts the parts together.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadData } from './data/load.js';
import type { PageName } from './eleventy/pages.js';
import type { PageSet } from './eleventy/plugin.js';
import { render } from './eleventy/render.js';
import { publishEditor } from './editor/publish.js';
import { BuildError } from './errors/BuildError.js';
import { defaultCacheDir, loadCache, openCache, pruneCache, writeManifest, writeSegments, type Kind, type PreviousBuild } from './incremental/cache.js';
import { outputKeys } from './incremental/keys.js';
import { MarkdownMemo } from './model/markdown.js';
import { buildModel, markdownFields, siteLanguage } from './model/buildModel.js';
import { renderAhead } from './model/renderAhead.js';
import type { SiteModel } from './model/types.js';
import { copyAssets } from './output/assets.js';
import { copyForMirror, linkedCopy, makeStaging, moveCopy, recover, swapIn } from './output/atomicDir.js';
import { buildFingerprint, hashPackage, hashTemplates } from './output/fingerprint.js';
import { moveInto, removeFile } from './output/linkTree.js';
import { MemoryCeiling } from './output/memory.js';
import { ownsShard, ownsSitePages, pagesOfPart, writePart, type Slice } from './output/part.js';
import { layoutSearchPath, packageLayouts } from './output/packagePaths.js';
import { writeOffline, type OfflineResult } from './offline/writeOffline.js';
import { META_CACHE_TAG_TOKEN, primaryLanguage, RUNTIME_SCRIPT_TOKEN, sealIndex, ShardIndexer, indexesItself, writeRuntime, type IndexSummary } from './search/indexSite.js';
import { recompressWasmOffThread } from './search/runtime.js';
import type { MergeResult } from './search/mergeBundles.js';
import { ShardMerger } from './search/merger.js';
import { pruneStore, readMergedChunks, shardStoreDir, storedShards, writeMergedChunks } from './search/shardStore.js';
import { planShards, type Shard } from './search/shards.js';
import { pagesNeedingSegmentation } from './search/unspacedPages.js';

export { packageLayouts };

export interface BuildOptions {
  /** The data folder. Default: `data`. */
  dataDir?: string;
  /** The site's own layouts folder, searched before the package's. Default: none. */
  layoutsDir?: string;
  /** The output folder. Default: `_site`. */
  outDir?: string;
  /** Indexed pages per search shard before the shard count doubles; see `search/shards.ts`. */
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
}

export type Phase = 'load' | 'model' | 'render' | 'index' | 'offline' | 'swap';

export interface BuildWork {
  /** Whether the build started from the last output instead of from nothing. */
  incremental: boolean;
  /** Question, expert and listing pages rendered, of `pages`. */
  pagesRendered: number;
  pages: number;
  /** Search shards indexed, of `shards`. */
  shardsIndexed: number;
  shards: number;
  /** Whether the shards were merged into the search bundle; not when none changed and the last bundle stands. */
  merged: boolean;
}

export interface BuildResult {
  model: SiteModel;
  outDir: string;
  /** Milliseconds spent in each phase. Rendering and indexing overlap: `index` is the wait after rendering. */
  timings: Record<Phase, number>;
  /** What the offline files hold; none for a part (`slice`), which the merge completes. */
  offline?: OfflineResult;
  work: BuildWork;
}

/** Pages rendered once per build, from the whole model. */
const SITE_PAGES: readonly PageName[] = ['home', 'experts', 'topics', 'search', 'offline', 'notFound', 'sitemap', 'robots', 'feed'];
/** Pages rendered once per question, expert or listing page. */
const LISTING_PAGES: readonly PageName[] = ['listing'];
const INDEXED_PAGES: readonly PageName[] = ['question', 'expert'];

/**
 * Changed pages are rendered in one run, which holds them all in memory: above this many and
 * this share of all pages, starting from the last output saves little and a cold build runs.
 */
const INCREMENTAL_PAGES = 500;
const INCREMENTAL_SHARE = 0.2;

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const dataDir = resolve(options.dataDir ?? 'data');
  const outDir = resolve(options.outDir ?? '_site');
  const layoutDirs = layoutSearchPath(options.layoutsDir);
  const cacheDir = options.cacheDir === false || options.slice ? null : resolve(options.cacheDir ?? defaultCacheDir(outDir));
  const timings = { load: 0, model: 0, render: 0, index: 0, offline: 0, swap: 0 } satisfies Record<Phase, number>;
  const timed = async <T>(phase: Phase, fn: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[phase] += performance.now() - start;
    }
  };

  /**
   * Loads the data and builds the model, and writes what the next build reuses of them, so that
   * neither the raw data nor the previous build's copy of it is held while pages render.
   */
  const loadModel = async () => {
    const data = await timed('load', () => loadData(dataDir, { known: previous?.files }));
    const memo = new MarkdownMemo(previous?.markdown);
    // Markdown renders on every core; the model is then built on this thread alone.
    await timed('model', () => renderAhead(memo, markdownFields(data)));
    // A build with no cache to start from is cold: Pagefind's runtime, which shard 0's bundle
    // takes, is written meanwhile on another core, rather than beside shard 0's indexing.
    const language = siteLanguage(data);
    if (!previous && ownsShard(options.slice, 0) && indexesItself(language)) {
      runtimeAhead = writeRuntime(staging, primaryLanguage(language));
      // Reported by the shard that takes it; a build that fails first only waits for it.
      runtimeAhead.catch(() => undefined);
    }
    const model = await timed('model', () => buildModel(data, { markdown: memo }));
    const files = data.files ?? new Map();
    // A segment is reused when all its entries came unchanged from the previous build.
    const reused = (kind: Kind, key: string): boolean => {
      if (kind === 'markdown') return !memo.rendered.has(key);
      const before = previous?.files.get(key);
      const now = files.get(key);
      return before !== undefined && before.hash === now?.hash && before.stamp === now.stamp;
    };
    // The cache is an aid, never a reason to fail: a build that cannot write it still publishes.
    const segments = cacheDir ? await timed('model', () => writeSegments(cacheDir, { files, markdown: memo.used }, previous, reused).catch(() => null)) : null;
    if (previous) {
      previous.files.clear();
      previous.markdown.clear();
    }
    return { model, sourceHash: data.sourceHash, fileHashes: new Map([...files].map(([file, known]) => [file, known.hash])), segments };
  };

  const packageHash = await hashPackage();
  await recover(outDir, { background: true });
  const manifest = cacheDir && !options.clean ? await openCache(cacheDir, outDir, packageHash) : null;
  const staging = await makeStaging(outDir);
  let runtimeAhead: Promise<string> | undefined;
  // With a cache, the links to the last output are made while the cache and the data load; a
  // failure there only means a cold build.
  const linking = manifest ? linkedCopy(outDir, staging).catch(() => null) : Promise.resolve(null);
  const previous = cacheDir && manifest ? await timed('load', () => loadCache(cacheDir, manifest)) : null;
  const storeDir = shardStoreDir(cacheDir, staging);
  // The search shards are merged after every build that changed one, the unchanged ones included.
  const merger = new ShardMerger();
  let mirrorCopy: Promise<string | undefined> | undefined;
  let merged: MergeResult | undefined;
  // The chunks of the merged bundle the last build wrote, by name and content hash: a merge
  // reuses those it would write again. With every shard as that build left it, the bundle,
  // already in the copy of its output, is what a merge would write, and is kept.
  let known = new Map<string, string>();
  let keepBundle = false;
  let sealed: IndexSummary | undefined;
  try {
    const { model, sourceHash, fileHashes, segments } = await loadModel();
    const templates = await hashTemplates(layoutDirs);
    const version = buildFingerprint(sourceHash, templates, { basePath: model.site.basePath });
    // The site is built at its base path inside `root`, so the search indexer sees its real URLs.
    const baseSegments = model.site.basePath.split('/').filter(Boolean);
    const root = join(staging, 'root');
    const site = join(root, ...baseSegments);
    const freshSite = join(staging, 'fresh', ...baseSegments);
    const shards = planShards(model, options.pagesPerShard);
    const assets = await timed('render', () => copyAssets(layoutDirs, freshSite));
    const keys = outputKeys(model, shards, {
      templates,
      assets,
      fileHashes,
      customTemplates: options.layoutsDir !== undefined && (await hasTemplates(resolve(options.layoutsDir))),
    });
    const changed = new Set([...keys.pages].filter(([file, key]) => previous?.pages.get(file) !== key).map(([file]) => file));
    const incremental =
      previous !== null && previous.shards.length === shards.length && changed.size <= Math.max(INCREMENTAL_PAGES, keys.pages.size * INCREMENTAL_SHARE) && (await timed('render', () => linking)) !== null;
    const renderPages = async (target: string, only: readonly PageName[], pageSet: PageSet) => {
      try {
        await render(target, staging, { model, layoutDirs, assets, searchCacheTag: META_CACHE_TAG_TOKEN, searchScript: RUNTIME_SCRIPT_TOKEN, only, pageSet });
      } catch (error) {
        throw new BuildError('render', error instanceof Error ? error.message : String(error), { cause: error });
      }
    };
    // While pages render, one shard is indexed at a time beside Node (two cores, and the tree's
    // memory stays under 2 GiB at 10,000 questions); once they are all written, two at a time.
    // An incremental build renders its few pages before it indexes.
    const indexer = new ShardIndexer({ siteDir: site, indexRoot: root, scratchDir: staging, storeDir, language: model.site.language, concurrency: 1, beside: incremental ? 0 : 1, runtime: runtimeAhead });
    const memory = new MemoryCeiling();
    // The raw data and the previous build's cache are garbage from here on. An incremental build
    // renders a few pages and indexes a shard or two: it stays small without full collections,
    // each of which costs a third of a second at 10,000 questions.
    if (!incremental) memory.release();
    const needingSegmentation = pagesNeedingSegmentation(model);
    const indexed: Shard[] = [];
    const indexShard = (shard: Shard) => {
      indexer.add(shard, keys.shards[shard.id] as string, needingSegmentation(shard.pages));
      indexed.push(shard);
    };
    try {
      if (incremental) {
        // Every file of the last output, as links; the changed ones are rendered beside it and
        // moved in, replacing the links, and the pages that no longer exist are removed.
        await timed('render', async () => {
          await moveCopy(staging, (await linking) as string, site);
          for (const file of (previous as PreviousBuild).pages.keys()) if (!keys.pages.has(file)) await removeFile(site, file);
          const pick = <T extends { path: string }>(items: readonly T[]) => items.filter((item) => changed.has(`${item.path}index.html`));
          await renderPages(freshSite, [...SITE_PAGES, ...LISTING_PAGES, ...INDEXED_PAGES], {
            questions: pick(model.questions),
            experts: pick(model.experts),
            listings: pick(model.listings),
          });
          await moveInto(freshSite, site);
        });
        const stored = await storedShards(storeDir, keys.shards);
        const unchanged = (shard: Shard) => (previous as PreviousBuild).shards[shard.id] === keys.shards[shard.id] && stored.has(keys.shards[shard.id] as string);
        if (manifest) known = await readMergedChunks(storeDir, manifest.version);
        keepBundle = known.size > 0 && shards.every(unchanged);
        for (const shard of shards) {
          // An unchanged shard is read for the merge while Pagefind indexes the changed ones.
          if (!unchanged(shard)) indexShard(shard);
          else if (!keepBundle) merger.load(shard.id, join(storeDir, keys.shards[shard.id] as string));
        }
      } else {
        // The assets and the pages outside the search shards are runner 0's, in a build of parts.
        // They are rendered once the first shard is being indexed: until then, Pagefind would
        // leave a core idle.
        let sitePagesDue = ownsSitePages(options.slice);
        const renderSitePages = () =>
          timed('render', async () => {
            await moveInto(freshSite, site);
            await renderPages(site, [...SITE_PAGES, ...LISTING_PAGES], { questions: [], experts: [], listings: model.listings });
          });
        // Each shard's pages are rendered in a run of their own (Eleventy holds every page it
        // renders until the run ends) and indexed while the next shard renders.
        const questions = new Map(model.questions.map((q) => [q.slug, q]));
        const experts = new Map(model.experts.map((e) => [e.id, e]));
        for (const shard of shards) {
          if (!ownsShard(options.slice, shard.id)) continue;
          await timed('render', () =>
            renderPages(site, INDEXED_PAGES, {
              questions: shard.questions.map((slug) => questions.get(slug) as SiteModel['questions'][number]),
              experts: shard.experts.map((id) => experts.get(id) as SiteModel['experts'][number]),
              listings: [],
            }),
          );
          indexShard(shard);
          if (sitePagesDue) {
            sitePagesDue = false;
            await renderSitePages();
          }
          memory.check();
        }
        if (sitePagesDue) await renderSitePages();
      }
    } catch (error) {
      await indexer.finish().catch(() => undefined);
      throw error;
    }
    // A first build leaves the next one the copy to start from, linked while the last shards are
    // indexed.
    mirrorCopy = !incremental && cacheDir ? copyForMirror(outDir, site, staging).catch(() => undefined) : undefined;
    if (!incremental) memory.release();
    indexer.setConcurrency(2);
    const indexedRuntime = indexed.some((shard) => shard.id === 0);
    // The web editor, when site.yaml asks for it, goes with the other site-wide files.
    if (ownsSitePages(options.slice)) await timed('render', () => publishEditor(site, model.site, assets));
    const work = { incremental, pagesRendered: incremental ? changed.size : keys.pages.size, pages: keys.pages.size, shardsIndexed: indexed.length, shards: shards.length, merged: !keepBundle };
    if (options.slice) {
      // A part: its shards' indexes go with its pages; the merge writes the bundle and the rest.
      const slice = options.slice;
      await timed('index', async () => {
        await indexer.finish();
        if (indexedRuntime) await recompressWasmOffThread(join(site, 'pagefind'));
      });
      await timed('swap', async () => {
        const own = indexed.map((shard) => ({ id: shard.id, key: keys.shards[shard.id] as string }));
        await writePart(site, storeDir, { slice, version, templates, site: model.site, pages: model.questions.length + model.experts.length, shardCount: shards.length, shards: own });
        await swapIn(site, outDir, { background: true });
      });
      return { model, outDir, timings, work: { ...work, pagesRendered: pagesOfPart(slice, shards, keys.pages.keys()).length, merged: false } };
    }
    await timed('index', async () => {
      await indexer.finish();
      // Shard 0's runtime, when this build indexed it, is compressed beside the merge.
      const wasm = indexedRuntime ? recompressWasmOffThread(join(site, 'pagefind')).then(() => undefined, (error: unknown) => error) : undefined;
      if (keepBundle) {
        merged = { pages: model.questions.length + model.experts.length, chunks: Object.fromEntries(known) };
      } else {
        // A cold build reads its shards now, once its pages no longer take memory.
        for (const shard of indexed) merger.load(shard.id, join(storeDir, keys.shards[shard.id] as string));
        try {
          merged = await merger.merge(join(site, 'pagefind'), shards.length, known);
        } catch (error) {
          await wasm;
          throw new BuildError('index', `merging the search shards: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      const failed = await wasm;
      if (failed) throw failed;
      sealed = await sealIndex(site, model.questions.length + model.experts.length);
    });
    const offline = await timed('offline', () => writeOffline({ siteDir: site, site: model.site, layoutDirs, version, searchScript: (sealed as IndexSummary).script }));
    await timed('swap', async () => {
      if (cacheDir && segments) await writeManifest(cacheDir, outDir, packageHash, version, keys, segments).catch(() => undefined);
      // With a cache, the replaced output is kept for the next build to start from.
      await swapIn(site, outDir, { background: true, mirror: cacheDir !== null, copy: await mirrorCopy });
      if (cacheDir) {
        await writeMergedChunks(storeDir, version, (merged as MergeResult).chunks).catch(() => undefined);
        await Promise.all([pruneCache(cacheDir, version), pruneStore(storeDir, keys.shards, version)]);
      }
    });
    return { model, outDir, timings, offline, work };
  } finally {
    await Promise.all([linking, mirrorCopy, merger.close(), runtimeAhead?.catch(() => undefined)]);
    await rm(staging, { recursive: true, force: true });
  }
}

/** Whether a site's layouts folder holds any template of its own. */
async function hasTemplates(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir, { recursive: true });
    return entries.some((name) => name.endsWith('.njk'));
  } catch {
    return false;
  }
}
