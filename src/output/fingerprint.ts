/**
 * A hash of everything a build's output is made from: the data, the layouts searched, and the
 * package itself (its manifest and compiled code, Pagefind's version included). Two builds
 * with the same fingerprint write the same files, so it versions the service worker without
 * reading the whole output back.
 */
import { createHash } from 'node:crypto';
import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { packageRoot } from './packagePaths.js';

async function hashTree(hash: ReturnType<typeof createHash>, dir: string, label: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return;
  }
  // The records of the last compile (TypeScript's and scripts/compile.js's) are not code.
  const files = entries.filter((e) => e.isFile() && e.name !== '.tsbuildinfo' && e.name !== '.compiled').map((e) => join(e.parentPath, e.name)).sort();
  for (const file of files) {
    hash.update(`${label}/${relative(dir, file)}\0`);
    hash.update(await readFile(file));
    hash.update('\0');
  }
}

let packageHash: Promise<string> | undefined;

/** The package's own part, computed once per process: its manifest, code and Pagefind's version. */
export function hashPackage(): Promise<string> {
  packageHash ??= (async () => {
    const hash = createHash('sha256');
    hash.update(await readFile(join(packageRoot, 'package.json')));
    // Pagefind writes the search bundle: its exact version is part of the output.
    hash.update(await readFile(await pagefindManifest()));
    await hashTree(hash, join(packageRoot, 'dist'), 'dist');
    return hash.digest('hex');
  })();
  return packageHash;
}

/** Pagefind's package.json, found as Node finds the package: in the nearest node_modules up the tree. */
async function pagefindManifest(): Promise<string> {
  for (let dir = packageRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'pagefind', 'package.json');
    try {
      await access(candidate);
      return candidate;
    } catch {
      if (dirname(dir) === dir) throw new Error('the pagefind package is not installed');
    }
  }
}

/** The package and every layout folder searched: what turns the model into pages. */
export async function hashTemplates(layoutDirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${await hashPackage()}\0`);
  for (const [i, dir] of layoutDirs.entries()) await hashTree(hash, dir, `layouts${i}`);
  return hash.digest('hex');
}

export function buildFingerprint(sourceHash: string, templates: string, options: Record<string, unknown> = {}): string {
  return createHash('sha256').update(`${templates}\0${sourceHash}\0${JSON.stringify(options)}\0`).digest('hex').slice(0, 16);
}
