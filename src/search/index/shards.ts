/**
 * The search index is built in shards, each indexed as a bundle of its own (by this package's
 * indexer, or by Pagefind for a language it has no stemmer for; see `indexSite.ts`) and then
 * merged into the site's one bundle (`mergeBundles.ts`). A page's shard comes from a stable hash
 * of its path, so a change re-indexes only the shards of the pages it touches, and no indexer
 * ever holds more than one shard: an indexer's memory grows with the words it holds.
 *
 * The number of shards is a power of two that depends only on the number of indexed pages, so a
 * cold build and an incremental one always agree, and it changes only when the site doubles.
 */
/** The indexed pages a site has: each question's and each expert's, by output path. */
export interface IndexedPages {
  questions: readonly { slug: string; path: string }[];
  experts: readonly { id: string; path: string }[];
}

/**
 * Indexed pages per shard above which the shard count doubles. Two shards are indexed at once,
 * so the memory beside Node is that of two shards' indexers at most (see BENCHMARKS.md).
 */
export const PAGES_PER_SHARD = 500;

export interface Shard {
  id: number;
  /** Slugs of the questions whose pages it indexes. */
  questions: string[];
  /** Ids of the experts whose profiles it indexes. */
  experts: string[];
  /** The indexed pages' output files, relative to the site. */
  pages: string[];
}

export function shardCount(pages: number, perShard = PAGES_PER_SHARD): number {
  let count = 1;
  while (count * perShard < pages) count *= 2;
  return count;
}

/** FNV-1a of the page's path: stable across builds, machines and Node versions. */
export function shardOf(path: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i += 1) {
    hash ^= path.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/**
 * Every page's shard. A shard left empty by the hash (possible only with very few pages per
 * shard) halves the count: every shard is a bundle with pages.
 */
export function planShards(site: IndexedPages, perShard = PAGES_PER_SHARD): Shard[] {
  let count = shardCount(site.questions.length + site.experts.length, perShard);
  for (;;) {
    const shards = assign(site, count);
    if (count === 1 || shards.every((shard) => shard.pages.length > 0)) return shards;
    count /= 2;
  }
}

function assign(site: IndexedPages, count: number): Shard[] {
  const shards: Shard[] = Array.from({ length: count }, (_, id) => ({ id, questions: [], experts: [], pages: [] }));
  const at = (path: string): Shard => shards[shardOf(path, count)] as Shard;
  for (const question of site.questions) {
    const shard = at(question.path);
    shard.questions.push(question.slug);
    shard.pages.push(`${question.path}index.html`);
  }
  for (const expert of site.experts) {
    const shard = at(expert.path);
    shard.experts.push(expert.id);
    shard.pages.push(`${expert.path}index.html`);
  }
  return shards;
}
