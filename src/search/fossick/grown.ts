/**
 * Growing the typed arrays the indexer keeps its pages and words in (`pageRecord.ts`,
 * `writeBundle.ts`, `wordCounter.ts`): a larger array of the same type, holding the old one's
 * elements first; and a larger hash table of slots, its entries placed again.
 */

type NumberArray = Int32Array | Uint16Array | Uint8Array;

/** A copy of `array` in a new array of its type of `size` elements, the rest zero. */
export function grown<T extends NumberArray>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}

/**
 * A hash table of slot pairs (entry + 1, 0 for none, and the entry's hash), open-addressed with
 * linear probing, in twice the slots, every entry placed again by its hash.
 */
export function grownSlots(old: Int32Array): Int32Array<ArrayBuffer> {
  const slots = new Int32Array(old.length * 2);
  const mask = (slots.length >> 1) - 1;
  for (let slot = 0; slot < old.length >> 1; slot += 1) {
    const entry = old[2 * slot] as number;
    if (entry === 0) continue;
    const hash = old[2 * slot + 1] as number;
    let at = hash & mask;
    while (slots[2 * at] !== 0) at = (at + 1) & mask;
    slots[2 * at] = entry;
    slots[2 * at + 1] = hash;
  }
  return slots;
}
