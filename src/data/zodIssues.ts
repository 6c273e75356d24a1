import { z } from 'zod';
import type { PathSegment } from './yaml.js';
import { didYouMean } from './suggest.js';

/** A schema problem with the path of the value (or key) at fault and a message that says the fix. */
export interface SchemaProblem {
  path: PathSegment[];
  part: 'key' | 'value';
  message: string;
}

/** Turns zod's issues into messages an editor can act on, naming the field and the fix. */
export function schemaProblems(schema: z.ZodType, value: unknown): SchemaProblem[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  const problems: SchemaProblem[] = [];
  collect(schema, value, result.error.issues, [], problems);
  return problems;
}

function collect(schema: z.ZodType, value: unknown, issues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[], problems: SchemaProblem[]): void {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.filter((s): s is PathSegment => typeof s !== 'symbol')];
    if (issue.code === 'invalid_union') {
      // A value of the kind one option takes is described by that option's mistakes; a value of
      // no option's kind, by the kinds allowed.
      const ofKind = issue.errors.find((errors) => !errors.some((e) => e.code === 'invalid_type' && e.path.length === 0));
      if (ofKind) {
        collect(schema, value, ofKind, path, problems);
        continue;
      }
      const kinds = issue.errors.flatMap((errors) => errors.flatMap((e) => (e.code === 'invalid_type' && e.path.length === 0 ? [article(e.expected)] : [])));
      problems.push({ path, part: 'value', message: `${fieldName(path) || 'the file'} must be ${kinds.join(' or ')}, not ${kindOf(valueAt(value, path))}` });
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const known = Object.keys(shapeAt(schema, path));
      for (const key of issue.keys) {
        problems.push({
          path: [...path, key],
          part: 'key',
          message: `unknown field "${key}"${place(path)}${didYouMean(key, known) || `: the fields allowed here are ${known.join(', ')}`}`,
        });
      }
      continue;
    }
    problems.push({ path, part: 'value', message: describe(issue, path, value) });
  }
}

function place(path: readonly PathSegment[]): string {
  return path.length ? ` in ${fieldName(path)}` : '';
}

/** `answers[2].author`: how editors name a field. */
export function fieldName(path: readonly PathSegment[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

function describe(issue: z.core.$ZodIssue, path: PathSegment[], root: unknown): string {
  const field = fieldName(path) || 'the file';
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(root, path);
      if (actual === undefined) return `missing required field "${fieldName(path)}": add it`;
      if ((issue.expected === 'object' || issue.expected === 'record') && path.length === 0) {
        return 'the file must be a YAML mapping of fields (key: value)';
      }
      return `${field} must be ${article(issue.expected)}, not ${kindOf(actual)}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `${field} must list at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return `${field} must not be empty`;
      return `${field} must be at least ${issue.minimum}${issue.inclusive ? '' : ' (exclusive)'}, not ${String(valueAt(root, path))}`;
    case 'too_big':
      return `${field} must be at most ${issue.maximum}, not ${String(valueAt(root, path))}`;
    case 'invalid_format':
    case 'custom':
      return `${field} ${issue.message}${quoted(valueAt(root, path))}`;
    case 'invalid_key':
      return `key "${String(path[path.length - 1])}" is not a valid id: use lowercase letters, digits and single hyphens`;
    default:
      return `${field}: ${issue.message}`;
  }
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? ` (found "${value.length > 60 ? `${value.slice(0, 57)}...` : value}")` : '';
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    object: 'a mapping of fields',
    array: 'a list',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

/** The fields an object schema allows at `path`, looking through arrays, records and optionals. */
function shapeAt(schema: z.ZodType, path: readonly PathSegment[]): Record<string, unknown> {
  let node: z.ZodType = schema;
  // Through optionals, and to the object among a union's options (a plural label: text or forms).
  const unwrap = (n: z.ZodType): z.ZodType => {
    if (n instanceof z.ZodOptional) return unwrap(n.unwrap() as z.ZodType);
    if (n instanceof z.ZodUnion) return ((n.options as z.ZodType[]).find((option) => option instanceof z.ZodObject) as z.ZodType | undefined) ?? n;
    return n;
  };
  node = unwrap(node);
  for (const segment of path) {
    if (node instanceof z.ZodObject) node = unwrap(node.shape[segment as string] as z.ZodType);
    else if (node instanceof z.ZodArray) node = unwrap(node.element as z.ZodType);
    else if (node instanceof z.ZodRecord) node = unwrap(node.valueType as z.ZodType);
    else return {};
  }
  return node instanceof z.ZodObject ? node.shape : {};
}
