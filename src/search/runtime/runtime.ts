/**
 * Pagefind's browser runtime as the site serves it, taken from shard 0's bundle. Every first
 * search loads `pagefind.js` and the wasm whatever the reader types, about half of what it
 * loads, so both are published as small as they go:
 * - the scripts, patched (`patches.ts`: query segmentation widened, fragments and index chunks
 *   found by the merged metadata's names) and minified by esbuild;
 * - the wasm files, gzip around Pagefind's signature like its data files, compressed again by
 *   Zopfli.
 * https://pagefind.app/docs/api/
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from '../../errors/BuildError.js';
import { minify } from '../../output/minify.js';
import { cacheRoot, packageRoot } from '../../output/packagePaths.js';
import { replaceFile } from '../../output/replaceFile.js';
import { runJob } from '../../threads/oneJob.js';
import { decodeFile, encodeFileSmallest } from '../format/pagefindFormat.js';
import { SCRIPT_PATCHES } from './patches.js';
import type { RuntimeJob } from './runtimeWorker.js';

/** The scripts of Pagefind's bundle that run queries. */
const RUNTIME_SCRIPTS = ['pagefind.js', 'pagefind-worker.js'];

/** Applies every patch of `patches.ts` to the bundle's runtime scripts and minifies them, in place. */
export async function prepareScripts(bundleDir: string): Promise<void> {
  for (const name of RUNTIME_SCRIPTS) {
    const file = join(bundleDir, name);
    let code = await readFile(file, 'utf8');
    for (const patch of SCRIPT_PATCHES) {
      const patched = patch.apply(code);
      if (patched === null) {
        throw new BuildError('index', `Pagefind's ${name} lacks the place for ${patch.what}, taken from Pagefind ${patch.pagefind}; this Pagefind version is not supported`);
      }
      code = patched;
    }
    await writeFile(file, await minify(code, 'js'));
  }
}

/** Pagefind's script as published by `publishScript`: `pagefind.<10 hex>.js`. */
const PUBLISHED_SCRIPT = /^pagefind\.[0-9a-f]{10}\.js$/;

/**
 * Publishes the bundle's `pagefind.js` also under a name of its content's hash, which the search
 * page loads, and removes copies under older names; returns the name. A service worker or an
 * HTTP cache keeps `pagefind.js` from an earlier build and serves it before asking the server,
 * while the entry file and metadata always come from the build being read: a script from
 * another answerpress version, which may find fragments differently (see `fragments.ts`), would
 * then fail every search until the reader took the update. A script with a new name is always
 * fetched. (The wasm keeps its name: it changes only with Pagefind's version.) The file is
 * replaced rather than written into, as it may be a link to the live site's.
 */
export async function publishScript(bundleDir: string): Promise<string> {
  const code = await readFile(join(bundleDir, 'pagefind.js'));
  const name = `pagefind.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
  const names = await readdir(bundleDir);
  await Promise.all(names.filter((file) => PUBLISHED_SCRIPT.test(file) && file !== name).map((file) => rm(join(bundleDir, file), { force: true })));
  if (!names.includes(name)) await replaceFile(join(bundleDir, name), code);
  return name;
}

/**
 * Compresses the bundle's wasm files again with Zopfli. Each is replaced rather than written
 * into, as it may be a link to the live site's. Slow: see `recompressWasmOffThread`.
 * A module changes only with Pagefind's version, so its compressed copy is kept in `cacheDir`,
 * by the module's hash, for every later build of any site.
 */
export async function recompressWasm(bundleDir: string, cacheDir: string = runtimeCacheDir()): Promise<void> {
  for (const name of await readdir(bundleDir)) {
    if (!name.endsWith('.pagefind')) continue;
    const file = join(bundleDir, name);
    const module = await decodeFile(await readFile(file), file);
    const kept = join(cacheDir, `${createHash('sha256').update(module).digest('hex')}.pagefind`);
    let compressed: Buffer | null = await readFile(kept).catch(() => null);
    // A copy that does not hold the module (a damaged or foreign file) is made again.
    const holds = compressed !== null && (await decodeFile(compressed, kept).then((item) => item.equals(module), () => false));
    if (!compressed || !holds) {
      compressed = await encodeFileSmallest(module);
      // The cache is an aid: a build that cannot write it still publishes.
      await mkdir(cacheDir, { recursive: true })
        .then(() => replaceFile(kept, compressed as Buffer))
        .catch(() => undefined);
    }
    await replaceFile(file, compressed);
  }
}

/** Where compressed runtime files are kept, beside the build caches. */
export function runtimeCacheDir(): string {
  return join(cacheRoot(), 'runtime');
}

/** The compiled worker: tests run the TypeScript sources, but a worker thread needs JavaScript. */
const RUNTIME_WORKER = join(packageRoot, 'dist', 'search', 'runtime', 'runtimeWorker.js');

/** `recompressWasm` in a worker thread (`runtimeWorker.ts`), off the thread that calls it. */
export async function recompressWasmOffThread(bundleDir: string): Promise<void> {
  try {
    await runJob(RUNTIME_WORKER, { dir: bundleDir } satisfies RuntimeJob);
  } catch (error) {
    throw new BuildError('index', `compressing Pagefind's wasm: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
