import { describe, expect, it } from 'vitest';
import { locate, offsetToPosition, parseYaml, type PathSegment } from '../../../src/data/yaml.js';

const SYNTAX_HINT = ': check the indentation and quoting on this line';

describe('parseYaml', () => {
  it('parses a mapping and keeps dates as strings (core schema, no timestamp type)', () => {
    expect(parseYaml('title: Hello\nasked: 2024-02-30\ncount: 3\nrate: 4.5\nempty: ~\nflag: yes\n')).toEqual({
      ok: true,
      value: { title: 'Hello', asked: '2024-02-30', count: 3, rate: 4.5, empty: null, flag: 'yes' },
    });
  });

  it('accepts an anchor that is never used as an alias', () => {
    expect(parseYaml('a: &x 1\nb: 2\n')).toEqual({ ok: true, value: { a: 1, b: 2 } });
  });

  it('accepts an explicit start and end marker around one document', () => {
    expect(parseYaml('---\na: 1\n...\n')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('strips a byte order mark', () => {
    expect(parseYaml('\uFEFFtitle: Hello\n')).toEqual({ ok: true, value: { title: 'Hello' } });
  });

  it.each([
    ['bad indentation of a mapping entry', 'a:\n  b: 1\n c: 2\n', 3, 2, 'YAML syntax error: bad indentation of a mapping entry in "c: 2"' + SYNTAX_HINT],
    ['an indented key after a block scalar', 'title: x\nbody: |\n  text\n answers: []\n', 4, 2, 'YAML syntax error: bad indentation of a mapping entry in "answers: []"' + SYNTAX_HINT],
    ['a tab in the indentation', 'a:\n\tb: 1\n', 2, 1, 'YAML syntax error: tab characters must not be used in indentation in "b: 1"' + SYNTAX_HINT],
    ['a duplicated key', 'a: 1\nb: 2\na: 3\n', 3, 1, 'YAML syntax error: a key appears twice in the same mapping in "a: 3": keep one'],
    ['an alias', 'a: &x [1, 2]\nb: *x\n', 2, 5, 'YAML aliases (*name) are not allowed in data files in "b: *x": write the value out in full'],
    ['an unknown tag', 'a: !foo x\n', 1, 4, 'YAML syntax error: unknown scalar tag !<!foo> in "a: !foo x"' + SYNTAX_HINT],
  ])('reports %s with its position and a fix', (_name, source, line, col, message) => {
    expect(parseYaml(source)).toEqual({ ok: false, position: { line, col }, message });
  });

  it('refuses a billion-laughs file at its first alias instead of expanding it', () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i += 1) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`);
    }
    const result = parseYaml(`${lines.join('\n')}\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^YAML aliases \(\*name\) are not allowed in data files in "b: &b \[\*a, \*a, .*": write the value out in full$/);
    expect(result.position.line).toBe(2);
  });

  it.each([
    ['an empty string', ''],
    ['only whitespace', '  \n\n'],
    ['only a comment', '# nothing yet\n'],
    ['only a byte order mark', '\uFEFF'],
  ])('reports %s as an empty file', (_name, source) => {
    expect(parseYaml(source)).toEqual({
      ok: false,
      position: { line: 1, col: 1 },
      message: 'the file is empty: fill in the required fields',
    });
  });

  it.each([
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a trailing empty document', 'a: 1\n---\n'],
  ])('refuses %s in one file', (_name, source) => {
    const result = parseYaml(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe('the file holds more than one YAML document (a second `---`): keep one per file');
  });

  it('refuses nesting deeper than the limit instead of exhausting the stack', () => {
    const result = parseYaml(`${'['.repeat(40)}${']'.repeat(40)}\n`);
    expect(result).toEqual({
      ok: false,
      position: { line: 1, col: 32 },
      message: `YAML syntax error: nesting exceeded maxDepth (32) in "${'['.repeat(40)}${']'.repeat(17)}..."` + SYNTAX_HINT,
    });
  });

  it('accepts nesting within the limit', () => {
    expect(parseYaml(`${'['.repeat(10)}1${']'.repeat(10)}\n`).ok).toBe(true);
  });
});

describe('locate', () => {
  const question = [
    'title: Hello', //                        1
    'answers:', //                            2
    '  - author: a', //                       3
    '    date: 2024-01-01', //                4
    '  - author: b', //                       5
    '    "quoted key": 5', //                 6
    '    flow: {x: 1, y: [2, 3]}', //         7
    'topics: [one, two]', //                  8
    '',
  ].join('\n');

  it.each<[string, PathSegment[], 'key' | 'value', number, number]>([
    ['the root', [], 'value', 1, 1],
    ['a top-level value', ['title'], 'value', 1, 8],
    ['a top-level key', ['title'], 'key', 1, 1],
    ['a block sequence (its first item)', ['answers'], 'value', 3, 3],
    ['the key of a block sequence', ['answers'], 'key', 2, 1],
    ['a sequence item', ['answers', 0], 'value', 3, 5],
    ['a value in the second item', ['answers', 1, 'author'], 'value', 5, 13],
    ['a key in the second item', ['answers', 1, 'author'], 'key', 5, 5],
    ['a quoted key (its text, inside the quotes)', ['answers', 1, 'quoted key'], 'key', 6, 6],
    ['the value of a quoted key', ['answers', 1, 'quoted key'], 'value', 6, 19],
    ['a value in a flow mapping', ['answers', 1, 'flow', 'x'], 'value', 7, 15],
    ['a key in a flow mapping', ['answers', 1, 'flow', 'y'], 'key', 7, 18],
    ['an item of a flow sequence in a flow mapping', ['answers', 1, 'flow', 'y', 1], 'value', 7, 25],
    ['an item of a flow sequence', ['topics', 1], 'value', 8, 15],
    ['a missing field: where its parent mapping starts', ['answers', 1, 'body'], 'value', 5, 5],
    ['a missing field in the first item', ['answers', 0, 'title'], 'value', 3, 5],
    ['a missing top-level field: the root', ['missing'], 'value', 1, 1],
    ['an item that does not exist: the root', ['answers', 5, 'author'], 'value', 1, 1],
  ])('finds %s', (_name, path, part, line, col) => {
    expect(locate(question, path, part)).toEqual({ line, col });
  });

  it.each<[string, string, PathSegment[], 'key' | 'value', number, number]>([
    ['a value after a byte order mark (the mark is not a column)', '\uFEFFa: 1\nb: 2\n', ['b'], 'value', 2, 4],
    ['a value in a file with CRLF line ends', 'a: 1\r\nb: 2\r\n', ['b'], 'value', 2, 4],
    ['a value after a comment', 'a: 1 # note\nb: 2\n', ['b'], 'value', 2, 4],
    ['a double-quoted value (its text)', 'a:\n  b: "x"\n', ['a', 'b'], 'value', 2, 7],
    ['a single-quoted value (its text)', "a:\n  b: 'x'\n", ['a', 'b'], 'value', 2, 7],
    ['a quoted top-level key', '"titel": x\n', ['titel'], 'key', 1, 2],
    ['a key in a top-level flow mapping', '{title: x, titel: y}\n', ['titel'], 'key', 1, 12],
    ['a missing key in a flow mapping: the mapping', 'a: {b: 1, c: 2}\n', ['a', 'd'], 'value', 1, 4],
    ['a value with a tag', 'a: !!str 5\n', ['a'], 'value', 1, 10],
    ['a value with an anchor', 'a: &x 5\n', ['a'], 'value', 1, 7],
    ['a value of an explicit key', '? a\n: 5\n', ['a'], 'value', 2, 3],
    ['an unindented sequence item', 'a:\n- 1\n- 2\n', ['a', 1], 'value', 3, 3],
    ['a nested flow sequence item', 'a: [1, [2, 3]]\n', ['a', 1, 0], 'value', 1, 9],
    ['an item in a later mapping of a list', 'a:\n  - b: 1\n    c: 2\n  - b: 3\n', ['a', 1, 'b'], 'value', 4, 8],
    ['a numeric key, addressed as a string', '1: x\n', ['1'], 'value', 1, 4],
    ['a key below a scalar: the scalar', 'k: v\n', ['k', 'x'], 'key', 1, 4],
  ])('finds %s', (_name, source, path, part, line, col) => {
    expect(locate(source, path, part)).toEqual({ line, col });
  });

  it('falls back to the start of the file when the source does not parse', () => {
    expect(locate('a: [1\n', ['a'])).toEqual({ line: 1, col: 1 });
  });
});

describe('offsetToPosition', () => {
  it.each([
    [0, 1, 1],
    [2, 1, 3],
    [3, 1, 4],
    [4, 2, 1],
    [6, 2, 3],
    [7, 3, 1],
  ])('offset %i is line %i, column %i', (offset, line, col) => {
    expect(offsetToPosition('abc\nde\nf', offset)).toEqual({ line, col });
  });
});
