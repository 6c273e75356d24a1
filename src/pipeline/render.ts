/**
 * Rendering the pages of a build, and queuing each search shard for indexing as soon as its
 * pages are written: every page for a cold build or a part, only the changed ones for an
 * incremental build.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PageName } from '../eleventy/pages.js';
import type { PageSet } from '../eleventy/plugin.js';
import { render } from '../eleventy/render.js';
import { BuildError } from '../errors/BuildError.js';
import { IMAGE_FOLDER } from '../images/makeImages.js';
import { shardKey } from '../incremental/keys.js';
import type { SiteModel } from '../model/types.js';
import { moveInto, removeFile } from '../output/linkTree.js';
import { ownsShard, ownsSitePages } from '../output/part.js';
import { META_CACHE_TAG_TOKEN, RUNTIME_SCRIPT_TOKEN } from '../search/index/indexSite.js';
import { readMergedChunks, storedShards } from '../search/index/shardStore.js';
import { PAGES_PER_SHARD, type Shard } from '../search/index/shards.js';
import { pagesNeedingSegmentation } from '../search/fossick/unspacedPages.js';
import { VOCABULARY_TOKEN } from '../search/vocabulary.js';
import type { BuildPlan } from './plan.js';
import type { BuildRun, Rendered } from './run.js';

/** Pages rendered once per build, from the whole model. */
const SITE_PAGES: readonly PageName[] = ['home', 'experts', 'topics', 'search', 'offline', 'notFound', 'sitemap', 'robots', 'feed'];
/** Pages rendered once per listing page ("all questions" and each topic's, 20 questions a page). */
const LISTING_PAGES: readonly PageName[] = ['listing'];
/** Pages rendered once per question or expert, and indexed. */
const INDEXED_PAGES: readonly PageName[] = ['question', 'expert'];

/**
 * A cold build or a part: each shard's pages are rendered in a run of their own (Eleventy holds
 * every page it renders until the run ends) and indexed while the next shard renders.
 */
export async function renderCold(run: BuildRun, plan: BuildPlan & { kind: 'cold' | 'part' }): Promise<Rendered> {
  const { inputs, clock, memory, options } = run;
  const { model, shards, keys, paths } = inputs;
  // The raw data and the previous build's cache are garbage from here on.
  memory.release();
  const queue = shardQueue(run);
  // The assets and the pages outside the search shards are runner 0's, in a build of parts.
  // They are rendered once the first shard is being indexed: until then, the indexer would
  // leave a core idle.
  let sitePagesDue = ownsSitePages(options.slice);
  const renderSitePages = () =>
    clock.time('render', async () => {
      await moveInto(paths.fresh, paths.site);
      await renderPages(run, paths.site, SITE_PAGES, { questions: [], experts: [], listings: [] });
      await renderListings(run, paths.site, model.listings);
    });
  const questions = new Map(model.questions.map((q) => [q.slug, q]));
  const experts = new Map(model.experts.map((e) => [e.id, e]));
  for (const shard of shards) {
    if (!ownsShard(options.slice, shard.id)) continue;
    await clock.time('render', () =>
      renderPages(run, paths.site, INDEXED_PAGES, {
        questions: shard.questions.map((slug) => questions.get(slug) as SiteModel['questions'][number]),
        experts: shard.experts.map((id) => experts.get(id) as SiteModel['experts'][number]),
        listings: [],
      }),
    );
    queue.add(shard);
    if (sitePagesDue) {
      sitePagesDue = false;
      await renderSitePages();
    }
    memory.check();
  }
  if (sitePagesDue) await renderSitePages();
  // A first build leaves the next one the copy to start from, linked while the last shards are
  // indexed.
  if (plan.kind === 'cold' && run.cacheDir) run.staging.startMirror(paths.site);
  memory.release();
  return { pagesRendered: keys.pages.size, indexed: queue.indexed, known: new Map(), keepBundle: false };
}

/**
 * An incremental build: every file of the last output, as links; the changed pages are rendered
 * beside it and moved in, replacing the links, and the pages that no longer exist are removed.
 * Its few pages are rendered before any shard is indexed. An unchanged shard is read for the
 * merge while the changed ones are indexed; when none changed, the last bundle stands.
 */
