/**
 * Indexes the rendered site with Pagefind's Node API, inside the build and before the swap.
 * Pages opt in with `data-pagefind-body` (questions and expert profiles); listings, navigation
 * and the disclaimer are never indexed.
 * https://pagefind.app/docs/node-api/
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
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

function urlOf(siteDir: string, file: string, basePath: string): string {
  const path = relative(siteDir, file).split(sep).join('/');
  return `${basePath}/${path.endsWith('index.html') ? path.slice(0, -'index.html'.length) : path}`;
}

export async function indexSite(options: IndexOptions): Promise<IndexResult> {
  const { siteDir, basePath } = options;
  const created = await pagefind.createIndex({ forceLanguage: options.language.split('-')[0]?.toLowerCase() ?? 'en' });
  check('createIndex', created);
  const index = created.index;
  if (!index) throw new BuildError('index', 'Pagefind returned no index');
  let pages = 0;
  try {
    // Requests are sent in sorted order (the index depends on the order pages arrive) and
    // several are kept in flight, since each is a round trip to Pagefind's process.
    const inFlight: Promise<void>[] = [];
    for (const file of await htmlFiles(siteDir)) {
      let content = await readFile(file, 'utf8');
      if (!content.includes('data-pagefind-body')) continue;
      if (hasUnspacedScript(content)) content = segmentUnspaced(content);
      const name = relative(siteDir, file);
      inFlight.push(index.addHTMLFile({ url: urlOf(siteDir, file, basePath), content }).then((result) => check(`addHTMLFile(${name})`, result)));
      pages += 1;
      if (inFlight.length >= 16) await inFlight.shift();
    }
    await Promise.all(inFlight);
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
