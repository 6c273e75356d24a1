/**
 * Growing the typed arrays the indexer keeps its pages and words in (`pageRecord.ts`,
 * `writeBundle.ts`): a larger array of the same type, holding the old one's elements first.
 */

type NumberArray = Int32Array | Uint16Array | Uint8Array;

/** A copy of `array` in a new array of its type of `size` elements, the rest zero. */
export function grown<T extends NumberArray>(array: T, size: number): T {
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}
