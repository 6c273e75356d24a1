/**
 * Merges the shards' Pagefind bundles into the one bundle readers load. Shards keep indexing
 * cheap and lean (see `shards.ts`), but a browser merging them at search time fetches every
 * shard's metadata and, for every word typed, one index chunk per shard. One bundle costs a
 * search one chunk per word.
 *
 * The merge reads each shard's index into columns (`wordTable.ts`), walks every shard's words in
 * order and writes each word's pages once, numbered across the whole site, each shard's pages
 * in the order of `pageOrder.ts`. Page locations are copied as bytes, never decoded, but for the
 * few words on most pages, whose locations are capped to what a search can afford
 * (`wordCap.ts`). Pages keep their shard's fragments, in its folder; the metadata names each by
 * its position in the site, and the entry file maps positions to folders (see `fragments.ts`).
 *
 * Layouts (Pagefind 1.6; CBOR arrays of definite length):
 * - metadata: see `format/meta.ts`.
 * - index chunk: see `wordTable.ts`.
 * - filter: [filter, [[value, [page…]]…]]
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chunkFolder } from '../format/chunkNames.js';
import { shortenBounds } from '../format/chunkBounds.js';
import { compareCodePoints } from '../format/codePointOrder.js';
import { fragmentName, nameWidth, pageName, pruneFragments, type FolderTable } from '../format/fragments.js';
import { encodeMeta } from '../format/meta.js';
import { CborReader, CborWriter } from '../format/cbor.js';
import { filterItem } from '../format/filter.js';
import { decodeFile, encodeFile, encodeFileSmallest, PAGEFIND_VERSION, uniqueName } from '../format/pagefindFormat.js';
import { roundWordCount } from './pageOrder.js';
import { loadShard, type Entry, type LoadedShard, type ShardMeta } from './readShard.js';
import { placeChunk, sameContent, type Reuse } from './keptFiles.js';
import { capPostings, mayNeedCap, WORD_BYTES } from './wordCap.js';
import { compareWords, readPostings, WordHeap, WordTable, type Postings } from './wordTable.js';

/**
 * Sizing index chunks. A search loads the metadata, which lists every chunk, and one chunk per
 * word typed. Compressed as served, a chunk's entry in the metadata (its bounds and a name that
 * counts up, see `chunkNames.ts`) costs about `ENTRY_BYTES` and a location in a chunk about
 * `LOCATION_BYTES` (fitted on the benchmark's corpus, docs/measurements.md): with L locations
 * in all, chunks of c locations cost a one-word search about E L / c + l c bytes, least where
 * the two parts are equal. See `chunkLocations`.
 */
const ENTRY_BYTES = 6.7;
const LOCATION_BYTES = 1.3;
/** A small site's words in a few chunks rather than many tiny files, each a request of its own. */
const MIN_CHUNK_LOCATIONS = 2000;
/**
 * Chunk sizes are whole thousands, so that an edit leaves them as they were: a size that moved
 * with every answer added would move every chunk's bounds, and a rebuild would rewrite all of
 * them (and every reader's saved copies go stale). Rounding moves the cost of a search by a
 * fraction of a per cent.
 */
const CHUNK_STEP = 1000;

/**
 * Index chunks compressed and written at once. Each gzip stream holds its buffers until it
 * ends: all of a large site's chunks at once raised the build's peak memory by hundreds of MB.
 */
const WRITES_AT_ONCE = 8;

export interface MergeResult {
  pages: number;
  /** Each index chunk written, by path under `index/` without its extension → SHA-256 of its content. */
  chunks: Record<string, string>;
}

export interface BundleMergeOptions {
  /** The most a word's postings may cost compressed before they are capped (see `wordCap.ts`). Default: `WORD_BYTES`. */
  wordBytes?: number;
}

/** Reads the shards' bundles (folders, by shard id) and merges them into `target`: see `writeMerged`. */
export async function mergeBundles(shards: readonly string[], target: string, known?: ReadonlyMap<string, string>, options: BundleMergeOptions = {}): Promise<MergeResult> {
  return writeMerged(await Promise.all(shards.map((dir, id) => loadShard(dir, id))), target, known, options);
}

