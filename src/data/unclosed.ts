import type { Position } from './yaml.js';

/** A bracket or quote that opens a value and is still open where the parser gave up. */
export interface Unclosed extends Position {
  /** `[`, `{`, `"` or `'`. */
  opener: string;
}

const CLOSER: Record<string, string> = { '[': ']', '{': '}', '"': '"', "'": "'" };

/** The closing character of a bracket or quote. */
export function closerOf(opener: string): string {
  return CLOSER[opener] ?? opener;
}

/**
 * The bracket or quote, opened on a line before `errorLine`, that is still open on it. js-yaml
 * reports an unclosed `[` where it next fails to read an indentation, the line after; the
 * mistake is where the collection or string began. Block scalars (`|`, `>`) are skipped, and a
 * flow collection or quoted string may span lines as long as it closes before `errorLine`.
 */
export function unclosedBefore(text: string, errorLine: number): Unclosed | undefined {
  const lines = text.split('\n');
  const open: Unclosed[] = [];
  let quote: Unclosed | undefined;
  let blockIndent = -1;
  for (let index = 0; index < Math.min(errorLine - 1, lines.length); index += 1) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    let start = 0;
    if (open.length === 0 && !quote) {
      if (blockIndent >= 0) {
        if (line.trim() === '' || indent > blockIndent) continue;
        blockIndent = -1;
      }
      // A value starts after the indentation, any `- ` and any `key: `.
      const value = /^(\s*(?:-\s+)*(?:(?:"[^"]*"|'[^']*'|[^\s"'#[{][^#]*?):(?:\s+|$))?)(.*)$/.exec(line);
      const head = value?.[1] ?? '';
      const rest = value?.[2] ?? '';
      if (/^[|>][-+0-9]*\s*(#.*)?$/.test(rest)) {
        blockIndent = indent;
        continue;
      }
      if (!/^["'[{]/.test(rest)) continue;
      start = head.length;
    }
    for (let col = start; col < line.length; col += 1) {
      const char = line[col] as string;
      if (quote) {
        if (quote.opener === '"' && char === '\\') col += 1;
        else if (char === quote.opener) {
          if (quote.opener === "'" && line[col + 1] === "'") col += 1;
          else quote = undefined;
        }
        continue;
      }
      if (char === '#' && (col === 0 || /\s/.test(line[col - 1] as string))) break;
      if (char === '"' || char === "'") quote = { opener: char, line: index + 1, col: col + 1 };
      else if (char === '[' || char === '{') open.push({ opener: char, line: index + 1, col: col + 1 });
      else if ((char === ']' || char === '}') && open.length > 0) open.pop();
      if (open.length === 0 && !quote) break;
    }
  }
  return open[0] ?? quote;
}
