/**
 * The Snowball English stemmer ("Porter2"), as of Snowball 3.0.0: the stemmer Pagefind 1.6 runs
 * on every English word it indexes and on every word a reader types, so an index written here
 * must hold the very stems it computes. The packaged JavaScript ports implement older revisions
 * (they stem "added" to "ad" and "organizing" to "organ", where 3.0 gives "add" and "organiz").
 * https://snowballstem.org/algorithms/english/stemmer.html
 *
 * A word is an array of characters (code points), as Snowball counts them. The stemmer sees
 * words already lowercased with everything but word characters removed (`indexableWords.ts`).
 */

/** Words left as they are, or given a fixed stem, whatever their suffixes. */
const EXCEPTIONS = new Map([
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['idly', 'idl'],
  ['gently', 'gentl'],
  ['ugly', 'ugli'],
  ['early', 'earli'],
  ['only', 'onli'],
  ['singly', 'singl'],
  ['andes', 'andes'],
  ['atlas', 'atlas'],
  ['bias', 'bias'],
  ['cosmos', 'cosmos'],
  ['howe', 'howe'],
  ['news', 'news'],
  ['sky', 'sky'],
]);

/** Beginnings after which R1 starts, in place of the usual rule. */
const R1_PREFIXES = ['arsen', 'commun', 'emerg', 'gener', 'inter', 'later', 'organ', 'past', 'univers'];

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Step 1b's doubled endings, undoubled but after a lone a, e or o ("add", "ebb", "err"). */
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
/** The letters after which a final "li" is removed. */
const VALID_LI = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

