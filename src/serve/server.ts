/**
 * A static server for a built site on loopback: what `answerpress serve` and the browser tests
 * use. Unknown paths get the site's own 404 page with status 404, as static hosts do.
 * https://github.com/lukeed/sirv/tree/master/packages/sirv
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

export interface ServeOptions {
  /** The built site. */
  root: string;
  port?: number;
  host?: string;
  /** Extra routes tried before the files, e.g. live reload. Return true when handled. */
  before?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function serveSite(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const files = sirv(options.root, { dev: true, etag: true, dotfiles: false, extensions: ['html'] });
  const server = createServer((req, res) => {
    if (options.before?.(req, res)) return;
    files(req, res, () => {
      readFile(join(options.root, '404.html'))
        .then((body) => {
          res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('Not found');
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
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
