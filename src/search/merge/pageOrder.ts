/**
 * The order of pages in the merged metadata, and the word counts it gives them. Every search
 * loads the metadata's list of pages, one entry per page: its name and its word count. Names
 * count up (see `fragments.ts`), but word counts in Pagefind's order vary from page to page,
 * which gzip cannot compress: each shard's pages are therefore listed shortest first, so that
 * equal counts come in runs, which cut the metadata by a fifth. Positions stay within the shard, which keeps a shard's pages one block of the site's and its
 * fragments in its own folder.
 */

/** Steps per doubling to which word counts are rounded in the merged metadata (see `roundWordCount`). */
const WORD_COUNT_STEPS = 8;

/**
 * A page's word count as the merged metadata gives it: exact up to 32, above that rounded to
 * the nearest of 8 steps per doubling (within 5 %). Ranking uses it only to weigh a match by
 * the page's length against the average length (BM25's length normalization), where 5 %
 * moves a score by less than that; exact counts, different on nearly every page, were a sixth
 * of the metadata a search loads, and 8 steps save more than 16 (docs/measurements.md).
 */
export function roundWordCount(count: number): number {
  if (count <= 4 * WORD_COUNT_STEPS) return count;
  return Math.round(2 ** (Math.round(Math.log2(count) * WORD_COUNT_STEPS) / WORD_COUNT_STEPS));
}

/**
 * Each page's position in its shard's part of the merged metadata, from the shard's word counts
 * in Pagefind's order: by rounded word count, and pages of one count in Pagefind's order.
 */
export function shardRanks(wordCounts: readonly number[]): Uint32Array {
  const rounded = wordCounts.map(roundWordCount);
  const order = Array.from(rounded.keys()).sort((a, b) => (rounded[a] as number) - (rounded[b] as number) || a - b);
  const ranks = new Uint32Array(order.length);
  for (const [rank, page] of order.entries()) ranks[page] = rank;
  return ranks;
}
