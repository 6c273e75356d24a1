/**
 * Writes pages (`pageRecord.ts`) as a Pagefind 1.6 bundle: the files Pagefind's own indexer
 * writes for the same pages, the same items in the same order (`index/mod.rs`, `output/`).
 * Layouts are in `mergeBundles.ts` and `wordTable.ts`; the merge reads what this writes.
 *
 * Each page's places are packed as they come, into flat arrays (`Entries`), so a shard's index
 * costs a few megabytes and almost no garbage.
 *
 * Index chunks, filters and the metadata feed the merge only, so they are written without
 * compression, which Pagefind's readers accept; fragments are what readers fetch, and are
 * gzipped.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { trimBounds } from '../format/chunkBounds.js';
import { compareCodePoints } from '../format/codePointOrder.js';
import { grown } from '../fossick/grown.js';
import { INCLUDE_CHARACTERS } from '../fossick/indexableWords.js';
import { parseFloat32, type Lexicon, type PageRecord, type Places } from '../fossick/pageRecord.js';
import { fragmentJson } from '../format/fragments.js';
import { encodeMeta, type MetaIndex } from '../format/meta.js';
import { CborWriter } from '../format/cbor.js';
import { filterItem } from '../format/filter.js';
import { fullHash, PAGEFIND_VERSION, plainFile, uniqueName } from '../format/pagefindFormat.js';
import { DEFAULT_WEIGHT, Entries, packMetaLocations, packPairs } from './wordEntries.js';

/** Pagefind closes an index chunk once its words hold this many locations. */
const PAGEFIND_CHUNK_LOCATIONS = 20_000;
/**
 * gzip level for fragments: 5, as the merge's chunks (`pagefindFormat.ts`), faster than zlib's
 * default for a fraction of a per cent more bytes. They are compressed on the indexing thread:
 * zlib's asynchronous calls, each a trip to libuv's thread pool, took about twice the CPU time,
 * where both cores are busy anyway (docs/measurements.md).
 */
const FRAGMENT_LEVEL = 5;

export interface WriteOptions {
  /**
   * The names of the fragment files, from the pages' word counts in page order; by default the
   * names the metadata gives them, as Pagefind writes them.
   */
  fragmentFiles?: (wordCounts: readonly number[]) => string[];
}

export interface BundleSummary {
  pages: number;
  words: number;
}

/** A word's pages written with a diacritic spelling, by spelling, in the order first met. */
type Variants = Map<string, { entries: CborWriter; count: number; lastPage: number; size: number }>;

/** A shard's bundle, built page by page (`add`) and written once (`write`). */
export class ShardBundle {
  private readonly entries = new Entries();
  private readonly variants = new Map<number, Variants>();
  private readonly filters = new Map<string, Map<string, number[]>>();
  private readonly fragments: { name: string; bytes: Buffer; wordCount: number }[] = [];
  private readonly fragmentNames = new Set<string>();
  /** Meta keys of the pages added, to check against the fields they were numbered with. */
  private readonly fieldsSeen = new Set<string>();
  private readonly fieldIds: Map<string, number>;
  private readonly sorts: { sort: Map<string, string>; page: number }[] = [];
  private pages = 0;
  /**
   * Scratch for one page: each word's places as a list through the page's places (first, last,
   * next; −1 ends a list), and the words in the order first met.
   */
  private first = new Int32Array(1 << 16).fill(-1);
  private last = new Int32Array(1 << 16);
  private next = new Int32Array(1 << 14);
  private touched = new Int32Array(1 << 14);

  /**
   * `metaFields` are the meta keys of all the pages that will be added, in code point order:
   * meta locations name a key by its place there. `fieldsMatch` tells, once every page is in,
   * whether they were right. `chunkLocations` sizes the index chunks, Pagefind's size by
   * default: a bundle that only feeds the merge, which sizes chunks of its own, is best one
   * chunk, one file to write and read.
   */
  constructor(
    private readonly language: string,
    private readonly lexicon: Lexicon,
    private readonly metaFields: readonly string[],
    private readonly chunkLocations = PAGEFIND_CHUNK_LOCATIONS,
  ) {
    this.fieldIds = new Map(metaFields.map((field, id) => [field, id]));
  }

  /** Whether the pages added had exactly the meta keys the bundle was made with. */
  fieldsMatch(): boolean {
    return this.fieldsSeen.size === this.metaFields.length && this.metaFields.every((field) => this.fieldsSeen.has(field));
  }

