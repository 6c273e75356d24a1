/**
 * Typo correction against the site's own vocabulary: a word the index does not hold becomes the
 * nearest word that it does, by Damerau-Levenshtein distance (optimal string alignment: one
 * insertion, deletion, substitution or swap of two neighbouring letters is one edit).
 */
import { MIN_CORRECTED_LENGTH } from './words.js';

/** A word of the site's vocabulary and the number of pages it is on. */
export type VocabularyEntry = readonly [word: string, pages: number];

/** Edits allowed for a word of this length: none below three letters, one up to five, two from six. */
export function allowedEdits(length: number): number {
  if (length < MIN_CORRECTED_LENGTH) return 0;
  return length <= 5 ? 1 : 2;
}

/**
 * The edit distance between `a` and `b`, or `max + 1` as soon as it is known to exceed `max`.
 * Code points, not UTF-16 units, are compared.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array<number>(t.length + 1).fill(0);
  let rowBefore = 0;
  for (let i = 1; i <= s.length; i += 1) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    // A swap reaches back two rows, so both must be past `max` before none can come back under it.
    if (best > max && rowBefore > max) return max + 1;
    rowBefore = best;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[t.length] as number, max + 1);
}

/** Letters readers put for one another: vowels, and consonants that sound alike. */
const ALIKE = new Set(['ae', 'ai', 'ao', 'au', 'ay', 'ei', 'eo', 'eu', 'ey', 'io', 'iu', 'iy', 'ou', 'oy', 'uy', 'ck', 'cs', 'kq', 'kx', 'sz', 'fv', 'gj', 'sx']);

function alike(a: string, b: string): boolean {
  return ALIKE.has(a < b ? `${a}${b}` : `${b}${a}`);
}

/**
 * How far apart a typo and a word are, for choosing among words within the allowed edits:
 * each edit costs 1, except a letter put for one that sounds alike ("peal", "botoks") and a
 * doubled letter typed once or a single one twice ("sweling"), which cost 0.5.
 */
export function typoCost(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const rows = Array.from({ length: s.length + 1 }, () => new Array<number>(t.length + 1).fill(0));
  const cell = (i: number, j: number) => (rows[i] as number[])[j] as number;
  // A letter beside the same letter, inserted or left out.
  const gap = (letters: string[], at: number) => (letters[at] === letters[at - 1] || letters[at] === letters[at + 1] ? 0.5 : 1);
  for (let i = 0; i <= s.length; i += 1) {
    for (let j = 0; j <= t.length; j += 1) {
      let value: number;
      if (i === 0 && j === 0) value = 0;
      else if (i === 0) value = cell(0, j - 1) + gap(t, j - 1);
      else if (j === 0) value = cell(i - 1, 0) + gap(s, i - 1);
      else {
        const x = s[i - 1] as string;
        const y = t[j - 1] as string;
        const swap = x === y ? 0 : alike(x, y) ? 0.5 : 1;
        value = Math.min(cell(i - 1, j) + gap(s, i - 1), cell(i, j - 1) + gap(t, j - 1), cell(i - 1, j - 1) + swap);
        if (i > 1 && j > 1 && x === t[j - 2] && s[i - 2] === y) value = Math.min(value, cell(i - 2, j - 2) + 1);
      }
      (rows[i] as number[])[j] = value;
    }
  }
  return cell(s.length, t.length);
}

/**
 * The vocabulary's word nearest to `word` within the edits its length allows: the lowest
 * `typoCost` first, then the word on most pages, then the first in code-point order. Null when
 * none is near enough, or when `word` itself is in the vocabulary.
 */
export function nearestWord(word: string, vocabulary: readonly VocabularyEntry[]): string | null {
  const max = allowedEdits([...word].length);
  if (max === 0) return null;
  let best: { word: string; pages: number; cost: number } | null = null;
  for (const [candidate, pages] of vocabulary) {
    if (candidate === word) return null;
    if (editDistance(word, candidate, max) > max) continue;
    const cost = typoCost(word, candidate);
    if (!best || cost < best.cost || (cost === best.cost && (pages > best.pages || (pages === best.pages && candidate < best.word)))) {
      best = { word: candidate, pages, cost };
    }
  }
  return best ? best.word : null;
}

/** Whether some word of the vocabulary starts with `prefix` (a reader still typing it). */
export function extendsTo(prefix: string, vocabulary: readonly VocabularyEntry[]): boolean {
  return vocabulary.some(([candidate]) => candidate.length > prefix.length && candidate.startsWith(prefix));
}
