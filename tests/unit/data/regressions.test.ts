import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../../src/data/load.js';
import { questionSchema } from '../../../src/data/schema.js';
import { locate } from '../../../src/data/yaml.js';
import { schemaProblems } from '../../../src/data/zodIssues.js';
import { formatDataError } from '../../../src/cli/format.js';
import { DataError } from '../../../src/errors/DataError.js';
import { cleanup, tempDir } from '../../helpers/site.js';

describe('regressions found in review', () => {
  it('locates an empty value at its key, never at column 0', () => {
    expect(locate('title:\nasked: 2024-01-01\n', ['title'])).toEqual({ line: 1, col: 1 });
    expect(locate('a: 1\nanswers:\nb: 2\n', ['answers'])).toEqual({ line: 2, col: 1 });
  });

  it('reports a badly shaped date once, not also as an impossible date', () => {
    const problems = schemaProblems(questionSchema, { title: 'T', asked: '2024-1-5', topics: ['x'], body: 'B' });
    expect(problems.map((p) => p.message)).toEqual(['asked must be a date written YYYY-MM-DD (found "2024-1-5")']);
  });

  it('names a topics.yaml written as a list as needing a mapping', async () => {
    const dir = await tempDir();
    try {
      await writeFile(join(dir, 'site.yaml'), 'title: T\nurl: https://example.org/\n');
      await writeFile(join(dir, 'topics.yaml'), '- a\n- b\n');
      const error = (await loadData(dir).catch((e: unknown) => e)) as DataError;
      expect(error.issues).toContainEqual({ file: 'topics.yaml', line: 1, col: 1, message: 'the file must be a YAML mapping of fields (key: value)' });
    } finally {
      await cleanup(dir);
    }
  });

  it('does not call an expert unknown when their file exists but fails to parse', async () => {
    const dir = await tempDir();
    try {
      await mkdir(join(dir, 'experts'));
      await mkdir(join(dir, 'questions'));
      await writeFile(join(dir, 'site.yaml'), 'title: T\nurl: https://example.org/\n');
      await writeFile(join(dir, 'topics.yaml'), 'a:\n  name: A\n');
      await writeFile(join(dir, 'experts', 'jo.yaml'), 'name: Jo\nname: Jo\n');
      await writeFile(join(dir, 'questions', 'q.yaml'), 'title: Q\nasked: 2024-01-01\ntopics: [a]\nbody: B\nanswers:\n  - author: jo\n    date: 2024-01-02\n    body: A\n');
      const error = (await loadData(dir).catch((e: unknown) => e)) as DataError;
      expect(error.issues.map((i) => i.file)).toEqual(['experts/jo.yaml']);
    } finally {
      await cleanup(dir);
    }
  });

  it('escapes commas and colons in the file property of GitHub annotations', () => {
    const text = formatDataError(new DataError([{ file: 'experts/Smith, J:x.yaml', line: 1, col: 1, message: 'bad' }]), 'data', 'github');
    expect(text.split('\n')[0]).toBe('::error file=data/experts/Smith%2C J%3Ax.yaml,line=1,col=1,title=answerpress::bad');
  });
});
