/**
 * What the merged bundle calls its index chunks. Pagefind names a chunk by a 7-hex hash of its
 * content, and the metadata every search loads lists one name per chunk: hashes do not
 * compress, and were a fifth of the metadata.
 * The metadata names a chunk by its position instead, in base 36 with one width for all, and
 * the chunks live in a folder named by a hash of all of them (`chunkFolder`), which the entry
 * file, fetched fresh by every search, gives as `index_folder`. Any change to any chunk moves
 * the folder, so no cache serves one build's chunk for another's metadata.
 *
 * The price is that a rebuild renames every chunk, where content hashes kept those that did
 * not change; but a page that changes length moves within its shard (see `pageOrder.ts`), and a
 * page added or removed moves every later shard, so after most edits nearly every chunk's
 * postings change anyway.
 */
import { createHash } from 'node:crypto';
import { KEEP_ENTRY } from './fragments.js';

/** The folder holding a bundle's chunks, from the SHA-256 of each chunk's content, in order. */
export function chunkFolder(digests: readonly string[]): string {
  return createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 10);
}

/** Where Pagefind's scripts fetch a chunk. */
const FETCH_CHUNK = '`${this.basePath}index/${hash}.pf_index`';

/**
 * Makes one of Pagefind's scripts keep the entry file's `index_folder` and fetch chunks from
 * it (a bundle without one keeps Pagefind's layout). Returns null when the script lacks either
 * place: a Pagefind release that changed them.
 */
export function resolveChunkNames(code: string): string | null {
  if (!code.includes(KEEP_ENTRY) || !code.includes(FETCH_CHUNK)) return null;
  return code
    .replace(KEEP_ENTRY, `${KEEP_ENTRY}this.answerpressIndexFolder=entry_json.index_folder?entry_json.index_folder+"/":"";`)
    .replace(FETCH_CHUNK, '`${this.basePath}index/${this.answerpressIndexFolder||""}${hash}.pf_index`');
}
