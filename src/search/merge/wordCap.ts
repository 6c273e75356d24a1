/**
 * Frequent words, capped to what one search can afford. A search loads all of its word's
 * postings: every page that holds the word, with every place it stands there. On a large site
 * the most frequent words' postings alone outweigh the whole budget of a cold search (scripts,
 * metadata, index and five results), 160 KiB.
 *
 * A word whose postings would cost more than `WORD_BYTES` compressed keeps, on each page, its
 * `k` heaviest locations (the earliest among equals), `k` the largest that fits and at least
 * one. The weight of the locations dropped goes onto those kept, up to 255 each, the most a
 * location carries. Pagefind scores a page by BM25 over the sum of its locations' weights
 * (https://pagefind.app/docs/ranking/), so a page keeps its score wherever that sum fits in `k`
 * locations (for `k` = 1, up to ten times in an answer's text); past that the word's term
 * frequency saturates at `k` × 255. Every page that held the word still holds it, so a search of
 * several words finds the same pages as before. A word's variants (its forms with diacritics,
 * each with postings of its own) are capped the same way, each on its own.
 *
 * What the cap costs: a quoted phrase (Pagefind's exact search) finds a capped word only at the
 * locations kept, and an excerpt marks only those.
 *
 * Layout of a word's postings (Pagefind 1.6, CBOR): [[page − previous page, [location…], [meta
 * location…]]…]. A location list is runs of positions, each run opened by its weight w as the
 * negative number −(w + 1), its first position absolute and the others relative to the one before.
 */
import { CborReader, CborWriter } from '../format/cbor.js';

/**
 * Compressed bytes of a word's postings, per posting and per location, fitted over the words
 * with large postings on the benchmark's corpus (docs/measurements.md). It overestimates a
 * capped word, whose postings repeat more, which errs on the side of the budget.
 */
const POSTING_BYTES = 2.14;
const LOCATION_BYTES = 1.48;

/**
 * The most a word's postings may cost, compressed: what the budget of a cold search leaves
 * beside its fixed costs (Pagefind's wasm and script, the metadata, our search page, HTTP
 * headers) and five results' fragments (docs/measurements.md).
 */
export const WORD_BYTES = 20_000;

const MAX_WEIGHT = 255;
/** Pagefind's weight for a location before any weight is given: never used by Pagefind's own output. */
const DEFAULT_WEIGHT = 25;

/** The estimated compressed size of `postings` postings holding `locations` locations in all. */
function estimate(postings: number, locations: number): number {
  return POSTING_BYTES * postings + LOCATION_BYTES * locations;
}

/**
 * Whether a word's postings may need a cap, from what the merge already counts: its postings and
 * its size as Pagefind counts it (every integer in the location lists, plus one per posting),
 * which is at least its locations. False means `capPostings` would return null.
 */
export function mayNeedCap(postings: number, size: number, budget = WORD_BYTES): boolean {
  return estimate(postings, size - postings) > budget;
}

export interface CappedPostings {
  /** The postings, encoded. */
  bytes: Buffer;
  /** Counted as Pagefind counts a word's size: every integer in the location lists, plus one per posting. */
  size: number;
  /** How much smaller `size` is than the postings' size before the cap. */
  removed: number;
  /** Locations kept on each page, at most. */
  kept: number;
}

/**
 * A word's postings (one CBOR array, as in an index chunk) with each page's locations capped to
 * fit `budget`; null when they fit as they are. A page with no more locations than it may keep
 * is copied as it is; only the others are decoded.
 */
export function capPostings(list: Buffer, budget = WORD_BYTES): CappedPostings | null {
  const reader = new CborReader(list);
  const count = reader.array();
  const starts = new Uint32Array(count + 1);
  const located = new Uint32Array(count);
  const sizes = new Uint32Array(count);
  for (let i = 0; i < count; i += 1) {
    starts[i] = reader.offset;
    reader.array();
    reader.int();
    const listed = reader.array();
    // Only counted here: every posting's integers are walked, few are decoded.
    let at = reader.offset;
    let positions = 0;
    for (let k = listed; k > 0; k -= 1) {
      const first = list[at] as number;
      if (first >> 5 === 0) positions += 1;
      at += headLength(first);
    }
    reader.offset = at;
    located[i] = positions;
    sizes[i] = listed + reader.intArrayLength() + 1;
  }
  starts[count] = reader.offset;
  const kept = largestFitting(located, budget);
  if (kept === null) return null;

  const writer = new CborWriter(count * 8);
  writer.array(count);
  let size = 0;
  let before = 0;
  const best = new Heaviest(kept);
  for (let i = 0; i < count; i += 1) {
    before += sizes[i] as number;
    if ((located[i] as number) <= kept) {
      writer.range(list, starts[i] as number, starts[i + 1] as number);
      size += sizes[i] as number;
      continue;
    }
    reader.offset = starts[i] as number;
    reader.array();
    const delta = reader.int();
    const listed = reader.array();
    best.clear();
    let at = reader.offset;
    let weight = DEFAULT_WEIGHT;
    let position = 0;
    let inRun = 0;
    for (let k = listed; k > 0; k -= 1) {
      const first = list[at] as number;
      if (first >> 5 === 1) {
        // −(w + 1) is CBOR's negative integer with argument w.
        weight = Math.min(MAX_WEIGHT, argument(list, at));
        position = 0;
        inRun = 0;
      } else {
        // A run's positions ascend: past its first `kept`, none can be kept, only weighed.
        inRun += 1;
        if (inRun <= kept) {
          position += argument(list, at);
          best.offer(weight, position);
        } else {
          best.weigh(weight);
        }
      }
      at += headLength(first);
    }
    reader.offset = at;
    const metaStart = at;
    const metaCount = reader.intArrayLength();
    writer.array(3).int(delta);
    size += best.write(writer);
    writer.range(list, metaStart, reader.offset);
    size += metaCount + 1;
  }
  return { bytes: Buffer.from(writer.bytes()), size, removed: before - size, kept };
}

