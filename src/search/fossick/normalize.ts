/**
 * White space and Pagefind's normalization of text (`fossick/parser.rs`), as Rust knows white
 * space: the page reader and the page record both normalize what they take from a page.
 */
import { decodeHTMLStrict } from 'entities';

/** Unicode White_Space, as Rust's `\s` and `char::is_whitespace` know it (JavaScript's `\s` differs by U+0085 and U+FEFF). */
export const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/** Code units of Unicode White_Space (all below U+FFFF). */
const WHITE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

function isWhiteSpace(code: number): boolean {
  return code <= 0x20 ? code === 0x20 || (code >= 0x09 && code <= 0x0d) : code >= 0x85 && WHITE.has(code);
}

/**
 * Pagefind's `normalize_content`: decodes character references once, trims white space, turns
 * runs of line breaks into a space, then runs of two or more white space characters into one
 * space. Done in one pass over each run of white space, as the three regular expressions would.
 */
export function normalizeContent(text: string): string {
  const trimmed = trimWhiteSpace(text.includes('&') ? decodeHTMLStrict(text) : text);
  let out = '';
  let copied = 0;
  for (let i = 0; i < trimmed.length; i += 1) {
    if (!isWhiteSpace(trimmed.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < trimmed.length && isWhiteSpace(trimmed.charCodeAt(j))) j += 1;
    const run = trimmed.slice(i, j);
    // A lone space stays; any other run becomes one space, or stays its one character.
    if (run !== ' ') {
      const lines = run.replace(/(\n|\r\n)+/g, ' ');
      out += trimmed.slice(copied, i) + (lines.length >= 2 ? ' ' : lines);
      copied = j;
    }
    i = j - 1;
  }
  return copied === 0 ? trimmed : out + trimmed.slice(copied);
}

/** `text` without white space at either end. */
export function trimWhiteSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isWhiteSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isWhiteSpace(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(start, end);
}
