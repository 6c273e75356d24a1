/**
 * Writes pages (`pageRecord.ts`) as a Pagefind 1.6 bundle: the files Pagefind's own indexer
 * writes for the same pages, the same items in the same order (`index/mod.rs`, `output/`).
 * Layouts are in `mergeBundles.ts` and `wordTable.ts`; the merge reads what this writes.
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
import type { PageRecord, WordPlaces } from './pageRecord.js';
import { CborWriter, plainFile } from './pagefindFormat.js';

const gzipAsync = promisify(gzip);

export const PAGEFIND_FORMAT = '1.6.0';
/** Pagefind closes an index chunk once its words hold this many locations. */
const CHUNK_LOCATIONS = 20_000;
/** Weight 1 (24 units) is written as this: a location list starts with a change to weight 24. */
const DEFAULT_WEIGHT = 25;
/** gzip level for fragments: level 9 made them 0.6 % smaller and took 2.4× the time. */
const FRAGMENT_LEVEL = 6;

/** A page's entry in a word's list: page number, locations with weight changes, meta locations. */
interface PackedPage {
  page: number;
  locs: number[];
  metaLocs: number[];
}

interface PackedWord {
  pages: PackedPage[];
  /** By spelling with diacritics, in the order first met. */
  variants: Map<string, PackedPage[]> | null;
}

export interface BundleSummary {
  pages: number;
  words: number;
}

/**
 * Writes the bundle of `records` (in page order) into `dir`, for `language` (the site's primary
 * subtag, whose stemmer the pages were read with). Pages with no words are left out, as are,
 * once any page marks its body with `data-pagefind-body`, the pages that do not.
 */
