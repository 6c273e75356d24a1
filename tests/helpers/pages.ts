import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

/** Every `.html` file of a built site, as `{ path, url }` (url as the site serves it). */
export async function htmlPages(outDir: string): Promise<{ path: string; url: string }[]> {
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
    .map((path) => ({ path, url: `/${path.replace(/(^|\/)index\.html$/, '$1')}` }));
}

export async function parsePage(outDir: string, path: string): Promise<HTMLElement> {
  return parse(await readFile(join(outDir, path), 'utf8'));
}
