import { describe, expect, it } from 'vitest';
import { BuildError } from '../../../src/errors/BuildError.js';
import { DataError } from '../../../src/errors/DataError.js';
import { UsageError } from '../../../src/errors/UsageError.js';

describe('DataError', () => {
  it('says how many errors there are and lists them sorted, one per line', () => {
    const error = new DataError([
      { file: 'site.yaml', line: 3, col: 1, message: 'unknown field "langauge": did you mean "language"?' },
      { file: 'experts/ada.yaml', line: 9, col: 10, message: 'rating.value must be at most 5, not 7' },
    ]);
    expect(error.message).toBe(
      '2 errors in the data:\n' +
        'experts/ada.yaml:9:10: rating.value must be at most 5, not 7\n' +
        'site.yaml:3:1: unknown field "langauge": did you mean "language"?',
    );
    expect(error.issues.map((issue) => issue.file)).toEqual(['experts/ada.yaml', 'site.yaml']);
  });

  it('uses the singular for one error', () => {
    expect(new DataError([{ file: 'topics.yaml', line: 1, col: 1, message: 'the file is empty' }]).message).toBe(
      '1 error in the data:\ntopics.yaml:1:1: the file is empty',
    );
  });

  it('is an Error named DataError', () => {
    const error = new DataError([]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DataError');
    expect(error.message).toBe('0 errors in the data:\n');
  });

  it('does not share or reorder the array it was given', () => {
    const issues = [
      { file: 'b.yaml', line: 1, col: 1, message: 'x' },
      { file: 'a.yaml', line: 1, col: 1, message: 'y' },
    ];
    const error = new DataError(issues);
    issues.push({ file: 'c.yaml', line: 1, col: 1, message: 'z' });
    expect(error.issues).toHaveLength(2);
    expect(issues[0]?.file).toBe('b.yaml');
  });
});

describe('UsageError', () => {
  it('is an Error named UsageError with the message as given', () => {
    const error = new UsageError('unknown command "frob"');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UsageError');
    expect(error.message).toBe('unknown command "frob"');
  });
});

describe('BuildError', () => {
  it('names the stage and keeps the cause', () => {
    const cause = new Error('template not found');
    const error = new BuildError('render', 'template not found', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BuildError');
    expect(error.message).toBe('render: template not found');
    expect(error.cause).toBe(cause);
  });
});
