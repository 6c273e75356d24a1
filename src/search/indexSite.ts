/**
 * Indexes the rendered site with Pagefind's Node API, inside the build and before the swap.
 * Pages opt in with `data-pagefind-body` (questions and expert profiles); listings, navigation
 * and the disclaimer are never indexed.
 * https://pagefind.app/docs/node-api/
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { BuildError } from '../errors/BuildError.js';
import { widenQuerySegmentation } from './querySegmentation.js';
import { segmentUnspaced } from './segment.js';

/** Written into the search page by the templates, replaced by the index's content hash. */
export const META_CACHE_TAG_TOKEN = '__ANSWERPRESS_META_CACHE_TAG__';

export interface IndexOptions {
  /** The built site. The bundle is written to `pagefind/` inside it. */
  siteDir: string;
  /** The folder holding the site at its base path (`siteDir` itself when the base path is empty). */
  indexRoot: string;
  /** Pages (relative to `siteDir`) whose words must be split first; see `unspacedPages.ts`. */
  segment: readonly string[];
  /** How many pages opt in to the index: a different count means pages were lost. */
  expectedPages: number;
  /** BCP 47 language of the site; the index uses its primary subtag. */
  language: string;
}

export interface IndexResult {
  pages: number;
  /** Content hash of the index, used as Pagefind's `metaCacheTag`. */
  cacheTag: string;
}

function check(step: string, result: { errors: string[] }): void {
  if (result.errors.length > 0) throw new BuildError('index', `Pagefind ${step} failed: ${result.errors.join('; ')}`);
}

export async function indexSite(options: IndexOptions): Promise<IndexResult> {
  const { siteDir } = options;
  try {
    const created = await pagefind.createIndex({ forceLanguage: options.language.split('-')[0]?.toLowerCase() ?? 'en' });
    check('createIndex', created);
    const index = created.index;
    if (!index) throw new BuildError('index', 'Pagefind returned no index');
    await addPages(index, options);
    const outputPath = join(siteDir, 'pagefind');
    check('writeFiles', await index.writeFiles({ outputPath }));
    await widenQuerySegmentation(outputPath);
    const entryJson = await readFile(join(outputPath, 'pagefind-entry.json'));
    const entry = JSON.parse(entryJson.toString('utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    if (pages !== options.expectedPages) {
      throw new BuildError('index', `Pagefind indexed ${pages} pages, expected ${options.expectedPages} (question and expert pages)`);
    }
    const cacheTag = createHash('sha256').update(entryJson).digest('hex').slice(0, 16);
    return { pages, cacheTag };
  } finally {
    await pagefind.close();
  }
}

/**
 * Pagefind reads the pages itself (much faster than sending each over its pipe); the folder it
 * is given holds the site under its base path, so the URLs it derives are the site's. Pages with
 * unspaced scripts are rewritten with their words split while it reads them, then put back as
 * they were: readers never see the split.
 */
async function addPages(index: pagefind.PagefindIndex, options: IndexOptions): Promise<void> {
  const originals = new Map<string, string>();
  try {
    for (const page of options.segment) {
      const file = join(options.siteDir, page);
      const html = await readFile(file, 'utf8');
      originals.set(file, html);
      await writeFile(file, segmentUnspaced(html));
    }
    check('addDirectory', await index.addDirectory({ path: options.indexRoot }));
  } finally {
    for (const [file, html] of originals) await writeFile(file, html);
  }
}

/** Pages that configure the search UI and so carry the cache tag. */
const TAGGED_PAGES = ['search/index.html'];

/** Puts the index's cache tag into the pages that configure the search UI. */
export async function stampCacheTag(siteDir: string, cacheTag: string): Promise<void> {
  for (const page of TAGGED_PAGES) {
    const file = join(siteDir, page);
    const html = await readFile(file, 'utf8');
    await writeFile(file, html.replaceAll(META_CACHE_TAG_TOKEN, cacheTag));
  }
}