export async function renderIncremental(run: BuildRun, plan: BuildPlan & { kind: 'incremental' }): Promise<Rendered> {
  const { inputs, clock, staging, storeDir, merger } = run;
  const { model, shards, keys, paths } = inputs;
  const { previous, changed } = plan;
  await clock.time('render', async () => {
    await staging.buildOnCopy(plan.copy, paths.site);
    for (const file of previous.pages.keys()) if (!keys.pages.has(file)) await removeFile(paths.site, file);
    // The images are published anew from the cache, leaving none the data no longer uses.
    await rm(join(paths.site, IMAGE_FOLDER), { recursive: true, force: true });
    const pick = <T extends { path: string }>(items: readonly T[]) => items.filter((item) => changed.has(`${item.path}index.html`));
    await renderPages(run, paths.fresh, [...SITE_PAGES, ...INDEXED_PAGES], { questions: pick(model.questions), experts: pick(model.experts), listings: [] });
    // A question added moves every later page of its listings: at 100,000 questions, thousands.
    await renderListings(run, paths.fresh, pick(model.listings));
    await moveInto(paths.fresh, paths.site);
  });
  const key = (shard: Shard) => shardKey(keys, shard.id);
  // The shards whose key changed are indexed at once; the store is checked meanwhile, and an
  // unchanged shard whose stored index was damaged is indexed after them.
  const queue = shardQueue(run);
  for (const shard of shards) if (previous.shards[shard.id] !== key(shard)) queue.add(shard);
  const unchangedKeys = keys.shards.filter((candidate, id) => previous.shards[id] === candidate);
  const { stored, known } = await clock.time('index', async () => ({ stored: await storedShards(storeDir, unchangedKeys), known: await readMergedChunks(storeDir, previous.version) }));
  const unchanged = (shard: Shard) => previous.shards[shard.id] === key(shard) && stored.has(key(shard));
  const keepBundle = known.size > 0 && shards.every(unchanged);
  for (const shard of shards) {
    if (previous.shards[shard.id] !== key(shard)) continue;
    if (!stored.has(key(shard))) queue.add(shard);
    else if (!keepBundle) merger.load(shard.id, join(storeDir, key(shard)));
  }
  return { pagesRendered: changed.size, indexed: queue.indexed, known, keepBundle };
}

/**
 * Listing pages are many on a large site (one per 20 questions and per topic): they are
 * rendered in runs of a shard's size (`BuildOptions.pagesPerShard`), as Eleventy holds a run's
 * pages until it ends.
 */
async function renderListings(run: BuildRun, target: string, listings: readonly SiteModel['listings'][number][]): Promise<void> {
  const perRun = run.options.pagesPerShard ?? PAGES_PER_SHARD;
  for (let start = 0; start < listings.length; start += perRun) {
    await renderPages(run, target, LISTING_PAGES, { questions: [], experts: [], listings: listings.slice(start, start + perRun) });
    run.memory.check();
  }
}

/** Hands shards to the indexer, each with its key and the pages needing word splits, and keeps the list. */
function shardQueue({ inputs, indexer }: BuildRun): { add: (shard: Shard) => void; indexed: Shard[] } {
  const needingSegmentation = pagesNeedingSegmentation(inputs.model);
  const indexed: Shard[] = [];
  return {
    indexed,
    add: (shard) => {
      indexer.add(shard, shardKey(inputs.keys, shard.id), needingSegmentation(shard.pages));
      indexed.push(shard);
    },
  };
}

async function renderPages({ inputs, layoutDirs, staging }: BuildRun, target: string, only: readonly PageName[], pageSet: PageSet): Promise<void> {
  try {
    await render(target, staging.dir, { model: inputs.model, layoutDirs, assets: inputs.assets, searchCacheTag: META_CACHE_TAG_TOKEN, searchScript: RUNTIME_SCRIPT_TOKEN, searchVocabulary: VOCABULARY_TOKEN, only, pageSet });
  } catch (error) {
    throw new BuildError('render', error instanceof Error ? error.message : String(error), { cause: error });
  }
}
