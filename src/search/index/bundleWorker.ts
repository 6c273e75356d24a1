/**
 * Indexes shards in a worker thread with this package's indexer (`indexPages.ts`), which writes
 * the bundle Pagefind would for the same pages. The worker does one shard after another and
 * keeps its lexicon: most of a shard's words were met in the shards before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveJobs } from '../../threads/jobPool.js';
import { fragmentName } from '../format/fragments.js';
import { indexPages, newLexicon, type IndexedPage } from './indexPages.js';
import { shardRanks } from '../merge/pageOrder.js';
import type { Lexicon } from '../fossick/pageRecord.js';
import { pageUrl } from '../fossick/pageUrl.js';
import { segmentUnspaced } from '../fossick/segment.js';

export interface BundleJob {
  /** The folder holding the site at its base path; URLs are derived from paths inside it. */
  root: string;
  /** The shard's pages, relative to `root`, in page order. */
  files: string[];
  /** Of `files`, those whose unspaced scripts need their words split first (see `segment.ts`). */
  segment: string[];
  /** Where the bundle is written. */
  outputPath: string;
  /** Primary subtag of the site's language, one `indexerStemmer` knows. */
  language: string;
}

/**
 * The lexicon is started again past this many raw words, so that a worker's memory stays
 * bounded (a site's vocabulary, with its spellings and punctuation, grows without end).
 */
const LEXICON_SIZE = 1_500_000;
let lexicon: { language: string; words: Lexicon } | null = null;

async function indexShard(job: BundleJob): Promise<void> {
  if (!lexicon || lexicon.language !== job.language || lexicon.words.size > LEXICON_SIZE) lexicon = { language: job.language, words: newLexicon(job.language) };
  const segment = new Set(job.segment);
  // Read one after another on this thread, as the bundle is written (see `ShardBundle.write`).
  const pages: IndexedPage[] = job.files.map((file) => {
    const html = readFileSync(join(job.root, file), 'utf8');
    return { url: pageUrl(file), html: segment.has(file) ? segmentUnspaced(html) : html };
  });
  // The merge reads the shard's index, orders its pages and sizes the site's chunks itself:
  // pages in the merge's order spare it the ordering, and one chunk is one file. Fragments are
  // written under the names the site's bundle gives them (`fragments.ts`), not renamed later.
  const written = await indexPages(pages, job.outputPath, job.language, {
    lexicon: lexicon.words,
    chunkLocations: Infinity,
    shortestFirst: true,
    fragmentFiles: (wordCounts) => Array.from(shardRanks(wordCounts), (rank) => fragmentName({ hash: '', group: '', rank })),
  });
  if (written.pages !== job.files.length) throw new Error(`indexed ${written.pages} pages, expected ${job.files.length}`);
}

serveJobs((job) => indexShard(job as BundleJob));