  /**
   * Adds a page whose places `pageRecord` just read into `places`. Pages are numbered in the
   * order they are added; the caller leaves out those Pagefind would (see `indexPages`).
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
      this.entries.add(id, page, count, metaLocs ?? []);
    }
    for (const [id, locs] of pageMeta.plain) this.entries.add(id, page, 0, locs);
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
    const name = uniqueName(`${this.language}_`, fullHash(json), this.fragmentNames);
    this.fragments.push({ name, bytes: gzipSync(plainFile(Buffer.from(json)), { level: FRAGMENT_LEVEL }), wordCount: record.wordCount });
  }

  /**
   * Writes the bundle into `dir`. The files are written one after another on this thread:
   * asynchronous writes (three trips to libuv's thread pool a file) took two to three times the
   * CPU time.
   */
  async write(dir: string, options: WriteOptions = {}): Promise<BundleSummary> {
    for (const folder of ['fragment', 'index', 'filter']) mkdirSync(join(dir, folder), { recursive: true });
    const files = options.fragmentFiles?.(this.fragments.map((fragment) => fragment.wordCount)) ?? this.fragments.map((fragment) => fragment.name);
    for (const [i, fragment] of this.fragments.entries()) writeFileSync(join(dir, 'fragment', `${files[i] as string}.pf_fragment`), fragment.bytes);
    const filters = this.encodeFilters();
    for (const { file, bytes } of filters) writeFileSync(join(dir, 'filter', `${file}.pf_filter`), plainFile(bytes));
    const { chunks, words } = this.encodeChunks();
    for (const { hash, bytes } of chunks) writeFileSync(join(dir, 'index', `${hash}.pf_index`), plainFile(bytes));
    const meta = this.encodeMeta(chunks, filters);
    const hash = `${this.language}_${fullHash(meta).slice(0, this.language.length + 8)}`;
    writeFileSync(join(dir, `pagefind.${hash}.pf_meta`), plainFile(meta));
    const entry = { version: PAGEFIND_VERSION, languages: { [this.language]: { hash, wasm: this.language, page_count: this.fragments.length } }, include_characters: INCLUDE_CHARACTERS };
    writeFileSync(join(dir, 'pagefind-entry.json'), JSON.stringify(entry));
    return { pages: this.fragments.length, words };
  }

  /** Each filter's values with their pages, by filter in code point order, and the file named by its content. */
  private encodeFilters(): { name: string; file: string; bytes: Buffer }[] {
    const names = new Set<string>();
    return [...this.filters.keys()].sort(compareCodePoints).map((name) => {
      // Pages were added in order, so each value's list is ascending already.
      const bytes = filterItem(name, this.filters.get(name) as Map<string, number[]>);
      return { name, file: uniqueName(`${this.language}_`, fullHash(bytes), names), bytes };
    });
  }

  /** The words on the pages in code point order, in chunks of about `chunkLocations` locations; and how many words. */
  private encodeChunks(): { chunks: { from: string; to: string; hash: string; bytes: Buffer }[]; words: number } {
    const { words } = this.lexicon;
    const { present, firstEntry, byWord } = this.wordsInOrder();
    const entries = this.entries;
    const chunks: { from: string; to: string; hash: string; bytes: Buffer }[] = [];
    const names = new Set<string>();
    const writer = new CborWriter(1 << 20);
    let start = 0;
    let size = 0;
    const flush = (end: number) => {
      writer.reset();
      writer.array(1).array(end - start);
      for (let r = start; r < end; r += 1) this.writeWord(writer, present[r] as number, byWord, firstEntry[r] as number, firstEntry[r + 1] as number);
      const bytes = Buffer.from(writer.bytes());
      const hash = uniqueName(`${this.language}_`, fullHash(bytes), names);
      chunks.push({ from: words[present[start] as number] as string, to: words[present[end - 1] as number] as string, hash, bytes });
      start = end;
      size = 0;
    };
    for (let r = 0; r < present.length; r += 1) {
      for (let k = firstEntry[r] as number; k < (firstEntry[r + 1] as number); k += 1) {
        const e = byWord[k] as number;
        size += (entries.locCount[e] as number) + (entries.metaCount[e] as number) + 1;
      }
      const variants = this.variants.get(present[r] as number);
      if (variants) for (const variant of variants.values()) size += variant.size + 1;
      if (size >= this.chunkLocations) flush(r + 1);
    }
    if (start < present.length) flush(present.length);
    trimBounds(chunks);
    return { chunks, words: present.length };
  }

  /**
   * The ids of the words on the pages, in code point order (`present`), and their entries in
   * page order: word `present[r]`'s are `byWord[firstEntry[r]]` to `byWord[firstEntry[r + 1] − 1]`.
   */
  private wordsInOrder(): { present: number[]; firstEntry: Int32Array; byWord: Int32Array } {
    const { words } = this.lexicon;
    const entries = this.entries;
    const seen = new Uint8Array(words.length);
    for (let e = 0; e < entries.count; e += 1) seen[entries.word[e] as number] = 1;
    for (const id of this.variants.keys()) seen[id] = 1;
    const present: number[] = [];
    for (let id = 0; id < words.length; id += 1) if (seen[id]) present.push(id);
    // Without characters above U+FFFF, code point order is JavaScript's order, and faster.
    const astral = present.some((id) => /[\ud800-\udfff]/.test(words[id] as string));
    present.sort(
      astral
        ? (a, b) => compareCodePoints(words[a] as string, words[b] as string)
        : (a, b) => {
            const x = words[a] as string;
            const y = words[b] as string;
            return x < y ? -1 : x > y ? 1 : 0;
          },
    );
    const rank = new Int32Array(words.length);
    present.forEach((id, r) => {
      rank[id] = r;
    });
    // A counting sort: entries were added in page order, and stay so within each word.
    const firstEntry = new Int32Array(present.length + 1);
    for (let e = 0; e < entries.count; e += 1) {
      const slot = (rank[entries.word[e] as number] as number) + 1;
      firstEntry[slot] = (firstEntry[slot] as number) + 1;
    }
    for (let r = 0; r < present.length; r += 1) firstEntry[r + 1] = (firstEntry[r + 1] as number) + (firstEntry[r] as number);
    const byWord = new Int32Array(entries.count);
    const fill = firstEntry.slice(0, present.length);
    for (let e = 0; e < entries.count; e += 1) {
      const r = rank[entries.word[e] as number] as number;
      byWord[fill[r] as number] = e;
      fill[r] = (fill[r] as number) + 1;
    }
    return { present, firstEntry, byWord };
  }