/**
 * Writes the merged bundle's entry, metadata, index and filters into `target`, replacing what
 * is there. An index chunk that `target` already holds at the same position with the same bytes
 * is moved into the new chunk folder rather than compressed again (see `chunkNames.ts`).
 * `known` gives the content hash of the chunks in `target`, by path under `index/` (from the
 * build that wrote them); a chunk it does not list is compared byte by byte. Files in `target`
 * may be links to a live site's, so none is written in place.
 */
export async function writeMerged(shards: readonly LoadedShard[], target: string, known: ReadonlyMap<string, string> = new Map(), options: BundleMergeOptions = {}): Promise<MergeResult> {
  const metas = shards.map((shard) => shard.meta);
  const first = metas[0];
  if (!first) throw new Error('no search shards to merge');
  for (const meta of metas) {
    if (meta.entry.version !== PAGEFIND_VERSION) {
      throw new Error(`shard ${meta.id} was written by Pagefind ${meta.entry.version}; this answerpress merges only ${PAGEFIND_VERSION}`);
    }
    if (meta.language !== first.language) throw new Error(`shard ${meta.id} is in ${meta.language}, shard 0 in ${first.language}`);
  }
  const offsets: number[] = [];
  let pageCount = 0;
  for (const meta of metas) {
    offsets.push(pageCount);
    pageCount += meta.pages.length;
  }

  const previous = await readFile(join(target, 'pagefind-entry.json'), 'utf8').then(
    (text) => (JSON.parse(text) as Entry).index_folder ?? null,
    () => null,
  );
  await rm(join(target, 'filter'), { recursive: true, force: true });
  await Promise.all(['index', 'filter'].map((dir) => mkdir(join(target, dir), { recursive: true })));
  const oldMetas: string[] = [];
  for (const name of await readdir(target)) {
    if (name === 'pagefind-entry.json') await rm(join(target, name));
    else if (name.endsWith('.pf_meta')) oldMetas.push(name);
  }

  const prefix = `${first.language}_`;
  const existing = previous && /^[0-9a-f]+$/.test(previous) ? new Set(await readdir(join(target, 'index', previous)).catch(() => [])) : new Set<string>();
  const ranks = metas.map((meta) => Uint32Array.from(meta.pages, (page) => page.rank));
  const placement: Placement = { offsets, ranks, inOrder: ranks.map((list) => list.every((rank, position) => rank === position)) };
  const { chunks, folder } = await writeIndex(shards, placement, target, { folder: existing.size > 0 ? previous : null, existing, known }, options.wordBytes ?? WORD_BYTES);
  const filters = await writeFilters(metas, placement, target, prefix);

  const width = nameWidth(pageCount);
  const pages = metas.flatMap((shard, id) =>
    [...shard.pages]
      .sort((a, b) => a.rank - b.rank)
      .map((page) => ({
        name: page.group ? `${shard.fragments}/${fragmentName(page)}` : pageName((offsets[id] as number) + page.rank, width),
        wordCount: roundWordCount(page.wordCount),
        group: page.group && `${shard.fragments}/${page.group}`,
      })),
  );
  const folders: FolderTable = metas.flatMap((shard, id) => (shard.pages.length > 0 ? [[shard.fragments, offsets[id] as number] as [string, number]] : []));
  const metaBytes = encodeMeta({
    version: PAGEFIND_VERSION,
    pages,
    chunks,
    filters: filters.map((filter) => ({ name: filter.name, file: filter.hash })),
    // A sort orders pages by values the shards' metadata no longer holds: sorts are not merged.
    sorts: [],
    fields: [...new Set(metas.flatMap((shard) => shard.metaFields))].sort(compareCodePoints),
  });

  const metaHash = `${prefix}${sha256(metaBytes).slice(0, 10)}`;
  const metaName = `pagefind.${metaHash}.pf_meta`;
  // Every search loads the metadata first, whatever the query: it is worth the slowest gzip,
  // which is spent again only when the metadata changed (an answer added rarely moves a page's
  // rounded word count).
  if (!(oldMetas.includes(metaName) && (await sameContent(join(target, metaName), metaBytes)))) {
    await rm(join(target, metaName), { force: true });
    await writeFile(join(target, metaName), await encodeFileSmallest(metaBytes));
  }
  await Promise.all(oldMetas.filter((name) => name !== metaName).map((name) => rm(join(target, name))));
  const entry: Entry = { ...first.entry, fragment_folders: folders, index_folder: folder, languages: { [first.language]: { ...(first.entry.languages[first.language] as Entry['languages'][string]), hash: metaHash, page_count: pageCount } } };
  await writeFile(join(target, 'pagefind-entry.json'), JSON.stringify(entry));
  await pruneFragments(target, metas.map((shard) => shard.fragments));
  return { pages: pageCount, chunks: Object.fromEntries(chunks.map((chunk) => [`${folder}/${chunk.name}`, chunk.sha256])) };
}

