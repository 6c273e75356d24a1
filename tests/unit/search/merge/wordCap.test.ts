import { describe, expect, it } from 'vitest';
import { CborWriter } from '../../../../src/search/format/cbor.js';
import { capPostings, mayNeedCap, WORD_BYTES } from '../../../../src/search/merge/wordCap.js';

const BODY = 24;
const HEADING = 144;
const TITLE = 168;

interface Page {
  delta: number;
  /** Runs of one weight, as Pagefind writes them. */
  runs: [weight: number, positions: number[]][];
  meta: number[];
}

/** A word's postings as Pagefind 1.6 writes them: positions relative within a run, each run opened by −(weight + 1). */
function encode(pages: readonly Page[]): Buffer {
  const writer = new CborWriter().array(pages.length);
  for (const { delta, runs, meta } of pages) {
    writer.array(3).int(delta);
    writer.array(runs.reduce((sum, [, positions]) => sum + 1 + positions.length, 0));
    for (const [weight, positions] of runs) {
      writer.int(-(weight + 1));
      positions.forEach((position, i) => writer.int(position - (i === 0 ? 0 : (positions[i - 1] as number))));
    }
    writer.array(meta.length);
    for (const value of meta) writer.int(value);
  }
  return Buffer.from(writer.bytes());
}

/** Postings read back, independently of the code under test: each page's locations as [weight, position], by position. */
function decode(bytes: Buffer): { delta: number; locations: [number, number][]; meta: number[] }[] {
  let at = 0;
  const item = (): unknown => {
    const first = bytes[at++] as number;
    const info = first & 31;
    const size = info < 24 ? 0 : 2 ** (info - 24);
    const value = size === 0 ? info : bytes.readUIntBE(at, size);
    at += size;
    if (first >> 5 === 0) return value;
    if (first >> 5 === 1) return -1 - value;
    return Array.from({ length: value }, item);
  };
  return (item() as [number, number[], number[]][]).map(([delta, list, meta]) => {
    const locations: [number, number][] = [];
    let weight = 25;
    let position = 0;
    for (const value of list) {
      if (value < 0) {
        weight = -value - 1;
        position = 0;
      } else {
        position += value;
        locations.push([weight, position]);
      }
    }
    return { delta, locations: locations.sort((a, b) => a[1] - b[1]), meta };
  });
}

/** A page holding the word `count` times in its text, from position `from` on, every third word. */
function textPage(delta: number, count: number, from = 10): Page {
  return { delta, runs: [[BODY, Array.from({ length: count }, (_, i) => from + 3 * i)]], meta: [] };
}

const sum = (locations: readonly [number, number][]) => locations.reduce((total, [weight]) => total + weight, 0);

describe('capPostings', () => {
  it('leaves postings whose estimate fits the budget as they are', () => {
    const list = encode([textPage(0, 3), textPage(1, 5), textPage(4, 1)]);
    expect(capPostings(list, 1000)).toBeNull();
    expect(mayNeedCap(3, 3 + 9 + 3, 1000)).toBe(false);
  });

  it('keeps every page with its page number and meta locations, and on each at most k locations, k the largest that fits', () => {
    const pages = Array.from({ length: 400 }, (_, i) => ({ ...textPage(i === 0 ? 0 : 1 + (i % 3), 1 + (i % 40)), meta: i % 7 === 0 ? [-1, 2] : [] }));
    const list = encode(pages);
    const capped = capPostings(list, 4000);
    expect(capped).not.toBeNull();
    const { bytes, kept } = capped as NonNullable<typeof capped>;
    const before = decode(list);
    const after = decode(bytes);
    expect(after.map((page) => [page.delta, page.meta])).toEqual(before.map((page) => [page.delta, page.meta]));
    for (const [i, page] of after.entries()) {
      const original = before[i]?.locations.map(([, position]) => position) ?? [];
      expect(page.locations.length).toBe(Math.min(original.length, kept));
      for (const [, position] of page.locations) expect(original).toContain(position);
    }
    // The largest k: one more would not fit.
    const kept1 = after.reduce((total, page) => total + page.locations.length, 0);
    const more = before.reduce((total, page) => total + Math.min(page.locations.length, kept + 1), 0);
    expect(2.14 * 400 + 1.48 * kept1).toBeLessThanOrEqual(4000);
    expect(2.14 * 400 + 1.48 * more).toBeGreaterThan(4000);
  });

  it('keeps a page’s heaviest locations, the earliest among equals', () => {
    const page: Page = {
      delta: 0,
      runs: [
        [BODY, [5, 9, 30]],
        [HEADING, [12, 40]],
        [TITLE, [0]],
      ],
      meta: [],
    };
    const filler = Array.from({ length: 50 }, () => textPage(1, 3));
    for (const [kept, positions] of [
      [1, [0]],
      [2, [0, 12]],
      [4, [0, 5, 12, 40]],
    ] as const) {
      const capped = capPostings(encode([page, ...filler]), 2.14 * 51 + 1.48 * (kept + 50 * Math.min(3, kept)));
      expect(capped?.kept).toBe(kept);
      expect(decode((capped as NonNullable<typeof capped>).bytes)[0]?.locations.map(([, position]) => position)).toEqual(positions);
    }
  });

  it('moves the weight of the locations dropped onto those kept, up to 255 each, so a page keeps its sum wherever it fits', () => {
    const pages = [textPage(0, 8), textPage(1, 20), textPage(1, 1), { delta: 1, runs: [[BODY, [3, 4]], [TITLE, [0]]], meta: [] } satisfies Page];
    for (const [kept, sums] of [
      [1, [8 * BODY, 255, BODY, TITLE + 2 * BODY]],
      [2, [8 * BODY, 20 * BODY, BODY, TITLE + 2 * BODY]],
    ] as const) {
      const capped = capPostings(encode(pages), 2.14 * 4 + 1.48 * (Math.min(8, kept) + Math.min(20, kept) + 1 + kept));
      expect(capped?.kept).toBe(kept);
      expect(decode((capped as NonNullable<typeof capped>).bytes).map((page) => sum(page.locations))).toEqual(sums);
    }
  });

  it('counts its size as Pagefind counts a word’s, and how much smaller it is', () => {
    const pages = Array.from({ length: 30 }, (_, i) => ({ ...textPage(i === 0 ? 0 : 1, 12), meta: [-1, 0] }));
    const capped = capPostings(encode(pages), 2.14 * 30 + 1.48 * 30);
    // Per page: a weight and one location, two meta integers, and one for the posting.
    expect(capped?.size).toBe(30 * (2 + 2 + 1));
    expect(capped?.removed).toBe(30 * (13 + 2 + 1) - 30 * 5);
  });

  it('is never needed where the merge’s own count says the postings fit', () => {
    const pages = Array.from({ length: 200 }, (_, i) => textPage(i === 0 ? 0 : 1, 1 + (i % 30)));
    const size = pages.reduce((total, page) => total + 2 + (page.runs[0]?.[1].length ?? 0), 0);
    for (const budget of [1000, 10_000, WORD_BYTES]) {
      if (!mayNeedCap(pages.length, size, budget)) expect(capPostings(encode(pages), budget)).toBeNull();
    }
    expect(mayNeedCap(pages.length, size, 1000)).toBe(true);
    expect(mayNeedCap(pages.length, size, WORD_BYTES)).toBe(false);
  });
});
