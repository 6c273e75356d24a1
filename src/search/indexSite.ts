/**
 * Indexes the rendered site with Pagefind's Node API, inside the build and before the swap.
 * Pages opt in with `data-pagefind-body` (questions and expert profiles); listings, navigation
 * and the disclaimer are never indexed.
 * https://pagefind.app/docs/node-api/
 */
import { createHash } from 'node:crypto';
import { link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import * as pagefind from 'pagefind';
import { BuildError } from '../errors/BuildError.js';
import { widenQuerySegmentation } from './querySegmentation.js';
import { hasUnspacedScript, segmentUnspaced } from './segment.js';

/** Written into the search page by the templates, replaced by the index's content hash. */
export const META_CACHE_TAG_TOKEN = '__ANSWERPRESS_META_CACHE_TAG__';

export interface IndexOptions {
  /** The built site. The bundle is written to `pagefind/` inside it. */
  siteDir: string;
  /** The site's base path (`''` or `/docs`), prefixed to every indexed URL. */
  basePath: string;
  /** BCP 47 language of the site; the index uses its primary subtag. */
  language: string;
  /** A scratch folder of the build's own, on the same file system as `siteDir`. */
  scratchDir: string;
}

export interface IndexResult {
  pages: number;
  /** Content hash of the index, used as Pagefind's `metaCacheTag`. */
  cacheTag: string;
}

function check(step: string, result: { errors: string[] }): void {
  if (result.errors.length > 0) throw new BuildError('index', `Pagefind ${step} failed: ${result.errors.join('; ')}`);
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}


export async function indexSite(options: IndexOptions): Promise<IndexResult> {
  const { siteDir, basePath, scratchDir } = options;
  const pages = await stageIndexablePages(siteDir, join(scratchDir, 'index-input', ...basePath.split('/').filter(Boolean)));
  const created = await pagefind.createIndex({ forceLanguage: options.language.split('-')[0]?.toLowerCase() ?? 'en' });
  check('createIndex', created);
  const index = created.index;
  if (!index) throw new BuildError('index', 'Pagefind returned no index');
  try {
    // Pagefind reads the pages itself (much faster than sending each over its pipe); the folder
    // mirrors the site's base path so the URLs it derives are the site's.
    const added = await index.addDirectory({ path: join(scratchDir, 'index-input') });
    check('addDirectory', added);
    if (added.page_count !== pages) {
      throw new BuildError('index', `Pagefind read ${added.page_count} pages of the ${pages} prepared for it`);
    }
    const outputPath = join(siteDir, 'pagefind');
    check('writeFiles', await index.writeFiles({ outputPath }));
    await widenQuerySegmentation(outputPath);
    const cacheTag = createHash('sha256')
      .update(await readFile(join(outputPath, 'pagefind-entry.json')))
      .digest('hex')
      .slice(0, 16);
    return { pages, cacheTag };
  } finally {
    await pagefind.close();
  }
}

/**
 * The pages to index, in a folder of their own: hard links to the site's files (no copying),
 * except pages with unspaced scripts, written there with their words split (see segment.ts).
 * Only pages that opt in with `data-pagefind-body` are staged.
 * @returns how many pages were staged.
 */
async function stageIndexablePages(siteDir: string, stageDir: string): Promise<number> {
  let pages = 0;
  for (const file of await htmlFiles(siteDir)) {
    const html = await readFile(file, 'utf8');
    if (!html.includes('data-pagefind-body')) continue;
    const target = join(stageDir, relative(siteDir, file));
    await mkdir(dirname(target), { recursive: true });
    if (hasUnspacedScript(html)) await writeFile(target, segmentUnspaced(html));
    else await link(file, target);
    pages += 1;
  }
  return pages;
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
