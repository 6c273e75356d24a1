/**
 * Puts together the parts of a site that several machines built (`build --shard i/n`, see
 * `output/part.ts`): checks that they are every part of one build, each once, links their
 * files into a staging folder, merges their search shards into the one bundle readers load,
 * writes the offline files over the whole and swaps it in. The parts' manifests say all it
 * needs of the site, so the data is not read again. The result is the same, byte for byte, as
 * one machine's build of the same data.
 */
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { BuildError } from './errors/BuildError.js';
import { namedNoSpace } from './errors/noSpace.js';
import { makeStaging, recover, swapIn } from './output/atomicDir.js';
import { hashTemplates } from './output/fingerprint.js';
import { linkInto } from './output/linkTree.js';
import { lockBuild } from './output/lock.js';
import { layoutSearchPath } from './output/packagePaths.js';
import { PART_DIR, partShardDir, partWordsFile, readPart, type PartManifest } from './output/part.js';
import { writeOffline, type OfflineResult } from './offline/writeOffline.js';
import { sealIndex } from './search/index/indexSite.js';
import { mergeBundles } from './search/merge/mergeBundles.js';
import { publishVocabulary, sumCounts, vocabularyFiles } from './search/vocabulary.js';

export interface MergeOptions {
  /** The site's own layouts folder, as the parts were built with. Default: none. */
  layoutsDir?: string;
  /** The output folder. Default: `_site`. */
  outDir?: string;
  /** The parts' folders, in any order. */
  parts: readonly string[];
}

export interface MergedSite {
  outDir: string;
  /** Pages in the search index, and search shards merged. */
  pages: number;
  shards: number;
  offline: OfflineResult;
}

export async function mergeParts(options: MergeOptions): Promise<MergedSite> {
  const outDir = resolve(options.outDir ?? '_site');
  const lock = await lockBuild(outDir, null);
  try {
    // A merge killed earlier left its staging folder, or its output between the swap's renames.
    await recover(outDir, { background: true });
    const layoutDirs = layoutSearchPath(options.layoutsDir);
    const parts = await Promise.all(options.parts.map(async (dir) => ({ dir: resolve(dir), manifest: await readPart(resolve(dir)) })));
    const { manifest, shardDirs } = checkParts(parts, await hashTemplates(layoutDirs));
    return await mergeInto(outDir, layoutDirs, parts, manifest, shardDirs);
  } catch (error) {
    throw namedNoSpace(error, [dirname(outDir)]);
  } finally {
    await lock.release();
  }
}

async function mergeInto(outDir: string, layoutDirs: readonly string[], parts: readonly { dir: string }[], manifest: PartManifest, shardDirs: readonly string[]): Promise<MergedSite> {
  const staging = await makeStaging(outDir);
  try {
    const site = join(staging, 'site');
    for (const { dir } of parts) {
      await linkInto(dir, site, [PART_DIR]).catch((error: unknown) => {
        throw new BuildError('merge', `${dir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
    }
    try {
      await mergeBundles(shardDirs, join(site, 'pagefind'));
    } catch (error) {
      throw new BuildError('index', `merging the search shards: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const words = await sumCounts(parts.map(({ dir }) => partWordsFile(dir)));
    if ('unreadable' in words) throw new BuildError('merge', `${words.unreadable} is missing or damaged: the part's word counts. Rebuild that part with this answerpress version.`);
    await publishVocabulary(site, vocabularyFiles(words.counts));
    const sealed = await sealIndex(site, manifest.pages);
    const offline = await writeOffline({ siteDir: site, site: manifest.site, layoutDirs, version: manifest.version, searchScript: sealed.script });
    await swapIn(site, outDir, { background: true });
    return { outDir, pages: manifest.pages, shards: manifest.shardCount, offline };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Checks that `parts` are every part of one build, each once, built with these layouts, and
 * hold every search shard once. Every problem is reported at once, each with its fix. Returns
 * the first part's manifest and the shards' index folders by shard id.
 */
function checkParts(parts: readonly { dir: string; manifest: PartManifest }[], templates: string): { manifest: PartManifest; shardDirs: string[] } {
  const [first] = parts;
  if (!first) throw new BuildError('merge', 'no parts to merge. Pass the folders that answerpress build --shard i/n wrote.');
  const { count } = first.manifest.slice;
  const problems: string[] = [];
  const seen = new Map<number, string>();
  const shardDirs: string[] = [];
  for (const { dir, manifest } of parts) {
    const { slice } = manifest;
    if (manifest.version !== first.manifest.version) {
      problems.push(`${dir} was built from other data, layouts or answerpress version than ${first.dir} (build ${manifest.version}, not ${first.manifest.version}). Build every part from the same commit.`);
    }
    if (slice.count !== count) problems.push(`${dir} is part ${slice.index}/${slice.count}, ${first.dir} part ${first.manifest.slice.index}/${count}. Build every part with the same N in --shard I/N.`);
    const twin = seen.get(slice.index);
    if (twin !== undefined) problems.push(`${dir} and ${twin} are both part ${slice.index}/${slice.count}. Pass each part once.`);
    seen.set(slice.index, dir);
    for (const { id, key } of manifest.shards) shardDirs[id] = partShardDir(dir, key);
  }
  // One build's parts share their templates' fingerprint (it is part of the build's).
  if (first.manifest.templates !== templates) {
    problems.push('the parts were built with other layouts or another answerpress version than this merge runs with. Merge with the same --layouts and answerpress as the parts.');
  }
  for (let index = 0; index < count; index += 1) {
    if (!seen.has(index)) problems.push(`part ${index}/${count} is missing. Build it with --shard ${index}/${count} and pass its folder too.`);
  }
  if (problems.length === 0) {
    const missing = Array.from({ length: first.manifest.shardCount }, (_, id) => id).filter((id) => shardDirs[id] === undefined);
    if (missing.length > 0) problems.push(`no part holds search shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Rebuild the parts.`);
  }
  if (problems.length > 0) throw new BuildError('merge', problems.join('\n'));
  return { manifest: first.manifest, shardDirs };
}
