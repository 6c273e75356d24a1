// Offline reading, as progressive enhancement: registers the service worker, offers updates,
// saves the whole site on request and lists what is saved. Without it every page still works.
const config = JSON.parse(document.getElementById('ap-config')?.textContent ?? '{}');
const base = config.base ?? '';
const labels = config.labels ?? {};
const PREFIX = 'answerpress-';

function formatBytes(bytes) {
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function notice(message, action, onAction) {
  const box = document.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = message;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = action;
  button.addEventListener('click', onAction);
  box.append(text, button);
  document.body.append(box);
}

async function register() {
  const registration = await navigator.serviceWorker.register(`${base}/sw.js`, { scope: `${base}/` });
  let accepted = false;
  const offer = (worker) => {
    notice(labels.updateAvailable, labels.reload, () => {
      accepted = true;
      worker.postMessage({ type: 'SKIP_WAITING' });
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
  });
}

async function cachedUrls(kind) {
  const urls = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(`${PREFIX}${kind}-`)) continue;
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
      const have = new Set([...(await cachedUrls('pages')), ...(await cachedUrls('precache')), ...(await cachedUrls('runtime'))]);
      const pages = await caches.open(`${PREFIX}pages-${files.version}`);
      const runtime = await caches.open(`${PREFIX}runtime-${files.version}`);
      let done = 0;
      progress.max = files.bytes;
      for (const [path, bytes] of files.files) {
        const url = new URL(path, location.origin).href;
        if (!have.has(url)) {
          const response = await fetch(url, { signal });
          if (!response.ok) throw new Error(`${response.status} ${path}`);
          await (path.endsWith('/') || path.endsWith('.html') ? pages : runtime).put(url, response);
        }
        done += bytes;
        progress.value = done;
        status.textContent = `${formatBytes(done)} / ${formatBytes(files.bytes)}`;
      }
      status.textContent = labels.savedAll;
      cancel.hidden = true;
    } catch (error) {
      cancel.hidden = true;
      button.hidden = false;
      if (signal.aborted) {
        status.textContent = labels.saveCancelled;
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
async function listSaved(list) {
  const items = [];
  for (const url of [...(await cachedUrls('pages'))].sort()) {
    const response = await caches.match(url);
    const html = response ? await response.text() : '';
    const title = new DOMParser().parseFromString(html, 'text/html').title || url;
    items.push([url, title]);
  }
  for (const [url, title] of items) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = url;
    link.textContent = title;
    item.append(link);
    list.append(item);
  }
  list.closest('[hidden]')?.removeAttribute('hidden');
}

if ('serviceWorker' in navigator && 'caches' in window) {
  register().catch(() => {});
  const section = document.querySelector('.save-offline');
  if (section) saveControl(section).catch(() => {});
  const saved = document.getElementById('saved-pages');
  if (saved) listSaved(saved).catch(() => {});
}
