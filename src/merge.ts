/**
 * Puts together the parts of a site that several machines built (`build --shard i/n`, see
 * `output/part.ts`): checks that they are every part of one build of this data, links their
 * files into a staging folder, merges their search shards into the one bundle readers load,
 * writes the offline files over the whole and swaps it in. The result is the same, byte for
 * byte, as one machine's build of the same data.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadData } from './data/load.js';
import { BuildError } from './errors/BuildError.js';
import { buildModel } from './model/buildModel.js';
import type { SiteModel } from './model/types.js';
import { makeStaging, swapIn } from './output/atomicDir.js';
import { buildFingerprint, hashTemplates } from './output/fingerprint.js';
import { linkInto } from './output/linkTree.js';
import { packageLayouts } from './output/packagePaths.js';
import { PART_DIR, partShardDir, readPart, type PartManifest } from './output/part.js';
import { writeOffline, type OfflineResult } from './offline/writeOffline.js';
import { stampCacheTag, summarizeIndex } from './search/indexSite.js';
import { mergeBundles } from './search/mergeBundles.js';
import { planShards } from './search/shards.js';

export interface MergeOptions {
  /** The data folder the parts were built from. Default: `data`. */
  dataDir?: string;
  /** The site's own layouts folder, as the parts were built with. Default: none. */
  layoutsDir?: string;
  /** The output folder. Default: `_site`. */
  outDir?: string;
  /** The parts' folders, in any order. */
  parts: readonly string[];
  /** As the parts were built with; see `BuildOptions`. */
  pagesPerShard?: number;
}

export interface MergedSite {
  model: SiteModel;
  outDir: string;
  offline: OfflineResult;
  /** Search shards merged, from `parts` parts. */
  shards: number;
}

export async function mergeParts(options: MergeOptions): Promise<MergedSite> {
  const outDir = resolve(options.outDir ?? '_site');
  const layoutDirs = [...(options.layoutsDir ? [resolve(options.layoutsDir)] : []), packageLayouts];
  const data = await loadData(resolve(options.dataDir ?? 'data'));
  const model = buildModel(data);
  const version = buildFingerprint(data.sourceHash, await hashTemplates(layoutDirs), { basePath: model.site.basePath });
  const shardCount = planShards(model, options.pagesPerShard).length;
  const parts = await Promise.all(options.parts.map(async (dir) => ({ dir: resolve(dir), manifest: await readPart(resolve(dir)) })));
  const shardDirs = checkParts(parts, version, shardCount);

  const staging = await makeStaging(outDir);
  try {
    const site = join(staging, 'site');
    for (const { dir } of parts) await linkInto(dir, site, [PART_DIR]).catch((error: unknown) => {
      throw new BuildError('merge', `${dir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    try {
      await mergeBundles(shardDirs, join(site, 'pagefind'));
    } catch (error) {
      throw new BuildError('index', `merging the search shards: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const { cacheTag } = await summarizeIndex(site, model.questions.length + model.experts.length);
    await stampCacheTag(site, cacheTag);
    const offline = await writeOffline({ siteDir: site, model, layoutDirs, version });
    await swapIn(site, outDir, { background: true });
    return { model, outDir, offline, shards: shardCount };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Checks that `parts` are every part of one build of this data and layouts, each once, and
 * hold every search shard once. Every problem is reported at once, each with its fix. Returns
 * the shards' index folders by shard id.
 */
function checkParts(parts: readonly { dir: string; manifest: PartManifest }[], version: string, shardCount: number): string[] {
  const problems: string[] = [];
  const count = parts[0]?.manifest.slice.count;
  if (count === undefined) throw new BuildError('merge', 'no parts to merge. Pass the folders that answerpress build --shard i/n wrote.');
  const seen = new Map<number, string>();
  const shardDirs: string[] = [];
  for (const { dir, manifest } of parts) {
    const { slice } = manifest;
    if (manifest.version !== version) problems.push(`${dir} was built from other data, layouts or answerpress version (build ${manifest.version}; this data, these layouts and this answerpress make ${version}). Build every part from the same commit.`);
    if (slice.count !== count) problems.push(`${dir} is part ${slice.index + 1} of ${slice.count}, the others of ${count}. Build every part with the same n in --shard i/n.`);
    const twin = seen.get(slice.index);
    if (twin !== undefined) problems.push(`${dir} and ${twin} are both part ${slice.index}/${slice.count}. Pass each part once.`);
    seen.set(slice.index, dir);
    if (manifest.shardCount !== shardCount) problems.push(`${dir} was built with ${manifest.shardCount} search shards where this data makes ${shardCount}. Build every part with the same options.`);
    for (const { id, key } of manifest.shards) shardDirs[id] = partShardDir(dir, key);
  }
  for (let index = 0; index < count; index += 1) {
    if (!seen.has(index)) problems.push(`part ${index}/${count} is missing. Build it with --shard ${index}/${count} and pass its folder too.`);
  }
  if (problems.length === 0) {
    const missing = Array.from({ length: shardCount }, (_, id) => id).filter((id) => shardDirs[id] === undefined);
    if (missing.length > 0) problems.push(`no part holds search shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Rebuild the parts.`);
  }
  if (problems.length > 0) throw new BuildError('merge', problems.join('\n'));
  return shardDirs;
}
