/**
 * Writes pages (`pageRecord.ts`) as a Pagefind 1.6 bundle: the files Pagefind's own indexer
 * writes for the same pages, the same items in the same order (`index/mod.rs`, `output/`).
 * Layouts are in `mergeBundles.ts` and `wordTable.ts`; the merge reads what this writes.
 *
 * Each page's places are encoded as they come, into a list per word kept in one growing buffer
 * (`PostingLists`), so a shard's index costs a few megabytes and almost no garbage.
 *
 * Index chunks, filters and the metadata feed the merge only, so they are written without
 * compression, which Pagefind's readers accept; fragments are what readers fetch, and are
 * gzipped.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { compareCodePoints } from './codePointOrder.js';
import { INCLUDE_CHARACTERS } from './indexableWords.js';
import type { Lexicon, PageRecord, Places } from './pageRecord.js';
import { CborWriter, plainFile } from './pagefindFormat.js';

const gzipAsync = promisify(gzip);

export const PAGEFIND_FORMAT = '1.6.0';
/** Pagefind closes an index chunk once its words hold this many locations. */
const CHUNK_LOCATIONS = 20_000;
/** Weight 1 (24 units) is written as this: a location list starts with a change to weight 24. */
const DEFAULT_WEIGHT = 25;
/** gzip level for fragments. */
const FRAGMENT_LEVEL = 6;

export interface BundleSummary {
  pages: number;
  words: number;
}

/** Every word's list of pages, each entry encoded as Pagefind encodes it, in one buffer. */
class PostingLists {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  /** Per word: its list's first and last entry in the buffer (−1: none), entries, last page, locations. */
  head = new Int32Array(1024).fill(-1);
  tail = new Int32Array(1024).fill(-1);
  count = new Int32Array(1024);
  lastPage = new Int32Array(1024);
  size = new Float64Array(1024);

  /** Appends the entry `[page − last page, locs, metaLocs]` to word `id`'s list. */
  add(id: number, page: number, locs: ArrayLike<number>, locCount: number, metaLocs: readonly number[]): void {
    this.ensureWord(id);
    const start = this.length;
    this.reserve(8 + 9 * (3 + locCount + metaLocs.length));
    // An entry: the next entry's offset (4 bytes), its byte length (4 bytes), its CBOR.
    this.length += 8;
    this.head3(4, 3);
    this.int(page - (this.lastPage[id] as number));
    this.head3(4, locCount);
    for (let i = 0; i < locCount; i += 1) this.int(locs[i] as number);
    this.head3(4, metaLocs.length);
    for (const loc of metaLocs) this.int(loc);
    this.buffer.writeInt32LE(-1, start);
    this.buffer.writeInt32LE(this.length - start - 8, start + 4);
    if ((this.tail[id] as number) < 0) this.head[id] = start;
    else this.buffer.writeInt32LE(start, this.tail[id] as number);
    this.tail[id] = start;
    this.count[id] = (this.count[id] as number) + 1;
    this.lastPage[id] = page;
    this.size[id] = (this.size[id] as number) + locCount + metaLocs.length + 1;
  }

  /** Writes word `id`'s entries, one after the other, into `writer`. */
  copy(id: number, writer: CborWriter): void {
    for (let at = this.head[id] as number; at >= 0; at = this.buffer.readInt32LE(at)) {
      const length = this.buffer.readInt32LE(at + 4);
      writer.range(this.buffer, at + 8, at + 8 + length);
    }
  }

