// answerpress service worker. The build prepends `const CONFIG = {...}` (version, URLs).
// Pages: network first with a short timeout, then the cache, then the site's offline page.
// Search (Pagefind), assets and images: cache first; what is fetched later is kept.
// Caches are versioned by a fingerprint of everything the output is made from; a new version
// prepares while it waits, and takes over once the reader accepts the update.
/* global CONFIG */
// One site's caches apart from another's on the same origin (project sites under one host).
const PREFIX = `answerpress${CONFIG.base.replace(/[^a-z0-9]+/gi, '_')}-`;
const PRECACHE = `${PREFIX}precache-${CONFIG.version}`;
const PAGES = `${PREFIX}pages-${CONFIG.version}`;
const RUNTIME = `${PREFIX}runtime-${CONFIG.version}`;
/** Pages read under the previous version that are fetched again from the new build. */
const MIGRATE_LIMIT = 500;
const PARALLEL = 6;

/** Straight from the server: an HTTP-cached copy could belong to the previous build. */
const fresh = (url) => new Request(url, { cache: 'reload' });

/** Only complete, same-origin, unredirected answers are kept (browsers refuse to navigate to a cached redirect). */
const keepable = (response) => response.ok && response.type === 'basic' && !response.redirected;

async function inParallel(items, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PRECACHE);
      await cache.addAll(CONFIG.core.map(fresh));
      // Search chunks within the budget: best effort, so one failure costs one chunk.
      await inParallel(CONFIG.chunks, async (url) => {
        try {
          const response = await fetch(fresh(url));
          if (keepable(response)) await cache.put(url, response);
        } catch {
          // Fetched on demand later.
        }
      });
      await carryOver();
    })(),
  );
});

/**
 * While this version waits, bring over what the reader had under the previous one. Search
 * files have content-hashed names: those still in this build are copied as they are. Pages are
 * fetched again from this build, the most recent first, up to a limit.
 */
async function carryOver() {
  const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && !name.endsWith(`-${CONFIG.version}`));
  if (old.length === 0) return;
  let current = new Set();
  try {
    const list = await (await fetch(fresh(`${CONFIG.base}/offline/files.json`))).json();
    current = new Set(list.files.map(([path]) => new URL(path, location.origin).href));
  } catch {
    return;
  }
  const runtime = await caches.open(RUNTIME);
  const pages = await caches.open(PAGES);
  const toFetch = [];
  for (const name of old) {
    const previous = await caches.open(name);
    for (const request of await previous.keys()) {
      if (!current.has(request.url)) continue;
      if (new URL(request.url).pathname.startsWith(`${CONFIG.base}/pagefind/`)) {
        const response = await previous.match(request);
        if (response) await runtime.put(request, response);
      } else if (name.startsWith(`${PREFIX}pages-`)) {
        toFetch.push(request.url);
      }
    }
  }
  await inParallel(toFetch.reverse().slice(0, MIGRATE_LIMIT), async (url) => {
    try {
      const response = await fetch(fresh(url));
      if (keepable(response)) await pages.put(url, response);
    } catch {
      // Fetched again when next visited.
    }
  });
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && !name.endsWith(`-${CONFIG.version}`));
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
      // The page that installed us was loaded before we controlled it: keep it too.
      const pages = await caches.open(PAGES);
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        if (new URL(client.url).origin !== location.origin) continue;
        if (await pages.match(client.url, { ignoreSearch: true })) continue;
        try {
          const response = await fetch(fresh(client.url));
          if (keepable(response)) await pages.put(stripSearch(client.url), response);
        } catch {
          // Not reachable now; kept on the next visit.
        }
      }
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin || url.pathname === `${CONFIG.base}/sw.js`) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith(`${CONFIG.base}/pagefind/`) && url.pathname.endsWith('/pagefind-entry.json')) {
    // An entry (one per shard) names the index files: online it always comes from the server, so
    // a page never pairs with another build's index; offline, the saved one.
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith(`${CONFIG.base}/pagefind/`) || url.pathname.startsWith(`${CONFIG.base}/assets/`) || url.pathname.startsWith(`${CONFIG.base}/img/`) || CONFIG.core.includes(url.pathname)) {
    // Images, like assets, are named by their content: a cached one is never out of date.
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

function stripSearch(href) {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  return url.href;
}

async function fromCache(request) {
  return caches.match(request, { ignoreSearch: true });
}

async function cacheFirst(request) {
  const cached = await fromCache(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (keepable(response)) {
    const cache = await caches.open(RUNTIME);
    await cache.put(stripSearch(request.url), response.clone());
  }
  return response;
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await fromCache(request);
    if (cached) return cached;
    throw error;
  }
}

async function page(event, url) {
  const network = fetch(event.request).then(async (response) => {
    if (keepable(response)) {
      const cache = await caches.open(PAGES);
      await cache.put(stripSearch(url.href), response.clone());
    }
    return response;
  });
  event.waitUntil(network.catch(() => undefined));
  const timeout = new Promise((resolve) => setTimeout(resolve, CONFIG.timeoutMs, 'timeout'));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return first;
    const cached = await fromCache(stripSearch(url.href));
    return cached ?? (await network);
  } catch {
    const cached = await fromCache(stripSearch(url.href));
    if (cached) return cached;
    return (await caches.match(CONFIG.offlinePage)) ?? new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain' } });
  }
}
