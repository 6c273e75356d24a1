import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningServer } from '../../src/serve/server.js';
import { buildSite, cleanup, fixturesDir } from '../helpers/site.js';

describe('the static server', () => {
  let built: Awaited<ReturnType<typeof buildSite>>;
  let server: RunningServer;
  beforeAll(async () => {
    built = await buildSite(join(fixturesDir, 'intl'));
    // A sibling folder whose name starts like the output's: must stay out of reach.
    await mkdir(`${built.outDir}-secret`, { recursive: true });
    await writeFile(`${built.outDir}-secret/x.html`, 'secret');
    server = await serveSite({ root: built.outDir, basePath: built.model?.site.basePath, inject: '<script src="/live.js"></script>' });
  });
  afterAll(async () => {
    await server.close();
    await cleanup(built.root);
  });

  it('serves a site under its base path, as its links expect', async () => {
    expect(built.model?.site.basePath).toBe('/ar');
    const home = await fetch(`${server.url}/ar/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html.endsWith('<script src="/live.js"></script></body>\n</html>\n')).toBe(true);
    expect((await fetch(`${server.url}/ar/search/`)).status).toBe(200);
    const root = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/ar/');
    expect((await fetch(`${server.url}/questions/`)).status).toBe(404);
  });

  it('answers unknown pages with the site’s 404 page and never leaves the output folder', async () => {
    const missing = await fetch(`${server.url}/ar/no/such/page/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>');
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const name = built.outDir.split('/').pop() as string;
      const req = request(`${server.url}/ar/..%2f${name}-secret/x.html`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).not.toBe(200);
  });
});