  private ensureWord(id: number): void {
    if (id < this.head.length) return;
    let size = this.head.length;
    while (size <= id) size *= 2;
    const grow = <T extends Int32Array | Float64Array>(array: T, make: (n: number) => T, fill?: number): T => {
      const next = make(size);
      if (fill !== undefined) next.fill(fill);
      next.set(array);
      return next;
    };
    this.head = grow(this.head, (n) => new Int32Array(n), -1);
    this.tail = grow(this.tail, (n) => new Int32Array(n), -1);
    this.count = grow(this.count, (n) => new Int32Array(n));
    this.lastPage = grow(this.lastPage, (n) => new Int32Array(n));
    this.size = grow(this.size, (n) => new Float64Array(n));
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  private head3(major: number, value: number): void {
    const b = this.buffer;
    const type = major << 5;
    let at = this.length;
    if (value < 24) {
      b[at++] = type | value;
    } else if (value < 0x100) {
      b[at++] = type | 24;
      b[at++] = value;
    } else if (value < 0x10000) {
      b[at++] = type | 25;
      b.writeUInt16BE(value, at);
      at += 2;
    } else {
      b[at++] = type | 26;
      b.writeUInt32BE(value, at);
      at += 4;
    }
    this.length = at;
  }

  private int(value: number): void {
    if (value >= 0) this.head3(0, value);
    else this.head3(1, -1 - value);
  }
}

/** A word's pages written with a diacritic spelling, by spelling, in the order first met. */
type Variants = Map<string, { entries: CborWriter; count: number; lastPage: number; size: number }>;

/** A shard's bundle, built page by page (`add`) and written once (`write`). */
export class ShardBundle {
  private readonly lists = new PostingLists();
  private readonly variants = new Map<number, Variants>();
  private readonly filters = new Map<string, Map<string, number[]>>();
  private readonly fragments: { name: string; bytes: Promise<Buffer>; wordCount: number }[] = [];
  private readonly fragmentNames = new Set<string>();
  /** Meta keys of the pages added, to check against the fields they were numbered with. */
  private readonly fieldsSeen = new Set<string>();
  private readonly fieldIds: Map<string, number>;
  private readonly sorts: { sort: Map<string, string>; page: number }[] = [];
  private pages = 0;
  /**
   * Scratch for one page: each word's places as a list through the page's places (first, last,
   * next; −1 ends a list), the words in the order first met, and one word's locations.
   */
  private first = new Int32Array(1 << 16).fill(-1);
  private last = new Int32Array(1 << 16);
  private next = new Int32Array(1 << 14);
  private touched = new Int32Array(1 << 14);
  private locs = new Int32Array(1 << 14);

  /**
   * `metaFields` are the meta keys of all the pages that will be added, in code point order:
   * meta locations name a key by its place there. `fieldsMatch` tells, once every page is in,
   * whether they were right.
   */
  constructor(
    private readonly language: string,
    private readonly lexicon: Lexicon,
    private readonly metaFields: readonly string[],
  ) {
    this.fieldIds = new Map(metaFields.map((field, id) => [field, id]));
  }

  /** Whether the pages added had exactly the meta keys the bundle was made with. */
  fieldsMatch(): boolean {
    return this.fieldsSeen.size === this.metaFields.length && this.metaFields.every((field) => this.fieldsSeen.has(field));
  }

  /**
   * Adds a page whose places `pageRecord` just read into `places`. Pages are numbered in the
   * order they are added; the caller leaves out those Pagefind would (`includedPages`).
   */
  add(record: PageRecord, places: Places): void {
    const page = this.pages;
    this.pages += 1;
    const metaKeys = [...record.meta.keys()].sort(compareCodePoints);
    for (const key of metaKeys) this.fieldsSeen.add(key);
    const pageMeta = this.pageMeta(places, metaKeys);

    const words = this.groupPlaces(places);
    const first = this.first;
    for (let k = 0; k < words; k += 1) {
      const id = this.touched[k] as number;
      const count = this.packLocations(places, first[id] as number);
      first[id] = -1;
      const metaLocs = pageMeta.plain.get(id);
      if (metaLocs) pageMeta.plain.delete(id);
      this.lists.add(id, page, this.locs, count, metaLocs ?? []);
    }
    for (const [id, locs] of pageMeta.plain) this.lists.add(id, page, [], 0, locs);
    this.addVariants(page, places, pageMeta.variants);

    for (const [name, values] of record.filters) {
      const byValue = this.filters.get(name) ?? new Map<string, number[]>();
      this.filters.set(name, byValue);
      for (const value of values) {
        const list = byValue.get(value);
        if (list) list.push(page);
        else byValue.set(value, [page]);
      }
    }
    if (record.sort.size > 0) this.sorts.push({ sort: record.sort, page });
    const json = fragmentJson(record);
    const name = uniqueName(`${this.language}_${fullHash(json)}`, this.language.length + 8, this.fragmentNames);
    this.fragments.push({ name, bytes: gzipAsync(plainFile(Buffer.from(json)), { level: FRAGMENT_LEVEL }), wordCount: record.wordCount });
  }

