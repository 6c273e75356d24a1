/**
 * Live reload for `answerpress serve`: a server-sent event stream the open pages listen to, a
 * small client that reloads on a new build and shows data errors over the page, and a service
 * worker that removes itself, so cached pages never hide an edit while writing.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const PREFIX = '/__answerpress';

export type LiveEvent = { type: 'reload' } | { type: 'errors'; lines: string[] } | { type: 'building' };

/**
 * The error overlay's own colours, which meet WCAG 2.2 AA contrast in the light and the dark
 * scheme (tests/browser/serve.test.ts checks both with axe).
 * https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum.html
 */
const OVERLAY_CSS = [
  ':host{all:initial}',
  'div{position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;background:#fff;color:#1a1a1a;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace}',
  'h2{font:600 16px system-ui,sans-serif;margin:0 0 1rem;color:#a4160c}',
  'pre{margin:0;white-space:pre-wrap;background:none;color:inherit;font:inherit;padding:0}',
  '@media (prefers-color-scheme:dark){div{background:#141418;color:#f4f4f4}h2{color:#ffb4a8}}',
].join('');

const CLIENT = `(() => {
  const events = new EventSource('${PREFIX}/events');
  let box;
  const clear = () => { box?.remove(); box = undefined; };
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('errors', (event) => {
    clear();
    const { lines } = JSON.parse(event.data);
    // In a shadow root, so the site's stylesheet cannot restyle it; its own colours meet WCAG AA
    // contrast in the light and the dark scheme.
    box = document.createElement('answerpress-errors');
    const root = box.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = ${JSON.stringify(OVERLAY_CSS)};
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-labelledby', 'title');
    const heading = document.createElement('h2');
    heading.id = 'title';
    heading.textContent = 'answerpress: the last good site is still served. Fix these and save:';
    const list = document.createElement('pre');
    list.textContent = lines.join('\\n');
    dialog.append(heading, list);
    root.append(style, dialog);
    document.body.append(box);
  });
})();
`;

/** Serves a worker that unregisters itself: no offline caching while editing. */
const SELF_REMOVING_WORKER = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('answerpress')) await caches.delete(name);
    await self.registration.unregister();
  })());
});
`;

export class LiveReload {
  readonly #clients = new Set<ServerResponse>();
  #last: LiveEvent | null = null;

  /** Handles the live-reload routes; true when the request was one of them. */
  handle(req: IncomingMessage, res: ServerResponse, basePath: string): boolean {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === `${PREFIX}/events`) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      if (this.#last?.type === 'errors') res.write(format(this.#last));
      this.#clients.add(res);
      req.on('close', () => this.#clients.delete(res));
      return true;
    }
    if (path === `${PREFIX}/client.js`) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(CLIENT);
      return true;
    }
    if (path === `${basePath}/sw.js`) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(SELF_REMOVING_WORKER);
      return true;
    }
    return false;
  }

  send(event: LiveEvent): void {
    this.#last = event;
    for (const client of this.#clients) client.write(format(event));
  }

  close(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }
}

function format(event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The tag added to HTML pages served while editing (never to the built files). */
export const CLIENT_TAG = `<script src="${PREFIX}/client.js"></script>`;
