/**
 * One page as Pagefind 1.6 indexes it (`fossick/mod.rs`): its digest (`htmlDigest.ts`) split at
 * white space into words, each word at its position with the weight of the element around it,
 * its text for excerpts, its anchors, and the words of its meta values.
 *
 * A shard's pages repeat most of their words, so each distinct word is read once (`Lexicon`)
 * and a page's places are kept in flat arrays of word ids, reused from page to page: a shard of
 * 330 question pages holds about a million places.
 * https://pagefind.app/docs/weighting/
 */
import { compareCodePoints } from '../format/codePointOrder.js';
import { ANCHOR_MARKER, AUTO_WEIGHT_MARKER, END_WEIGHT_MARKER, WEIGHT_MARKER, type PageDigest } from './htmlDigest.js';
import { normalizeContent, WHITE_SPACE } from './normalize.js';
import { grown, grownSlots } from './grown.js';
import { indexableWords, type Stemmer } from './indexableWords.js';

/** Weight 1 in Pagefind's units: a weight of w is stored as ⌊24 w⌋, at most 10. */
const UNIT = 24;
const MAX_WEIGHT = 10;
const SPLIT = new RegExp(`[${WHITE_SPACE}]+`);
/** White space other than the plain space, which a digest rarely holds: without it, splitting is one `split(' ')`. */
const OTHER_SPACE = new RegExp(`[${WHITE_SPACE.replace(' ', '')}]`);
/** Pagefind's markers, taken out of filter and meta values; its end-of-weight marker does not match, as in Pagefind. */
const PRIVATE_MARKER = new RegExp(`___PAGEFIND_[^${WHITE_SPACE}]+[${WHITE_SPACE}]?`, 'g');
/** A number as Rust's `f32::from_str` reads one. */
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|inf|infinity|nan)$/i;

export interface Anchor {
  element: string;
  id: string;
  text: string;
  title?: string;
  location: number;
}

/** The words indexed for one word of a page: ids in the lexicon, which of them are parts, and the spellings with diacritics. */
export interface TokenWords {
  ids: Int32Array;
  part: Uint8Array;
  parts: number;
  /** For each id, its spelling before diacritics were folded, or null; null when there are none. */
  originals: (string | null)[] | null;
}

/**
 * A shard's distinct words, by id, and what each raw word of its pages indexes. Raw words are
 * looked up straight from the digest's characters (`entryIn`), in a hash table of their own
 * whose keys sit in one array of characters: most raw words are met again and again, and a
 * substring, a `Map` lookup and the cache misses of chasing strings cost more than the rest of
 * reading the page.
 */
export class Lexicon {
  readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Raw words by entry: where their characters are in `chars`, and their indexable words. */
  private chars = new Uint16Array(1 << 20);
  private charsLength = 0;
  private starts: Int32Array = new Int32Array(1 << 16);
  private lengths: Int32Array = new Int32Array(1 << 16);
  /** The one word an entry indexes, when it indexes one word and no part or variant; −1 otherwise. */
  single: Int32Array = new Int32Array(1 << 16);
  /** What the other entries index; null for those `single` holds, nearly all of them. */
  private readonly indexable: (TokenWords | null)[] = [];
  /** Slot pairs: entry + 1 (0 for none) and the entry's hash. */
  private slots = new Int32Array(2 << 17);
  private entries = 0;

  constructor(private readonly stem: Stemmer | null) {}

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  /** Raw words read: a thread that keeps its lexicon from shard to shard starts a new one past some size. */
  get size(): number {
    return this.entries;
  }

  token(raw: string): TokenWords {
    return this.wordsOf(this.entryIn(raw, 0, raw.length));
  }

  /** What `entry` indexes. */
  wordsOf(entry: number): TokenWords {
    const single = this.single[entry] as number;
    return this.indexable[entry] ?? { ids: Int32Array.of(single), part: Uint8Array.of(0), parts: 0, originals: null };
  }

