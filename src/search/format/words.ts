/**
 * Pagefind's index chunks, `index/<name>.pf_index`: words in code point order, each with its
 * postings and its variants (the word as written with diacritics). Layout (Pagefind 1.6):
 * [[[word, [posting…], [[variant, [posting…]]…]]…]], a posting being
 * [page − previous page, [location…], [meta location…]].
 *
 * A location list is runs of positions, each run opened by its weight w as −(w + 1), its first
 * position absolute and the others relative to the one before (`index/wordEntries.ts`); meta
 * locations likewise by field. The typed form here is the layout's definition; the indexer and
 * the merge write and read it in packed form (`index/writeBundle.ts`, `merge/wordTable.ts`) for
 * speed, and are tested against this encoder and decoder.
 * Pagefind's own types: `PackedWord`, `PackedPage` in `pagefind/src/index/index_words.rs`.
 */
import { CborReader, CborWriter } from './cbor.js';

export interface Posting {
  /** The page's number minus the previous posting's (the first's, minus 0). */
  pageDelta: number;
  locations: number[];
  metaLocations: number[];
}

export interface WordEntry {
  word: string;
  postings: Posting[];
  variants: { form: string; postings: Posting[] }[];
}

/** An index chunk's CBOR item. */
export function encodeChunk(words: readonly WordEntry[]): Buffer {
  const writer = new CborWriter();
  const postings = (list: readonly Posting[]) => {
    writer.array(list.length);
    for (const posting of list) {
      writer.array(3).int(posting.pageDelta).array(posting.locations.length).ints(posting.locations, 0, posting.locations.length);
      writer.array(posting.metaLocations.length).ints(posting.metaLocations, 0, posting.metaLocations.length);
    }
  };
  writer.array(1).array(words.length);
  for (const entry of words) {
    writer.array(3).text(entry.word);
    postings(entry.postings);
    writer.array(entry.variants.length);
    for (const variant of entry.variants) {
      writer.array(2).text(variant.form);
      postings(variant.postings);
    }
  }
  return Buffer.from(writer.bytes());
}

/** The words of an index chunk's CBOR item. */
export function decodeChunk(item: Buffer): WordEntry[] {
  const reader = new CborReader(item);
  const ints = () => Array.from({ length: reader.array() }, () => reader.int());
  const postings = () =>
    Array.from({ length: reader.array() }, () => {
      reader.array();
      return { pageDelta: reader.int(), locations: ints(), metaLocations: ints() };
    });
  reader.array();
  return Array.from({ length: reader.array() }, () => {
    reader.array();
    const word = reader.text();
    const list = postings();
    const variants = Array.from({ length: reader.array() }, () => {
      reader.array();
      return { form: reader.text(), postings: postings() };
    });
    return { word, postings: list, variants };
  });
}
