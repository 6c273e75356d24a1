/**
 * The bounds of index chunks in a bundle's metadata, which a search compares its words with to
 * choose the chunk to load: as Pagefind cuts them (`trimBounds`, for bundles it would write) and
 * as the merged bundle holds them (`shortenBounds`).
 */
import { compareCodePoints } from './codePointOrder.js';

export interface Bounds {
  from: string;
  to: string;
}

/**
 * Pagefind's bounds: both of two neighbouring bounds cut to one character past their common
 * prefix, the upper one only where that leaves it above the lower (`index/mod.rs`, `chunk_meta`).
 */
export function trimBounds(chunks: Bounds[]): void {
  eachPair(chunks, (left, right, a, b, common) => {
    const to = a.slice(0, common + 1).join('');
    if (compareCodePoints(to, left.from) >= 0) left.to = to;
    right.from = b.slice(0, common + 1).join('');
  });
}

/**
 * Chunk bounds, cut short to keep the metadata small. Pagefind's wasm looks a word up in the
 * first chunk whose bounds hold it (from ≤ word ≤ to), and only when none does, in the first
 * whose bounds, cut to the word's length, do. Pagefind cuts both of two neighbouring bounds to
 * one character past their common prefix, which puts the upper bound below the chunk's last
 * words (`ulg` for a chunk ending at `ulgalz`): those then miss the first lookup, and their
 * searches also loaded an earlier chunk, which the second lookup matched through a short bound
 * (`u` to `ul`): a chunk loaded for nothing.
 * Here the lower bound is cut as Pagefind cuts it and the upper one is one character longer,
 * the next after the last word's (`ulgb`): still below the next chunk's lower bound, and above
 * every word in its chunk.
 */
export function shortenBounds(chunks: Bounds[]): void {
  eachPair(chunks, (left, right, a, b, common) => {
    const next = common + 1 < a.length ? nextCharacter(a[common + 1] as string) : null;
    left.to = next === null ? a.join('') : a.slice(0, common + 1).join('') + next;
    right.from = b.slice(0, common + 1).join('');
  });
}

/** Calls `cut` for each two neighbouring chunks with the characters of the first's upper bound and the second's lower one, and how many they share. */
function eachPair(chunks: Bounds[], cut: (left: Bounds, right: Bounds, a: string[], b: string[], common: number) => void): void {
  for (let i = 0; i + 1 < chunks.length; i += 1) {
    const left = chunks[i] as Bounds;
    const right = chunks[i + 1] as Bounds;
    const a = Array.from(left.to);
    const b = Array.from(right.from);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
    cut(left, right, a, b, common);
  }
}

/** The character after `character` in code point order, skipping surrogates; null after the last. */
function nextCharacter(character: string): string | null {
  const point = (character.codePointAt(0) as number) + 1;
  if (point > 0x10ffff) return null;
  return String.fromCodePoint(point === 0xd800 ? 0xe000 : point);
}
