import { describe, expect, it } from 'vitest';
import { checkFile } from '../../../src/data/checkFile.js';

const site = (editor: string) => new TextEncoder().encode(`title: T\nurl: https://example.org/\neditor:\n${editor}`);

describe('site.yaml editor', () => {
  it('accepts a GitHub repository with a branch and a data folder', () => {
    const checked = checkFile('site.yaml', site('  backend: github\n  repo: acme/answers\n  branch: main\n  folder: site/data\n'), 'site');
    expect(checked.issues).toEqual([]);
  });

  it.each([
    ['  backend: gitlab\n  repo: acme/answers\n', 4, 12, 'must be github'],
    ['  backend: github\n  repo: answers\n', 5, 9, 'must be a GitHub repository written owner/name'],
    ['  backend: github\n  repo: acme/answers\n  folder: ../secrets\n', 6, 11, 'must not contain . or .. segments'],
    ['  backend: github\n  repo: acme/answers\n  folder: /data\n', 6, 11, 'must be a folder path inside the repository'],
    ['  backend: github\n  repo: acme/answers\n  brnch: main\n', 6, 3, 'brnch'],
  ])('reports %j at its line and column', (editor, line, col, message) => {
    const [issue, ...rest] = checkFile('site.yaml', site(editor), 'site').issues;
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'site.yaml', line, col });
    expect(issue?.message).toContain(message);
  });
});
