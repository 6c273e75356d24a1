/**
 * Pagefind's filter files, `filter/<hash>.pf_filter`: one filter's values, each with its pages.
 * Layout (Pagefind 1.6): [filter, [[value, [page…]]…]].
 */
import { CborReader, CborWriter } from './cbor.js';
import { compareCodePoints } from './codePointOrder.js';

/**
 * A filter file's item, `[filter, [[value, [page…]]…]]`: the filter `name`'s values in code point
 * order, each with its pages in the order given (ascending, as Pagefind lists them).
 */
export function filterItem(name: string, values: ReadonlyMap<string, readonly number[]>): Buffer {
  const writer = new CborWriter().array(2).text(name).array(values.size);
  for (const value of [...values.keys()].sort(compareCodePoints)) {
    const pages = values.get(value) as readonly number[];
    writer.array(2).text(value).array(pages.length);
    for (const page of pages) writer.int(page);
  }
  return writer.bytes();
}

/** A filter file's item read back: the filter's name and its values' pages, in the file's order. */
export function decodeFilter(item: Buffer): { name: string; values: Map<string, number[]> } {
  const reader = new CborReader(item);
  reader.array();
  const name = reader.text();
  const values = new Map<string, number[]>();
  for (let i = reader.array(); i > 0; i -= 1) {
    reader.array();
    const value = reader.text();
    const pages: number[] = [];
    for (let n = reader.array(); n > 0; n -= 1) pages.push(reader.int());
    values.set(value, pages);
  }
  return { name, values };
}