/** Where a shard's pages are in the merged index: the site position of its first, and each page's rank. */
export interface Placement {
  offsets: readonly number[];
  ranks: readonly Uint32Array[];
  /** By shard, whether its pages are listed in the merged order already (each page's rank its position). */
  inOrder?: readonly boolean[];
}

/** A posting's merged page, as `rank × 2³²` plus its place in the list, to sort by; and its bytes after the page number. */
const scratch = { keys: new Float64Array(1024), starts: new Uint32Array(1024), ends: new Uint32Array(1024) };
const PLACE = 2 ** 32;

/**
 * Writes the postings of one word (or variant) from every shard that has it, in shard order, as
 * one list numbered across the site. A shard's postings are put in its pages' merged order
 * (see `pageOrder.ts`); each posting's page is relative to the one before it, and its
 * locations are copied as they are.
 */
function writePostings(writer: CborWriter, lists: readonly { table: WordTable; postings: Postings }[], placement: Placement): void {
  writer.array(lists.reduce((sum, { postings }) => sum + postings.count, 0));
  let previous = 0;
  for (const { table, postings } of lists) {
    const count = postings.count;
    if (count === 0) continue;
    const offset = placement.offsets[table.shard] as number;
    const ranks = placement.ranks[table.shard] as Uint32Array;
    if (count === 1 || (placement.inOrder?.[table.shard] ?? false)) {
      // Most of a word's lists in a shard, and every list of a shard whose pages are already in
      // the merged order: nothing to order, nothing to walk. Pages after the first are relative.
      const at = offset + (ranks[postings.first] as number);
      writer.array(3).int(at - previous).range(table.bytes, postings.start, postings.end);
      previous = offset + (ranks[postings.last] as number);
      continue;
    }
    if (scratch.keys.length < count) {
      const size = 2 ** Math.ceil(Math.log2(count));
      scratch.keys = new Float64Array(size);
      scratch.starts = new Uint32Array(size);
      scratch.ends = new Uint32Array(size);
    }
    const { keys, starts, ends } = scratch;
    const reader = new CborReader(table.bytes);
    reader.offset = postings.start;
    let page = postings.first;
    for (let i = 0; i < count; i += 1) {
      if (i > 0) {
        reader.array();
        page += reader.int();
      }
      starts[i] = reader.offset;
      reader.intArrayLength();
      reader.intArrayLength();
      ends[i] = reader.offset;
      keys[i] = (ranks[page] as number) * PLACE + i;
    }
    const sorted = keys.subarray(0, count).sort();
    for (const key of sorted) {
      const i = key % PLACE;
      const at = offset + (key - i) / PLACE;
      writer.array(3).int(at - previous).range(table.bytes, starts[i] as number, ends[i] as number);
      previous = at;
    }
  }
}

interface ChunkMeta {
  from: string;
  to: string;
  /** The chunk's name, by position (see `chunkNames.ts`), in the field where Pagefind's metadata holds its hash. */
  name: string;
  sha256: string;
}

/** The chunks of the bundle being replaced: their folder, the files in it, and what `known` says of them (see `writeMerged`). */
interface PresentChunks {
  folder: string | null;
  existing: ReadonlySet<string>;
  known: ReadonlyMap<string, string>;
}

/**
 * Merges the shards' words into chunks of about `chunkLocations` locations and writes them, named
 * by position, into a folder named by their content (see `chunkNames.ts`); removes the others.
 */
