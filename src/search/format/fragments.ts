/**
 * Where each page's fragment (its URL, title and text, fetched for every result shown) lives
 * in the merged bundle, and what the metadata calls it.
 *
 * Pagefind names a fragment by a 7-hex content hash, and the metadata every search loads lists
 * one name per page. Hashes do not compress: at 10,000 pages they made 84 of the metadata's 96
 * KB after gzip. A shard's fragments are renamed by their page's position in the shard (in the
 * order of `pageOrder.ts`), in base 36, in a folder named by the shard's id and key, which
 * changes whenever the shard's content does, so a host's cache never serves one build's
 * fragment for another build's page.
 *
 * The metadata names a page by its position in the whole site instead, in base 36 with one
 * width for all (`pageName`): names that count up compress well, where the folder repeated in
 * every name did not. The entry file, fetched
 * fresh by every search, lists each shard's folder and first position (`FolderTable`), and
 * Pagefind's scripts are made to look a name up there (`runtime/patches.ts`) before they
 * fetch its fragment.
 */
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints } from './codePointOrder.js';

/**
 * A page as the shard's metadata lists it: fragment name, the fragment group holding it if any,
 * and its position in the merged order (see `pageOrder.ts`).
 */
export interface FragmentPage {
  hash: string;
  group: string;
  rank: number;
}

/**
 * The folder of shard `id`'s fragments, for the shard's content `key`. Six hex digits of the
 * key: a changed shard keeps its folder's name once in 16.7 million changes.
 */
export function fragmentFolder(id: number, key: string): string {
  return `${id}-${key.slice(0, 6)}`;
}

/**
 * The name of a shard's page's fragment: its position in the shard's part of the merged
 * metadata, in two base-36 digits at least (a shard holds up to about 1,000 pages). Names of
 * one length keep the metadata's page entries alike, which gzip rewards.
 * A page in a fragment group is looked up in the group's file by its name, which is kept.
 */
export function fragmentName(page: FragmentPage): string {
  return page.group ? page.hash : page.rank.toString(36).padStart(2, '0');
}

/**
 * Moves a shard bundle's fragments into `folder` of the site's bundle, renamed by their merged
 * position unless they were written so (`named`), replacing what was there. `pages` are the
 * shard's pages as its metadata lists them.
 */
export async function installFragments(bundle: string, siteBundle: string, folder: string, pages: readonly FragmentPage[], named = false): Promise<void> {
  const from = join(bundle, 'fragment');
  const renames = named ? [] : pages.flatMap((page) => (page.group ? [] : [rename(join(from, `${page.hash}.pf_fragment`), join(from, `${fragmentName(page)}.pf_fragment`))]));
  await Promise.all(renames);
  const to = join(siteBundle, 'fragment', folder);
  await rm(to, { recursive: true, force: true });
  await mkdir(join(siteBundle, 'fragment'), { recursive: true });
  await rename(from, to);
}

/** Each shard's fragment folder and the site position of its first page, in order: the entry file's `fragment_folders`. */
export type FolderTable = [folder: string, start: number][];

/** The base-36 digits every page name has in a site of `pages` pages: two at least, like positions in a shard. */
export function nameWidth(pages: number): number {
  return Math.max(2, Math.max(0, pages - 1).toString(36).length);
}

/** The metadata's name for the site's `index`th page, `width` digits long (see `nameWidth`). */
export function pageName(index: number, width: number): string {
  return index.toString(36).padStart(width, '0');
}

/**
 * The path, under `fragment/`, of the fragment the metadata calls `name`. Pagefind's scripts run
 * this very function, so it is self-contained: no imports, nothing from outside its body. A name
 * that is not a position (a fragment group's page, or a bundle without a table) is the path.
 */
export function fragmentPath(folders: FolderTable | null | undefined, name: string): string {
  if (!folders || folders.length === 0 || !/^[0-9a-z]+$/.test(name)) return name;
  const index = parseInt(name, 36);
  let low = 0;
  let high = folders.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((folders[middle] as [string, number])[1] <= index) low = middle;
    else high = middle - 1;
  }
  const [folder, start] = folders[low] as [string, number];
  return `${folder}/${(index - start).toString(36).padStart(2, '0')}`;
}

/** Removes the fragment folders of `siteBundle` but `folders`: those of shards since changed. */
export async function pruneFragments(siteBundle: string, folders: readonly string[]): Promise<void> {
  const keep = new Set(folders);
  const names = await readdir(join(siteBundle, 'fragment')).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(siteBundle, 'fragment', name), { recursive: true, force: true })));
}

/** What a page's fragment holds (see `fossick/pageRecord.ts`). */
export interface FragmentRecord {
  url: string;
  content: string;
  wordCount: number;
  filters: ReadonlyMap<string, readonly string[]>;
  meta: ReadonlyMap<string, string>;
  anchors: readonly { element: string; id: string; text: string; title?: string; location: number }[];
}

/**
 * A page's fragment, as serde_json writes it: fields in Pagefind's order, maps by key in code
 * point order (written by hand, since an object would put keys such as "2024" first).
 */
export function fragmentJson(page: FragmentRecord): string {
  const map = <T>(entries: ReadonlyMap<string, T>) =>
    `{${[...entries.keys()]
      .sort(compareCodePoints)
      .map((key) => `${JSON.stringify(key)}:${JSON.stringify(entries.get(key))}`)
      .join(',')}}`;
  const anchors = page.anchors.map(({ element, id, text, title, location }) => (title === undefined ? { element, id, text, location } : { element, id, text, title, location }));
  return `{"url":${JSON.stringify(page.url)},"content":${JSON.stringify(page.content)},"word_count":${page.wordCount},"filters":${map(page.filters)},"meta":${map(page.meta)},"anchors":${JSON.stringify(anchors)}}`;
}
