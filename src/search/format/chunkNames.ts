/**
 * What the merged bundle calls its index chunks. Pagefind names a chunk by a 7-hex hash of its
 * content, and the metadata every search loads lists one name per chunk: hashes do not
 * compress, and were a fifth of the metadata.
 * The metadata names a chunk by its position instead, in base 36 with one width for all, and
 * the chunks live in a folder named by a hash of all of them (`chunkFolder`), which the entry
 * file, fetched fresh by every search, gives as `index_folder`, where Pagefind's scripts are
 * made to look (`runtime/patches.ts`). Any change to any chunk moves
 * the folder, so no cache serves one build's chunk for another's metadata.
 *
 * The price is that a rebuild renames every chunk, where content hashes kept those that did
 * not change; but a page that changes length moves within its shard (see `pageOrder.ts`), and a
 * page added or removed moves every later shard, so after most edits nearly every chunk's
 * postings change anyway.
 */
import { createHash } from 'node:crypto';

/** The folder holding a bundle's chunks, from the SHA-256 of each chunk's content, in order. */
export function chunkFolder(digests: readonly string[]): string {
  return createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 10);
}
