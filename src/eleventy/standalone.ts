/**
 * answerpress for the Eleventy CLI: loads and validates the data itself, then adds the plugin.
 * `npx @11ty/eleventy` renders the pages; `answerpress build` adds search, offline support
 * and the all-or-nothing swap of the output folder.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadData } from '../data/load.js';
import { IMAGE_FOLDER, makeImages } from '../images/makeImages.js';
import { siteAddress } from '../model/buildModel.js';
import { buildModelAhead } from '../model/renderAhead.js';
import { publishedName } from '../output/assets.js';
import { cacheRoot, layoutSearchPath, packageLayouts } from '../output/packagePaths.js';
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
  const dataDir = resolve(options.dataDir ?? 'data');
  const data = await loadData(dataDir);
  const address = siteAddress(data);
  const images = await makeImages(data, { dataDir, cacheDir: join(cacheRoot(), 'images'), basePath: address.basePath, siteUrl: address.url });
  const model = await buildModelAhead(data, { images: images.images });
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
  const imageCopies = Object.fromEntries([...images.files].map(([name, path]) => [path, `${IMAGE_FOLDER}/${name}`]));
  eleventyConfig.addPassthroughCopy({ [cssPath]: `assets/${css}`, [join(packageLayouts, 'assets')]: 'assets', ...imageCopies });
  await eleventyConfig.addPlugin(answerpressPlugin, {
    model,
    layoutDirs,
    assets: { 'style.css': css, 'offline.js': 'offline.js', 'search.js': 'search.js' },
    searchCacheTag: '',
    searchScript: '',
  });
}
