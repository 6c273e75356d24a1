/**
 * What a page that failed to render says to whoever wrote the layout: the layout file, the line
 * and column where Nunjucks has them, and Nunjucks' own message. Eleventy wraps the error in its
 * own ("Having trouble rendering njk template …") and names the one-line page template it was
 * given (`pages.ts`), which no one wrote; Nunjucks names each template it passed through.
 * https://mozilla.github.io/nunjucks/api.html#error-handling
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { type PageName, pages } from './pages.js';

/** Nunjucks' line naming a template, with the place in it when known. */
const TEMPLATE_LINE = /^(?:Template render error: )?\((.+)\)(?: \[Line (\d+), Column (\d+)\])?$/;
/** The file name of one of our page templates (see `plugin.ts`). */
const PAGE_TEMPLATE = /(?:^|[/\\])answerpress-(\w+)\.njk$/;

export function describeRenderError(error: unknown, layoutDirs: readonly string[]): string {
  const lines = deepestMessage(error)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let file: string | null = null;
  let place = '';
  const message: string[] = [];
  for (const line of lines) {
    const template = TEMPLATE_LINE.exec(line);
    if (template) {
      file = template[1] as string;
      place = template[2] ? `, line ${template[2]}, column ${template[3]}` : '';
      message.length = 0;
    } else {
      message.push(line.replace(/^Error: /, ''));
    }
  }
  const text = message.join(' ') || 'the template failed';
  return file === null ? text : `${layoutFile(file, layoutDirs)}${place}: ${text}`;
}

/** The message of the error at the end of the chain: Eleventy's `originalError`, or `cause`. */
function deepestMessage(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 10; depth += 1) {
    const next = (current as { originalError?: unknown; cause?: unknown } | null)?.originalError ?? (current as { cause?: unknown } | null)?.cause;
    if (!(next instanceof Error)) break;
    current = next;
  }
  return current instanceof Error ? current.message : String(current);
}

/** A template as its author knows it: one of our page templates as the layout it extends, paths relative to the working folder. */
function layoutFile(file: string, layoutDirs: readonly string[]): string {
  const page = PAGE_TEMPLATE.exec(file)?.[1];
  let path = file;
  if (page && page in pages) {
    const layout = join('pages', pages[page as PageName].layout);
    path = layoutDirs.map((dir) => join(dir, layout)).find((candidate) => existsSync(candidate)) ?? layout;
  }
  const shown = relative(process.cwd(), path);
  return shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : path;
}
