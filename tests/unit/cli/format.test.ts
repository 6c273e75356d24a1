import { describe, expect, it } from 'vitest';
import { counted, formatDataError, formatWarnings, printable } from '../../../src/cli/format.js';
import { DataError } from '../../../src/errors/DataError.js';

const error = new DataError([
  { file: 'questions/why.yaml', line: 15, col: 13, message: 'unknown expert "bram-oduyo" in answers[1].author' },
  { file: 'experts/ada.yaml', line: 9, col: 10, message: 'rating.value must be at most 5, not 7' },
]);

describe('formatDataError, text', () => {
  it('prints each issue with the data folder in front of its path, then the count', () => {
    expect(formatDataError(error, 'data', 'text')).toBe(
      [
        'data/experts/ada.yaml:9:10: rating.value must be at most 5, not 7',
        'data/questions/why.yaml:15:13: unknown expert "bram-oduyo" in answers[1].author',
        '2 errors in data: nothing was built or changed.',
      ].join('\n'),
    );
  });

  it('uses the singular for one error', () => {
    const one = new DataError([{ file: 'site.yaml', line: 1, col: 1, message: 'missing file site.yaml' }]);
    expect(formatDataError(one, 'site-data', 'text')).toBe(
      'site-data/site.yaml:1:1: missing file site.yaml\n1 error in site-data: nothing was built or changed.',
    );
  });

  it.each([
    ['data/', 'data/experts/ada.yaml:9:10:', 'in data:'],
    ['./data', 'data/experts/ada.yaml:9:10:', 'in data:'],
    ['content//data//', 'content/data/experts/ada.yaml:9:10:', 'in content/data:'],
    ['../site/data', '../site/data/experts/ada.yaml:9:10:', 'in ../site/data:'],
    ['/srv/site/data', '/srv/site/data/experts/ada.yaml:9:10:', 'in /srv/site/data:'],
    ['.', 'experts/ada.yaml:9:10:', 'in .:'],
    ['./', 'experts/ada.yaml:9:10:', 'in .:'],
  ])('writes paths under the data folder %j as the user typed it', (dataDir, first, count) => {
    const lines = formatDataError(error, dataDir, 'text').split('\n');
    expect(lines[0]?.startsWith(`${first} `)).toBe(true);
    expect(lines[2]).toBe(`2 errors ${count} nothing was built or changed.`);
  });
});

describe('formatDataError, github', () => {
  it('prints one ::error annotation per issue with file, line and column, then the count', () => {
    expect(formatDataError(error, 'data', 'github')).toBe(
      [
        '::error file=data/experts/ada.yaml,line=9,col=10,title=answerpress::rating.value must be at most 5, not 7',
        '::error file=data/questions/why.yaml,line=15,col=13,title=answerpress::unknown expert "bram-oduyo" in answers[1].author',
        '2 errors in data: nothing was built or changed.',
      ].join('\n'),
    );
  });

  it('escapes %, carriage returns and newlines in the message so each annotation stays on one line', () => {
    const tricky = new DataError([{ file: 'site.yaml', line: 2, col: 3, message: '100% wrong\r\nsecond line %0A' }]);
    expect(formatDataError(tricky, '.', 'github').split('\n')).toEqual([
      '::error file=site.yaml,line=2,col=3,title=answerpress::100%25 wrong%0D%0Asecond line %250A',
      '1 error in .: nothing was built or changed.',
    ]);
  });

  it('leaves the text format unescaped', () => {
    const tricky = new DataError([{ file: 'site.yaml', line: 2, col: 3, message: '100% wrong' }]);
    expect(formatDataError(tricky, '.', 'text').split('\n')[0]).toBe('site.yaml:2:3: 100% wrong');
  });
});

describe('formatWarnings', () => {
  const warnings = [
    { file: 'questions/x.YAML', line: 1, col: 1, message: '"questions/x.YAML" is not read: rename it to end in .yaml (lowercase)' },
    { file: 'q.json', line: 1, col: 1, message: '"q.json" is not read: data files are YAML: site.yaml, topics.yaml' },
  ];

  it('prints each warning as path:line:col: warning:, sorted by file', () => {
    expect(formatWarnings(warnings, 'content/', 'text')).toBe(
      [
        'content/q.json:1:1: warning: "q.json" is not read: data files are YAML: site.yaml, topics.yaml',
        'content/questions/x.YAML:1:1: warning: "questions/x.YAML" is not read: rename it to end in .yaml (lowercase)',
      ].join('\n'),
    );
  });

  it('prints ::warning annotations for GitHub, with no count (they stop nothing)', () => {
    expect(formatWarnings(warnings.slice(0, 1), 'data', 'github')).toBe(
      '::warning file=data/questions/x.YAML,line=1,col=1,title=answerpress::"questions/x.YAML" is not read: rename it to end in .yaml (lowercase)',
    );
  });
});

describe('counted', () => {
  it.each<[number, string, string]>([
    [0, 'question', '0 questions'],
    [1, 'question', '1 question'],
    [2, 'question', '2 questions'],
    [1, 'search shard', '1 search shard'],
    [12, 'indexed page', '12 indexed pages'],
  ])('%i %s is "%s"', (count, noun, text) => {
    expect(counted(count, noun)).toBe(text);
  });
});

describe('text from the data in a report', () => {
  const hostile = new DataError([{ file: 'questions/\u001b[2Jx.yaml', line: 3, col: 5, message: 'unknown topic "\u001b]0;owned\u0007\u001b[2J\u202eevil" in topics[0]\nfake.yaml:1:1: forged' }]);

  it('shows control and direction characters as escapes, never raw, in text', () => {
    const [line] = formatDataError(hostile, 'data', 'text').split('\n');
    expect(line).toBe('data/questions/\\x1b[2Jx.yaml:3:5: unknown topic "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil" in topics[0]\\x0afake.yaml:1:1: forged');
  });

  it('shows them as escapes in GitHub annotations too', () => {
    const [line] = formatDataError(hostile, 'data', 'github').split('\n');
    expect(line).toBe('::error file=data/questions/\\x1b[2Jx.yaml,line=3,col=5,title=answerpress::unknown topic "\\x1b]0;owned\\x07\\x1b[2J\\u202eevil" in topics[0]%0Afake.yaml%3A1%3A1: forged'.replace('%3A1%3A1', ':1:1'));
  });

  it('leaves printable text, tabs and every script as it is', () => {
    expect(printable('Größe\t日本語 “quoted” – ok')).toBe('Größe\t日本語 “quoted” – ok');
  });
});

