import { isCalendarDate } from './dates.js';
import type { FileKind } from './schema.js';
import type { PathSegment } from './yaml.js';

/** A mistake the schema cannot see: where it is and what to do. */
export interface RuleProblem {
  path: PathSegment[];
  message: string;
  /** Text to point at inside the value (the placeholder), rather than the value's start. */
  mark?: string;
}

/** `TODO` opening a value or one of its lines: the placeholders `answerpress new` writes. */
const PLACEHOLDER = /(?:^|\n)[ \t]*TODO\b/;

/**
 * What a reviewer would catch in one file that its schema does not: a placeholder left by
 * `answerpress new`, and an answer dated before its question was asked.
 */
export function ruleProblems(kind: FileKind, value: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  walk(value, [], (path, text) => {
    if (PLACEHOLDER.test(text)) problems.push({ path, mark: 'TODO', message: `${fieldName(path)} still holds a TODO placeholder: write it${optional(kind, path) ? ', or delete the field' : ''}` });
  });
  if (kind === 'question' && isRecord(value) && typeof value.asked === 'string' && Array.isArray(value.answers)) {
    const asked = value.asked;
    value.answers.forEach((answer, i) => {
      // Real dates written YYYY-MM-DD compare as text; others are the schema's to report.
      if (isRecord(answer) && typeof answer.date === 'string' && isCalendarDate(answer.date) && isCalendarDate(asked) && answer.date < asked) {
        problems.push({ path: ['answers', i, 'date'], message: `answers[${i}].date ${answer.date} is before the question was asked (${asked}): correct one of the two dates` });
      }
    });
  }
  return problems;
}

function walk(value: unknown, path: PathSegment[], visit: (path: PathSegment[], text: string) => void): void {
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) walk(item, [...path, key], visit);
}

/** `answers[0].title`. */
export function fieldName(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('') || 'the file';
}

/** Fields `answerpress new` writes that the contract does not require. */
const OPTIONAL: Partial<Record<FileKind, RegExp>> = {
  expert: /^(credentials|bio|website|location\.(region|country))/,
  question: /^answers\[\d+\]\.title$/,
};

function optional(kind: FileKind, path: readonly PathSegment[]): boolean {
  return OPTIONAL[kind]?.test(fieldName(path)) ?? false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