export async function writeBundle(dir: string, records: readonly PageRecord[], language: string): Promise<BundleSummary> {
  const anyBody = records.some((record) => record.hasBody);
  const pages = records.filter((record) => record.words.size > 0 && (!anyBody || record.hasBody));
  const metaFields = [...new Set(pages.flatMap((page) => [...page.meta.keys()]))].sort(compareCodePoints);
  const fieldIds = new Map(metaFields.map((field, id) => [field, id]));

  const words = new Map<string, PackedWord>();
  const filters = new Map<string, Map<string, number[]>>();
  const fragments: { name: string; json: string; wordCount: number }[] = [];
  const fragmentNames = new Set<string>();
  for (const [number, page] of pages.entries()) {
    for (const [word, places] of page.words) addPage(words, word, number, places, packLocations);
    const pageFields = [...page.meta.keys()].sort(compareCodePoints).map((field) => fieldIds.get(field) as number);
    for (const [word, places] of page.metaWords) addMeta(words, word, number, places, pageFields);
    for (const [name, values] of page.filters) {
      const byValue = filters.get(name) ?? new Map<string, number[]>();
      filters.set(name, byValue);
      for (const value of values) {
        const list = byValue.get(value) ?? [];
        list.push(number);
        byValue.set(value, list);
      }
    }
    const json = fragmentJson(page);
    fragments.push({ name: uniqueName(`${language}_${fullHash(json)}`, language.length + 8, fragmentNames), json, wordCount: page.wordCount });
  }

  await Promise.all(['fragment', 'index', 'filter'].map((folder) => mkdir(join(dir, folder), { recursive: true })));
  const writes: Promise<void>[] = [];
  for (const fragment of fragments) {
    writes.push(gzipAsync(plainFile(Buffer.from(fragment.json)), { level: FRAGMENT_LEVEL }).then((bytes) => writeFile(join(dir, 'fragment', `${fragment.name}.pf_fragment`), bytes)));
  }

  const filterEntries: [string, string][] = [];
  const filterNames = new Set<string>();
  for (const name of [...filters.keys()].sort(compareCodePoints)) {
    const byValue = filters.get(name) as Map<string, number[]>;
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

  const sorted = [...words.keys()].sort(compareCodePoints);
  const chunks: { from: string; to: string; hash: string }[] = [];
  const chunkNames = new Set<string>();
  let start = 0;
  let size = 0;
  const flush = (end: number) => {
    const chunk = sorted.slice(start, end);
    const writer = new CborWriter(1 << 16).array(1).array(chunk.length);
    for (const word of chunk) writeWord(writer, word, words.get(word) as PackedWord);
    const bytes = Buffer.from(writer.bytes());
    const hash = uniqueName(`${language}_${fullHash(bytes)}`, language.length + 8, chunkNames);
    chunks.push({ from: chunk[0] as string, to: chunk[chunk.length - 1] as string, hash });
    writes.push(writeFile(join(dir, 'index', `${hash}.pf_index`), plainFile(bytes)));
    start = end;
    size = 0;
  };
  for (const [i, word] of sorted.entries()) {
    size += wordSize(words.get(word) as PackedWord);
    if (size >= CHUNK_LOCATIONS) flush(i + 1);
  }
  if (start < sorted.length) flush(sorted.length);
  trimBounds(chunks);

  const sorts = sortOrders(pages);
  const meta = new CborWriter().array(6).text(PAGEFIND_FORMAT);
  meta.array(fragments.length);
  for (const fragment of fragments) meta.array(3).text(fragment.name).int(fragment.wordCount).text('');
  meta.array(chunks.length);
  for (const chunk of chunks) meta.array(3).text(chunk.from).text(chunk.to).text(chunk.hash);
  meta.array(filterEntries.length);
  for (const [name, file] of filterEntries) meta.array(2).text(name).text(file);
  meta.array(sorts.length);
  for (const [key, order] of sorts) {
    meta.array(2).text(key).array(order.length);
    for (const page of order) meta.int(page);
  }
  meta.array(metaFields.length);
  for (const field of metaFields) meta.text(field);
  const metaBytes = Buffer.from(meta.bytes());
  const metaHash = `${language}_${fullHash(metaBytes).slice(0, language.length + 8)}`;
  writes.push(writeFile(join(dir, `pagefind.${metaHash}.pf_meta`), plainFile(metaBytes)));
  const entry = { version: PAGEFIND_FORMAT, languages: { [language]: { hash: metaHash, wasm: language, page_count: fragments.length } }, include_characters: INCLUDE_CHARACTERS };
  writes.push(writeFile(join(dir, 'pagefind-entry.json'), JSON.stringify(entry)));
  await Promise.all(writes);
  return { pages: fragments.length, words: sorted.length };
}

function packedWord(words: Map<string, PackedWord>, word: string): PackedWord {
  let packed = words.get(word);
  if (packed === undefined) {
    packed = { pages: [], variants: null };
    words.set(word, packed);
  }
  return packed;
}

/** Adds a page's places of `word` to its list and its variants' lists: a page's variants in code point order. */
function addPage(words: Map<string, PackedWord>, word: string, page: number, places: WordPlaces, pack: (places: number[]) => number[]): void {
  const packed = packedWord(words, word);
  if (places.places.length > 0) packed.pages.push({ page, locs: pack(places.places), metaLocs: [] });
  if (places.variants === null) return;
  packed.variants ??= new Map();
  for (const form of [...places.variants.keys()].sort(compareCodePoints)) {
    const list = packed.variants.get(form) ?? [];
    list.push({ page, locs: pack(places.variants.get(form) as number[]), metaLocs: [] });
    packed.variants.set(form, list);
  }
}

/** Adds a page's meta places of `word`, beside its content places on the same page if any. */
function addMeta(words: Map<string, PackedWord>, word: string, page: number, places: WordPlaces, fields: readonly number[]): void {
  const packed = packedWord(words, word);
  const pack = (pairs: number[]) => packMetaLocations(pairs, fields);
  const attach = (list: PackedPage[], metaLocs: number[]) => {
    const last = list[list.length - 1];
    if (last && last.page === page) last.metaLocs = metaLocs;
    else list.push({ page, locs: [], metaLocs });
  };
  if (places.places.length > 0) attach(packed.pages, pack(places.places));
  if (places.variants === null) return;
  packed.variants ??= new Map();
  for (const form of [...places.variants.keys()].sort(compareCodePoints)) {
    const list = packed.variants.get(form) ?? [];
    packed.variants.set(form, list);
    attach(list, pack(places.variants.get(form) as number[]));
  }
}

/**
 * Positions with their weights (pairs), as Pagefind writes them: by weight (its default first)
 * and position, each run of one weight opened by −(weight + 1) and its first position, then
 * the differences between positions.
 */
export function packLocations(pairs: readonly number[]): number[] {
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

/** Field and position pairs (fields as the page numbers them), as Pagefind writes them: −(field + 1) before each field's positions, differences within it. */
function packMetaLocations(pairs: readonly number[], fields: readonly number[]): number[] {
  const entries: [number, number][] = [];
  for (let i = 0; i < pairs.length; i += 2) entries.push([fields[pairs[i] as number] as number, pairs[i + 1] as number]);
  entries.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  let field = -1;
  let last = 0;
  for (const [id, position] of entries) {
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

/** A word's locations, counted as Pagefind counts them to close a chunk. */
function wordSize(word: PackedWord): number {
  let size = 0;
  const count = (pages: readonly PackedPage[]) => {
    for (const page of pages) size += page.locs.length + page.metaLocs.length + 1;
  };
  count(word.pages);
  if (word.variants) {
    for (const pages of word.variants.values()) count(pages);
    size += word.variants.size;
  }
  return size;
}

function writeWord(writer: CborWriter, word: string, packed: PackedWord): void {
  writer.array(3).text(word);
  writePages(writer, packed.pages);
  const variants = packed.variants ?? new Map<string, PackedPage[]>();
  writer.array(variants.size);
  for (const [form, pages] of variants) {
    writer.array(2).text(form);
    writePages(writer, pages);
  }
}

function writePages(writer: CborWriter, pages: readonly PackedPage[]): void {
  writer.array(pages.length);
  let previous = 0;
  for (const { page, locs, metaLocs } of pages) {
    writer.array(3).int(page - previous).array(locs.length);
    for (const loc of locs) writer.int(loc);
    writer.array(metaLocs.length);
    for (const loc of metaLocs) writer.int(loc);
    previous = page;
  }
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
function sortOrders(pages: readonly PageRecord[]): [string, number[]][] {
  const keys = [...new Set(pages.flatMap((page) => [...page.sort.keys()]))].sort(compareCodePoints);
  return keys.map((key) => {
    const values = pages.flatMap((page, number) => (page.sort.has(key) ? [[page.sort.get(key) as string, number] as const] : []));
    const numeric = values.every(([value]) => /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)$/i.test(value));
    const ordered = numeric
      ? [...values].sort((a, b) => totalOrder(Math.fround(Number(a[0])), Math.fround(Number(b[0]))))
      : [...values].sort((a, b) => compareCodePoints(a[0], b[0]));
    return [key, ordered.map(([, number]) => number)];
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
