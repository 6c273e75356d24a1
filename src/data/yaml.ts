import { EVENT_ID, getScalarValue, load, parseEvents, YAMLException, type Event } from 'js-yaml';
import { closerOf, unclosedBefore } from './unclosed.js';

/** A key or index on the way from a document's root to one of its values. */
export type PathSegment = string | number;

export interface Position {
  line: number;
  col: number;
}

export type ParseResult =
  | { ok: true; value: unknown }
  | { ok: false; position: Position; message: string };

/**
 * Nested collections deeper than this are refused. Our files are at most four levels deep;
 * the limit keeps a hostile file from exhausting the parser's stack.
 */
const MAX_DEPTH = 32;

/**
 * Parses one YAML document with js-yaml's core schema: dates stay strings (we check them
 * ourselves, js-yaml's timestamp type would roll 2024-13-45 over into 2025) and aliases are
 * refused outright, so a "billion laughs" file cannot expand into the validator or templates.
 */
export function parseYaml(source: string): ParseResult {
  const text = stripBom(source);
  try {
    return { ok: true, value: load(text, { maxAliases: 0, maxDepth: MAX_DEPTH }) };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const position = error.mark
      ? { line: error.mark.line + 1, col: error.mark.column + 1 }
      : { line: 1, col: 1 };
    const unclosed = unclosedBefore(text, position.line);
    if (unclosed) {
      const what = unclosed.opener === '[' ? 'list' : unclosed.opener === '{' ? 'mapping' : 'quoted text';
      return {
        ok: false,
        position: { line: unclosed.line, col: unclosed.col },
        message: `YAML syntax error: the ${what} opened by ${unclosed.opener} here is never closed: add ${closerOf(unclosed.opener)} where it ends`,
      };
    }
    const lineText = (text.split('\n')[position.line - 1] ?? '').trim();
    return { ok: false, position, message: yamlMessage(error.reason, lineText) };
  }
}

/** What went wrong, quoting the line at fault so the message names the offending word. */
function yamlMessage(reason: string, lineText: string): string {
  const shown = lineText.length > 60 ? `${lineText.slice(0, 57)}...` : lineText;
  const at = shown ? ` in "${shown}"` : '';
  if (reason.startsWith('aliases exceeded')) {
    return `YAML aliases (*name) are not allowed in data files${at}: write the value out in full`;
  }
  if (reason.includes('input is empty')) return 'the file is empty: fill in the required fields';
  if (reason.includes('single document')) {
    return 'the file holds more than one YAML document (a second `---`): keep one per file';
  }
  if (reason.includes('duplicated mapping key')) {
    return `YAML syntax error: a key appears twice in the same mapping${at}: keep one`;
  }
  return `YAML syntax error: ${reason}${at}: check the indentation and quoting on this line`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

interface Frame {
  kind: 'document' | 'mapping' | 'sequence';
  path: PathSegment[] | null;
  index: number;
  expectingKey: boolean;
  pendingKey: string;
  /** Where the pending key starts: an empty value (`title:`) has no position of its own. */
  keyStart: number;
}

/**
 * Where a value (or its key, for unknown fields) sits in the source. Re-reads the file's
 * parser events, so it costs nothing on the happy path: we only locate values that are wrong.
 */
export function locate(source: string, path: readonly PathSegment[], part: 'key' | 'value' = 'value'): Position {
  const text = stripBom(source);
  const offset = findOffset(text, path, part);
  return offsetToPosition(text, offset);
}

function findOffset(text: string, path: readonly PathSegment[], part: 'key' | 'value'): number {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch {
    return 0;
  }
  const target = path.map(String).join('\u0000');
  const parentTarget = path.slice(0, -1).map(String).join('\u0000');
  let parentOffset = 0;
  const stack: Frame[] = [];
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: 'document', path: [], index: 0, expectingKey: false, pendingKey: '', keyStart: 0 });
      continue;
    }
    const frame = stack[stack.length - 1];
    let start = eventStart(event);
    if (start < 0) start = frame?.kind === 'mapping' && !frame.expectingKey ? frame.keyStart : 0;
    let nodePath: PathSegment[] | null = null;
    if (frame?.kind === 'mapping') {
      if (frame.expectingKey) {
        frame.expectingKey = false;
        frame.keyStart = start;
        frame.pendingKey = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : '';
        if (part === 'key' && frame.path && [...frame.path, frame.pendingKey].join('\u0000') === target) {
          return start;
        }
      } else {
        frame.expectingKey = true;
        nodePath = frame.path ? [...frame.path, frame.pendingKey] : null;
      }
    } else if (frame?.kind === 'sequence') {
      nodePath = frame.path ? [...frame.path, frame.index] : null;
      frame.index += 1;
    } else if (frame?.kind === 'document') {
      nodePath = [];
    }
    if (nodePath) {
      const key = nodePath.map(String).join('\u0000');
      if (key === target && part === 'value') return start;
      if (key === parentTarget) parentOffset = start;
    }
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({
        kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence',
        path: nodePath,
        index: 0,
        expectingKey: true,
        pendingKey: '',
        keyStart: start,
      });
    }
  }
  // A missing field is reported where its parent starts.
  return parentOffset;
}

function eventStart(event: Exclude<Event, { type: typeof EVENT_ID.POP | typeof EVENT_ID.DOCUMENT }>): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      return event.valueStart;
    case EVENT_ID.ALIAS:
      return event.anchorStart;
    default:
      return event.start;
  }
}

export function offsetToPosition(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** The offset of a 1-based line and column. */
export function positionToOffset(text: string, position: Position): number {
  let offset = 0;
  for (let line = 1; line < position.line; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + position.col - 1;
}