  /** Writes the bundle into `dir`. */
  async write(dir: string): Promise<BundleSummary> {
    const { language } = this;
    await Promise.all(['fragment', 'index', 'filter'].map((folder) => mkdir(join(dir, folder), { recursive: true })));
    const writes: Promise<void>[] = this.fragments.map(async (fragment) => writeFile(join(dir, 'fragment', `${fragment.name}.pf_fragment`), await fragment.bytes));

    const filterEntries: [string, string][] = [];
    const filterNames = new Set<string>();
    for (const name of [...this.filters.keys()].sort(compareCodePoints)) {
      const byValue = this.filters.get(name) as Map<string, number[]>;
      const writer = new CborWriter().array(2).text(name).array(byValue.size);
      for (const value of [...byValue.keys()].sort(compareCodePoints)) {
        const list = byValue.get(value) as number[];
        writer.array(2).text(value).array(list.length);
        for (const page of list) writer.int(page);
      }
      const bytes = Buffer.from(writer.bytes());
      const file = uniqueName(`${language}_${fullHash(bytes)}`, language.length + 8, filterNames);
      filterEntries.push([name, file]);
      writes.push(writeFile(join(dir, 'filter', `${file}.pf_filter`), plainFile(bytes)));
    }

    const { words } = this.lexicon;
    const lists = this.lists;
    const present: number[] = [];
    for (let id = 0; id < words.length; id += 1) if ((lists.count[id] ?? 0) > 0 || this.variants.has(id)) present.push(id);
    present.sort((a, b) => compareCodePoints(words[a] as string, words[b] as string));
    const chunks: { from: string; to: string; hash: string }[] = [];
    const chunkNames = new Set<string>();
    const writer = new CborWriter(1 << 20);
    let start = 0;
    let size = 0;
    const flush = (end: number) => {
      writer.reset();
      writer.array(1).array(end - start);
      for (let i = start; i < end; i += 1) this.writeWord(writer, present[i] as number);
      const bytes = Buffer.from(writer.bytes());
      const hash = uniqueName(`${language}_${fullHash(bytes)}`, language.length + 8, chunkNames);
      chunks.push({ from: words[present[start] as number] as string, to: words[present[end - 1] as number] as string, hash });
      writes.push(writeFile(join(dir, 'index', `${hash}.pf_index`), plainFile(bytes)));
      start = end;
      size = 0;
    };
    for (let i = 0; i < present.length; i += 1) {
      const id = present[i] as number;
      size += lists.size[id] ?? 0;
      const variants = this.variants.get(id);
      if (variants) for (const variant of variants.values()) size += variant.size + 1;
      if (size >= CHUNK_LOCATIONS) flush(i + 1);
    }
    if (start < present.length) flush(present.length);
    trimBounds(chunks);

    const fields = this.metaFields;
    const meta = new CborWriter().array(6).text(PAGEFIND_FORMAT);
    meta.array(this.fragments.length);
    for (const fragment of this.fragments) meta.array(3).text(fragment.name).int(fragment.wordCount).text('');
    meta.array(chunks.length);
    for (const chunk of chunks) meta.array(3).text(chunk.from).text(chunk.to).text(chunk.hash);
    meta.array(filterEntries.length);
    for (const [name, file] of filterEntries) meta.array(2).text(name).text(file);
    const sorts = sortOrders(this.sorts);
    meta.array(sorts.length);
    for (const [key, order] of sorts) {
      meta.array(2).text(key).array(order.length);
      for (const page of order) meta.int(page);
    }
    meta.array(fields.length);
    for (const field of fields) meta.text(field);
    const metaBytes = Buffer.from(meta.bytes());
    const metaHash = `${language}_${fullHash(metaBytes).slice(0, language.length + 8)}`;
    writes.push(writeFile(join(dir, `pagefind.${metaHash}.pf_meta`), plainFile(metaBytes)));
    const entry = { version: PAGEFIND_FORMAT, languages: { [language]: { hash: metaHash, wasm: language, page_count: this.fragments.length } }, include_characters: INCLUDE_CHARACTERS };
    writes.push(writeFile(join(dir, 'pagefind-entry.json'), JSON.stringify(entry)));
    await Promise.all(writes);
    return { pages: this.fragments.length, words: present.length };
  }

