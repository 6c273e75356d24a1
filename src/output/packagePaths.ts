/** Where the installed package's own files are, wherever it runs from (dist/output/ here). */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The package's own layouts, the fallback for every template a site does not override. */
export const packageLayouts = join(packageRoot, 'layouts');

/**
 * Where answerpress keeps what it can make again (build caches, the compressed search runtime):
 * `node_modules/.cache/answerpress` under the working folder, where tools keep their caches.
 */
export function cacheRoot(): string {
  return join(process.cwd(), 'node_modules', '.cache', 'answerpress');
}

/** Where templates are looked for, first match wins: the site's own layouts folder if any, then the package's. */
export function layoutSearchPath(layoutsDir?: string): string[] {
  return [...(layoutsDir ? [resolve(layoutsDir)] : []), packageLayouts];
}
