import { describe, expect, it } from 'vitest';
import { checkReferences } from '../../../src/data/references.js';
import { parseYaml } from '../../../src/data/yaml.js';

interface ParsedFile {
  id: string;
  file: string;
  source: string;
  value: unknown;
}

function parsed(file: string, source: string): ParsedFile {
  const result = parseYaml(source);
  if (!result.ok) throw new Error(`fixture does not parse: ${result.message}`);
  const name = file.slice(file.lastIndexOf('/') + 1);
  return { id: name.replace(/\.ya?ml$/, ''), file, source, value: result.value };
}

const topics = parsed('topics.yaml', 'soil:\n  name: Soil\nflowers:\n  name: Flowers\ncut-flowers:\n  name: Cut Flowers\n');
const experts = [
  parsed('experts/ada-fenwick.yaml', 'name: Ada\n'),
  parsed('experts/bram-oduya.yaml', 'name: Bram\n'),
];

const questionSource = [
  'title: Why?', //                   1
  'asked: 2024-01-01', //             2
  'topics: [soil, soli, herbs]', //   3
  'body: Because.', //                4
  'answers:', //                      5
  '  - author: ada-fenwick', //       6
  '    date: 2024-01-02', //          7
  '    body: Yes.', //                8
  '  - author: ada-fenwik', //        9
  '    date: 2024-01-02', //          10
  '    body: No.', //                 11
  '  - body: Maybe.', //              12
  '    date: 2024-01-03', //          13
  '    author: zed-quill', //         14
  '',
].join('\n');

describe('checkReferences', () => {
  it('finds nothing wrong when every author and topic exists', () => {
    const question = parsed(
      'questions/ok.yaml',
      'title: x\ntopics: [soil, cut-flowers]\nanswers:\n  - author: bram-oduya\n  - author: ada-fenwick\n',
    );
    expect(checkReferences({ topics, experts, questions: [question] })).toEqual([]);
  });

  it('reports unknown topics and authors at their values, with a suggestion when one is close', () => {
    const question = parsed('questions/why.yaml', questionSource);
    expect(checkReferences({ topics, experts, questions: [question] })).toEqual([
      {
        file: 'questions/why.yaml',
        line: 3,
        col: 16,
        message: 'unknown topic "soli" in topics[1]: did you mean "soil"? topics must be ids defined in topics.yaml',
      },
      {
        file: 'questions/why.yaml',
        line: 3,
        col: 22,
        message: 'unknown topic "herbs" in topics[2]: topics must be ids defined in topics.yaml',
      },
      {
        file: 'questions/why.yaml',
        line: 9,
        col: 13,
        message: 'unknown expert "ada-fenwik" in answers[1].author: did you mean "ada-fenwick"? there is no file experts/ada-fenwik.yaml',
      },
      {
        file: 'questions/why.yaml',
        line: 14,
        col: 13,
        message: 'unknown expert "zed-quill" in answers[2].author: there is no file experts/zed-quill.yaml',
      },
    ]);
  });

  it('checks every question', () => {
    const a = parsed('questions/a.yaml', 'topics: [herbs]\n');
    const b = parsed('questions/b.yaml', 'topics: [soil]\nanswers:\n  - author: nobody\n');
    expect(checkReferences({ topics, experts, questions: [a, b] }).map((issue) => `${issue.file}:${issue.line}:${issue.col}`)).toEqual([
      'questions/a.yaml:1:10',
      'questions/b.yaml:3:13',
    ]);
  });

  it('skips topic checks when topics.yaml did not load, but still checks authors', () => {
    const question = parsed('questions/why.yaml', questionSource);
    expect(checkReferences({ topics: undefined, experts, questions: [question] }).map((issue) => issue.message)).toEqual([
      'unknown expert "ada-fenwik" in answers[1].author: did you mean "ada-fenwick"? there is no file experts/ada-fenwik.yaml',
      'unknown expert "zed-quill" in answers[2].author: there is no file experts/zed-quill.yaml',
    ]);
  });

  it('reports every author as unknown when there are no experts', () => {
    const question = parsed('questions/q.yaml', 'answers:\n  - author: ada-fenwick\n');
    expect(checkReferences({ topics, experts: [], questions: [question] })).toEqual([
      { file: 'questions/q.yaml', line: 2, col: 13, message: 'unknown expert "ada-fenwick" in answers[0].author: there is no file experts/ada-fenwick.yaml' },
    ]);
  });

  it('leaves values of the wrong type to the schema check', () => {
    const questions = [
      parsed('questions/list.yaml', '- a\n- b\n'),
      parsed('questions/types.yaml', 'topics: soil\nanswers: {author: nobody}\n'),
      parsed('questions/items.yaml', 'topics: [5, {a: 1}]\nanswers:\n  - just text\n  - author: 7\n'),
    ];
    expect(checkReferences({ topics, experts, questions })).toEqual([]);
  });
});
