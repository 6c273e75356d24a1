/**
 * Live reload for `answerpress serve`: a server-sent event stream the open pages listen to, a
 * small client that reloads on a new build and shows data errors over the page, and a service
 * worker that removes itself, so cached pages never hide an edit while writing.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const PREFIX = '/__answerpress';

export type LiveEvent = { type: 'reload' } | { type: 'errors'; lines: string[] } | { type: 'building' };

const CLIENT = `(() => {
  const events = new EventSource('${PREFIX}/events');
  let box;
  const clear = () => { box?.remove(); box = undefined; };
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('errors', (event) => {
    clear();
    const { lines } = JSON.parse(event.data);
    box = document.createElement('div');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-label', 'The data has errors');
    box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;background:rgba(20,20,24,.96);color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap';
    const heading = document.createElement('h2');
    heading.textContent = 'answerpress: the last good site is still served. Fix these and save:';
    heading.style.cssText = 'font:600 16px system-ui,sans-serif;margin:0 0 1rem;color:#ffb4a8';
    const list = document.createElement('pre');
    list.textContent = lines.join('\\n');
    list.style.margin = '0';
    box.append(heading, list);
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