  /** The entry of the raw word `text.slice(start, end)`, made on first sight. */
  entryIn(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (slots[2 * slot] as number) - 1;
      if (entry < 0) return this.insert(text.slice(start, end), hash, slot);
      if (slots[2 * slot + 1] !== hash || this.lengths[entry] !== length) continue;
      const chars = this.chars;
      let at = this.starts[entry] as number;
      let same = true;
      for (let i = start; i < end; i += 1, at += 1) {
        if (chars[at] !== text.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return entry;
    }
  }

  private insert(raw: string, hash: number, slot: number): number {
    const indexable = indexableWords(raw, this.stem);
    const words: TokenWords = {
      ids: Int32Array.from(indexable, (word) => this.id(word.word)),
      part: Uint8Array.from(indexable, (word) => (word.part ? 1 : 0)),
      parts: indexable.filter((word) => word.part).length,
      originals: indexable.some((word) => word.original !== null) ? indexable.map((word) => word.original) : null,
    };
    const entry = this.entries;
    this.entries += 1;
    if (entry >= this.starts.length) {
      this.starts = grown(this.starts, this.starts.length * 2);
      this.lengths = grown(this.lengths, this.lengths.length * 2);
      this.single = grown(this.single, this.single.length * 2);
    }
    if (this.charsLength + raw.length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 2, this.charsLength + raw.length));
    for (let i = 0; i < raw.length; i += 1) this.chars[this.charsLength + i] = raw.charCodeAt(i);
    this.starts[entry] = this.charsLength;
    this.lengths[entry] = raw.length;
    this.charsLength += raw.length;
    const single = words.ids.length === 1 && words.parts === 0 && words.originals === null;
    this.single[entry] = single ? (words.ids[0] as number) : -1;
    this.indexable.push(single ? null : words);
    this.slots[2 * slot] = entry + 1;
    this.slots[2 * slot + 1] = hash;
    // Kept at most half full, so that probes stay short.
    if (2 * this.entries > this.slots.length >> 1) this.slots = grownSlots(this.slots);
    return entry;
  }
}

/**
 * A page's places, valid until the next page is read: word id, position and weight, for words
 * written without diacritics; the others, and the words of meta values, as objects (few).
 */
export class Places {
  count = 0;
  ids = new Int32Array(1 << 14);
  positions = new Int32Array(1 << 14);
  weights = new Uint8Array(1 << 14);
  /** Places of words written with diacritics. */
  variants: { id: number; form: string; position: number; weight: number }[] = [];
  /** Places in meta values: field is the key's index among the page's meta keys in code point order. */
  meta: { id: number; form: string | null; field: number; position: number }[] = [];

  reset(): void {
    this.count = 0;
    this.variants = [];
    this.meta = [];
  }

  push(id: number, position: number, weight: number): void {
    if (this.count === this.ids.length) {
      this.ids = grown(this.ids, this.count * 2);
      this.positions = grown(this.positions, this.count * 2);
      this.weights = grown(this.weights, this.count * 2);
    }
    this.ids[this.count] = id;
    this.positions[this.count] = position;
    this.weights[this.count] = weight;
    this.count += 1;
  }
}

export interface PageRecord {
  url: string;
  content: string;
  wordCount: number;
  filters: Map<string, string[]>;
  meta: Map<string, string>;
  sort: Map<string, string>;
  anchors: Anchor[];
  /** Whether the page has words to index: Pagefind leaves out pages without. */
  hasWords: boolean;
  hasBody: boolean;
}

/** Reads a page's words into `places` (emptied first) and returns the rest of what its bundle holds. */
export function pageRecord(url: string, page: PageDigest, lexicon: Lexicon, places: Places): PageRecord {
  places.reset();
  const anchors: Anchor[] = [];
  let position = 0;
  const weights = [UNIT];
  const digest = page.digest;
  // Nearly every digest has no white space but single spaces (`normalizeContent` leaves runs
  // as one) and no zero-width space: its words are then read where they are, and its text is
  // the digest without its markers.
  const plain = !OTHER_SPACE.test(digest) && !digest.includes('\u200b');
  const tokens = plain ? null : digest.split(SPLIT);
  const content: string[] = [];
  let contentStart = 0;
  let at = 0;
  for (let index = 0; ; index += 1) {
    let start: number;
    let end: number;
    let token: string | null = null;
    if (tokens) {
      if (index >= tokens.length) break;
      token = tokens[index] as string;
      if (token === '') continue;
      start = 0;
      end = token.length;
    } else {
      if (at >= digest.length) break;
      start = at;
      end = digest.indexOf(' ', at);
      if (end < 0) end = digest.length;
      at = end + 1;
    }
    const text = token ?? digest;
    if (text.charCodeAt(start) === 95 /* _ */ && text.startsWith('___', start)) {
      const marker = token ?? digest.slice(start, end);
      if (readMarker(marker, page, anchors, weights, position)) {
        if (!token) {
          if (start > contentStart) content.push(digest.slice(contentStart, start - 1));
          contentStart = end + 1;
        }
        continue;
      }
    }
    let base = text;
    if (token) {
      base = token.includes('\u200b') ? token.replaceAll('\u200b', '') : token;
      if (base === '') continue;
      content.push(base);
      start = 0;
      end = base.length;
    }
    const weight = weights.length > 0 ? (weights[weights.length - 1] as number) : 1;
    const entry = lexicon.entryIn(base, start, end);
    const single = lexicon.single[entry] as number;
    if (single >= 0) {
      places.push(single, position, weight);
    } else {
      const { ids, part, parts, originals } = lexicon.wordsOf(entry);
      const partWeight = parts > 0 && weight > 0 ? Math.max(1, Math.floor(weight / Math.min(parts, 255))) : 0;
      for (let i = 0; i < ids.length; i += 1) {
        const w = part[i] ? partWeight : weight;
        const form = originals === null ? null : (originals[i] ?? null);
        if (form === null) places.push(ids[i] as number, position, w);
        else places.variants.push({ id: ids[i] as number, form, position, weight: w });
      }
    }
    position += 1;
  }
  if (!tokens && contentStart < digest.length) content.push(digest.slice(contentStart));

  const filters = new Map([...page.filters].map(([name, values]) => [name, values.map(tidy)]));
  const meta = new Map([...page.meta].map(([key, value]) => [key, tidy(value)]));
  readMetaWords(meta, lexicon, places);
  return {
    url,
    content: content.length === 1 ? (content[0] as string) : content.join(' '),
    wordCount: Math.max(position, 1),
    filters,
    meta,
    sort: page.sort,
    anchors,
    hasWords: places.count > 0 || places.variants.length > 0,
    hasBody: page.hasBody,
  };
}

