/**
 * Pagefind's browser runtime (scripts, styles, wasm) for a language, which Pagefind writes
 * beside any index: it is taken from the bundle Pagefind writes for a site of one page. It
 * depends on nothing but Pagefind's version and the language, so it is kept in the runtime
 * cache (`runtimeCacheDir`), by the installed Pagefind package's version and the language, and
 * Pagefind runs only when the cache lacks it. Every use reads the version Pagefind stamped in
 * the runtime's entry file and compares it with the layout this package writes.
 */
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildError } from '../../errors/BuildError.js';
import { PAGEFIND_VERSION } from '../format/pagefindFormat.js';
import { pagefindThreads, runPagefind } from '../index/indexers.js';
import { runtimeCacheDir } from './runtime.js';

/**
 * The runtime for the primary subtag `language`, copied into `scratchDir/runtime-bundle` for the
 * caller to move: from the cache, or written by Pagefind with `threads` threads (by default, a
 * share of the cores beside one other busy thread) and then kept. A cold build starts it while
 * its model is built, when a core is free.
 */
export async function obtainRuntime(scratchDir: string, language: string, threads = pagefindThreads(availableParallelism(), 2), cacheDir = runtimeCacheDir()): Promise<string> {
  const outputPath = join(scratchDir, 'runtime-bundle');
  await rm(outputPath, { recursive: true, force: true });
  const installed = await installedPagefind();
  // Another version is refused before it runs: its process may fail in ways of its own first.
  if (installed.version !== 'unknown' && installed.version !== PAGEFIND_VERSION) throw otherVersion(installed.version, installed.file);
  const kept = join(cacheDir, `pagefind-${installed.version}-${language}`);
  if (await cp(kept, outputPath, { recursive: true }).then(() => true, () => false)) {
    await checkRuntimeVersion(outputPath);
    return outputPath;
  }
  const site = join(scratchDir, 'runtime-site');
  await Promise.all([site, outputPath].map((dir) => rm(dir, { recursive: true, force: true })));
  await mkdir(site, { recursive: true });
  await writeFile(join(site, 'index.html'), `<!DOCTYPE html><html lang="${language}"><body><p>runtime</p></body></html>`);
  await runPagefind({ root: site, files: ['index.html'], outputPath, language, threads });
  await checkRuntimeVersion(outputPath);
  await keep(outputPath, kept);
  return outputPath;
}

/** Copies a runtime into the cache, whole or not at all. The cache is an aid: a build that cannot write it still publishes. */
async function keep(bundle: string, kept: string): Promise<void> {
  const partial = `${kept}.${process.pid}.partial`;
  try {
    await cp(bundle, partial, { recursive: true });
    await rename(partial, kept);
  } catch {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The version in the package.json of the Pagefind this package imports: the nearest
 * `node_modules/pagefind` up from this file, as Node resolves a package.
 */
async function installedPagefind(): Promise<{ version: string; file: string }> {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', 'pagefind', 'package.json');
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) {
      const { version } = JSON.parse(text) as { version?: unknown };
      return { version: typeof version === 'string' && /^[\w.+-]+$/.test(version) ? version : 'unknown', file };
    }
    if (dirname(dir) === dir) return { version: 'unknown', file };
  }
}

/**
 * Stops the build when the Pagefind that wrote `bundle` is not the version whose index this
 * package writes and reads (`PAGEFIND_VERSION`): its runtime would be published beside an index
 * it may not read. The version is the one Pagefind stamps in the bundle's entry, so an npm
 * `overrides` that installs another Pagefind is caught, whatever its package says.
 */
export async function checkRuntimeVersion(bundle: string): Promise<void> {
  const file = join(bundle, 'pagefind-entry.json');
  const entry = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown };
  const found = typeof entry.version === 'string' ? entry.version : 'of unknown version';
  if (found !== PAGEFIND_VERSION) throw otherVersion(found, file);
}

/** The error for a Pagefind of another version than `PAGEFIND_VERSION`, as `file` shows it. */
function otherVersion(found: string, file: string): BuildError {
  return new BuildError(
    'index',
    `the installed Pagefind is ${found} (${file}), but this answerpress writes and reads the search index of Pagefind ${PAGEFIND_VERSION} only. Install pagefind@${PAGEFIND_VERSION}: remove any npm "overrides" (or yarn "resolutions") entry for pagefind.`,
  );
}
