import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, serveSite, type RunningServer } from './browser.js';
import type { BuildOptions } from '../../src/build.js';
import { buildSite, cleanup } from './site.js';

export interface BuiltSite {
  url: string;
  outDir: string;
  browser: Browser;
  server: RunningServer;
}

/**
 * Builds a data folder once for a test file, serves it on 127.0.0.1 and starts Chromium.
 * Returns a holder filled in `beforeAll`.
 */
export function useBuiltSite(dataDir: string, options: Partial<BuildOptions> = {}): BuiltSite {
  const site = {} as BuiltSite;
  let root = '';
  beforeAll(async () => {
    const built = await buildSite(dataDir, options);
    root = built.root;
    site.outDir = built.outDir;
    site.server = await serveSite({ root: built.outDir });
    site.url = site.server.url;
    site.browser = await launch();
  });
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
    await cleanup(root);
  });
  return site;
}
