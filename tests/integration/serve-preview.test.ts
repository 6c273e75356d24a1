import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { layoutSearchPath } from '../../src/output/packagePaths.js';
import { previewQuestions, questionEdits, type PreviewBase } from '../../src/serve/preview.js';
import { cleanup, copyData, fixturesDir, tempDir } from '../helpers/site.js';

describe('the preview of an edited question', () => {
  let root: string;
  let data: string;
  let base: PreviewBase;
  const file = 'questions/morning-headache-and-snoring.yaml';
  const out = () => join(root, 'out');
  const rebuild = () => build({ dataDir: data, outDir: out(), cacheDir: join(root, 'cache') });
  const baseOf = (result: BuildResult): PreviewBase => ({ model: result.model!, assets: result.assets!, layoutDirs: layoutSearchPath(), dataDir: data, scratchDir: tmpdir() });

  beforeAll(async () => {
    root = await tempDir();
    data = await copyData(join(fixturesDir, 'search'), root);
    base = baseOf(await rebuild());
  }, 120_000);
  afterAll(() => cleanup(root));

  it('is the page the build then writes, byte for byte', async () => {
    await appendFile(join(data, file), '  - author: carmen-soto\n    date: 2025-05-23\n    title: A previewed answer\n    body: Shown <b>before</b> the site is rebuilt.\n');
    const pages = await previewQuestions(base, [file]);
    const page = 'questions/morning-headache-and-snoring/index.html';
    expect([...(pages?.keys() ?? [])]).toEqual([page]);
    expect(pages?.get(page)).toContain('A previewed answer');
    // Data is text: the markup in the body is escaped, as in the built page.
    expect(pages?.get(page)).not.toContain('<b>before</b>');
    const result = await rebuild();
    expect(await readFile(join(out(), page), 'utf8')).toBe(pages?.get(page));
    base = baseOf(result);
  }, 120_000);

  it('is not made for a file with errors, an unknown expert, a file that is not a known question, or none', async () => {
    const source = await readFile(join(data, file), 'utf8');
    try {
      await writeFile(join(data, file), source.replace('author: carmen-soto', 'author: carmen-sotto'));
      expect(await previewQuestions(base, [file])).toBeNull();
      await writeFile(join(data, file), `${source}  - author: [\n`);
      expect(await previewQuestions(base, [file])).toBeNull();
    } finally {
      await writeFile(join(data, file), source);
    }
    expect(await previewQuestions(base, ['questions/not-yet-built.yaml'])).toBeNull();
    expect(await previewQuestions(base, ['experts/carmen-soto.yaml'])).toBeNull();
    expect(await previewQuestions(base, [])).toBeNull();
  });
});

describe('which edits are previewed', () => {
  it('previews question files alone, leaving out files no build reads, and nothing when a change reaches more', () => {
    expect(questionEdits(['questions/a.yaml', 'questions/.a.yaml.swp', 'questions/a.yaml~', 'questions/4913', 'questions/b.yml', 'questions/a.yaml'])).toEqual(['questions/a.yaml', 'questions/b.yml']);
    expect(questionEdits(['questions/a.yaml', 'experts/x.yaml'])).toBeNull();
    expect(questionEdits(['questions/a.yaml', 'site.yaml'])).toBeNull();
    expect(questionEdits(['questions/a.yaml', 'photos/x.jpg'])).toBeNull();
    expect(questionEdits(['questions/.a.yaml.swp'])).toBeNull();
  });
});