/** Suffix tables, each tried longest first: suffix → replacement, or a rule's name. */
const STEP_2: readonly (readonly [string, string])[] = sortLongestFirst([
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['entli', 'ent'],
  ['izer', 'ize'],
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['alli', 'al'],
  ['fulness', 'ful'],
  ['fulli', 'ful'],
  ['ousli', 'ous'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['bli', 'ble'],
  ['ogist', 'og'],
  ['ogi', 'og after l'],
  ['lessli', 'less'],
  ['li', 'delete after valid li'],
]);

const STEP_3: readonly (readonly [string, string])[] = sortLongestFirst([
  ['tional', 'tion'],
  ['ational', 'ate'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
  ['ative', 'delete in R2'],
]);

const STEP_4: readonly string[] = sortLongestFirst(
  ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'].map((suffix) => [suffix, ''] as const),
).map(([suffix]) => suffix);

function sortLongestFirst<T extends readonly [string, string]>(table: T[]): T[] {
  return table.sort((a, b) => b[0].length - a[0].length);
}

/** The stem of `word`, which is lowercase. */
export function stemEnglish(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  const w = new Word(word);
  if (w.chars.length < 3) return word;
  w.prelude();
  w.markRegions();
  w.step1a();
  w.step1b();
  w.step1c();
  w.step2();
  w.step3();
  w.step4();
  w.step5();
  return w.toString();
}

class Word {
  chars: string[];
  /** Where R1 and R2 start: the parts of the word in which suffixes may be removed. */
  private r1 = 0;
  private r2 = 0;

  constructor(word: string) {
    this.chars = Array.from(word);
  }

  toString(): string {
    return this.chars.join('').replaceAll('Y', 'y');
  }

  /** A y that begins the word or follows a vowel is a consonant: written Y until the end. */
  prelude(): void {
    const c = this.chars;
    if (c[0] === "'") c.shift();
    for (let i = 0; i < c.length; i += 1) {
      if (c[i] === 'y' && (i === 0 || this.isVowel(i - 1))) c[i] = 'Y';
    }
  }

  /** R1 starts after the first non-vowel that follows a vowel (or after an exceptional prefix); R2 likewise within R1. */
  markRegions(): void {
    const text = this.chars.join('');
    const prefix = R1_PREFIXES.find((p) => text.startsWith(p));
    this.r1 = prefix !== undefined ? Array.from(prefix).length : this.regionAfter(0);
    this.r2 = this.regionAfter(this.r1);
  }

  private regionAfter(start: number): number {
    const c = this.chars;
    for (let i = start + 1; i < c.length; i += 1) {
      if (!this.isVowel(i) && this.isVowel(i - 1)) return i + 1;
    }
    return c.length;
  }

  isVowel(i: number): boolean {
    return VOWELS.has(this.chars[i] as string);
  }

  private endsWith(suffix: string): boolean {
    const c = this.chars;
    if (suffix.length > c.length) return false;
    for (let i = 0; i < suffix.length; i += 1) if (c[c.length - suffix.length + i] !== suffix[i]) return false;
    return true;
  }

  /** The longest suffix of the table's that the word ends with. */
  private longest<T extends readonly [string, string]>(table: readonly T[]): T | undefined {
    return table.find(([suffix]) => this.endsWith(suffix));
  }

  private replaceEnd(length: number, by: string): void {
    this.chars.splice(this.chars.length - length, length, ...by);
  }

  /** Whether a vowel comes before index `end`. */
  private vowelBefore(end: number): boolean {
    for (let i = end - 1; i >= 0; i -= 1) if (this.isVowel(i)) return true;
    return false;
  }

  /**
   * Whether the word up to `end` ends in a short syllable: a non-vowel other than w, x or Y
   * after a vowel after a non-vowel; a vowel and a non-vowel that begin the word; or "past".
   */
  private shortSyllable(end: number): boolean {
    const c = this.chars;
    const at = (i: number) => c[i] as string;
    if (end >= 3 && !this.isVowel(end - 1) && !'wxY'.includes(at(end - 1)) && this.isVowel(end - 2) && !this.isVowel(end - 3)) return true;
    if (end === 2 && !this.isVowel(1) && this.isVowel(0)) return true;
    return end >= 4 && c.slice(end - 4, end).join('') === 'past';
  }

  step1a(): void {
    const c = this.chars;
    for (const suffix of ["'s'", "'s", "'"]) {
      if (this.endsWith(suffix)) {
        c.length -= suffix.length;
        break;
      }
    }
    if (this.endsWith('sses')) this.replaceEnd(4, 'ss');
    else if (this.endsWith('ied') || this.endsWith('ies')) this.replaceEnd(3, c.length > 4 ? 'i' : 'ie');
    else if (this.endsWith('us') || this.endsWith('ss')) return;
    else if (this.endsWith('s') && c.length >= 3 && this.vowelBefore(c.length - 2)) c.length -= 1;
  }

  step1b(): void {
    const c = this.chars;
    const text = () => c.join('');
    for (const suffix of ['eedly', 'eed']) {
      if (!this.endsWith(suffix)) continue;
      const stem = c.length - suffix.length;
      if (stem >= this.r1 && !['succ', 'proc', 'exc'].includes(c.slice(0, stem).join(''))) this.replaceEnd(suffix.length, 'ee');
      return;
    }
    const suffix = ['ingly', 'edly', 'ing', 'ed'].find((s) => this.endsWith(s));
    if (suffix === undefined) return;
    const stem = c.length - suffix.length;
    if (suffix === 'ing') {
      const before = c.slice(0, stem).join('');
      // "dying", "lying": a consonant and y make the whole stem.
      if (stem === 2 && c[1] === 'y' && !this.isVowel(0)) {
        this.replaceEnd(4, 'ie');
        return;
      }
      if (['even', 'cann', 'inn', 'earr', 'herr', 'out'].includes(before)) return;
    }
    if (!this.vowelBefore(stem)) return;
    c.length = stem;
    const end = text();
    if (end.endsWith('at') || end.endsWith('bl') || end.endsWith('iz')) {
      c.push('e');
    } else if (c.length >= 2 && DOUBLES.has(end.slice(-2))) {
      if (!(c.length === 3 && 'aeo'.includes(c[0] as string))) c.length -= 1;
    } else if (c.length === this.r1 && this.shortSyllable(c.length)) {
      c.push('e');
    }
  }

  step1c(): void {
    const c = this.chars;
    const last = c[c.length - 1];
    if ((last === 'y' || last === 'Y') && c.length > 2 && !this.isVowel(c.length - 2)) c[c.length - 1] = 'i';
  }

  step2(): void {
    const rule = this.longest(STEP_2);
    if (!rule) return;
    const [suffix, by] = rule;
    const stem = this.chars.length - suffix.length;
    if (stem < this.r1) return;
    if (by === 'og after l') {
      if (this.chars[stem - 1] === 'l') this.replaceEnd(suffix.length, 'og');
    } else if (by === 'delete after valid li') {
      if (VALID_LI.has(this.chars[stem - 1] as string)) this.replaceEnd(suffix.length, '');
    } else {
      this.replaceEnd(suffix.length, by);
    }
  }

  step3(): void {
    const rule = this.longest(STEP_3);
    if (!rule) return;
    const [suffix, by] = rule;
    const stem = this.chars.length - suffix.length;
    if (stem < this.r1) return;
    if (by === 'delete in R2') {
      if (stem >= this.r2) this.replaceEnd(suffix.length, '');
    } else {
      this.replaceEnd(suffix.length, by);
    }
  }

  step4(): void {
    const suffix = STEP_4.find((s) => this.endsWith(s));
    if (suffix === undefined) return;
    const stem = this.chars.length - suffix.length;
    if (stem < this.r2) return;
    if (suffix === 'ion' && !(this.chars[stem - 1] === 's' || this.chars[stem - 1] === 't')) return;
    this.replaceEnd(suffix.length, '');
  }

  step5(): void {
    const c = this.chars;
    const stem = c.length - 1;
    if (c[stem] === 'e') {
      if (stem >= this.r2 || (stem >= this.r1 && !this.shortSyllable(stem))) c.length = stem;
    } else if (c[stem] === 'l') {
      if (stem >= this.r2 && c[stem - 1] === 'l') c.length = stem;
    }
  }
}
