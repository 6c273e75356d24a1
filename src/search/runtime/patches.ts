/**
 * Every change this package makes to Pagefind's browser scripts (`pagefind.js`, and
 * `pagefind-worker.js`, the two that run queries), in one table, each with the Pagefind version
 * whose minified code it was written against. A patch finds its place by an exact piece of that
 * code: a Pagefind release that changed it fails the build loudly, naming the patch and both
 * versions, rather than quietly publishing a search that cannot find its files. Upgrading
 * Pagefind means reading each place again in the new scripts and updating `pagefind`.
 */
import { fragmentPath } from '../format/fragments.js';

export interface ScriptPatch {
  /** What the patch does, for the error when it cannot. */
  what: string;
  /** The Pagefind version whose script the patch's places were taken from. */
  pagefind: string;
  /** The script patched, or null when it lacks a place the patch changes. */
  apply: (code: string) => string | null;
}

/**
 * Where Pagefind's scripts keep what they read of the entry file: the fields of ours that they
 * need (the fragment folders, the chunk folder) are kept there too.
 */
const KEEP_ENTRY = 'this.languages=entry_json.languages;';

/**
 * Pagefind's browser code splits a query into words with `Intl.Segmenter` only when the whole
 * index is Chinese, Japanese or Thai. Our indexer splits those scripts on any site (see
 * `fossick/segment.ts`), so the query must be split the same way: a Japanese question typed on
 * an English site ("東京の病院") becomes "東京 の 病院" and matches.
 */
const CALL = 'if(needsWordSegmentation(trueLanguage)){';
const WIDENED =
  'if(needsWordSegmentation(trueLanguage)||/[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}]/u.test(term)){';

/** One of Pagefind's query-running scripts with its segmentation check widened; null when it has no such check. */
export function widenQuerySegmentation(code: string): string | null {
  return code.includes(CALL) ? code.replace(CALL, WIDENED) : null;
}

/** Where Pagefind's scripts fetch a fragment. */
const FETCH_FRAGMENT = '`${this.basePath}fragment/${hash}.pf_fragment`';

/**
 * Makes one of Pagefind's scripts keep the entry file's `fragment_folders` and fetch a page's
 * fragment at `fragmentPath` (see `format/fragments.ts`). Returns null when the script lacks
 * either place.
 */
export function resolveFragmentNames(code: string): string | null {
  if (!code.includes(KEEP_ENTRY) || !code.includes(FETCH_FRAGMENT)) return null;
  const helper = `const __answerpressFragmentPath=(${fragmentPath.toString()});\n`;
  return (
    helper +
    code
      .replace(KEEP_ENTRY, `${KEEP_ENTRY}this.answerpressFolders=entry_json.fragment_folders;`)
      .replace(FETCH_FRAGMENT, '`${this.basePath}fragment/${__answerpressFragmentPath(this.answerpressFolders,hash)}.pf_fragment`')
  );
}

/** Where Pagefind's scripts fetch a chunk. */
const FETCH_CHUNK = '`${this.basePath}index/${hash}.pf_index`';

/**
 * Makes one of Pagefind's scripts keep the entry file's `index_folder` and fetch chunks from
 * it (see `format/chunkNames.ts`; a bundle without one keeps Pagefind's layout). Returns null
 * when the script lacks either place.
 */
export function resolveChunkNames(code: string): string | null {
  if (!code.includes(KEEP_ENTRY) || !code.includes(FETCH_CHUNK)) return null;
  return code
    .replace(KEEP_ENTRY, `${KEEP_ENTRY}this.answerpressIndexFolder=entry_json.index_folder?entry_json.index_folder+"/":"";`)
    .replace(FETCH_CHUNK, '`${this.basePath}index/${this.answerpressIndexFolder||""}${hash}.pf_index`');
}

/** The patches, applied in this order to each script that runs queries. */
export const SCRIPT_PATCHES: readonly ScriptPatch[] = [
  { what: 'widening the query segmentation check', pagefind: '1.6.0', apply: widenQuerySegmentation },
  { what: 'fetching fragments by the merged metadata’s names', pagefind: '1.6.0', apply: resolveFragmentNames },
  { what: 'fetching index chunks from the merged bundle’s chunk folder', pagefind: '1.6.0', apply: resolveChunkNames },
];