  /** The metadata: pages, chunks, filters, sorts and meta fields (see `format/meta.ts`). */
  private encodeMeta(chunks: readonly { from: string; to: string; hash: string }[], filters: readonly { name: string; file: string }[]): Buffer {
    const meta: MetaIndex = {
      version: PAGEFIND_VERSION,
      pages: this.fragments.map((fragment) => ({ name: fragment.name, wordCount: fragment.wordCount, group: '' })),
      chunks: chunks.map((chunk) => ({ from: chunk.from, to: chunk.to, name: chunk.hash })),
      filters,
      sorts: sortOrders(this.sorts).map(([name, pages]) => ({ name, pages })),
      fields: this.metaFields,
    };
    return Buffer.from(encodeMeta(meta));
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
    }
    const size = this.lexicon.words.length;
    if (this.first.length < size) {
      const length = this.first.length;
      this.first = grown(this.first, 2 ** Math.ceil(Math.log2(size))).fill(-1, length);
      this.last = new Int32Array(this.first.length);
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
   * Packs one word's places on the page, from place `head` on, into the entries' numbers as Pagefind
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
    const base = this.entries.length;
    let count = 1;
    for (let i = next[head] as number; i >= 0; i = next[i] as number) count += 1;
    const locs = this.entries.reserveNumbers(2 * count);
    let n = base;
    if (uniform) {
      if (weight !== DEFAULT_WEIGHT) locs[n++] = -weight - 1;
      let last = positions[head] as number;
      locs[n++] = last;
      for (let i = next[head] as number; i >= 0; i = next[i] as number) {
        const position = positions[i] as number;
        locs[n++] = position - last;
        last = position;
      }
      return n - base;
    }
    const pairs: number[] = [];
    for (let i = head; i >= 0; i = next[i] as number) pairs.push(positions[i] as number, weights[i] as number);
    for (const loc of packPairs(pairs)) locs[n++] = loc;
    return n - base;
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

  /** Writes word `id`: its text, its entries (`byWord[from..to)`, in page order) and its variants. */
  private writeWord(writer: CborWriter, id: number, byWord: Int32Array, from: number, to: number): void {
    const { numbers, page: pages, start, locCount, metaCount } = this.entries;
    writer
      .array(3)
      .text(this.lexicon.words[id] as string)
      .array(to - from);
    let previous = 0;
    for (let k = from; k < to; k += 1) {
      const e = byWord[k] as number;
      const page = pages[e] as number;
      const at = start[e] as number;
      const locs = locCount[e] as number;
      writer.array(3).int(page - previous);
      writer.array(locs).ints(numbers, at, at + locs);
      writer.array(metaCount[e] as number).ints(numbers, at + locs, at + locs + (metaCount[e] as number));
      previous = page;
    }
    const variants = this.variants.get(id);
    writer.array(variants?.size ?? 0);
    for (const [form, variant] of variants ?? []) writer.array(2).text(form).array(variant.count).raw(variant.entries.bytes());
  }
}

/** Each sort key's pages in order: by number when every value is one, else by text. */
function sortOrders(pages: readonly { sort: Map<string, string>; page: number }[]): [string, number[]][] {
  const keys = [...new Set(pages.flatMap(({ sort }) => [...sort.keys()]))].sort(compareCodePoints);
  return keys.map((key) => {
    const values = pages.flatMap(({ sort, page }) => (sort.has(key) ? [[sort.get(key) as string, page] as const] : []));
    const numbers = values.map(([value]) => parseFloat32(value));
    const numeric = numbers.every((number) => number !== null);
    const order = Array.from(values.keys());
    order.sort(numeric ? (a, b) => totalOrder(numbers[a] as number, numbers[b] as number) : (a, b) => compareCodePoints((values[a] as (typeof values)[number])[0], (values[b] as (typeof values)[number])[0]));
    const ordered = order.map((i) => values[i] as (typeof values)[number]);
    return [key, ordered.map(([, page]) => page)];
  });
}

/** IEEE 754 total order for numbers, NaN last. */
function totalOrder(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
  return a - b || (Object.is(a, -0) ? -1 : 0) + (Object.is(b, -0) ? 1 : 0);
}
