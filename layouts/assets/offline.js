// Offline reading, as progressive enhancement: registers the service worker, offers updates,
// saves the whole site on request and lists what is saved. Without it every page still works.
const config = JSON.parse(document.getElementById('ap-config')?.textContent ?? '{}');
const base = config.base ?? '';
const labels = config.labels ?? {};
// The service worker's cache names: one site's apart from another's on the same origin.
const PREFIX = `answerpress${base.replace(/[^a-z0-9]+/gi, '_')}-`;

/** "2.4 MB" in the page's language ("2,4 Mo" in French). */
function formatBytes(bytes) {
  const lang = document.documentElement.lang || undefined;
  if (bytes < 1e6) return new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1e3)));
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1e6);
}

function notice(message, action, onAction) {
  document.querySelector('.notice')?.remove();
  const box = document.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'status');
  const text = document.createElement('span');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = action;
  button.addEventListener('click', onAction);
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', labels.dismiss);
  close.addEventListener('click', () => box.remove());
  box.append(text, button, close);
  document.body.append(box);
  // Filled after insertion, so screen readers announce it.
  requestAnimationFrame(() => {
    text.textContent = message;
  });
}

/** How long the search page's first results may take before the worker registers anyway. */
const SEARCH_WAIT_MS = 10_000;

/** How long the page must go without typing, once settled, before the worker registers. */
const QUIET_MS = 3000;

/**
 * Resolves once the page has loaded and, on the search page, its first results are shown
 * (search.js marks its form), and then nothing has been typed for `QUIET_MS`: the worker's
 * precache, a couple of megabytes, then never competes with what the reader is waiting for on
 * a slow connection, neither a first search nor the ones typed after it.
 * https://web.dev/articles/service-workers-registration
 */
function whenSettled() {
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  const form = document.querySelector('form[data-search]');
  const searched =
    !form || 'settled' in form.dataset
      ? Promise.resolve()
      : Promise.race([new Promise((resolve) => form.addEventListener('answerpress:settled', resolve, { once: true })), new Promise((resolve) => setTimeout(resolve, SEARCH_WAIT_MS))]);
  return Promise.all([loaded, searched]).then(quiet);
}

/** Resolves after `QUIET_MS` with no input anywhere on the page, waiting again after each. */
function quiet() {
  return new Promise((resolve) => {
    let timer;
    const done = () => {
      removeEventListener('input', restart, true);
      resolve();
    };
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(done, QUIET_MS);
    };
    addEventListener('input', restart, true);
    restart();
  });
}

async function register() {
  const registration = await navigator.serviceWorker.register(`${base}/sw.js`, { scope: `${base}/` });
  const hadController = Boolean(navigator.serviceWorker.controller);
  let accepted = false;
  const offer = (worker) => {
    notice(labels.updateAvailable, labels.reload, () => {
      accepted = true;
      // Accepted in another tab meanwhile: this page only needs to reload.
      if (worker.state === 'activated' || worker.state === 'redundant') location.reload();
      else worker.postMessage({ type: 'SKIP_WAITING' });
    });
  };
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
    // Updated from another tab: this page was built for the previous version.
    else if (hadController) notice(labels.updateAvailable, labels.reload, () => location.reload());
  });
}

