/**
 * Where each page's fragment (its URL, title and text, fetched for every result shown) lives
 * in the merged bundle, and what it is called there.
 *
 * Pagefind names a fragment by a 7-hex content hash, and the metadata every search loads lists
 * one name per page. Hashes do not compress: at 10,000 pages they made 84 of the metadata's 96
 * KB after gzip. A shard's fragments are renamed by their page's position in the shard, in base
 * 36, in a folder named by the shard's id and key: short names that repeat from shard to shard,
 * under a folder that changes whenever the shard's content does, so a host's cache never serves
 * one build's fragment for another build's page.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A page as the shard's metadata lists it: fragment name, and the fragment group holding it if any. */
export interface FragmentPage {
  hash: string;
  group: string;
}

/**
 * The folder of shard `id`'s fragments, for the shard's content `key`. Six hex digits of the
 * key: a changed shard keeps its folder's name once in 16.7 million changes.
 */
export function fragmentFolder(id: number, key: string): string {
  return `${id}-${key.slice(0, 6)}`;
}

/**
 * The name of the fragment of the shard's `position`th page: two base-36 digits at least (a
 * shard holds up to about 1,000 pages). Names of one length keep the metadata's page entries
 * alike, which gzip rewards: 0.8 KB less at 10,000 questions than names of one or two digits.
 * A page in a fragment group is looked up in the group's file by its name, which is kept.
 */
export function fragmentName(page: FragmentPage, position: number): string {
  return page.group ? page.hash : position.toString(36).padStart(2, '0');
}

/**
 * Moves a shard bundle's fragments into `folder` of the site's bundle, renamed by position,
 * replacing what was there. `pages` are the shard's pages in the order of its metadata.
 */
export async function installFragments(bundle: string, siteBundle: string, folder: string, pages: readonly FragmentPage[]): Promise<void> {
  const from = join(bundle, 'fragment');
  const renames = pages.flatMap((page, position) => (page.group ? [] : [rename(join(from, `${page.hash}.pf_fragment`), join(from, `${fragmentName(page, position)}.pf_fragment`))]));
  await Promise.all(renames);
  const to = join(siteBundle, 'fragment', folder);
  await rm(to, { recursive: true, force: true });
  await mkdir(join(siteBundle, 'fragment'), { recursive: true });
  await rename(from, to);
}

/** Removes the fragment folders of `siteBundle` but `folders`: those of shards since changed. */
export async function pruneFragments(siteBundle: string, folders: readonly string[]): Promise<void> {
  const keep = new Set(folders);
  const names = await readdir(join(siteBundle, 'fragment')).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(siteBundle, 'fragment', name), { recursive: true, force: true })));
}
