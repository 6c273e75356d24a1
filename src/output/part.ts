/**
 * A part of a site that several machines build together: `answerpress build --shard i/n` on
 * runner i of n writes the search shards whose id is i mod n, their pages and fragments, and
 * (on runner 0) every page that is not a question or an expert profile. Each part keeps the
 * index of its shards and a manifest in a folder of its own, with all the merge needs to know
 * of the site; `answerpress merge` checks the parts against each other, puts them together and
 * writes the search bundle and the offline files over the whole (see `merge.ts`), without
 * reading the data again.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteInfo } from '../model/types.js';

/** Runner `index` of `count`. */
export interface Slice {
  index: number;
  count: number;
}

/** The folder of a part that holds what the merge needs and no site publishes. */
export const PART_DIR = '.answerpress-part';

/** Format of the part manifest; a part of another format is refused by the merge. */
const PART_FORMAT = 2;

export interface PartManifest {
  format: number;
  slice: Slice;
  /** The build's fingerprint (data, templates, base path): parts of one site share it. */
  version: string;
  /** The templates' fingerprint, for the merge to check its layouts against. */
  templates: string;
  /** The site's settings, which the offline files need. */
  site: SiteInfo;
  /** Pages in the site's search index (questions and expert profiles), whatever the part. */
  pages: number;
  /** Search shards in the site, whatever the part. */
  shardCount: number;
  /** This part's shards, each with the key its index is kept under. */
  shards: { id: number; key: string }[];
}

/** Whether runner `slice` builds search shard `id`. */
export function ownsShard(slice: Slice | undefined, id: number): boolean {
  return !slice || id % slice.count === slice.index;
}

/** Whether runner `slice` renders the pages that are not in a search shard (runner 0 does). */
export function ownsSitePages(slice: Slice | undefined): boolean {
  return !slice || slice.index === 0;
}

/** The pages of `all` that runner `slice` renders: those of its shards, and on runner 0 those of no shard. */
export function pagesOfPart(slice: Slice, shards: readonly { id: number; pages: readonly string[] }[], all: Iterable<string>): string[] {
  const shardOf = new Map(shards.flatMap((shard) => shard.pages.map((page) => [page, shard.id] as const)));
  return [...all].filter((page) => {
    const id = shardOf.get(page);
    return id === undefined ? ownsSitePages(slice) : ownsShard(slice, id);
  });
}

/** Moves the shards' indexes from `storeDir` into the part at `siteDir` and writes its manifest. */
export async function writePart(siteDir: string, storeDir: string, manifest: Omit<PartManifest, 'format'>): Promise<void> {
  const dir = join(siteDir, PART_DIR);
  await mkdir(join(dir, 'search-shards'), { recursive: true });
  for (const { key } of manifest.shards) await rename(join(storeDir, key), join(dir, 'search-shards', key));
  await writeFile(join(dir, 'part.json'), `${JSON.stringify({ format: PART_FORMAT, ...manifest }, null, 2)}\n`);
}

/** The manifest of the part in `dir`; an error naming the folder when there is none. */
export async function readPart(dir: string): Promise<PartManifest> {
  let manifest: PartManifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, PART_DIR, 'part.json'), 'utf8')) as PartManifest;
  } catch {
    throw new Error(`${dir} is not a part built with --shard (no ${PART_DIR}/part.json). Pass the folders that answerpress build --shard i/n wrote.`);
  }
  if (manifest.format !== PART_FORMAT) throw new Error(`${dir} was written by another answerpress version (part format ${manifest.format}). Build every part with the same version.`);
  return manifest;
}

/** The word counts of a part's shards, which the merge sums into the site's search vocabulary. */
export function partWordsFile(dir: string): string {
  return join(dir, PART_DIR, 'words.json');
}

/** The folder of shard `key`'s index in the part at `dir`. */
export function partShardDir(dir: string, key: string): string {
  return join(dir, PART_DIR, 'search-shards', key);
}
