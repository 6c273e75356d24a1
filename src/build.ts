/**
 * The build: validate → model → render → index → offline → swap in. Every stage writes into a
 * staging folder beside the output (`pipeline/staging.ts`); the output is replaced only when all of
 * them succeeded.
 *
 * Once the data is loaded and modelled (`pipeline/inputs.ts`), the build is planned as one of three
 * kinds (`pipeline/plan.ts`): cold, incremental or a part. A cold build or a part renders the pages
 * shard by shard and indexes each shard while the next renders; an incremental build starts
 * from hard links to the last good output and renders and indexes only what changed
 * (`pipeline/render.ts`). A part then stops before the merge, which `merge.ts` does for all the
 * parts; a site merges its shards, writes the offline files and swaps in (`pipeline/finish.ts`).
 */
import { dirname, join, resolve } from 'node:path';
import { loadInputs } from './pipeline/inputs.js';
import { planBuild } from './pipeline/plan.js';
import { renderCold, renderIncremental } from './pipeline/render.js';
import type { BuildRun, Rendered } from './pipeline/run.js';
import { finishPart, finishSite } from './pipeline/finish.js';
import { Staging } from './pipeline/staging.js';
import { PhaseClock, type BuildOptions, type BuildResult } from './pipeline/types.js';
import { namedNoSpace } from './errors/noSpace.js';
import { defaultCacheDir, loadCache, openCache, type Manifest } from './incremental/cache.js';
import { inputStamp } from './incremental/inputStamp.js';
import { publishEditor } from './editor/publish.js';
import { recover } from './output/atomicDir.js';
import { ownsSitePages } from './output/part.js';
import { startMinifier } from './output/minify.js';
import { KeptAssets } from './output/keptAssets.js';
import { hashPackage } from './output/fingerprint.js';
import { lockBuild } from './output/lock.js';
import { MemoryCeiling } from './threads/memory.js';
import { layoutSearchPath, packageLayouts } from './output/packagePaths.js';
import { ShardIndexer } from './search/index/indexSite.js';
import { ShardMerger } from './search/merge/merger.js';
import { shardStoreDir } from './search/index/shardStore.js';

export { packageLayouts };
export type { BuildOptions, BuildResult, BuildWork, Phase } from './pipeline/types.js';

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? '_site');
  const cacheDir = options.cacheDir === false || options.slice ? null : resolve(options.cacheDir ?? defaultCacheDir(outDir));
  // The default cache belongs to the output alone, and is locked with it.
  const lock = await lockBuild(outDir, typeof options.cacheDir === 'string' ? cacheDir : null, options.waiting);
  try {
    const clock = new PhaseClock();
    const layoutDirs = layoutSearchPath(options.layoutsDir);
    const { packageHash, manifest, stamp } = await clock.time('load', async () => {
      const packageHash = await hashPackage();
      await recover(outDir, { background: true });
      const manifest = cacheDir && !options.clean ? await openCache(cacheDir, outDir, packageHash) : null;
      // Stamped before anything is read: a file changed meanwhile only makes the next build look again.
      const stamp = cacheDir ? await stampInputs(options, layoutDirs, packageHash) : null;
      return { packageHash, manifest, stamp };
    });
    if (manifest && stamp !== null && manifest.inputs === stamp && !options.readData) return upToDate(outDir, manifest, clock);
    // A cold build minifies the layouts' assets: esbuild's service compiles while the data loads.
    // A build from the cache usually finds them minified already, and starts it only if not.
    if (!manifest) startMinifier();
    const kept = cacheDir ? new KeptAssets(join(cacheDir, 'assets'), packageHash, { reuse: !options.clean }) : undefined;
    const staging = await Staging.open(outDir, { linkOutput: manifest !== null });
    const merger = new ShardMerger();
    try {
      const previous = cacheDir && manifest ? await clock.time('load', () => loadCache(cacheDir, manifest)) : null;
      const memory = new MemoryCeiling();
      const inputs = await loadInputs(options, { layoutDirs, kept, cacheDir, previous, staging, clock, memory });
      const plan = await clock.time('model', () => planBuild(options, { previous, keys: inputs.keys, shards: inputs.shards, copy: () => clock.time('render', () => staging.linkedCopy()) }));
      const storeDir = shardStoreDir(cacheDir, staging.dir);
      // While pages render, one shard is indexed at a time beside Node; once they are all
      // written, two at a time. An incremental build renders its few pages before it indexes.
      const indexer = new ShardIndexer({
        siteDir: inputs.paths.site,
        indexRoot: inputs.paths.root,
        scratchDir: staging.dir,
        storeDir,
        language: inputs.model.site.language,
        concurrency: 1,
        beside: plan.kind === 'incremental' ? 0 : 1,
        runtime: inputs.runtime,
      });
      const run: BuildRun = { options, outDir, cacheDir, packageHash, kept, inputStamp: stamp, previous, storeDir, layoutDirs, inputs, staging, clock, indexer, merger, memory };
      let rendered: Rendered;
      try {
        rendered = plan.kind === 'incremental' ? await renderIncremental(run, plan) : await renderCold(run, plan);
      } catch (error) {
        await indexer.finish().catch(() => undefined);
        throw error;
      }
      indexer.setConcurrency(2);
      // The web editor, when site.yaml asks for it, goes with the other site-wide files.
      if (ownsSitePages(options.slice)) await clock.time('render', () => publishEditor(inputs.paths.site, inputs.model.site, inputs.assets));
      return plan.kind === 'part' ? await finishPart(run, plan.slice, rendered) : await finishSite(run, rendered, plan.kind === 'incremental');
    } finally {
      await merger.close();
      await clock.time('swap', () => staging.close());
    }
  } catch (error) {
    throw namedNoSpace(error, [dirname(outDir), ...(cacheDir ? [cacheDir] : [])]);
  } finally {
    await lock.release();
  }
}

/** The layout folders are stamped by path as well as by content: another `--layouts` is a change. */
function stampInputs(options: BuildOptions, layoutDirs: string[], packageHash: string): Promise<string> {
  const dataDir = resolve(options.dataDir ?? 'data');
  return inputStamp({ dataDir, layoutDirs, packageHash, options: { pagesPerShard: options.pagesPerShard ?? null } });
}

/** Nothing the build reads has changed since the build that left the output: it stands as it is. */
function upToDate(outDir: string, manifest: Manifest, clock: PhaseClock): BuildResult {
  const { questions, experts, warnings } = manifest.summary;
  const timings = clock.timings;
  const work = { incremental: true, upToDate: true, pagesRendered: 0, pages: manifest.pages.length, shardsIndexed: 0, shards: manifest.shards.length, merged: false, imagesMade: 0 };
  return { counts: { questions, experts }, outDir, timings, work, warnings };
}
