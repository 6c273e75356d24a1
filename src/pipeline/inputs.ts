/**
 * What a build is made from: the data, read with the help of the last build's cache, the model,
 * the templates' and assets' fingerprints, the search shards and the key of every page and
 * shard. What the next build reuses of the data is written to the cache as soon as the model is
 * built, so that neither the raw data nor the previous build's copy of it is held while pages
 * render.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadData, type LoadedData } from '../data/load.js';
import type { DataIssue } from '../errors/DataIssue.js';
import { makeImages, publishImages, type MadeImages } from '../images/makeImages.js';
import { writeSegments, type PreviousBuild, type SegmentKind, type Segments } from '../incremental/cache.js';
import { outputKeys, type OutputKeys } from '../incremental/keys.js';
import { buildModel, feedSlugs, markdownFields, siteAddress, siteLanguage } from '../model/buildModel.js';
import { outlineQuestions, withoutOutlinedAnswers } from '../model/outlines.js';
import { paths } from '../model/permalinks.js';
import { primaryLanguage } from '../model/language.js';
import { MarkdownMemo } from '../model/markdown.js';
import { renderAhead } from '../model/renderAhead.js';
import type { SiteModel } from '../model/types.js';
import { copyAssets } from '../output/assets.js';
import type { KeptAssets } from '../output/keptAssets.js';
import { buildFingerprint, hashTemplates } from '../output/fingerprint.js';
import { ownsShard, ownsSitePages, type Slice } from '../output/part.js';
import { checkShrink, liveQuestionSlugs, questionSlugsOf } from '../output/shrinkGuard.js';
import { indexesItself } from '../search/index/indexers.js';
import { obtainRuntime } from '../search/runtime/obtainRuntime.js';
import { planShards, type Shard } from '../search/index/shards.js';
import type { MemoryCeiling } from '../threads/memory.js';
import type { Staging, SitePaths } from './staging.js';
import type { BuildOptions, PhaseClock } from './types.js';

export interface BuildInputs {
  model: SiteModel;
  /** The output's version: data, templates and options, hashed (see `output/fingerprint.ts`). */
  version: string;
  /** The templates' fingerprint. */
  templates: string;
  /** Published asset names, by source name. */
  assets: Record<string, string>;
  shards: Shard[];
  keys: OutputKeys;
  paths: SitePaths;
  /** The data's cache segments; null without a cache, or when they could not be written. */
  segments: Segments | null;
  /** Pagefind's runtime bundle, when a cold build started writing it ahead of indexing. */
  runtime?: Promise<string>;
  /** The photos, logo and share image, made or found in the cache. */
  images: MadeImages;
  /** Where the images are kept between builds. */
  imagesDir: string;
  /** Files in the data folder that were not read (see `LoadedData.warnings`). */
  warnings: DataIssue[];
}

export interface InputContext {
  layoutDirs: string[];
  /** Minified assets kept between builds, with a cache. */
  kept?: KeptAssets;
  cacheDir: string | null;
  previous: PreviousBuild | null;
  staging: Staging;
  clock: PhaseClock;
  memory: MemoryCeiling;
}