  /**
   * The page's meta places as meta location lists, by word, for words written without
   * diacritics and, by spelling, for the others.
   */
  private pageMeta(places: Places, keys: readonly string[]): { plain: Map<number, number[]>; variants: Map<number, Map<string, number[]>> } {
    const plain = new Map<number, [number, number][]>();
    const variants = new Map<number, Map<string, [number, number][]>>();
    for (const { id, form, field, position } of places.meta) {
      const global = this.fieldIds.get(keys[field] as string) ?? 0;
      if (form === null) {
        const list = plain.get(id) ?? [];
        list.push([global, position]);
        plain.set(id, list);
      } else {
        const byForm = variants.get(id) ?? new Map<string, [number, number][]>();
        const list = byForm.get(form) ?? [];
        list.push([global, position]);
        byForm.set(form, list);
        variants.set(id, byForm);
      }
    }
    return {
      plain: new Map([...plain].map(([id, pairs]) => [id, packMetaLocations(pairs)])),
      variants: new Map([...variants].map(([id, byForm]) => [id, new Map([...byForm].map(([form, pairs]) => [form, packMetaLocations(pairs)]))])),
    };
  }

  /**
   * Links each of the page's places to the next place of the same word, in position order (the
   * order they were read in); returns how many distinct words, listed in `touched`.
   */
  private groupPlaces(places: Places): number {
    const { count, ids } = places;
    if (this.next.length < count) {
      this.next = new Int32Array(2 ** Math.ceil(Math.log2(count)));
      this.touched = new Int32Array(this.next.length);
      this.locs = new Int32Array(2 * this.next.length);
    }
    const size = this.lexicon.words.length;
    if (this.first.length < size) {
      const grown = new Int32Array(2 ** Math.ceil(Math.log2(size))).fill(-1);
      grown.set(this.first);
      this.first = grown;
      this.last = new Int32Array(grown.length);
    }
    const { first, last, next, touched } = this;
    let words = 0;
    for (let i = 0; i < count; i += 1) {
      const id = ids[i] as number;
      next[i] = -1;
      if ((first[id] as number) < 0) {
        first[id] = i;
        touched[words++] = id;
      } else {
        next[last[id] as number] = i;
      }
      last[id] = i;
    }
    return words;
  }

  /**
   * Packs one word's places on the page, from place `head` on, into `this.locs` as Pagefind
   * writes them: by weight (its default first), then position; each run of one weight opened by
   * −(weight + 1) and its first position, then the differences between positions. Returns how
   * many numbers.
   */
  private packLocations(places: Places, head: number): number {
    const { positions, weights } = places;
    const next = this.next;
    // Nearly always every place has one weight, and the places are in position order already.
    let uniform = true;
    const weight = weights[head] as number;
    for (let i = next[head] as number; i >= 0; i = next[i] as number) {
      if (weights[i] !== weight) {
        uniform = false;
        break;
      }
    }
    const locs = this.locs;
    let n = 0;
    if (uniform) {
      let last = 0;
      if (weight !== DEFAULT_WEIGHT) {
        locs[n++] = -weight - 1;
        locs[n++] = positions[head] as number;
        last = positions[head] as number;
      } else {
        locs[n++] = positions[head] as number;
        last = positions[head] as number;
      }
      for (let i = next[head] as number; i >= 0; i = next[i] as number) {
        const position = positions[i] as number;
        locs[n++] = position - last;
        last = position;
      }
      return n;
    }
    const pairs: number[] = [];
    for (let i = head; i >= 0; i = next[i] as number) pairs.push(positions[i] as number, weights[i] as number);
    for (const loc of packPairs(pairs)) locs[n++] = loc;
    return n;
  }

  /** A page's places of words written with diacritics, by word and then spelling in code point order, after their meta places. */
  private addVariants(page: number, places: Places, meta: Map<number, Map<string, number[]>>): void {
    const byWord = new Map<number, Map<string, number[]>>();
    for (const { id, form, position, weight } of places.variants) {
      const byForm = byWord.get(id) ?? new Map<string, number[]>();
      const pairs = byForm.get(form) ?? [];
      pairs.push(position, weight);
      byForm.set(form, pairs);
      byWord.set(id, byForm);
    }
    for (const id of new Set([...byWord.keys(), ...meta.keys()])) {
      const variants: Variants = this.variants.get(id) ?? new Map();
      this.variants.set(id, variants);
      const content = byWord.get(id) ?? new Map<string, number[]>();
      const metaForms = meta.get(id) ?? new Map<string, number[]>();
      // Spellings on the page's text first, then those only in its meta, each in code point order.
      const forms = [...[...content.keys()].sort(compareCodePoints), ...[...metaForms.keys()].filter((form) => !content.has(form)).sort(compareCodePoints)];
      for (const form of forms) {
        const locs = content.has(form) ? packPairs(content.get(form) as number[]) : [];
        const metaLocs = metaForms.get(form) ?? [];
        let variant = variants.get(form);
        if (!variant) {
          variant = { entries: new CborWriter(64), count: 0, lastPage: 0, size: 0 };
          variants.set(form, variant);
        }
        variant.entries.array(3).int(page - variant.lastPage).array(locs.length);
        for (const loc of locs) variant.entries.int(loc);
        variant.entries.array(metaLocs.length);
        for (const loc of metaLocs) variant.entries.int(loc);
        variant.count += 1;
        variant.lastPage = page;
        variant.size += locs.length + metaLocs.length + 1;
      }
    }
  }

