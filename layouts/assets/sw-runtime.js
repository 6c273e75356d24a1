// answerpress service worker. The build prepends `const CONFIG = {...}` (version, URLs).
// Pages: network first with a short timeout, then the cache, then the site's offline page.
// Search (Pagefind) and assets: cache first; what is fetched later is kept.
// Caches are versioned by a hash of the whole output; a new version waits until the reader
// accepts the update, so an open page never mixes old HTML with a new search index.
/* global CONFIG */
const PREFIX = 'answerpress-';
const PRECACHE = `${PREFIX}precache-${CONFIG.version}`;
const PAGES = `${PREFIX}pages-${CONFIG.version}`;
const RUNTIME = `${PREFIX}runtime-${CONFIG.version}`;
const MIGRATE_LIMIT = 500;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PRECACHE);
      await cache.addAll(CONFIG.core);
      // Search chunks within the budget: best effort, one by one, so one failure costs one chunk.
      for (const url of CONFIG.chunks) {
        try {
          await cache.add(url);
        } catch {
          // Fetched on demand later.
        }
      }
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = names.filter((name) => name.startsWith(PREFIX) && !name.endsWith(`-${CONFIG.version}`));
      // Pages read under the previous version stay readable: fetch them again from this build.
      const pages = await caches.open(PAGES);
      let migrated = 0;
      for (const name of old.filter((n) => n.startsWith(`${PREFIX}pages-`))) {
        const previous = await caches.open(name);
        for (const request of await previous.keys()) {
          if (migrated++ >= MIGRATE_LIMIT) break;
          try {
            const response = await fetch(request.url, { cache: 'no-cache' });
            if (response.ok) await pages.put(request.url, response);
          } catch {
            // Offline during the update: the page is fetched again when next visited.
          }
        }
      }
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
      // The page that installed us was loaded before we controlled it: keep it too.
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        if (new URL(client.url).origin !== location.origin) continue;
        if (await pages.match(client.url, { ignoreSearch: true })) continue;
        try {
          const response = await fetch(client.url);
          if (response.ok) await pages.put(stripSearch(client.url), response);
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
  } else if (url.pathname.startsWith(`${CONFIG.base}/pagefind/`) || url.pathname.startsWith(`${CONFIG.base}/assets/`) || CONFIG.core.includes(url.pathname)) {
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
  if (response.ok) {
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
    if (response.ok && response.type === 'basic' && !response.redirected) {
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
