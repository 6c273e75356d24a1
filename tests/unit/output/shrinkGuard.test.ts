import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildError } from '../../../src/errors/BuildError.js';
import { checkShrink, liveQuestionSlugs, questionSlugsOf } from '../../../src/output/shrinkGuard.js';
import { cleanup, tempDir } from '../../helpers/site.js';

describe('checkShrink', () => {
  let site: string;
  const live = ['a', 'b', 'c', 'd'];
  beforeEach(async () => {
    site = await tempDir('answerpress-shrink-');
    for (const slug of ['a', 'b', 'c', 'd']) {
      await mkdir(join(site, 'questions', slug), { recursive: true });
      await writeFile(join(site, 'questions', slug, 'index.html'), '');
    }
    // The listing's pages and the listing itself are not question pages.
    await mkdir(join(site, 'questions', 'page', '2'), { recursive: true });
    await writeFile(join(site, 'questions', 'page', '2', 'index.html'), '');
    await writeFile(join(site, 'questions', 'index.html'), '');
    await mkdir(join(site, 'questions', 'empty-folder'));
  });
  afterEach(() => cleanup(site));

  it('counts the question pages of a built site', async () => {
    expect((await liveQuestionSlugs(site)).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(await liveQuestionSlugs(join(site, 'nothing-built-yet'))).toEqual([]);
  });

  it('finds the same question pages in a list of page files as on disk', () => {
    const pages = ['questions/a/index.html', 'questions/b/index.html', 'questions/c/index.html', 'questions/d/index.html', 'questions/index.html', 'questions/page/2/index.html', 'experts/a/index.html', 'topics/a/index.html', 'questions/a/b/index.html'];
    expect(questionSlugsOf(pages)).toEqual(['a', 'b', 'c', 'd']);
    expect(questionSlugsOf([])).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['nothing removed', ['a', 'b', 'c', 'd']],
    ['half removed', ['c', 'd']],
    ['half removed and others added', ['c', 'd', 'e', 'f', 'g']],
  ])('lets a build through with %s', async (_name, slugs) => {
    expect(() => checkShrink(live, '_site', slugs)).not.toThrow();
  });

  it.each<[string, string[], number]>([
    ['three of four removed', ['d'], 3],
    ['all renamed', ['a2', 'b2', 'c2', 'd2'], 4],
    ['all removed', [], 4],
  ])('stops a build with %s, saying how many', async (_name, slugs, removed) => {
    let error: unknown;
    try {
      checkShrink(live, 'public', slugs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message).toBe(
      `shrink: this build would remove ${removed} of the 4 question pages published in public (${4 - removed} would be left). If questions were deleted or moved by mistake, restore them; if the removal is intended, build again with --allow-shrink.`,
    );
  });

  it('lets any first build through', async () => {
    expect(() => checkShrink([], '_site', [])).not.toThrow();
  });
});
