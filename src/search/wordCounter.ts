/**
 * Counts the pages each word of a site is on, for the vocabulary (`vocabulary.ts`), with words
 * cut as `query/words.ts` cuts them. A site's text is millions of words, most of them met again
 * and again: ASCII text is read straight from its characters into a hash table whose keys sit
 * in one array of characters, so that a word already met costs no string and no `Map` lookup;
 * other text goes through `queryWords` into the same table.
 */
import { grown, grownSlots } from './fossick/grown.js';
import { queryWords } from './query/words.js';

const APOSTROPHE = 0x27;
const NOT_ASCII = /[^\u0000-\u007f]/;

export class WordCounter {
  /** Each word, by entry. */
  readonly words: string[] = [];
  private chars = new Uint16Array(1 << 16);
  private charsLength = 0;
  private starts = new Int32Array(1 << 12);
  private lengths = new Int32Array(1 << 12);
  /** Pages each entry is on, and the last page that counted it. */
  private counts = new Int32Array(1 << 12);
  private lastPage = new Int32Array(1 << 12);
  /** Slot pairs: entry + 1 (0 for none) and the entry's hash. */
  private slots = new Int32Array(2 << 13);
  private page = 0;
  /** The word being read, lowercased. */
  private word = new Uint16Array(64);

  constructor(private readonly language: string) {}

  /** Counts the words of one page's texts, each word once for the page. */
  addPage(texts: readonly string[]): void {
    this.page += 1;
    for (const text of texts) {
      if (NOT_ASCII.test(text)) {
        for (const word of queryWords(text, this.language)) {
          for (let i = 0; i < word.length; i += 1) this.put(i, word.charCodeAt(i));
          this.count(word.length);
        }
      } else {
        this.readAscii(text);
      }
    }
  }

  /** Each word with the number of pages it is on. */
  *entries(): Generator<[string, number]> {
    for (let entry = 0; entry < this.words.length; entry += 1) yield [this.words[entry] as string, this.counts[entry] as number];
  }

  /** Letters, digits and `_` make words, lowercased; an apostrophe is left out; anything else ends a word. */
  private readAscii(text: string): void {
    let length = 0;
    for (let i = 0; i < text.length; i += 1) {
      let code = text.charCodeAt(i);
      if (code >= 0x41 && code <= 0x5a) code += 0x20;
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f) {
        this.put(length, code);
        length += 1;
      } else if (code !== APOSTROPHE && length > 0) {
        this.count(length);
        length = 0;
      }
    }
    if (length > 0) this.count(length);
  }

  private put(at: number, code: number): void {
    if (at >= this.word.length) this.word = grown(this.word, this.word.length * 2);
    this.word[at] = code;
  }

  /** Counts the word in `this.word[0, length)` for the current page. */
  private count(length: number): void {
    const word = this.word;
    let hash = 0x811c9dc5 | 0;
    for (let i = 0; i < length; i += 1) hash = Math.imul(hash ^ (word[i] as number), 0x01000193);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (slots[2 * slot] as number) - 1;
      if (entry < 0) {
        this.insert(length, hash, slot);
        return;
      }
      if (slots[2 * slot + 1] !== hash || this.lengths[entry] !== length) continue;
      const start = this.starts[entry] as number;
      let same = true;
      for (let i = 0; i < length; i += 1) {
        if (this.chars[start + i] !== word[i]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      if (this.lastPage[entry] !== this.page) {
        this.lastPage[entry] = this.page;
        this.counts[entry] = (this.counts[entry] as number) + 1;
      }
      return;
    }
  }

  private insert(length: number, hash: number, slot: number): void {
    const entry = this.words.length;
    if (entry >= this.starts.length) {
      const size = this.starts.length * 2;
      this.starts = grown(this.starts, size);
      this.lengths = grown(this.lengths, size);
      this.counts = grown(this.counts, size);
      this.lastPage = grown(this.lastPage, size);
    }
    if (this.charsLength + length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 2, this.charsLength + length));
    this.chars.set(this.word.subarray(0, length), this.charsLength);
    this.words.push(String.fromCharCode(...this.word.subarray(0, length)));
    this.starts[entry] = this.charsLength;
    this.lengths[entry] = length;
    this.counts[entry] = 1;
    this.lastPage[entry] = this.page;
    this.charsLength += length;
    this.slots[2 * slot] = entry + 1;
    this.slots[2 * slot + 1] = hash;
    // Kept at most half full, so that probes stay short.
    if (2 * this.words.length > this.slots.length >> 1) this.slots = grownSlots(this.slots);
  }
}
