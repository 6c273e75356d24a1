/**
 * The build: validate → model → render → index → offline → swap in. Every stage writes into a
 * staging folder beside the output; the output is replaced only when all of them succeeded.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadData } from './data/load.js';
import { BuildError } from './errors/BuildError.js';
import type { PageName } from './eleventy/pages.js';
import { render } from './eleventy/render.js';
import { buildModel } from './model/buildModel.js';
import type { Expert, Question, SiteModel } from './model/types.js';
import { copyAssets } from './output/assets.js';
import { makeStaging, recover, swapIn } from './output/atomicDir.js';
import { buildFingerprint } from './output/fingerprint.js';
import { packageLayouts } from './output/packagePaths.js';
import { writeOffline, type OfflineResult } from './offline/writeOffline.js';
import { META_CACHE_TAG_TOKEN, ShardIndexer, stampCacheTag, summarizeIndex } from './search/indexSite.js';
import { mergedBundleUrls, planShards } from './search/shards.js';
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
}

/** Pages rendered once per build, from the whole model. */
const SITE_PAGES: readonly PageName[] = ['home', 'listing', 'experts', 'topics', 'search', 'offline', 'notFound', 'sitemap', 'robots', 'feed'];
/** Pages rendered shard by shard: the ones in the search index. */
const INDEXED_PAGES: readonly PageName[] = ['question', 'expert'];

export type Phase = 'load' | 'model' | 'render' | 'index' | 'offline' | 'swap';

export interface BuildResult {
  model: SiteModel;
  outDir: string;
  /** Milliseconds spent in each phase. */
  timings: Record<Phase, number>;
  offline: OfflineResult;
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const dataDir = resolve(options.dataDir ?? 'data');
  const outDir = resolve(options.outDir ?? '_site');
  const layoutDirs = [...(options.layoutsDir ? [resolve(options.layoutsDir)] : []), packageLayouts];
  const timings = { load: 0, model: 0, render: 0, index: 0, offline: 0, swap: 0 } satisfies Record<Phase, number>;
  const timed = async <T>(phase: Phase, fn: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      timings[phase] += performance.now() - start;
    }
  };

  const data = await timed('load', () => loadData(dataDir));
  const model = await timed('model', () => buildModel(data));
  await recover(outDir);
  const staging = await makeStaging(outDir);
  // The site is built at its base path inside `root`, so the search indexer sees its real URLs.
  const root = join(staging, 'root');
  const site = join(root, ...model.site.basePath.split('/').filter(Boolean));
  try {
    const shards = planShards(model, options.pagesPerShard);
    const segment = new Set(pagesNeedingSegmentation(model));
    const searchShards = mergedBundleUrls(model.site.basePath, shards.length);
    const assets = await timed('render', () => copyAssets(layoutDirs, site));
    const renderPages = async (only: readonly PageName[], pageModel: SiteModel) => {
      try {
        await render(site, staging, { model: pageModel, layoutDirs, assets, searchCacheTag: META_CACHE_TAG_TOKEN, searchShards, only });
      } catch (error) {
        throw new BuildError('render', error instanceof Error ? error.message : String(error), { cause: error });
      }
    };
    await timed('render', () => renderPages(SITE_PAGES, model));
    // Each shard's pages are rendered in a run of their own (Eleventy holds every page it renders
    // until the run ends) and indexed while the next shard renders.
    const questions = new Map(model.questions.map((q) => [q.slug, q]));
    const experts = new Map(model.experts.map((e) => [e.id, e]));
    const indexer = new ShardIndexer({ siteDir: site, indexRoot: root, scratchDir: staging, language: model.site.language });
    try {
      for (const shard of shards) {
        const part = {
        ...model,
          questions: shard.questions.map((slug) => questions.get(slug) as Question),
          experts: shard.experts.map((id) => experts.get(id) as Expert),
        };
        await timed('render', () => renderPages(INDEXED_PAGES, part));
        indexer.add(shard, shard.pages.filter((page) => segment.has(page)));
      }
    } catch (error) {
      await indexer.finish().catch(() => undefined);
      throw error;
    }
    await timed('index', async () => {
      await indexer.finish();
      const { cacheTag } = await summarizeIndex(site, shards.length, model.questions.length + model.experts.length);
      await stampCacheTag(site, cacheTag);
    });
    const offline = await timed('offline', async () => {
      const version = await buildFingerprint(data.sourceHash, layoutDirs, { basePath: model.site.basePath });
      return writeOffline({ siteDir: site, model, layoutDirs, version });
    });
    await timed('swap', () => swapIn(site, outDir));
    return { model, outDir, timings, offline };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