async function writeIndex(shards: readonly LoadedShard[], placement: Placement, target: string, present: PresentChunks, wordBytes: number): Promise<{ chunks: ChunkMeta[]; folder: string }> {
  const tables = shards.map((shard) => shard.words);
  const total = tables.reduce((sum, table) => sum + table.size.reduce((a, b) => a + b, 0), 0);
  const limit = chunkLocations(total);
  // Names of one width, like pages' (see `fragments.ts`), from the chunks expected.
  const width = nameWidth(Math.ceil(total / limit) + 1);
  const heap = new WordHeap(tables);
  for (const table of tables) if (table.length > 0) heap.push(table.shard);
  const chunks: ChunkMeta[] = [];
  const index = join(target, 'index');
  const staging = join(index, '.staging');
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  const writes = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const write = async (file: string, chunk: Buffer, reuse: Reuse) => {
    const old = present.folder && present.existing.has(file) ? join(index, present.folder, file) : null;
    const tracked: Promise<void> = placeChunk(old, join(staging, file), chunk, reuse)
      .catch((error: unknown) => void failures.push(error))
      .finally(() => writes.delete(tracked));
    writes.add(tracked);
    while (writes.size >= WRITES_AT_ONCE) await Promise.race(writes);
  };
  const words = new CborWriter(1 << 20);
  const wordPostings = new CborWriter(1 << 16);
  const variantsOut = new CborWriter(1 << 10);
  const head = new CborWriter(16);
  let count = 0;
  let size = 0;
  let from = '';
  let last: [WordTable, number] = [tables[0] as WordTable, 0];
  const flush = async () => {
    head.reset();
    head.array(1).array(count);
    const chunk = Buffer.concat([head.bytes(), words.bytes()]);
    const digest = sha256(chunk);
    const name = pageName(chunks.length, width);
    chunks.push({ from, to: last[0].word(last[1]), name, sha256: digest });
    words.reset();
    count = 0;
    size = 0;
    const known = present.folder === null ? undefined : present.known.get(`${present.folder}/${name}`);
    await write(`${name}.pf_index`, chunk, known === undefined ? 'compare' : known === digest ? 'same' : 'write');
  };
  // The shards holding the current word, in shard order, and where it is in each.
  const group: { table: WordTable; at: number }[] = [];
  while (heap.size > 0) {
    group.length = 0;
    const top = heap.pop();
    const topTable = tables[top] as WordTable;
    const topAt = heap.position(top);
    group.push({ table: topTable, at: topAt });
    while (heap.size > 0 && compareWords(tables[heap.peek()] as WordTable, heap.position(heap.peek()), topTable, topAt) === 0) {
      const shard = heap.pop();
      group.push({ table: tables[shard] as WordTable, at: heap.position(shard) });
    }
    for (const { table } of group) heap.advance(table.shard);
    let wordSize = group.reduce((sum, { table, at }) => sum + (table.size[at] as number), 0);
    const lists = group.map(({ table, at }) => ({
      table,
      postings: { count: table.count[at] as number, first: table.first[at] as number, last: table.last[at] as number, start: table.postings[at] as number, end: table.postingsEnd[at] as number },
    }));
    // Its size with its variants': the cap's first check needs only a bound.
    const postings = cappedPostings(wordPostings, lists, placement, wordSize, wordBytes);
    wordSize -= postings.removed;
    variantsOut.reset();
    wordSize -= writeVariants(variantsOut, group, placement, wordBytes);
    // A word that would take the chunk past its size starts the next one. A frequent word's
    // postings then never share a chunk with other words, and a search for any of those loads a
    // chunk of the usual size, where a chunk that ended after the word that filled it, as
    // Pagefind's do, made many frequent words' searches load an outsized chunk.
    if (count > 0 && size + wordSize > limit) await flush();
    if (count === 0) from = topTable.word(topAt);
    last = [topTable, topAt];
    words.array(3).range(topTable.bytes, topTable.item[topAt] as number, topTable.textEnd[topAt] as number);
    words.raw(postings.bytes);
    words.raw(variantsOut.bytes());
    size += wordSize;
    count += 1;
    if (size >= limit) await flush();
  }
  if (count > 0) await flush();
  await Promise.all(writes);
  if (failures.length > 0) throw failures[0];
  shortenBounds(chunks);
  const folder = chunkFolder(chunks.map((chunk) => chunk.sha256));
  await rm(join(index, folder), { recursive: true, force: true });
  await rename(staging, join(index, folder));
  const others = (await readdir(index)).filter((name) => name !== folder);
  await Promise.all(others.map((name) => rm(join(index, name), { recursive: true, force: true })));
  return { chunks, folder };
}

/**
 * A word's variants from every shard, each variant's postings joined across shards and capped
 * as a word's are (see `wordCap.ts`). Returns how much smaller the caps made them, counted as
 * the word's size is.
 */