/**
 * Acts on one of Pagefind's markers in the digest: records an anchor at `position`, or opens or
 * closes a weight. Returns false for a word that only looks like one.
 */
function readMarker(token: string, page: PageDigest, anchors: Anchor[], weights: number[], position: number): boolean {
  if (token.startsWith(ANCHOR_MARKER)) {
    const rest = token.replaceAll(ANCHOR_MARKER, '');
    const colon = rest.indexOf(':');
    const key = colon < 0 ? '' : rest.slice(colon + 1);
    const idColon = key.indexOf(':');
    if (colon >= 0 && idColon >= 0) {
      const anchor: Anchor = { element: rest.slice(0, colon), id: key.slice(idColon + 1), text: normalizeContent(normalizeContent(page.anchorText.get(key) ?? '')), location: position };
      const title = page.anchorTitles.get(key);
      if (title !== undefined) anchor.title = title;
      anchors.push(anchor);
    }
    return true;
  }
  if (token.startsWith(WEIGHT_MARKER)) {
    weights.push(explicitWeight(token.replaceAll(WEIGHT_MARKER, '')));
    return true;
  }
  if (token.startsWith(AUTO_WEIGHT_MARKER)) {
    // A heading inside a weighted element keeps that element's weight.
    weights.push(weights.length === 1 ? Math.trunc(clamp(parseFloat32(token.replaceAll(AUTO_WEIGHT_MARKER, '')) ?? 1) * UNIT) : (weights[weights.length - 1] ?? 0));
    return true;
  }
  if (token.startsWith(END_WEIGHT_MARKER)) {
    weights.pop();
    return true;
  }
  return false;
}

/** How many words `pageRecord` will count on the page: its word count, read without looking words up. */
export function countWords(page: PageDigest): number {
  let count = 0;
  for (const token of page.digest.split(SPLIT)) {
    if (token === '' || isMarker(token)) continue;
    if (token.includes('\u200b') && token.replaceAll('\u200b', '') === '') continue;
    count += 1;
  }
  return Math.max(count, 1);
}

function isMarker(token: string): boolean {
  return token.startsWith(ANCHOR_MARKER) || token.startsWith(WEIGHT_MARKER) || token.startsWith(AUTO_WEIGHT_MARKER) || token.startsWith(END_WEIGHT_MARKER);
}

/** The words of each meta value, by field and position; weights do not apply to meta. */
function readMetaWords(meta: ReadonlyMap<string, string>, lexicon: Lexicon, places: Places): void {
  const keys = [...meta.keys()].sort(compareCodePoints);
  for (const [field, key] of keys.entries()) {
    let position = 0;
    for (const token of (meta.get(key) as string).split(SPLIT)) {
      if (token === '') continue;
      const { ids, originals } = lexicon.token(token);
      for (let i = 0; i < ids.length; i += 1) places.meta.push({ id: ids[i] as number, form: originals?.[i] ?? null, field, position });
      position += 1;
    }
  }
}

function tidy(value: string): string {
  return value.includes('___PAGEFIND_') ? value.replace(PRIVATE_MARKER, '') : value;
}

/** `data-pagefind-weight`: 0 to 10, in steps of 1/24; anything unreadable is 1. */
function explicitWeight(text: string): number {
  const weight = parseFloat32(text) ?? 1;
  if (weight <= 0) return 0;
  const units = Math.trunc(Math.fround(clamp(weight) * UNIT));
  return Number.isNaN(units) ? 1 : Math.max(1, units);
}

/** A number as Rust's `f32::from_str` reads it (`inf`, `nan`, exponents), or null. */
export function parseFloat32(text: string): number | null {
  if (!FLOAT.test(text)) return null;
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower.endsWith('nan')) return Number.NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Math.fround(Number(lower));
}

function clamp(weight: number): number {
  return Number.isNaN(weight) ? weight : Math.min(MAX_WEIGHT, Math.max(0, weight));
}
