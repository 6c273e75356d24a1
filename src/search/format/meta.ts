/**
 * Pagefind's metadata file, `pagefind.<hash>.pf_meta`: what every search loads first. Written by
 * this package's indexer for a shard and by the merge for the site, read by the merge from each
 * shard. Layout (Pagefind 1.6; CBOR arrays of definite length):
 * [version, [[page, word count, fragment group]…], [[first word, last word, chunk]…],
 *  [[filter, file]…], [[sort, [page…]]…], [meta field…]]
 * Pagefind's own types: `MetaIndex`, `MetaPage`, `MetaChunk` in `pagefind/src/index/index_metadata.rs`.
 */
import { CborReader, CborWriter } from './cbor.js';

/** A page: its fragment's name, its word count and the fragment group holding it (empty for none). */
export interface MetaPage {
  name: string;
  wordCount: number;
  group: string;
}

/** An index chunk: the first and last words it holds, and its name. */
export interface MetaChunk {
  from: string;
  to: string;
  name: string;
}

/** A filter and the name of its file. */
export interface MetaFilter {
  name: string;
  file: string;
}

/** A sort key and the pages in its order. */
export interface MetaSort {
  name: string;
  pages: readonly number[];
}

export interface MetaIndex {
  /** The Pagefind version whose layout the index has. */
  version: string;
  pages: readonly MetaPage[];
  chunks: readonly MetaChunk[];
  filters: readonly MetaFilter[];
  sorts: readonly MetaSort[];
  /** The meta keys of the pages, in code point order: meta locations name a key by its place here. */
  fields: readonly string[];
}

/** The metadata's CBOR item; a view into a writer valid until its next use (copy it to keep it). */
export function encodeMeta(meta: MetaIndex, writer = new CborWriter()): Buffer {
  writer.reset();
  writer.array(6).text(meta.version);
  writer.array(meta.pages.length);
  for (const page of meta.pages) writer.array(3).text(page.name).int(page.wordCount).text(page.group);
  writer.array(meta.chunks.length);
  for (const chunk of meta.chunks) writer.array(3).text(chunk.from).text(chunk.to).text(chunk.name);
  writer.array(meta.filters.length);
  for (const filter of meta.filters) writer.array(2).text(filter.name).text(filter.file);
  writer.array(meta.sorts.length);
  for (const sort of meta.sorts) {
    writer.array(2).text(sort.name).array(sort.pages.length);
    for (const page of sort.pages) writer.int(page);
  }
  writer.array(meta.fields.length);
  for (const field of meta.fields) writer.text(field);
  return writer.bytes();
}

/** Reads a metadata item; throws, naming `file`, when it is not of the six-field layout. */
export function decodeMeta(item: Buffer, file: string): MetaIndex {
  const reader = new CborReader(item);
  const fieldCount = reader.array();
  const version = reader.text();
  if (fieldCount !== 6) throw new Error(`${file} has ${fieldCount} fields, not the 6 of Pagefind ${version}'s layout`);
  const list = <T>(read: () => T): T[] => {
    const items: T[] = [];
    for (let i = reader.array(); i > 0; i -= 1) items.push(read());
    return items;
  };
  const pages = list(() => {
    reader.array();
    return { name: reader.text(), wordCount: reader.int(), group: reader.text() };
  });
  const chunks = list(() => {
    reader.array();
    return { from: reader.text(), to: reader.text(), name: reader.text() };
  });
  const filters = list(() => {
    reader.array();
    return { name: reader.text(), file: reader.text() };
  });
  const sorts = list(() => {
    reader.array();
    return { name: reader.text(), pages: list(() => reader.int()) };
  });
  const fields = list(() => reader.text());
  return { version, pages, chunks, filters, sorts, fields };
}