/** The length of the CBOR integer whose first byte is `first`. */
function headLength(first: number): number {
  const info = first & 31;
  return info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : info === 26 ? 5 : 9;
}

/** The argument of the CBOR integer at `at`: its value if unsigned, −1 − its value if negative. */
function argument(bytes: Buffer, at: number): number {
  const info = (bytes[at] as number) & 31;
  if (info < 24) return info;
  if (info === 24) return bytes[at + 1] as number;
  if (info === 25) return bytes.readUInt16BE(at + 1);
  if (info === 26) return bytes.readUInt32BE(at + 1);
  return Number(bytes.readBigUInt64BE(at + 1));
}

/**
 * The largest number of locations a page may keep for postings with `counts` locations on each
 * page to fit `budget`, at least 1; null when they fit with every location.
 */
function largestFitting(counts: Uint32Array, budget: number): number | null {
  const total = (cap: number) => {
    let sum = 0;
    for (const count of counts) sum += Math.min(count, cap);
    return sum;
  };
  let most = 0;
  for (const count of counts) most = Math.max(most, count);
  if (estimate(counts.length, total(most)) <= budget) return null;
  let low = 1;
  let high = most;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (estimate(counts.length, total(middle)) <= budget) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** A page's heaviest locations, the earliest among equals, and the weight of all it was offered. */
class Heaviest {
  private readonly weights: Uint32Array;
  private readonly positions: Uint32Array;
  private readonly order: number[] = [];
  private length = 0;
  private total = 0;

  constructor(private readonly limit: number) {
    this.weights = new Uint32Array(limit);
    this.positions = new Uint32Array(limit);
  }

  clear(): void {
    this.length = 0;
    this.total = 0;
  }

  /** A location that cannot be kept, for its weight. */
  weigh(weight: number): void {
    this.total += weight;
  }

  offer(weight: number, position: number): void {
    this.total += weight;
    const { weights, positions } = this;
    // Kept heaviest first, the earliest first among equals; most pages keep one or a few.
    let at = this.length;
    while (at > 0 && ((weights[at - 1] as number) < weight || ((weights[at - 1] as number) === weight && (positions[at - 1] as number) > position))) at -= 1;
    if (at >= this.limit) return;
    const end = Math.min(this.length, this.limit - 1);
    for (let i = end; i > at; i -= 1) {
      weights[i] = weights[i - 1] as number;
      positions[i] = positions[i - 1] as number;
    }
    weights[at] = weight;
    positions[at] = position;
    this.length = end + 1;
  }

  /**
   * Writes the location list of the locations kept, carrying the weight of the others (heaviest
   * first, each up to 255), as runs of one weight, lightest first, each in position order.
   * Returns how many integers it holds.
   */
  write(writer: CborWriter): number {
    const { weights, positions, order, length } = this;
    let dropped = this.total;
    for (let i = 0; i < length; i += 1) dropped -= weights[i] as number;
    for (let i = 0; i < length; i += 1) {
      const added = Math.min(MAX_WEIGHT - (weights[i] as number), dropped);
      weights[i] = (weights[i] as number) + added;
      dropped -= added;
    }
    order.length = 0;
    for (let i = 0; i < length; i += 1) order.push(i);
    if (length > 1) order.sort((a, b) => (weights[a] as number) - (weights[b] as number) || (positions[a] as number) - (positions[b] as number));
    let runs = 0;
    for (let i = 0; i < length; i += 1) if (i === 0 || weights[order[i] as number] !== weights[order[i - 1] as number]) runs += 1;
    writer.array(runs + length);
    let weight = -1;
    let previous = 0;
    for (const i of order) {
      if (weights[i] !== weight) {
        weight = weights[i] as number;
        writer.int(-(weight + 1));
        previous = 0;
      }
      writer.int((positions[i] as number) - previous);
      previous = positions[i] as number;
    }
    return runs + length;
  }
}
