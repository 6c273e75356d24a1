// The cold search payload: what a first visit to /search/?q=<word> downloads until five results
// are on screen. The built site is served with gzip as a typical host would (text compressed on
// the fly; Pagefind's index files and wasm are compressed already and go out as they are), and
// headless Chromium loads the page with an empty cache and no service worker.
//   node bench/search-payload.js --site DIR [--query WORD]     prints one JSON line
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { CborReader } from '../dist/search/format/cbor.js';
import { decodeFile } from '../dist/search/format/pagefindFormat.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.webmanifest', '.xml', '.txt', '.svg']);

/**
 * A static server for `root` with on-the-fly gzip for text. Resolves to { url, close, log }:
 * `log` has one entry per response with the body bytes that actually went out.
 */
export function serveGzip(root) {
  const base = resolve(root);
  const log = [];
  const server = createServer(async (req, res) => {
    const entry = { path: req.url ?? '/', status: 0, bytes: 0 };
    log.push(entry);
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const count = (chunk) => {
      if (chunk && typeof chunk !== 'function') entry.bytes += Buffer.byteLength(chunk);
    };
    res.write = (chunk, ...rest) => {
      count(chunk);
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      count(chunk);
      entry.status = res.statusCode;
      return end(chunk, ...rest);
    };
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, pathname));
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const ext = extname(file);
      const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      if (gzip) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        createReadStream(file).pipe(createGzip()).pipe(res);
      } else {
        res.writeHead(200, { ...headers, 'content-length': info.size });
        createReadStream(file).pipe(res);
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolveServer({
        url: `http://127.0.0.1:${port}`,
        log,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Loads /search/?q=`query` cold and sums what came over the wire until `results` results are
 * shown and the network is quiet.
 * `bodyBytes` is counted by the server (what it wrote after compression); `headerBytes` and the
 * per-file sizes come from the browser.
 * @returns {Promise<{ query, results, requests, bodyBytes, headerBytes, totalBytes, byKind, files }>}
 */
export async function measureSearchPayload({ siteDir, query, results = 5, timeoutMs = 90_000 }) {
  const { chromium } = await import('playwright-core');
  const server = await serveGzip(siteDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const finished = [];
    let inflight = 0;
    let lastActivity = performance.now();
    page.on('request', () => {
      inflight += 1;
      lastActivity = performance.now();
    });
    page.on('requestfailed', () => {
      inflight -= 1;
      lastActivity = performance.now();
    });
    page.on('requestfinished', (request) => {
      finished.push(
        request.sizes().then((sizes) => ({ url: request.url(), ...sizes })).finally(() => {
          inflight -= 1;
          lastActivity = performance.now();
        }),
      );
    });
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`, { timeout: timeoutMs });
    await page.locator('#search-results > li').nth(results - 1).waitFor({ timeout: timeoutMs });
    // Let anything already started (sub-result fragments, images) finish.
    const deadline = performance.now() + 10_000;
    while ((inflight > 0 || performance.now() - lastActivity < 500) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const shown = await page.locator('#search-results > li').count();
    const rows = await Promise.all(finished);
    await context.close();
    const headerBytes = rows.reduce((sum, row) => sum + row.responseHeadersSize, 0);
    const byKind = {};
    let bodyBytes = 0;
    for (const { path, bytes } of server.log) {
      const name = new URL(path, 'http://x').pathname;
      const kind = !name.includes('/pagefind/') ? 'page and assets' : name.endsWith('.pagefind') ? 'pagefind wasm' : /\.pf_\w+$/.test(name) ? `pagefind ${name.match(/pf_\w+$/)[0]}` : 'pagefind scripts';
      byKind[kind] = (byKind[kind] ?? 0) + bytes;
      bodyBytes += bytes;
    }
    return {
      query,
      results: shown,
      requests: server.log.length,
      bodyBytes,
      headerBytes,
      totalBytes: bodyBytes + headerBytes,
      byKind,
      files: server.log.map(({ path, status, bytes }) => [path, status, bytes]),
    };
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
}

/** The folder of a built site's index chunks (`index_folder` in the entry file). */
async function chunkDir(siteDir) {
  const entry = JSON.parse(await readFile(join(siteDir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
  return join(siteDir, 'pagefind', 'index', entry.index_folder ?? '');
}

/**
 * Each word of an index chunk with the number of pages it is on, in order. Chunks are
 * [[[word, [posting…], [variant…]]…]] (Pagefind 1.6).
 */
async function* chunkWords(file) {
  const reader = new CborReader(await decodeFile(await readFile(file), file));
  reader.array();
  for (let n = reader.array(); n > 0; n -= 1) {
    reader.array();
    const word = reader.text();
    const pages = reader.array();
    for (let i = 0; i < pages; i += 1) reader.skip();
    reader.skip();
    yield { word, pages };
  }
}

/**
 * A word of a typical one-word search: the first in the index chunk of median size that is on
 * at least `pages` pages, so that the search shows that many results.
 */
export async function medianChunkWord(siteDir, pages = 5) {
  const dir = await chunkDir(siteDir);
  const sized = await Promise.all((await readdir(dir)).map(async (name) => ({ name, bytes: (await stat(join(dir, name))).size })));
  sized.sort((a, b) => a.bytes - b.bytes || (a.name < b.name ? -1 : 1));
  const { name } = sized[Math.floor(sized.length / 2)];
  for await (const found of chunkWords(join(dir, name))) if (found.pages >= pages) return found.word;
  throw new Error(`no word on ${pages} pages in ${name}`);
}

/** The word on the most pages: the costliest one-word search. */
export async function mostFrequentWord(siteDir) {
  const dir = await chunkDir(siteDir);
  let best = { word: '', pages: -1 };
  for (const name of (await readdir(dir)).sort()) {
    for await (const found of chunkWords(join(dir, name))) if (found.pages > best.pages) best = found;
  }
  return best.word;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { site: { type: 'string' }, query: { type: 'string' } } });
  if (!values.site) {
    console.error('usage: node bench/search-payload.js --site DIR [--query WORD]   (default: a word from the median-sized index chunk)');
    process.exit(2);
  }
  const query = values.query ?? (await medianChunkWord(values.site));
  console.log(JSON.stringify(await measureSearchPayload({ siteDir: values.site, query })));
}

/** `word` with its middle letter left out: a typo the search page must correct. */
export function misspelled(word) {
  const at = Math.floor(word.length / 2);
  return word.slice(0, at) + word.slice(at + 1);
}

/**
 * A natural question over the site's words: "how does" and six words of the first question
 * page's title, as a reader who half-remembers a page would type them.
 */
export async function naturalQuestion(siteDir) {
  const folder = join(siteDir, 'questions');
  // Question pages' folders are named by slug; `page/` holds the listing's later pages.
  const first = (await readdir(folder)).filter((name) => name !== 'page' && !name.includes('.')).sort()[0];
  const html = await readFile(join(folder, first, 'index.html'), 'utf8');
  const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
  const words = title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return ['how', 'does', ...words.slice(1, 7)].join(' ');
}
