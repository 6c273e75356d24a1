/**
 * answerpress as an Eleventy plugin: our Nunjucks environment (the site's layouts first, then
 * ours), our filters, the page model as global data and our pages as virtual templates.
 * https://www.11ty.dev/docs/plugins/
 */
import nunjucks from 'nunjucks';
import { asyncFilters, filters } from '../filters/index.js';
import type { SiteModel } from '../model/types.js';
import { type PageName, pages } from './pages.js';

export interface PluginOptions {
  model: SiteModel;
  /** Folders searched for templates, first match wins: the site's own, then the package's. */
  layoutDirs: string[];
  /** Each asset's published name, e.g. `{ 'style.css': 'style.1a2b3c4d5e.css' }`. */
  assets: Record<string, string>;
  /** Written where the search page configures Pagefind's cache tag; known only after indexing. */
  searchCacheTag: string;
  /** The file name of Pagefind's script in the bundle, which the search page loads; known only after indexing. Empty: `pagefind.js`. */
  searchScript: string;
  /** The search vocabulary's file names by key, or the token the build replaces with them (`search/vocabulary.ts`). Default: none. */
  searchVocabulary?: Record<string, string> | string;
  /** The pages to render, by name in `pages.ts`. Default: all of them. */
  only?: readonly PageName[];
  /** The questions, experts and listings to render pages for. Default: all of the model's. */
  pageSet?: PageSet;
}

export type PageSet = Pick<SiteModel, 'questions' | 'experts' | 'listings'>;

interface EleventyConfig {
  setLibrary(name: string, library: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addAsyncFilter(name: string, fn: (...args: never[]) => Promise<unknown>): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(path: string, content: string, data: Record<string, unknown>): void;
  addPlugin(plugin: unknown, options?: unknown): void;
  setQuietMode(quiet: boolean): void;
}

export default function answerpressPlugin(eleventyConfig: EleventyConfig, options: PluginOptions): void {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(options.layoutDirs), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: false,
  });
  eleventyConfig.setLibrary('njk', env);
  for (const [name, fn] of Object.entries(filters)) {
    eleventyConfig.addFilter(name, fn as (...args: never[]) => unknown);
  }
  for (const [name, fn] of Object.entries(asyncFilters)) {
    eleventyConfig.addAsyncFilter(name, fn as (...args: never[]) => Promise<unknown>);
  }
  eleventyConfig.addGlobalData('ap', options.model);
  const { questions, experts, listings } = options.pageSet ?? options.model;
  eleventyConfig.addGlobalData('pageSet', { questions, experts, listings });
  eleventyConfig.addGlobalData('assets', options.assets);
  eleventyConfig.addGlobalData('searchCacheTag', options.searchCacheTag);
  eleventyConfig.addGlobalData('searchScript', options.searchScript);
  eleventyConfig.addGlobalData('searchVocabulary', options.searchVocabulary ?? {});
  for (const [name, page] of Object.entries(pages)) {
    if (options.only && !options.only.includes(name as PageName)) continue;
    eleventyConfig.addTemplate(`answerpress-${name}.njk`, `{% extends "pages/${page.layout}" %}`, {
      ...page.data,
      eleventyExcludeFromCollections: true,
    });
  }
}
