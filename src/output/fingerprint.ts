/**
 * A hash of everything a build's output is made from: the data, the layouts searched, and the
 * package itself (its manifest and compiled code, Pagefind's version included). Two builds
 * with the same fingerprint write the same files, so it versions the service worker without
 * reading the whole output back.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { packageRoot } from './packagePaths.js';

async function hashTree(hash: ReturnType<typeof createHash>, dir: string, label: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return;
  }
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) {
    hash.update(`${label}/${relative(dir, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
}

let packageHash: Promise<string> | undefined;

/** The package's own part, computed once per process. */
function hashPackage(): Promise<string> {
  packageHash ??= (async () => {
    const hash = createHash('sha256');
    hash.update(await readFile(join(packageRoot, 'package.json')));
    await hashTree(hash, join(packageRoot, 'dist'), 'dist');
    return hash.digest('hex');
  })();
  return packageHash;
}

export async function buildFingerprint(sourceHash: string, layoutDirs: readonly string[], options: Record<string, unknown> = {}): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${await hashPackage()}\0${sourceHash}\0${JSON.stringify(options)}\0`);
  for (const [i, dir] of layoutDirs.entries()) await hashTree(hash, dir, `layouts${i}`);
  return hash.digest('hex').slice(0, 16);
}
