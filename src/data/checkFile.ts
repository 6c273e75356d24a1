import { createHash } from 'node:crypto';
import type { DataIssue } from '../errors/DataIssue.js';
import { fileKinds, type FileKind } from './schema.js';
import { ruleProblems } from './rules.js';
import { locate, offsetToPosition, parseYaml, positionToOffset } from './yaml.js';
import { schemaProblems } from './zodIssues.js';

/** One data file checked: its value and every mistake in it, each located in the file. */
export interface CheckedFile {
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** The file's text; empty when it is not UTF-8. */
  source: string;
  /** The parsed value; undefined when it did not parse, or when `known` (the caller holds it). */
  value: unknown;
  /** Parsed and valid against its kind's schema. */
  ok: boolean;
  issues: DataIssue[];
  /** The bytes hashed to the `knownHash` given, so they were not parsed again. */
  known: boolean;
}

/**
 * Checks one file's bytes: UTF-8, then YAML, then the schema of its kind. It depends on nothing
 * but the bytes, so the loader runs it on the main thread and in worker threads alike.
 */
export function checkFile(file: string, bytes: Uint8Array, kind: FileKind, knownHash?: string): CheckedFile {
  const hash = createHash('sha256').update(bytes).digest('hex');
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { hash, source: '', value: undefined, ok: false, issues: [{ file, ...firstInvalidUtf8(bytes), message: 'the file is not valid UTF-8: save it with UTF-8 encoding' }], known: false };
  }
  if (knownHash === hash) return { hash, source, value: undefined, ok: true, issues: [], known: true };
  const parsed = parseYaml(source);
  if (!parsed.ok) {
    return { hash, source, value: undefined, ok: false, issues: [{ file, ...parsed.position, message: parsed.message }], known: false };
  }
  const issues = schemaProblems(fileKinds[kind].schema, parsed.value).map((problem) => ({ file, ...locate(source, problem.path, problem.part), message: problem.message }));
  for (const problem of ruleProblems(kind, parsed.value)) {
    let position = locate(source, problem.path);
    // A placeholder is pointed at where it is, inside a block of text as well.
    if (problem.mark) {
      const at = source.indexOf(problem.mark, positionToOffset(source, position));
      if (at !== -1) position = offsetToPosition(source, at);
    }
    issues.push({ file, ...position, message: problem.message });
  }
  return { hash, source, value: parsed.value, ok: issues.length === 0, issues, known: false };
}

/**
 * Where the first byte that is not UTF-8 is, as a line and a column counted in characters. A
 * newline byte never occurs inside a UTF-8 sequence, so the file is read line by line; in the
 * bad line, the characters decoded before the sequence that fails are counted.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; col: number } {
  let start = 0;
  for (let line = 1; start <= bytes.length; line += 1) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let decoded = '';
    try {
      for (let at = start; at < end; at += 1) decoded += decoder.decode(bytes.subarray(at, at + 1), { stream: true });
      decoder.decode();
    } catch {
      return { line, col: [...decoded].length + 1 };
    }
    start = end + 1;
  }
  return { line: 1, col: 1 };
}
