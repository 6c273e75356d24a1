/**
 * Offline support, generated after indexing: the service worker (our own small runtime from
 * `layouts/assets/sw-runtime.js`, with this build's URLs and version prepended), the web app
 * manifest, and the lists the "Make available offline" control reads.
 * https://developer.mozilla.org/docs/Web/API/Service_Worker_API
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteInfo } from '../model/types.js';
import { listFiles } from '../output/listFiles.js';
import { minifiedAsset, type KeptAssets } from '../output/keptAssets.js';
import { replaceFile } from '../output/replaceFile.js';

export interface OfflineOptions {
  siteDir: string;
  /** The site's settings: its base path, name, language and offline budget. */
  site: SiteInfo;
  /** Folders searched for `assets/sw-runtime.js`, first match wins. */
  layoutDirs: readonly string[];
  /** Names this build's caches: a hash of everything the output is made from. */
  version: string;
  /** The file name of Pagefind's script in `pagefind/`, the one the search page loads (see `search/runtime/runtime.ts`). */
  searchScript: string;
  /** Where the minified service worker may be kept between builds (`output/keptAssets.ts`). */
  kept?: KeptAssets;
}

export interface OfflineResult {
  version: string;
  /** Bytes precached on the first visit. */
  precacheBytes: number;
  /** Bytes of every page and search file ("Make available offline"). */
  totalBytes: number;
}

/** Milliseconds a page request waits for the network before the cached copy is shown. */
const NETWORK_TIMEOUT_MS = 3000;

/** `questions/x/index.html` → `/base/questions/x/`. */
function urlOf(base: string, path: string): string {
  return `${base}/${path.endsWith('index.html') ? path.slice(0, -'index.html'.length) : path}`;
}

async function readFirst(dirs: readonly string[], file: string): Promise<string> {
  for (const dir of dirs) {
    try {
      return await readFile(join(dir, file), 'utf8');
    } catch {
      // Try the next folder.
    }
  }
  throw new Error(`${file} not found in ${dirs.join(', ')}`);
}

export async function writeOffline(options: OfflineOptions): Promise<OfflineResult> {
  const { siteDir, site, version, searchScript } = options;
  const base = site.basePath;
  const files = await listFiles(siteDir);
  const size = new Map(files.map((file) => [file.path, file.bytes]));

  // Pagefind's code (the search page runs it without its worker), entry and metadata: a search needs them all.
  const pagefindCore = [`pagefind/${searchScript}`, 'pagefind/pagefind-entry.json'];
  const entry = JSON.parse(await readFile(join(siteDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string; wasm: string | null }> };
  for (const info of Object.values(entry.languages)) {
    pagefindCore.push(`pagefind/pagefind.${info.hash}.pf_meta`, `pagefind/wasm.${info.wasm ?? 'unknown'}.pagefind`);
  }
  // The app shell: the pages a reader needs offline first, and every asset.
  const shell = ['index.html', 'search/index.html', 'offline/index.html', '404.html', 'favicon.svg', ...(site.logo ? [site.logo.url.slice(base.length + 1)] : [])];
  const assetFiles = files.filter((f) => f.path.startsWith('assets/')).map((f) => f.path);
  const core = [...new Set([...shell, ...assetFiles, ...pagefindCore])].filter((p) => size.has(p));

  // Index chunks first, then the vocabulary that corrects typos, then filters, then fragments, while they fit the budget.
  const chunkOrder = ['index', 'vocabulary', 'filter', 'fragment'].map((kind) => new RegExp(`^pagefind/${kind}/`));
  const chunks: string[] = [];
  let budget = site.offlineBudget;
  for (const kind of chunkOrder) {
    for (const file of files) {
      if (!kind.test(file.path)) continue;
      if (file.bytes > budget) {
        budget = -1;
        break;
      }
      budget -= file.bytes;
      chunks.push(file.path);
    }
    if (budget < 0) break;
  }

  const manifest = webManifest(site);
  // Written below, after the file listing.
  const coreUrls = [...core.map((p) => urlOf(base, p)), `${base}/manifest.webmanifest`, `${base}/offline/summary.json`];
  const config = {
    version,
    base,
    core: coreUrls,
    chunks: chunks.map((p) => urlOf(base, p)),
    offlinePage: `${base}/offline/`,
    timeoutMs: NETWORK_TIMEOUT_MS,
  };
  const runtime = await readFirst(options.layoutDirs.map((dir) => join(dir, 'assets')), 'sw-runtime.js');
  await replaceFile(join(siteDir, 'sw.js'), `const CONFIG = ${JSON.stringify(config)};\n${(await minifiedAsset('sw-runtime.js', runtime, options.kept)).toString('utf8')}`);
  await replaceFile(join(siteDir, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);

  // Every page, and all the search data.
  const searchData = /^pagefind\/(index|vocabulary|filter|fragment)\//;
  // The web editor (`admin/`) is no page to read offline.
  const saveAll = files.filter((f) => (f.path.endsWith('.html') && f.path !== '404.html' && !f.path.startsWith('admin/')) || searchData.test(f.path));
  const totalBytes = saveAll.reduce((sum, f) => sum + f.bytes, 0);
  await replaceFile(join(siteDir, 'offline', 'files.json'), JSON.stringify({ version, bytes: totalBytes, files: saveAll.map((f) => [urlOf(base, f.path), f.bytes]) }));
  await replaceFile(join(siteDir, 'offline', 'summary.json'), JSON.stringify({ version, bytes: totalBytes, files: saveAll.length }));
  const precacheBytes = [...core, ...chunks].reduce((sum, p) => sum + (size.get(p) ?? 0), 0);
  return { version, precacheBytes, totalBytes };
}


function webManifest(site: SiteInfo): Record<string, unknown> {
  const base = site.basePath;
  return {
    name: site.title,
    short_name: site.title.length > 12 ? site.title.slice(0, 12).trim() : site.title,
    description: site.description || undefined,
    lang: site.language,
    dir: site.dir,
    start_url: `${base}/`,
    scope: `${base}/`,
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: site.accent?.light ?? '#0b57d0',
    icons: [
      { src: `${base}/favicon.svg`, sizes: 'any', type: 'image/svg+xml' },
      { src: `${base}/assets/icon-192.png`, sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
      { src: `${base}/assets/icon-512.png`, sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
    ],
  };
}
