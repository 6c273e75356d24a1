import { describe, expect, it } from 'vitest';
import { shortenBounds, trimBounds } from '../../../../src/search/format/chunkBounds.js';
import { compareCodePoints } from '../../../../src/search/format/codePointOrder.js';

describe('trimBounds', () => {
  // Pagefind's own example (index/mod.rs): an upper bound is not cut below its lower one.
  it('cuts neighbouring bounds one character past what they share, as Pagefind does', () => {
    const chunks = [
      { from: 'apple', to: 'apple' },
      { from: 'apricot', to: 'banana' },
      { from: 'peach', to: 'peach' },
    ];
    trimBounds(chunks);
    expect(chunks).toEqual([
      { from: 'apple', to: 'apple' },
      { from: 'apr', to: 'b' },
      { from: 'p', to: 'peach' },
    ]);
  });
});

describe('shortenBounds', () => {
  /** The chunk Pagefind's wasm looks `word` up in first: the first whose bounds hold it. */
  const lookup = (bounds: { from: string; to: string }[], word: string) => bounds.findIndex(({ from, to }) => compareCodePoints(from, word) <= 0 && compareCodePoints(word, to) <= 0);

  it('keeps every word between its own chunk’s bounds, and no other chunk’s', () => {
    const words = ['a', 'ab', 'abc', 'ul', 'ulfens', 'ulg', 'ulgaln', 'ulgalnelo', 'ulgalz', 'ulh', 'ulhurfen', 'ulz', 'ulzz', 'é', 'éa', '東京', '東京都', '😀', '😀a'].sort(compareCodePoints);
    for (let size = 1; size <= 4; size += 1) {
      const chunks: string[][] = [];
      for (let i = 0; i < words.length; i += size) chunks.push(words.slice(i, i + size));
      const bounds = chunks.map((list) => ({ from: list[0] as string, to: list.at(-1) as string }));
      shortenBounds(bounds);
      for (const [i, list] of chunks.entries()) for (const word of list) expect(lookup(bounds, word), `${word} in chunks of ${size}`).toBe(i);
      for (let i = 0; i + 1 < bounds.length; i += 1) expect(compareCodePoints((bounds[i] as { to: string }).to, (bounds[i + 1] as { from: string }).from)).toBeLessThan(0);
    }
  });

  it('cuts the bounds short: the lower one as Pagefind does, the upper one a character longer', () => {
    const bounds = [
      { from: 'ulg', to: 'ulgalz' },
      { from: 'ulh', to: 'ulhurfen' },
    ];
    shortenBounds(bounds);
    expect(bounds).toEqual([
      { from: 'ulg', to: 'ulgb' },
      { from: 'ulh', to: 'ulhurfen' },
    ]);
  });
});
