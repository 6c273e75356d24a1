/**
 * answerpress for the Eleventy CLI: loads and validates the data itself, then adds the plugin.
 * `npx @11ty/eleventy` renders the pages; `answerpress build` adds search, offline support
 * and the all-or-nothing swap of the output folder.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadData } from '../data/load.js';
import { buildModelAhead } from '../model/renderAhead.js';
import { publishedName } from '../output/assets.js';
import { layoutSearchPath, packageLayouts } from '../output/packagePaths.js';
import answerpressPlugin from './plugin.js';

export interface StandaloneOptions {
  /** The data folder. Default: `data`. */
  dataDir?: string;
  /** The site's own layouts, searched before the package's. Default: none. */
  layoutsDir?: string;
}

interface StandaloneConfig {
  addPassthroughCopy(map: Record<string, string>): void;
  addPlugin(plugin: unknown, options?: unknown): unknown;
}

export default async function answerpressStandalone(eleventyConfig: StandaloneConfig, options: StandaloneOptions = {}): Promise<void> {
  const model = await buildModelAhead(await loadData(resolve(options.dataDir ?? 'data')));
  const layoutDirs = layoutSearchPath(options.layoutsDir);
  const cssPath = layoutDirs.map((dir) => join(dir, 'assets', 'style.css')).find((path) => {
    try {
      readFileSync(path);
      return true;
    } catch {
      return false;
    }
  }) as string;
  const css = publishedName('style.css', readFileSync(cssPath));
  eleventyConfig.addPassthroughCopy({ [cssPath]: `assets/${css}`, [join(packageLayouts, 'assets')]: 'assets' });
  await eleventyConfig.addPlugin(answerpressPlugin, {
    model,
    layoutDirs,
    assets: { 'style.css': css, 'offline.js': 'offline.js', 'search.js': 'search.js' },
    searchCacheTag: '',
    searchScript: '',
  });
}
