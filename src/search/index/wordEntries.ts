/**
 * A shard's word entries as this package's indexer collects them (`writeBundle.ts`), and the
 * location lists of Pagefind's layout they hold: runs of positions, each run opened by its
 * weight w as −(w + 1), the first position absolute and the others relative to the one before;
 * meta locations likewise by field.
 */
import { grown } from '../fossick/grown.js';

/** Weight 1 (24 units) is written as this: a location list starts with a change to weight 24. */
export const DEFAULT_WEIGHT = 25;

/**
 * Every word's entries, one per page it is on: `[page − previous page, locations, meta
 * locations]`, kept in flat arrays in the order the pages were added and put in word order
 * only when the bundle is written.
 */
export class Entries {
  count = 0;
  word = new Int32Array(1 << 16);
  page = new Int32Array(1 << 16);
  /** Where the entry's locations, then its meta locations, are in `numbers`. */
  start = new Int32Array(1 << 16);
  locCount = new Int32Array(1 << 16);
  metaCount = new Int32Array(1 << 16);
  numbers = new Int32Array(1 << 20);
  length = 0;

  /** Room for `count` more numbers, into which the caller writes from `length` on. */
  reserveNumbers(count: number): Int32Array {
    if (this.length + count > this.numbers.length) this.numbers = grown(this.numbers, Math.max(this.numbers.length * 2, this.length + count));
    return this.numbers;
  }

  /** Adds an entry whose `locCount` locations were just written at `length`, and then its meta locations. */
  add(word: number, page: number, locCount: number, metaLocs: readonly number[]): void {
    if (this.count === this.word.length) {
      const size = this.count * 2;
      this.word = grown(this.word, size);
      this.page = grown(this.page, size);
      this.start = grown(this.start, size);
      this.locCount = grown(this.locCount, size);
      this.metaCount = grown(this.metaCount, size);
    }
    const numbers = this.reserveNumbers(locCount + metaLocs.length);
    const at = this.count;
    this.word[at] = word;
    this.page[at] = page;
    this.start[at] = this.length;
    this.locCount[at] = locCount;
    this.metaCount[at] = metaLocs.length;
    let end = this.length + locCount;
    for (const loc of metaLocs) numbers[end++] = loc;
    this.length = end;
    this.count += 1;
  }
}

/** Position and weight pairs, in any order, as a location list (see `ShardBundle.packLocations`). */
export function packPairs(pairs: readonly number[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) order.push(i);
  const key = (i: number) => (pairs[i + 1] === DEFAULT_WEIGHT ? 0 : (pairs[i + 1] as number));
  order.sort((a, b) => key(a) - key(b) || (pairs[a] as number) - (pairs[b] as number) || a - b);
  const out: number[] = [];
  let weight = DEFAULT_WEIGHT;
  let last = 0;
  for (const i of order) {
    const position = pairs[i] as number;
    const w = pairs[i + 1] as number;
    if (w !== weight) {
      out.push(-w - 1, position);
      weight = w;
    } else {
      out.push(position - last);
    }
    last = position;
  }
  return out;
}

/** Field and position pairs as Pagefind writes them: −(field + 1) before each field's positions, differences within it. */
export function packMetaLocations(pairs: [number, number][]): number[] {
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  let field = -1;
  let last = 0;
  for (const [id, position] of pairs) {
    if (id !== field) {
      out.push(-id - 1);
      field = id;
      last = 0;
    }
    out.push(position - last);
    last = position;
  }
  return out;
}