function writeVariants(writer: CborWriter, group: readonly { table: WordTable; at: number }[], placement: Placement, wordBytes: number): number {
  // An empty array is one byte: nearly every word has no variants.
  if (group.every(({ table, at }) => (table.variantsEnd[at] as number) - (table.variants[at] as number) === 1)) {
    writer.array(0);
    return 0;
  }
  const variants = new Map<string, { table: WordTable; postings: Postings; size: number }[]>();
  for (const { table, at } of group) {
    const reader = new CborReader(table.bytes);
    reader.offset = table.variants[at] as number;
    for (let n = reader.array(); n > 0; n -= 1) {
      reader.array();
      const word = reader.text();
      const lists = variants.get(word) ?? [];
      variants.set(word, lists);
      const counted = { size: 0 };
      lists.push({ table, postings: readPostings(reader, counted), size: counted.size });
    }
  }
  writer.array(variants.size);
  let removed = 0;
  const scratch = new CborWriter(1 << 10);
  for (const word of [...variants.keys()].sort(compareCodePoints)) {
    const lists = variants.get(word) as { table: WordTable; postings: Postings; size: number }[];
    const postings = cappedPostings(scratch, lists, placement, lists.reduce((sum, list) => sum + list.size, 0), wordBytes);
    removed += postings.removed;
    writer.array(2).text(word).raw(postings.bytes);
  }
  return removed;
}

/**
 * The postings of one word or variant, joined across shards into `scratch` (see
 * `writePostings`) and capped if the word is on most pages (see `wordCap.ts`), with how much
 * smaller the cap made them, counted as a word's size is. `size` is that size before the cap,
 * or more. The bytes are `scratch`'s, or the cap's.
 */
function cappedPostings(scratch: CborWriter, lists: readonly { table: WordTable; postings: Postings }[], placement: Placement, size: number, wordBytes: number): { bytes: Buffer; removed: number } {
  scratch.reset();
  writePostings(scratch, lists, placement);
  const count = lists.reduce((sum, { postings }) => sum + postings.count, 0);
  const capped = mayNeedCap(count, size, wordBytes) ? capPostings(scratch.bytes(), wordBytes) : null;
  return capped ?? { bytes: scratch.bytes(), removed: 0 };
}

async function writeFilters(metas: readonly ShardMeta[], placement: Placement, target: string, prefix: string): Promise<{ name: string; hash: string }[]> {
  const filters = new Map<string, Map<string, number[]>>();
  for (const meta of metas) {
    const offset = placement.offsets[meta.id] as number;
    const ranks = placement.ranks[meta.id] as Uint32Array;
    for (const { file } of meta.filters) {
      const path = join(meta.dir, 'filter', `${file}.pf_filter`);
      const reader = new CborReader(await decodeFile(await readFile(path), path));
      reader.array();
      const name = reader.text();
      const values = filters.get(name) ?? new Map<string, number[]>();
      filters.set(name, values);
      for (let i = reader.array(); i > 0; i -= 1) {
        reader.array();
        const value = reader.text();
        const pages = values.get(value) ?? [];
        values.set(value, pages);
        for (let j = reader.array(); j > 0; j -= 1) pages.push(offset + (ranks[reader.int()] as number));
      }
    }
  }
  const names = new Set<string>();
  const written: { name: string; hash: string }[] = [];
  for (const name of [...filters.keys()].sort(compareCodePoints)) {
    const values = filters.get(name) as Map<string, number[]>;
    for (const pages of values.values()) pages.sort((a, b) => a - b);
    const bytes = filterItem(name, values);
    const hash = uniqueName(prefix, sha256(bytes), names);
    await writeFile(join(target, 'filter', `${hash}.pf_filter`), await encodeFile(bytes));
    written.push({ name, hash });
  }
  return written;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Locations per index chunk, counted as Pagefind counts them when it splits its index, for a
 * site of `total` locations: √(E L / l), where a one-word search loads least (see
 * `ENTRY_BYTES`), to the nearest thousand. Pagefind splits at 20,000 whatever the site's size;
 * a fixed size would list ever more chunks in the metadata as a site grows.
 */
export function chunkLocations(total: number): number {
  const best = Math.sqrt((total * ENTRY_BYTES) / LOCATION_BYTES);
  return Math.max(MIN_CHUNK_LOCATIONS, Math.round(best / CHUNK_STEP) * CHUNK_STEP);
}
