/**
 * A static server for a built site on loopback: what `answerpress serve` and the browser tests
 * use. Unknown paths get the site's own 404 page with status 404, as static hosts do.
 * https://github.com/lukeed/sirv/tree/master/packages/sirv
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import sirv from 'sirv';
import { UsageError } from '../errors/UsageError.js';

export interface ServeOptions {
  /** The built site. */
  root: string;
  port?: number;
  host?: string;
  /** Extra routes tried before the files, e.g. live reload. Return true when handled. */
  before?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Markup added before `</body>` of every HTML page served (the built files are not changed). */
  inject?: string;
  /** A page to serve instead of the built file, by path in the site (`questions/a/index.html`); see `preview.ts`. */
  overlay?: (file: string) => string | undefined;
  /** The path the site is published under (`/docs`): served there, as its links expect. Default: none. */
  basePath?: string;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function serveSite(options: ServeOptions): Promise<RunningServer> {
  options = { ...options, root: resolve(options.root) };
  const host = options.host ?? '127.0.0.1';
  const files = sirv(options.root, { dev: true, etag: true, dotfiles: false, extensions: ['html'] });
  const basePath = options.basePath ?? '';
  const server = createServer((req, res) => {
    if (options.before?.(req, res)) return;
    if (basePath) {
      const url = req.url ?? '/';
      if (url === '/' || url === basePath) {
        res.writeHead(302, { location: `${basePath}/` }).end();
        return;
      }
      if (!url.startsWith(`${basePath}/`)) return notFound(res);
      req.url = url.slice(basePath.length);
    }
    if (options.inject && req.method === 'GET' && /(\/|\.html)$/.test((req.url ?? '/').split('?')[0] ?? '')) {
      let path: string;
      try {
        path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
      } catch {
        return void res.writeHead(400).end();
      }
      const file = join(options.root, path.endsWith('/') ? `${path}index.html` : path);
      const inside = relative(options.root, file);
      if (inside.startsWith('..') || isAbsolute(inside)) return void res.writeHead(400).end();
      const shown = options.overlay?.(inside.split(sep).join('/'));
      (shown === undefined ? readFile(file, 'utf8') : Promise.resolve(shown))
        .then((html) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(injectBeforeBodyEnd(html, options.inject ?? ''));
        })
        .catch(() => notFound(res));
      return;
    }
    files(req, res, () => notFound(res));
  });
  function notFound(res: ServerResponse): void {
    readFile(join(options.root, '404.html'), 'utf8')
      .then((body) => {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(options.inject ? injectBeforeBodyEnd(body, options.inject) : body);
      })
      .catch(() => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Not found');
      });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, options.port, host)));
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Throws the error `serveSite` would if `port` is taken on `host`; port 0 (any) never is. */
export async function assertPortFree(port: number | undefined, host = '127.0.0.1'): Promise<void> {
  if (!port) return;
  const probe = createNetServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(error, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** A taken port is the user's to change: said so, with the option that changes it. */
function listenError(error: Error & { code?: string }, port: number | undefined, host: string): Error {
  if (error.code === 'EADDRINUSE') return new UsageError(`port ${port} on ${host} is taken by another server: stop that one, or choose another port with --port ${(port ?? 8080) + 1}`);
  if (error.code === 'EACCES') return new UsageError(`port ${port} on ${host} needs privileges this user does not have: choose a port above 1023 with --port 8080`);
  return error;
}

/** Before the last `</body>`: the page's own, not one quoted inside it. */
function injectBeforeBodyEnd(html: string, markup: string): string {
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + markup : `${html.slice(0, at)}${markup}${html.slice(at)}`;
}
