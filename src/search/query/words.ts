/**
 * How the search page and the build cut text into words, so that the words a reader types and
 * the site's vocabulary meet. Pagefind drops punctuation from a query and lowercases it
 * (`search` in pagefind_web_js/lib/coupled_search.ts, 1.6): apostrophes are dropped the same
 * way here ("don't" is "dont"), and any other punctuation or space separates words.
 */

import { primaryLanguage } from '../../model/language.js';

/** Letters, marks and digits: what a word is made of. */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const APOSTROPHES = /['\u2019\u02bc]/gu;

const ASCII_WORD = /[a-z0-9_]+/g;
const NOT_ASCII = /[^\u0000-\u007f]/;
/** Languages whose lowercase letters differ from the default mapping (dotted and dotless i). */
const OWN_CASE = new Set(['tr', 'az', 'lt']);

/** The words of `text`, lowercased in `language`, in order. */
export function queryWords(text: string, language = 'en'): string[] {
  // Plain ASCII text, most of an English site's, takes the fast path: the same words.
  if (!NOT_ASCII.test(text)) return text.replace(/'/g, '').toLowerCase().match(ASCII_WORD) ?? [];
  const stripped = text.normalize('NFC').replace(APOSTROPHES, '');
  const folded = OWN_CASE.has(primaryLanguage(language)) ? stripped.toLocaleLowerCase(language) : stripped.toLowerCase();
  return folded.match(WORD) ?? [];
}

/** Words shorter than this are neither corrected nor kept in the vocabulary. */
export const MIN_CORRECTED_LENGTH = 3;

/**
 * The vocabulary file a word is looked up in: its first letter, or for a letter outside a-z and
 * 0-9 its code point in hex after `u` (file names stay ASCII).
 */
export function vocabularyKey(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0) ?? 0x5f);
  return /^[a-z0-9]$/.test(first) ? first : `u${(first.codePointAt(0) ?? 0).toString(16)}`;
}