  private writeWord(writer: CborWriter, id: number): void {
    const lists = this.lists;
    writer
      .array(3)
      .text(this.lexicon.words[id] as string)
      .array(lists.count[id] ?? 0);
    if ((lists.count[id] ?? 0) > 0) lists.copy(id, writer);
    const variants = this.variants.get(id);
    writer.array(variants?.size ?? 0);
    for (const [form, variant] of variants ?? []) writer.array(2).text(form).array(variant.count).raw(variant.entries.bytes());
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
function packMetaLocations(pairs: [number, number][]): number[] {
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

/**
 * Cuts chunk bounds to one character past what neighbouring bounds share, as Pagefind does
 * (`mergeBundles.ts` widens the merged bundle's again).
 */
function trimBounds(chunks: { from: string; to: string }[]): void {
  for (let i = 0; i + 1 < chunks.length; i += 1) {
    const left = chunks[i] as { from: string; to: string };
    const right = chunks[i + 1] as { from: string; to: string };
    const a = Array.from(left.to);
    const b = Array.from(right.from);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
    const to = a.slice(0, common + 1).join('');
    if (compareCodePoints(to, left.from) >= 0) left.to = to;
    right.from = b.slice(0, common + 1).join('');
  }
}

/** Each sort key's pages in order: by number when every value is one, else by text. */
function sortOrders(pages: readonly { sort: Map<string, string>; page: number }[]): [string, number[]][] {
  const keys = [...new Set(pages.flatMap(({ sort }) => [...sort.keys()]))].sort(compareCodePoints);
  return keys.map((key) => {
    const values = pages.flatMap(({ sort, page }) => (sort.has(key) ? [[sort.get(key) as string, page] as const] : []));
    const numeric = values.every(([value]) => /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)$/i.test(value));
    const ordered = numeric ? [...values].sort((a, b) => totalOrder(Math.fround(Number(a[0])), Math.fround(Number(b[0])))) : [...values].sort((a, b) => compareCodePoints(a[0], b[0]));
    return [key, ordered.map(([, page]) => page)];
  });
}

/** IEEE 754 total order for numbers, NaN last. */
function totalOrder(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
  return a - b || (Object.is(a, -0) ? -1 : 0) + (Object.is(b, -0) ? 1 : 0);
}

/**
 * A page's fragment, as serde_json writes it: fields in Pagefind's order, maps by key in code
 * point order (written by hand, since an object would put keys such as "2024" first).
 */
function fragmentJson(page: PageRecord): string {
  const map = <T>(entries: ReadonlyMap<string, T>) =>
    `{${[...entries.keys()]
      .sort(compareCodePoints)
      .map((key) => `${JSON.stringify(key)}:${JSON.stringify(entries.get(key))}`)
      .join(',')}}`;
  const anchors = page.anchors.map(({ element, id, text, title, location }) => (title === undefined ? { element, id, text, location } : { element, id, text, title, location }));
  return `{"url":${JSON.stringify(page.url)},"content":${JSON.stringify(page.content)},"word_count":${page.wordCount},"filters":${map(page.filters)},"meta":${map(page.meta)},"anchors":${JSON.stringify(anchors)}}`;
}

/** SHA-1 as Pagefind writes it: each byte in hexadecimal without its leading zero. */
export function fullHash(data: string | Uint8Array): string {
  let out = '';
  for (const byte of createHash('sha1').update(data).digest()) out += byte.toString(16);
  return out;
}

/** The first `length` characters of `hash`, one more at a time while another file has the name. */
function uniqueName(hash: string, length: number, taken: Set<string>): string {
  let name = hash.slice(0, length);
  while (taken.has(name) && name.length < hash.length) name = hash.slice(0, name.length + 1);
  taken.add(name);
  return name;
}
