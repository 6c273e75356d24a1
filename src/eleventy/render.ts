/**
 * Renders the page model with Eleventy 3's programmatic API into `outDir`. Eleventy reads no
 * files of its own: its input folder is empty, its config file lookup is off, and every page
 * comes from the plugin's virtual templates.
 * https://www.11ty.dev/docs/programmatic/
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PluginOptions } from './plugin.js';
import { describeRenderError } from './renderError.js';

interface EleventyDirectories {
  /** Eleventy's timing of filters, which warns on the console when one takes over 8 % of a run. */
  benchmarks?: { config?: { setIsVerbose(verbose: boolean): void } };
  setDataDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  setDataFileSuffixes(suffixes: string[]): void;
}

/**
 * Eleventy and the plugin's filters take most of the package's start-up time (about 0.4 s):
 * they are loaded by the first render, not by every command, so that a build with nothing to
 * render and the CLI's other commands do without them.
 */
let modules: Promise<[typeof import('@11ty/eleventy'), typeof import('./plugin.js')]> | null = null;

export async function render(outDir: string, scratchDir: string, options: PluginOptions): Promise<void> {
  // A load that failed is tried again by the next render (`serve` renders for as long as it runs).
  modules ??= Promise.all([import('@11ty/eleventy'), import('./plugin.js')]).catch((error: unknown) => {
    modules = null;
    throw error;
  });
  const [{ default: Eleventy }, { default: answerpressPlugin }] = await modules;
  const input = join(scratchDir, 'input');
  await mkdir(input, { recursive: true });
  const eleventy = new Eleventy(input, outDir, {
    quietMode: true,
    configPath: false,
    config(eleventyConfig: Parameters<typeof answerpressPlugin>[0] & EleventyDirectories) {
      // Data and includes folders that never exist: our data comes from the model alone.
      eleventyConfig.setDataDirectory('.answerpress-no-data');
      eleventyConfig.setIncludesDirectory('.answerpress-no-includes');
      eleventyConfig.setDataFileSuffixes([]);
      eleventyConfig.benchmarks?.config?.setIsVerbose(false);
      eleventyConfig.addPlugin(answerpressPlugin, options);
    },
  });
  // Errors are rethrown to the build, which reports them; Eleventy's own console output would
  // only repeat them and announce file counts.
  eleventy.disableLogger();
  try {
    await eleventy.write();
  } catch (error) {
    throw new Error(describeRenderError(error, options.layoutDirs), { cause: error });
  }
}
