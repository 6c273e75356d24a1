/**
 * One shard's index words, read into columns for the merge (`mergeBundles.ts`), and the heap that
 * walks every shard's words in order. The layout of an index chunk is `format/words.ts`.
 */
import { CborReader } from '../format/cbor.js';

/**
 * A shard's index, read into columns: the shard's word `i` (in index order) is at index `i` of
 * each array, as offsets into `bytes`, the shard's index chunks one after the other. Words are
 * compared as UTF-8 bytes, which is code point order, Pagefind's order; no string is made.
 */
export class WordTable {
  readonly length: number;
  /** The encoded word, and its UTF-8 bytes within it. */
  readonly item: Uint32Array;
  readonly text: Uint32Array;
  readonly textEnd: Uint32Array;
  /** Postings: how many, first and last page (relative to the shard). */
  readonly count: Uint32Array;
  readonly first: Uint32Array;
  readonly last: Uint32Array;
  /** The postings from after the first posting's page number to the end of the list. */
  readonly postings: Uint32Array;
  readonly postingsEnd: Uint32Array;
  /** The word's variants (an empty array for nearly every word). */
  readonly variants: Uint32Array;
  readonly variantsEnd: Uint32Array;
  /** Locations, counted as Pagefind counts them to size its chunks. */
  readonly size: Uint32Array;

  readonly bytes: Buffer;

  /** `chunks` are the shard's index chunks, decoded, in order. */
  constructor(
    readonly shard: number,
    chunks: readonly Buffer[],
  ) {
    // Each chunk is [[word…]]: its word count is its second head.
    let length = 0;
    for (const chunk of chunks) {
      const reader = new CborReader(chunk);
      reader.array();
      length += reader.array();
    }
    this.length = length;
    this.bytes = Buffer.concat(chunks);
    const column = () => new Uint32Array(length);
    this.item = column();
    this.text = column();
    this.textEnd = column();
    this.count = column();
    this.first = column();
    this.last = column();
    this.postings = column();
    this.postingsEnd = column();
    this.variants = column();
    this.variantsEnd = column();
    this.size = column();
    const reader = new CborReader(this.bytes);
    let i = 0;
    while (!reader.done) {
      reader.array();
      for (let n = reader.array(); n > 0; n -= 1) this.readWord(reader, i++);
    }
  }

  private readWord(reader: CborReader, i: number): void {
    reader.array();
    this.item[i] = reader.offset;
    this.text[i] = reader.skipText();
    this.textEnd[i] = reader.offset;
    const counted = { size: 0 };
    const postings = readPostings(reader, counted);
    this.count[i] = postings.count;
    this.first[i] = postings.first;
    this.last[i] = postings.last;
    this.postings[i] = postings.start;
    this.postingsEnd[i] = postings.end;
    this.variants[i] = reader.offset;
    for (let n = reader.array(); n > 0; n -= 1) {
      reader.array();
      reader.skipText();
      readPostings(reader, counted);
    }
    this.variantsEnd[i] = reader.offset;
    this.size[i] = counted.size;
  }

  /** Word `i`, as text: only chunk bounds need it. */
  word(i: number): string {
    return this.bytes.toString('utf8', this.text[i], this.textEnd[i]);
  }
}

/** Compares word `i` of `a` with word `j` of `b` by their UTF-8 bytes. */
export function compareWords(a: WordTable, i: number, b: WordTable, j: number): number {
  const x = a.bytes;
  const y = b.bytes;
  let p = a.text[i] as number;
  let q = b.text[j] as number;
  const pEnd = a.textEnd[i] as number;
  const qEnd = b.textEnd[j] as number;
  while (p < pEnd && q < qEnd) {
    const d = (x[p] as number) - (y[q] as number);
    if (d !== 0) return d;
    p += 1;
    q += 1;
  }
  return pEnd - p - (qEnd - q);
}

/** A list of postings in a shard's chunk, and the pages it starts and ends on (relative to the shard). */
export interface Postings {
  count: number;
  first: number;
  last: number;
  /** From after the first posting's page number to the end of the list. */
  start: number;
  end: number;
}

export function readPostings(reader: CborReader, counted: { size: number }): Postings {
  const count = reader.array();
  let page = 0;
  let first = 0;
  let start = reader.offset;
  for (let i = 0; i < count; i += 1) {
    reader.array();
    page += reader.int();
    if (i === 0) {
      first = page;
      start = reader.offset;
    }
    counted.size += reader.intArrayLength() + reader.intArrayLength() + 1;
  }
  return { count, first, last: page, start, end: reader.offset };
}

/**
 * The shards by their current word, least first, and for equal words lowest shard first: the
 * shards holding a word come out in shard order.
 */
export class WordHeap {
  private readonly items: number[] = [];
  private readonly at: Uint32Array;

  constructor(private readonly tables: readonly WordTable[]) {
    this.at = new Uint32Array(tables.length);
  }

  get size(): number {
    return this.items.length;
  }

  /** Where shard `shard`'s current word is in its table. */
  position(shard: number): number {
    return this.at[shard] as number;
  }

  peek(): number {
    return this.items[0] as number;
  }

  /** Moves a popped shard to its next word and back in, if it has one. */
  advance(shard: number): void {
    const next = (this.at[shard] as number) + 1;
    this.at[shard] = next;
    if (next < (this.tables[shard] as WordTable).length) this.push(shard);
  }

  push(shard: number): void {
    const items = this.items;
    items.push(shard);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(items[parent] as number, shard)) break;
      items[i] = items[parent] as number;
      i = parent;
    }
    items[i] = shard;
  }

  pop(): number {
    const items = this.items;
    const top = items[0] as number;
    const last = items.pop() as number;
    if (items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.less(items[right] as number, items[left] as number) ? right : left;
      if (this.less(last, items[child] as number)) break;
      items[i] = items[child] as number;
      i = child;
    }
    items[i] = last;
    return top;
  }

  private less(a: number, b: number): boolean {
    const order = compareWords(this.tables[a] as WordTable, this.at[a] as number, this.tables[b] as WordTable, this.at[b] as number);
    return order < 0 || (order === 0 && a < b);
  }
}
