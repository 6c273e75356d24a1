/**
 * Indexes pages as Pagefind 1.6 would and writes their bundle (`writeBundle.ts`), in this
 * thread: the rules of `htmlDigest.ts`, `pageRecord.ts` and `indexableWords.ts`, which match
 * Pagefind's output for the languages whose stemmer is here (`indexerStemmer`). Pages of other
 * languages are left to Pagefind itself (`indexWorker.ts`).
 */
import { compareCodePoints } from '../format/codePointOrder.js';
import { readDigest, type PageDigest } from '../fossick/htmlDigest.js';
import type { Stemmer } from '../fossick/indexableWords.js';
import { countWords, Lexicon, pageRecord, Places } from '../fossick/pageRecord.js';
import { roundWordCount } from '../merge/pageOrder.js';
import { stemEnglish } from '../fossick/stemEnglish.js';
import { ShardBundle, type BundleSummary, type WriteOptions } from './writeBundle.js';

export interface IndexedPage {
  /** The page's URL in the site, as Pagefind derives it from the file's path. */
  url: string;
  html: string;
}

const STEMMERS: Record<string, Stemmer> = { en: stemEnglish };

/** The stemmer for a language's primary subtag, or undefined when this indexer cannot match Pagefind's for it. */
export function indexerStemmer(language: string): Stemmer | undefined {
  return STEMMERS[language];
}

export interface IndexPagesOptions {
  /** Locations per index chunk: Pagefind's size by default (see `ShardBundle`). */
  chunkLocations?: number;
  /** The words read so far, for a thread indexing one shard after another (`newLexicon`). */
  lexicon?: Lexicon;
  /**
   * Lists pages by rounded word count, pages of one count in the order given: the order the
   * merge gives a shard's pages (`pageOrder.ts`), which then copies the shard's lists as they are.
   */
  shortestFirst?: boolean;
  /** See `WriteOptions.fragmentFiles`. */
  fragmentFiles?: WriteOptions['fragmentFiles'];
}

/**
 * Writes the bundle of `pages` (in page order) into `dir`, for `language`, a primary subtag with
 * a stemmer here. As in Pagefind, once any page marks its body with `data-pagefind-body`, the
 * pages that do not are left out, and so are pages without words.
 */
export async function indexPages(pages: readonly IndexedPage[], dir: string, language: string, options: IndexPagesOptions = {}): Promise<BundleSummary> {
  const lexicon = options.lexicon ?? newLexicon(language);
  const digests = pages.map((page) => ({ url: page.url, digest: readDigest(page.html) }));
  const anyBody = digests.some(({ digest }) => digest.hasBody);
  let candidates = digests.filter(({ digest }) => !anyBody || digest.hasBody);
  if (options.shortestFirst) {
    const counts = candidates.map(({ digest }) => roundWordCount(countWords(digest)));
    candidates = Array.from(candidates.keys())
      .sort((a, b) => (counts[a] as number) - (counts[b] as number) || a - b)
      .map((i) => candidates[i] as (typeof candidates)[number]);
  }
  let fields = metaFields(candidates.map(({ digest }) => digest));
  for (;;) {
    const places = new Places();
    const bundle = new ShardBundle(language, lexicon, fields, options.chunkLocations);
    const included: PageDigest[] = [];
    for (const { url, digest } of candidates) {
      const record = pageRecord(url, digest, lexicon, places);
      if (!record.hasWords) continue;
      bundle.add(record, places);
      included.push(digest);
    }
    // Meta fields are numbered among the pages indexed, which only reading their words tells:
    // a page left out for having none may have held the only one of a field.
    if (bundle.fieldsMatch()) return bundle.write(dir, { fragmentFiles: options.fragmentFiles });
    fields = metaFields(included);
  }
}

/**
 * The words of pages in `language`, for `indexPages`. One lexicon can serve every shard a thread
 * indexes: most of a shard's words were met in the shards before.
 */
export function newLexicon(language: string): Lexicon {
  const stem = indexerStemmer(language);
  if (!stem) throw new Error(`no stemmer for language "${language}"`);
  return new Lexicon(stem);
}

function metaFields(digests: readonly PageDigest[]): string[] {
  return [...new Set(digests.flatMap((digest) => [...digest.meta.keys()]))].sort(compareCodePoints);
}
