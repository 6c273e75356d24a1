/**
 * The words Pagefind 1.6 indexes for one word of a page (`fossick/splitting.rs`): the word with
 * everything but letters and digits dropped, lowercased, its diacritics folded and stemmed;
 * the parts of a compound (`three-antelopes`, `ThreeAntelopes`, `page.find`), each part's
 * weight a share of the word's; and the emoji it holds. A form whose diacritics were folded
 * keeps its original as a variant, which ranks pages that spell it the same way first.
 * https://pagefind.app/docs/ranking/
 */

/** Characters kept in words besides letters and digits: Unicode's connector punctuation, Pagefind's default. */
export const INCLUDE_CHARACTERS = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

export interface IndexableWord {
  /** The form in the index: folded and stemmed. */
  word: string;
  /** The lowercased form before its diacritics were folded, when folding changed it. */
  original: string | null;
  /** A part of a compound, which shares the word's weight with the other parts. */
  part: boolean;
}

export type Stemmer = (word: string) => string;

const ALPHANUMERIC = /^[\p{Alphabetic}\p{N}]$/u;
const UPPERCASE = /^\p{Uppercase}$/u;
/** Words written with nothing but lowercase ASCII letters and digits: no parts, nothing to fold. */
const PLAIN = /^[a-z0-9]+$/;
const WHITE = /\s+/u;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~\u00ad]/g;
const EMOJI = /\p{Emoji}/u;
/** A whole emoji, sequences included (the `v` flag, which TypeScript's target does not parse). */
const EMOJI_GRAPHEME = new RegExp('^\\p{RGI_Emoji}$', 'v');
const MARKS = /[\p{M}]/gu;
/** The kana voicing marks are marks Pagefind's folding keeps. */
const KANA_VOICING = /[\u3099\u309a]/;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function indexableWords(raw: string, stem: Stemmer | null, include: readonly string[] = INCLUDE_CHARACTERS): IndexableWord[] {
  if (PLAIN.test(raw)) return [{ word: stem ? stem(raw) : raw, original: null, part: false }];
  const results: IndexableWord[] = [];
  const chars = Array.from(raw);
  const normalized = keepWordCharacters(chars, include);
  if (normalized !== '') results.push(folded(normalized, stem, false));

  const compound = chars.some((c) => !ALPHANUMERIC.test(c)) || chars.slice(1).some((c) => UPPERCASE.test(c));
  if (!compound) return results;
  const parts = discreteWords(raw);
  if (normalized !== '' && (parts.includes(' ') || !normalized.startsWith(parts))) {
    const seen = new Set<string>();
    for (const part of parts.split(' ')) {
      // Only parts of two bytes or more, as Pagefind counts them.
      if (Buffer.byteLength(part) > 1) results.push(folded(part, stem, true));
      seen.add(part);
    }
    // Pagefind 1.6 also indexes what follows each full stop (`example.com` in `www.example.com`).
    for (let at = raw.indexOf('.'); at >= 0; at = raw.indexOf('.', at + 1)) {
      const suffix = keepWordCharacters(Array.from(raw.slice(at + 1)), include);
      if (Buffer.byteLength(suffix) <= 1 || suffix === normalized || seen.has(suffix)) continue;
      seen.add(suffix);
      results.push(folded(suffix, stem, true));
    }
  }
  if (EMOJI.test(raw)) {
    for (const { segment } of graphemes.segment(raw)) if (EMOJI_GRAPHEME.test(segment)) results.push({ word: segment, original: null, part: false });
  }
  return results;
}

/** Letters, digits and the included characters, lowercased one by one. */
function keepWordCharacters(chars: readonly string[], include: readonly string[]): string {
  let out = '';
  for (const c of chars) {
    if (!ALPHANUMERIC.test(c) && !include.includes(c)) continue;
    out += c.length === 1 && c >= 'A' && c <= 'Z' ? c.toLowerCase() : UPPERCASE.test(c) ? c.toLowerCase() : c;
  }
  return out;
}

function folded(word: string, stem: Stemmer | null, part: boolean): IndexableWord {
  const plain = foldDiacritics(word);
  const base = plain ?? word;
  return { word: stem ? stem(base) : base, original: plain === null ? null : word, part };
}

/** The word without its diacritics, or null when it has none to fold. */
export function foldDiacritics(word: string): string | null {
  if (/^[\x00-\x7f]*$/.test(word)) return null;
  let plain = word.normalize('NFD');
  if (KANA_VOICING.test(plain)) plain = plain.replace(MARKS, (mark) => (KANA_VOICING.test(mark) ? mark : '')).normalize('NFC');
  else plain = plain.replace(MARKS, '');
  return plain === word ? null : plain;
}

/**
 * A compound's parts, lowercased and joined by single spaces: ASCII punctuation and soft hyphens
 * split it, and so do changes of case and between letters and digits (convert_case's
 * boundaries: `XMLHttp` → `xml http`, `abc123def` → `abc 123 def`).
 */
export function discreteWords(raw: string): string {
  const words: string[] = [];
  for (const piece of raw.replace(ASCII_PUNCTUATION, ' ').split(WHITE)) {
    if (piece === '') continue;
    const chars = Array.from(piece);
    let word = '';
    for (let i = 0; i < chars.length; i += 1) {
      const c = chars[i] as string;
      const previous = chars[i - 1];
      const next = chars[i + 1];
      if (word !== '' && previous !== undefined && boundary(previous, c, next)) {
        words.push(word);
        word = '';
      }
      word += c;
    }
    if (word !== '') words.push(word);
  }
  return words.map((word) => word.toLowerCase()).join(' ');
}

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function kind(c: string): CharClass {
  if (c >= '0' && c <= '9') return 'digit';
  if (/^\p{Lowercase}$/u.test(c)) return 'lower';
  if (UPPERCASE.test(c)) return 'upper';
  return 'other';
}

/** Whether a word boundary falls between `a` and `b` (`c` follows `b`), as convert_case 0.12 finds them. */
function boundary(a: string, b: string, c: string | undefined): boolean {
  const x = kind(a);
  const y = kind(b);
  if (x === 'lower' && y === 'upper') return true;
  if (x === 'lower' && y === 'digit') return true;
  if (x === 'upper' && y === 'digit') return true;
  if (x === 'digit' && (y === 'lower' || y === 'upper')) return true;
  // An acronym ends before its last capital when a lowercase letter follows: `XMLHttp`.
  return x === 'upper' && y === 'upper' && c !== undefined && kind(c) === 'lower';
}
