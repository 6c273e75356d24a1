/**
 * The end of a build, once its pages are rendered and its shards queued: a part stores its
 * shards' indexes beside its pages for the merge; a site merges its shards into one bundle,
 * writes the offline files and swaps in, leaving the cache for the next build.
 */
import { join } from 'node:path';
import { BuildError } from '../errors/BuildError.js';
import { pruneImages } from '../images/makeImages.js';
import { pruneCache, writeManifest } from '../incremental/cache.js';
import { shardKey } from '../incremental/keys.js';
import type { SiteModel } from '../model/types.js';
import { pagesOfPart, partWordsFile, writePart, type Slice } from '../output/part.js';
import { writeOffline } from '../offline/writeOffline.js';
import { sealIndex } from '../search/index/indexSite.js';
import type { MergeResult } from '../search/merge/mergeBundles.js';
import { recompressWasmOffThread } from '../search/runtime/runtime.js';
import { pruneStore, writeMergedChunks } from '../search/index/shardStore.js';
import { publishVocabulary, siteWordCounts, storeWordCounts, vocabularyFiles, writeCounts, type SiteWordCounts } from '../search/vocabulary.js';
import type { BuildRun, Rendered } from './run.js';
import type { BuildResult, BuildWork } from './types.js';

/** A part: its shards' indexes go with its pages; the merge writes the bundle and the rest. */
export async function finishPart(run: BuildRun, slice: Slice, rendered: Rendered): Promise<BuildResult> {
  const { inputs, clock, indexer, staging, storeDir, outDir } = run;
  const { model, keys, shards, paths } = inputs;
  await clock.time('index', async () => {
    await indexer.finish();
    if (rendered.indexed.some((shard) => shard.id === 0)) await recompressWasmOffThread(join(paths.site, 'pagefind'));
  });
  await clock.time('swap', async () => {
    const own = rendered.indexed.map((shard) => ({ id: shard.id, key: shardKey(keys, shard.id) }));
    await writePart(paths.site, storeDir, { slice, version: inputs.version, templates: inputs.templates, site: model.site, pages: indexedPages(model), shardCount: shards.length, shards: own });
    // The part counts the words of its own shards, whose pages it holds; the merge sums every
    // part's counts into the vocabulary the search page names.
    const words = await siteWordCounts(model, rendered.indexed, { dir: storeDir, keys: keys.shards, previous: null });
    await writeCounts(partWordsFile(paths.site), words.site);
    await staging.swapIn(paths.site, { mirror: false });
  });
  const work = { ...workOf(run, rendered, false), pagesRendered: pagesOfPart(slice, shards, keys.pages.keys()).length, merged: false };
  return { model, assets: inputs.assets, counts: countsOf(model), outDir, timings: clock.timings, work, warnings: inputs.warnings };
}

/** A site: its shards merged into the bundle readers load (or the last one kept), the offline files, the swap and the cache. */
export async function finishSite(run: BuildRun, rendered: Rendered, incremental: boolean): Promise<BuildResult> {
  const { inputs, clock, staging, cacheDir, storeDir, outDir } = run;
  const { model, keys, paths } = inputs;
  const { merged, script, words } = await clock.time('index', () => mergeIndex(run, rendered));
  const offline = await clock.time('offline', () => writeOffline({ siteDir: paths.site, site: model.site, layoutDirs: run.layoutDirs, version: inputs.version, searchScript: script, kept: run.kept }));
  await clock.time('swap', async () => {
    if (cacheDir && inputs.segments) {
      const summary = { questions: model.questions.length, experts: model.experts.length, warnings: inputs.warnings };
      await writeManifest(cacheDir, outDir, keys, { packageHash: run.packageHash, version: inputs.version, segments: inputs.segments, inputs: run.inputStamp, summary }).catch(() => undefined);
    }
    // With a cache, the replaced output is kept for the next build to start from.
    await staging.swapIn(paths.site, { mirror: cacheDir !== null });
    if (cacheDir) {
      await writeMergedChunks(storeDir, inputs.version, merged.chunks).catch(() => undefined);
      await storeWordCounts(storeDir, inputs.version, words).catch(() => undefined);
      await Promise.all([pruneCache(cacheDir, inputs.version), pruneStore(storeDir, keys.shards, inputs.version), pruneImages(inputs.imagesDir, inputs.images.keys), run.kept?.prune()]);
    }
  });
  return { model, assets: inputs.assets, counts: countsOf(model), outDir, timings: clock.timings, offline, work: workOf(run, rendered, incremental), warnings: inputs.warnings };
}

/**
 * Waits for the shards being indexed, merges every shard into the site's bundle (a cold build
 * reads its shards now, once its pages no longer take memory) unless the last bundle stands,
 * and seals it. Shard 0's runtime, when this build indexed it, is compressed beside the merge.
 * The search vocabulary's word counts are worked out meanwhile, while the shards are indexed in
 * other threads (`vocabulary.ts`).
 */
async function mergeIndex({ inputs, indexer, merger, storeDir, previous }: BuildRun, rendered: Rendered): Promise<{ merged: MergeResult; script: string; words: SiteWordCounts }> {
  const { model, keys, shards, paths } = inputs;
  const bundle = join(paths.site, 'pagefind');
  const counting = siteWordCounts(model, shards, { dir: storeDir, keys: keys.shards, previous: previous && { keys: previous.shards, version: previous.version } });
  counting.catch(() => undefined);
  await indexer.finish();
  const words = await counting;
  const wasm = rendered.indexed.some((shard) => shard.id === 0) ? recompressWasmOffThread(bundle).then(() => undefined, (error: unknown) => error) : undefined;
  let merged: MergeResult;
  if (rendered.keepBundle) {
    merged = { pages: indexedPages(model), chunks: Object.fromEntries(rendered.known) };
  } else {
    for (const shard of rendered.indexed) merger.load(shard.id, join(storeDir, shardKey(keys, shard.id)));
    try {
      merged = await merger.merge(bundle, shards.length, rendered.known);
    } catch (error) {
      await wasm;
      throw new BuildError('index', `merging the search shards: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  const failed = await wasm;
  if (failed) throw failed;
  const sealed = await sealIndex(paths.site, indexedPages(model));
  await publishVocabulary(paths.site, vocabularyFiles(words.site));
  return { merged, script: sealed.script, words };
}

/** The pages in the search index: every question and expert page. */
function indexedPages(model: SiteModel): number {
  return model.questions.length + model.experts.length;
}

function countsOf(model: SiteModel): BuildResult['counts'] {
  return { questions: model.questions.length, experts: model.experts.length };
}

function workOf(run: BuildRun, rendered: Rendered, incremental: boolean): BuildWork {
  const { keys, shards } = run.inputs;
  return { incremental, upToDate: false, pagesRendered: rendered.pagesRendered, pages: keys.pages.size, shardsIndexed: rendered.indexed.length, shards: shards.length, merged: !rendered.keepBundle, imagesMade: run.inputs.images.made };
}
