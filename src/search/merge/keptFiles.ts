/**
 * Files of the bundle being replaced that a merge keeps: a chunk or the metadata whose bytes
 * are the same as the merge would write is kept rather than compressed again, which for the
 * metadata's Zopfli and a large site's chunks is most of a small change's merge.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { decodeFile, encodeFile } from '../format/pagefindFormat.js';

/** Whether `file`, a bundle file compressed or not, holds `bytes`; false when it cannot be read as one. */
export async function sameContent(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return (await decodeFile(await readFile(file), file)).equals(bytes);
  } catch {
    return false;
  }
}

/** Whether the chunk at the same position in the bundle being replaced has the same bytes: yes, unknown, or no. */
export type Reuse = 'same' | 'compare' | 'write';

/** Writes a chunk to `file`, or moves `old` there if it holds the same bytes. */
export async function placeChunk(old: string | null, file: string, chunk: Buffer, reuse: Reuse): Promise<void> {
  if (old && reuse !== 'write') {
    const same = reuse === 'same' || (await sameContent(old, chunk));
    if (same && (await rename(old, file).then(() => true, () => false))) return;
  }
  await writeFile(file, await encodeFile(chunk));
}