async function cachedUrls(kind, version) {
  const urls = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}${kind}-`)) continue;
    if (version && !name.endsWith(`-${version}`)) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.add(request.url);
  }
  return urls;
}

/** "Make available offline": every page and search file, with the size up front. */
async function saveControl(section) {
  const button = section.querySelector('[data-save]');
  const cancel = section.querySelector('[data-cancel]');
  const progress = section.querySelector('progress');
  const status = section.querySelector('[data-status]');
  const summary = await fetch(`${base}/offline/summary.json`).then((r) => r.json());
  button.textContent = `${labels.makeOffline} (${formatBytes(summary.bytes)})`;
  section.hidden = false;
  let controller = null;
  let busy = false;
  let retry;

  const resume = () => {
    window.removeEventListener('online', resume);
    run();
  };

  async function run() {
    clearTimeout(retry);
    if (busy) return;
    busy = true;
    controller = new AbortController();
    const { signal } = controller;
    button.hidden = true;
    cancel.hidden = false;
    progress.hidden = false;
    try {
      await navigator.storage?.persist?.();
      const files = await fetch(`${base}/offline/files.json`, { signal }).then((r) => r.json());
      const estimate = await navigator.storage?.estimate?.();
      if (estimate?.quota && estimate.quota - (estimate.usage ?? 0) < files.bytes) throw new RangeError('quota');
      // Only this version's caches count: older ones are replaced at the next update.
      const have = new Set([
        ...(await cachedUrls('pages', files.version)),
        ...(await cachedUrls('precache', files.version)),
        ...(await cachedUrls('runtime', files.version)),
      ]);
      const pages = await caches.open(`${PREFIX}pages-${files.version}`);
      const runtime = await caches.open(`${PREFIX}runtime-${files.version}`);
      let done = 0;
      let announced = 0;
      progress.max = files.bytes;
      const queue = [...files.files];
      const worker = async () => {
        while (queue.length > 0) {
          const [path, bytes] = queue.shift();
          const url = new URL(path, location.origin).href;
          if (!have.has(url)) {
            const response = await fetch(url, { signal, cache: 'reload' });
            if (!response.ok || response.redirected) throw new Error(`${response.status} ${path}`);
            await (path.endsWith('/') || path.endsWith('.html') ? pages : runtime).put(url, response);
          }
          done += bytes;
          progress.value = done;
          // Announced every tenth of the way, not for each of thousands of files.
          if (done - announced >= files.bytes / 10) {
            announced = done;
            status.textContent = `${formatBytes(done)} / ${formatBytes(files.bytes)}`;
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, worker));
      status.textContent = labels.savedAll;
      cancel.hidden = true;
    } catch (error) {
      cancel.hidden = true;
      button.hidden = false;
      if (signal.aborted) {
        status.textContent = labels.saveCancelled;
      } else if (error instanceof RangeError || error?.name === 'QuotaExceededError') {
        status.textContent = labels.saveNoSpace;
      } else if (!(error instanceof TypeError)) {
        // The server answered, but not with the file: most often a new build was published.
        status.textContent = labels.saveFailed;
      } else {
        // Lost connection: resume where it stopped when the browser says we are back online,
        // or at the next try (not every network change fires an event).
        status.textContent = labels.savePaused;
        retry = setTimeout(resume, 5000);
        window.addEventListener('online', resume);
      }
    } finally {
      busy = false;
    }
  }
  button.addEventListener('click', run);
  cancel.addEventListener('click', () => {
    clearTimeout(retry);
    window.removeEventListener('online', resume);
    controller?.abort();
  });
}

/** On the offline page: what this device can show without a connection. */
/** Pages listed on the offline page: each title is read from the saved page itself. */
const LIST_LIMIT = 200;

async function listSaved(list) {
  // Cache keys come oldest first: list the most recently saved pages.
  const urls = [...(await cachedUrls('pages'))].slice(-LIST_LIMIT).reverse();
  const titleOf = (html) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const decode = (text) => new DOMParser().parseFromString(`<p>${text}</p>`, 'text/html').body.textContent ?? text;
  for (const url of urls) {
    const response = await caches.match(url);
    const title = response ? decode(titleOf(await response.text())) : '';
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = url;
    link.textContent = title || url;
    item.append(link);
    list.append(item);
  }
  if (urls.length > 0) list.closest('[hidden]')?.removeAttribute('hidden');
}

/**
 * The offline page is shown for any page not saved when it could not be fetched, which may be a
 * passing failure: the page says whether the device is offline now, and follows it.
 * https://html.spec.whatwg.org/multipage/system-state.html#navigator.online
 */
function showConnection(line) {
  const update = () => {
    line.textContent = navigator.onLine ? line.dataset.online : line.dataset.offline;
  };
  update();
  addEventListener('online', update);
  addEventListener('offline', update);
}

const connection = document.getElementById('connection');
if (connection) showConnection(connection);

if ('serviceWorker' in navigator && 'caches' in window) {
  whenSettled()
    .then(register)
    .catch(() => {});
  const section = document.querySelector('.save-offline');
  if (section) saveControl(section).catch(() => {});
  const saved = document.getElementById('saved-pages');
  if (saved) listSaved(saved).catch(() => {});
}
