import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRenderError } from '../../../src/eleventy/renderError.js';
import { packageLayouts } from '../../../src/output/packagePaths.js';
import { cleanup, tempDir } from '../../helpers/site.js';

/** An error as Eleventy 3 throws it: its own message, Nunjucks' in `originalError`. */
function eleventyError(nunjucksMessage: string): Error {
  const error = new Error('Having trouble rendering njk template /tmp/x/input/answerpress-question.njk') as Error & { originalError?: Error };
  error.originalError = new Error(nunjucksMessage);
  return error;
}

describe('describeRenderError', () => {
  let site: string;
  beforeAll(async () => {
    site = await tempDir();
    await mkdir(join(site, 'pages'), { recursive: true });
    await writeFile(join(site, 'pages', 'question.njk'), '{% extends "base.njk" %}\n');
  });
  afterAll(() => cleanup(site));

  it('names the layout file, line and column Nunjucks names, and its message', () => {
    const error = eleventyError('(/tmp/x/input/answerpress-question.njk)\n  Template render error: (/site/layouts/pages/question.njk) [Line 4, Column 15]\n  expected variable end');
    expect(describeRenderError(error, [site, packageLayouts])).toBe('/site/layouts/pages/question.njk, line 4, column 15: expected variable end');
  });

  it('names the layout a page extends, from the first layouts folder holding it, for an error Nunjucks places in the page template', () => {
    const error = eleventyError('(/tmp/x/input/answerpress-question.njk)\n  Error: filter not found: noSuchFilter');
    expect(describeRenderError(error, [site, packageLayouts])).toBe(`${join(site, 'pages', 'question.njk')}: filter not found: noSuchFilter`);
    const expert = eleventyError('(/tmp/x/input/answerpress-expert.njk)\n  Error: filter not found: noSuchFilter');
    expect(describeRenderError(expert, [site, packageLayouts])).toMatch(/^layouts\/pages\/expert\.njk: filter not found: noSuchFilter$/);
  });

  it('follows `cause` as well as `originalError`, to the last error of the chain', () => {
    const error = new Error('outer', { cause: new Error('middle', { cause: new Error('(/a/b.njk) [Line 1, Column 2]\n  unknown block tag: frob') }) });
    expect(describeRenderError(error, [])).toBe('/a/b.njk, line 1, column 2: unknown block tag: frob');
  });

  it('gives a message without a template as it is, and anything thrown that is not an error as text', () => {
    expect(describeRenderError(new Error('Output conflict: two pages write questions/a/index.html'), [])).toBe('Output conflict: two pages write questions/a/index.html');
    expect(describeRenderError('plain text', [])).toBe('plain text');
  });
});