export async function loadInputs(options: BuildOptions, { layoutDirs, kept, cacheDir, previous, staging, clock, memory }: InputContext): Promise<BuildInputs> {
  const dataDir = resolve(options.dataDir ?? 'data');
  let data = await clock.time('load', () => loadData(dataDir, { known: previous?.files }));
  // Each step leaves garbage that V8, under a large heap limit, would let pile up for gigabytes.
  memory.check();
  const customTemplates = options.layoutsDir !== undefined && (await hasTemplates(resolve(options.layoutsDir)));
  // A part holds in full only the questions whose pages it renders (`model/outlines.ts`), but
  // for a site with templates of its own, which may show any answer on any page.
  const outlines = options.slice && !customTemplates ? await clock.time('model', () => outlineQuestions(data, questionsOfPart(data, options.slice as Slice, options.pagesPerShard))) : undefined;
  if (outlines) {
    data = withoutOutlinedAnswers(data, outlines);
    memory.check();
  }
  const memo = new MarkdownMemo(previous?.markdown);
  // Markdown renders on every core; the model is then built on this thread alone. The fields
  // of a file the last build read as it is now are in its memo: only the other files' are
  // looked for ahead (the model finds the rest, and renders any the memo lacks).
  const fieldsAhead = previous ? changedSince(data, previous.files) : data;
  await clock.time('model', () => renderAhead(memo, markdownFields(fieldsAhead, outlines)));
  memory.check();
  // A build with no cache to start from is cold: Pagefind's runtime, which shard 0's bundle
  // takes, is written meanwhile on another core, rather than beside shard 0's indexing.
  const language = siteLanguage(data);
  const runtime = !previous && ownsShard(options.slice, 0) && indexesItself(language) ? staging.track(obtainRuntime(staging.dir, primaryLanguage(language))) : undefined;
  // Reported by the shard that takes it; a build that fails first only waits for it.
  runtime?.catch(() => undefined);
  // Photos, the logo and the share image are made (or found in the cache) before the model,
  // which gives their URLs and sizes to the pages.
  const address = siteAddress(data);
  const imagesDir = join(cacheDir ?? staging.dir, 'images');
  const images = await clock.time('model', () => makeImages(data, { dataDir, cacheDir: imagesDir, basePath: address.basePath, siteUrl: address.url }));
  const model = await clock.time('model', () => buildModel(data, { markdown: memo, images: images.images, outlines }));
  memory.check();
  // A bad commit never empties the live site (see `output/shrinkGuard.ts`).
  const outDir = resolve(options.outDir ?? '_site');
  if (!options.slice && !options.allowShrink) {
    await clock.time('model', async () => {
      // The last build's cache lists the live output's pages: a large site's folders go unread.
      // The output holds the site at its root, whatever its base path.
      const live = previous ? questionSlugsOf(previous.pages.keys()) : await liveQuestionSlugs(outDir);
      checkShrink(live, options.outDir ?? '_site', model.questions.map((question) => question.slug));
    });
  }
  const files = data.files ?? new Map();
  // A segment is reused when all its entries came unchanged from the previous build.
  const reused = (kind: SegmentKind, key: string): boolean => {
    if (kind === 'markdown') return !memo.rendered.has(key);
    const before = previous?.files.get(key);
    const now = files.get(key);
    return before !== undefined && before.hash === now?.hash && before.stamp === now.stamp;
  };
  // The cache is an aid, never a reason to fail: a build that cannot write it still publishes.
  const segments = cacheDir ? await clock.time('model', () => writeSegments(cacheDir, { files, markdown: memo.used }, previous, reused).catch(() => null)) : null;
  previous?.files.clear();
  previous?.markdown.clear();
  memory.check();

  const templates = await clock.time('model', () => hashTemplates(layoutDirs));
  // The images' keys hash their sources' bytes: the version changes with a replaced photo too.
  const sourceHash = images.keys.size === 0 ? data.sourceHash : createHash('sha256').update([data.sourceHash, ...[...images.keys].sort()].join('\0')).digest('hex');
  const version = buildFingerprint(sourceHash, templates, { basePath: model.site.basePath });
  const paths = staging.paths(model.site.basePath);
  const shards = await clock.time('model', () => planShards(model, options.pagesPerShard));
  if (outlines) checkOutlines(shards, outlines, options.slice as Slice);
  const assets = await clock.time('render', async () => {
    await publishImages(images.files, paths.fresh);
    return copyAssets(layoutDirs, paths.fresh, kept);
  });
  const keys = await clock.time('model', () => outputKeys(model, shards, { templates, assets, fileHashes: new Map([...files].map(([file, known]) => [file, known.hash])), customTemplates }));
  return { model, version, templates, assets, shards, keys, paths, segments, runtime, images, imagesDir, warnings: data.warnings ?? [] };
}

/**
 * The questions part `slice` renders in full: those of its shards, planned from the data's
 * file names as `planShards` plans them from the model, and on runner 0 the feed's, whose
 * entries hold their answers.
 */
function questionsOfPart(data: LoadedData, slice: Slice, perShard: number | undefined): (slug: string) => boolean {
  const shards = planShards(
    {
      questions: data.questions.map(({ id }) => ({ slug: id, path: paths.question(id) })),
      experts: data.experts.map(({ id }) => ({ id, path: paths.expert(id) })),
    },
    perShard,
  );
  const own = new Set(shards.filter((shard) => ownsShard(slice, shard.id)).flatMap((shard) => shard.questions));
  if (ownsSitePages(slice)) for (const slug of feedSlugs(data)) own.add(slug);
  return (slug) => own.has(slug);
}

/** `data` with only the questions and experts whose files are not in `known` with the same bytes. */
function changedSince(data: LoadedData, known: ReadonlyMap<string, { hash: string }>): LoadedData {
  const changed = ({ file }: { file: string }) => known.get(file)?.hash !== data.files?.get(file)?.hash;
  return { ...data, questions: data.questions.filter(changed), experts: data.experts.filter(changed) };
}

/** A part never renders an outlined question's page: the model's shards are the ones its outlines were made for. */
function checkOutlines(shards: readonly Shard[], outlines: ReadonlyMap<string, unknown>, slice: Slice): void {
  for (const shard of shards) {
    if (!ownsShard(slice, shard.id)) continue;
    const outlined = shard.questions.find((slug) => outlines.has(slug));
    if (outlined !== undefined) throw new Error(`search shard ${shard.id} holds question ${outlined}, which this part outlined`);
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
