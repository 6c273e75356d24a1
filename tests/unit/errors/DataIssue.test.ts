import { describe, expect, it } from 'vitest';
import { formatIssue, sortIssues, type DataIssue } from '../../../src/errors/DataIssue.js';

const issue = (file: string, line: number, col: number, message = 'wrong'): DataIssue => ({ file, line, col, message });

describe('formatIssue', () => {
  it('writes path:line:col: message', () => {
    expect(formatIssue(issue('questions/foo.yaml', 12, 5, 'title must not be empty'))).toBe('questions/foo.yaml:12:5: title must not be empty');
  });

  it('puts the prefix before the path', () => {
    expect(formatIssue(issue('site.yaml', 1, 1, 'x'), 'error: ')).toBe('error: site.yaml:1:1: x');
  });

  it('keeps spaces and colons in file names and messages as they are', () => {
    expect(formatIssue(issue('experts/Dr Smith.yaml', 1, 1, 'a: b'))).toBe('experts/Dr Smith.yaml:1:1: a: b');
  });
});

describe('sortIssues', () => {
  it('orders by file, then line, then column, then message', () => {
    const issues = [
      issue('site.yaml', 1, 1),
      issue('questions/b.yaml', 10, 1),
      issue('questions/b.yaml', 2, 9),
      issue('questions/b.yaml', 2, 3, 'zebra'),
      issue('questions/b.yaml', 2, 3, 'apple'),
      issue('experts/a.yaml', 30, 1),
      issue('questions/a.yaml', 1, 1),
    ];
    expect(sortIssues(issues).map((i) => formatIssue(i))).toEqual([
      'experts/a.yaml:30:1: wrong',
      'questions/a.yaml:1:1: wrong',
      'questions/b.yaml:2:3: apple',
      'questions/b.yaml:2:3: zebra',
      'questions/b.yaml:2:9: wrong',
      'questions/b.yaml:10:1: wrong',
      'site.yaml:1:1: wrong',
    ]);
  });

  it('compares lines as numbers, not text', () => {
    expect(sortIssues([issue('a.yaml', 10, 1), issue('a.yaml', 9, 1)]).map((i) => i.line)).toEqual([9, 10]);
  });

  it('returns a new array and leaves its input alone', () => {
    const issues = [issue('b.yaml', 1, 1), issue('a.yaml', 1, 1)];
    const sorted = sortIssues(issues);
    expect(sorted).not.toBe(issues);
    expect(issues.map((i) => i.file)).toEqual(['b.yaml', 'a.yaml']);
    expect(sorted.map((i) => i.file)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('returns an empty list for no issues', () => {
    expect(sortIssues([])).toEqual([]);
  });
});
