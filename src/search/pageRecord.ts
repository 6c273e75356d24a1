/**
 * One page as Pagefind 1.6 indexes it (`fossick/mod.rs`): its digest (`htmlDigest.ts`) split at
 * white space into words, each word at its position with the weight of the element around it,
 * its text for excerpts, its anchors, and the words of its meta values.
 * https://pagefind.app/docs/weighting/
 */
import { compareCodePoints } from './codePointOrder.js';
import { ANCHOR_MARKER, AUTO_WEIGHT_MARKER, END_WEIGHT_MARKER, normalizeContent, WEIGHT_MARKER, WHITE_SPACE, type PageDigest } from './htmlDigest.js';
import { indexableWords, type IndexableWord, type Stemmer } from './indexableWords.js';

/** Weight 1 in Pagefind's units: a weight of w is stored as ⌊24 w⌋, at most 10. */
const UNIT = 24;
const MAX_WEIGHT = 10;
const SPLIT = new RegExp(`[${WHITE_SPACE}]+`);
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

/**
 * A word's places on a page: position and weight, one pair after another. `variants` holds the
 * places where the word was written with diacritics, by that spelling.
 */
export interface WordPlaces {
  places: number[];
  variants: Map<string, number[]> | null;
}

/** A word's places in the page's meta values. */
export type MetaPlaces = WordPlaces;

export interface PageRecord {
  url: string;
  content: string;
  wordCount: number;
  filters: Map<string, string[]>;
  meta: Map<string, string>;
  sort: Map<string, string>;
  anchors: Anchor[];
  words: Map<string, WordPlaces>;
  /** Places are field (its index among the page's meta keys in code point order) and position pairs. */
  metaWords: Map<string, MetaPlaces>;
  hasBody: boolean;
}

/** Remembers the indexable words of each raw word seen: pages repeat most of their words. */
export class WordCache {
  private readonly known = new Map<string, IndexableWord[]>();

  constructor(
    private readonly stem: Stemmer | null,
    private readonly limit = 200_000,
  ) {}

  get(raw: string): IndexableWord[] {
    let words = this.known.get(raw);
    if (words === undefined) {
      if (this.known.size >= this.limit) this.known.clear();
      words = indexableWords(raw, this.stem);
      this.known.set(raw, words);
    }
    return words;
  }
}

export function pageRecord(url: string, page: PageDigest, cache: WordCache): PageRecord {
  const words = new Map<string, WordPlaces>();
  const anchors: Anchor[] = [];
  let content = '';
  let position = 0;
  const weights = [UNIT];
  for (const token of page.digest.split(SPLIT)) {
    if (token === '') continue;
    if (token.startsWith('_')) {
      if (token.startsWith(ANCHOR_MARKER)) {
        const rest = token.replaceAll(ANCHOR_MARKER, '');
        const colon = rest.indexOf(':');
        if (colon < 0) continue;
        const key = rest.slice(colon + 1);
        const idColon = key.indexOf(':');
        if (idColon < 0) continue;
        const anchor: Anchor = { element: rest.slice(0, colon), id: key.slice(idColon + 1), text: normalizeContent(normalizeContent(page.anchorText.get(key) ?? '')), location: position };
        const title = page.anchorTitles.get(key);
        if (title !== undefined) anchor.title = title;
        anchors.push(anchor);
        continue;
      }
      if (token.startsWith(WEIGHT_MARKER)) {
        weights.push(explicitWeight(token.replaceAll(WEIGHT_MARKER, '')));
        continue;
      }
      if (token.startsWith(AUTO_WEIGHT_MARKER)) {
        // A heading inside a weighted element keeps that element's weight.
        weights.push(weights.length === 1 ? Math.trunc(clamp(parseFloat32(token.replaceAll(AUTO_WEIGHT_MARKER, '')) ?? 1) * UNIT) : (weights[weights.length - 1] ?? 0));
        continue;
      }
      if (token.startsWith(END_WEIGHT_MARKER)) {
        weights.pop();
        continue;
      }
    }
    const base = token.includes('\u200b') ? token.replaceAll('\u200b', '') : token;
    if (base === '') continue;
    content += `${base} `;
    const weight = weights.length > 0 ? (weights[weights.length - 1] as number) : 1;
    const indexable = cache.get(base);
    let parts = 0;
    for (const word of indexable) if (word.part) parts += 1;
    const partWeight = parts > 0 && weight > 0 ? Math.max(1, Math.floor(weight / Math.min(parts, 255))) : 0;
    for (const word of indexable) place(words, word.word, word.original, position, word.part ? partWeight : weight);
    position += 1;
  }
  if (content.endsWith(' ')) content = content.slice(0, -1);

  const filters = new Map([...page.filters].map(([name, values]) => [name, values.map(tidy)]));
  const meta = new Map([...page.meta].map(([key, value]) => [key, tidy(value)]));
  return { url, content, wordCount: Math.max(position, 1), filters, meta, sort: page.sort, anchors, words, metaWords: metaWords(meta, cache), hasBody: page.hasBody };
}

/** Records a place of `word`: a position and a weight, or in meta a field and a position. */
function place(words: Map<string, WordPlaces>, word: string, original: string | null, first: number, second: number): void {
  let entry = words.get(word);
  if (entry === undefined) {
    entry = { places: [], variants: null };
    words.set(word, entry);
  }
  if (original === null) {
    entry.places.push(first, second);
    return;
  }
  entry.variants ??= new Map();
  const places = entry.variants.get(original);
  if (places) places.push(first, second);
  else entry.variants.set(original, [first, second]);
}

/** The words of each meta value, by field and position; weights do not apply to meta. */
function metaWords(meta: ReadonlyMap<string, string>, cache: WordCache): Map<string, MetaPlaces> {
  const words = new Map<string, MetaPlaces>();
  const keys = [...meta.keys()].sort(compareCodePoints);
  for (const [field, key] of keys.entries()) {
    const value = meta.get(key) as string;
    let position = 0;
    for (const token of value.split(SPLIT)) {
      if (token === '') continue;
      for (const word of cache.get(token)) place(words, word.word, word.original, field, position);
      position += 1;
    }
  }
  return words;
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

function parseFloat32(text: string): number | null {
  if (!FLOAT.test(text)) return null;
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower.endsWith('nan')) return Number.NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Math.fround(Number(lower));
}

function clamp(weight: number): number {
  return Number.isNaN(weight) ? weight : Math.min(MAX_WEIGHT, Math.max(0, weight));
}
