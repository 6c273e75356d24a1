/**
 * Pagefind's browser runtime as the site serves it, taken from shard 0's bundle. Every first
 * search loads `pagefind.js` and the wasm whatever the reader types (67 of about 155 KiB at
 * 10,000 questions), so both are published as small as they go:
 * - the scripts, with query segmentation widened (`querySegmentation.ts`) and fragments found
 *   by the merged metadata's names (`fragments.ts`), minified by esbuild:
 *   `pagefind.js` 13.2 → 11.5 KB gzipped;
 * - the wasm files, gzip around Pagefind's signature like its data files, compressed again by
 *   Zopfli: 59.7 → 56.9 KB.
 * https://pagefind.app/docs/api/
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from '../errors/BuildError.js';
import { minify } from '../output/minify.js';
import { resolveFragmentNames } from './fragments.js';
import { decodeFile, encodeFileSmallest } from './pagefindFormat.js';
import { RUNTIME_SCRIPTS, widenQuerySegmentation } from './querySegmentation.js';

/**
 * Widens the bundle's runtime scripts' query segmentation, makes them find fragments by the
 * merged metadata's names (`fragments.ts`) and minifies them, in place.
 */
export async function prepareScripts(bundleDir: string): Promise<void> {
  await widenQuerySegmentation(bundleDir);
  for (const name of RUNTIME_SCRIPTS) {
    const file = join(bundleDir, name);
    const code = resolveFragmentNames(await readFile(file, 'utf8'));
    if (code === null) throw new BuildError('index', `${name} does not fetch fragments as this answerpress expects; this Pagefind version is not supported`);
    await writeFile(file, await minify(code, 'js'));
  }
}

/** Compresses the bundle's wasm files again with Zopfli, in place. Slow (0.8 s a file): run it off the rendering thread. */
export async function recompressWasm(bundleDir: string): Promise<void> {
  for (const name of await readdir(bundleDir)) {
    if (!name.endsWith('.pagefind')) continue;
    const file = join(bundleDir, name);
    await writeFile(file, await encodeFileSmallest(await decodeFile(await readFile(file), file)));
  }
}
