import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { minifiedAsset, type KeptAssets } from './keptAssets.js';

/** Files under `layouts/assets/` served at the site's root rather than under `/assets/`. */
const ROOT_FILES = new Set(['favicon.svg', 'favicon.ico']);

/** Read by the build, never served as they are (the service worker is generated from it). */
const BUILD_ONLY = new Set(['sw-runtime.js']);

/** Assets whose names carry a content hash, so hosts and the service worker can cache them for good. */
const FINGERPRINTED = new Set(['.css', '.js']);

/** `style.css` → `style.1a2b3c4d5e.css`: the name carries a hash of the content. */
export function publishedName(name: string, bytes: Uint8Array): string {
  const ext = extname(name);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  return `${name.slice(0, -ext.length)}.${hash}${ext}`;
}

/**
 * Copies `assets/` from every layouts folder (the site's own win by file name). Stylesheets and
 * scripts are minified (or taken from `kept`, see `keptAssets.ts`) and get a content hash in
 * their names: a page always loads the code it was built with.
 * @returns each file's published name, e.g. `{ 'style.css': 'style.1a2b3c4d5e.css' }`.
 */
export async function copyAssets(layoutDirs: readonly string[], outDir: string, kept?: KeptAssets): Promise<Record<string, string>> {
  const chosen = new Map<string, string>();
  for (const dir of layoutDirs) {
    let names: string[] = [];
    try {
      names = await readdir(join(dir, 'assets'));
    } catch {
      continue;
    }
    for (const name of names.sort()) if (!chosen.has(name)) chosen.set(name, join(dir, 'assets', name));
  }
  await mkdir(join(outDir, 'assets'), { recursive: true });
  const names: Record<string, string> = {};
  for (const [name, source] of [...chosen.entries()].sort()) {
    if (BUILD_ONLY.has(name)) continue;
    const ext = extname(name);
    if (FINGERPRINTED.has(ext)) {
      const bytes = await minifiedAsset(name, await readFile(source, 'utf8'), kept);
      names[name] = publishedName(name, bytes);
      await writeFile(join(outDir, 'assets', names[name]), bytes);
    } else {
      names[name] = name;
      await copyFile(source, join(outDir, ROOT_FILES.has(name) ? name : join('assets', name)));
    }
  }
  if (!names['style.css']) throw new Error('no assets/style.css in any layouts folder');
  return names;
}
