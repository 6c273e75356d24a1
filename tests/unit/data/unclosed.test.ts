import { describe, expect, it } from 'vitest';
import { unclosedBefore } from '../../../src/data/unclosed.js';
import { parseYaml } from '../../../src/data/yaml.js';

describe('a YAML syntax error from an unclosed bracket or quote', () => {
  it.each<[string, string, { line: number; col: number }, string]>([
    ['a list', 'title: T\nasked: 2024-01-01\ntopics: [a, b\nbody: |\n  Text.\n', { line: 3, col: 9 }, 'the list opened by [ here is never closed: add ] where it ends'],
    ['a list at the end of the file', 'title: T\ntopics: [a, b\n', { line: 2, col: 9 }, 'the list opened by [ here is never closed: add ] where it ends'],
    ['a mapping', 'location: {city: Oslo\nname: N\n', { line: 1, col: 11 }, 'the mapping opened by { here is never closed: add } where it ends'],
    ['a list in a list item', 'answers:\n  - [1, 2\n  - x\n', { line: 2, col: 5 }, 'the list opened by [ here is never closed: add ] where it ends'],
    ['a quoted title', 'title: "Why\nasked: 2024-01-01\n', { line: 1, col: 8 }, 'the quoted text opened by " here is never closed: add " where it ends'],
    ['the outer of two lists', 'a: [[1, 2], [3\nb: 1\n', { line: 1, col: 4 }, 'the list opened by [ here is never closed: add ] where it ends'],
  ])('is reported where %s opens', (_name, source, position, message) => {
    expect(parseYaml(source)).toEqual({ ok: false, position, message: `YAML syntax error: ${message}` });
  });

  it.each([
    ['a list closed on a later line', 'a: [1,\n  2]\nb: c: d\n'],
    ['brackets inside a block scalar', 'body: |\n  [not a list\nb: c: d\n'],
    ['brackets inside a plain value', 'title: Why [sic\nb: c: d\n'],
    ['a bracket in a comment', 'a: 1 # [\nb: c: d\n'],
    ['a quote with an escaped quote', 'a: "say \\"hi\\""\nb: c: d\n'],
    ["a single-quoted value with a doubled quote", "a: 'it''s'\nb: c: d\n"],
  ])('is not blamed on %s', (_name, source) => {
    const lineOfError = 3;
    expect(unclosedBefore(source, lineOfError)).toBeUndefined();
  });
});
