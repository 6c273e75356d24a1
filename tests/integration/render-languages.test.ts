/**
 * The branded fixture built in French and in German: every interface word comes from the
 * language's set (the content stays as written), dates and counts follow the language, and a
 * `labels:` override replaces one word.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPages, parsePage } from '../helpers/pages.js';
import { buildSite, cleanup, copyData, fixturesDir, tempDir } from '../helpers/site.js';

const ENGLISH = ['Asked', 'expert answers', 'expert answer', 'Skip to content', 'Search', 'Answered', 'Related questions', 'out of 5 stars', 'Photo of'];

describe.each([
  ['fr', { skip: 'Aller au contenu', count: '3 réponses d’experts', date: '4 juin 2024', rating: '4,8 sur 5 étoiles, 41 avis', override: 'Avertissement médical' }],
  ['de', { skip: 'Zum Inhalt springen', count: '3 Antworten von Fachleuten', date: '4. Juni 2024', rating: '4,8 von 5 Sternen, 41 Bewertungen', override: 'Bitte beachten' }],
])('the site built with language: %s', (language, expected) => {
  const roots: string[] = [];
  let out = '';
  beforeAll(async () => {
    const root = await tempDir();
    roots.push(root);
    const data = await copyData(join(fixturesDir, 'branded'), root);
    const site = await readFile(join(data, 'site.yaml'), 'utf8');
    await writeFile(join(data, 'site.yaml'), `${site}language: ${language}\nlabels:\n  disclaimerHeading: ${expected.override}\n`);
    const built = await buildSite(data);
    roots.push(built.root);
    out = built.outDir;
  }, 120_000);
  afterAll(() => cleanup(...roots));

  it('has no English interface word left on any page, its scripts\' words included', async () => {
    const pages = await htmlPages(out);
    expect(pages.length).toBeGreaterThan(10);
    for (const { path } of pages) {
      const html = await readFile(join(out, path), 'utf8');
      for (const word of ENGLISH) expect(html.includes(word), `${path} holds "${word}"`).toBe(false);
    }
  });

  it('says its language in <html lang>, left to right', async () => {
    for (const { path } of await htmlPages(out)) {
      const html = (await parsePage(out, path)).querySelector('html');
      expect(html?.getAttribute('lang'), path).toBe(language);
      expect(html?.getAttribute('dir'), path).toBe('ltr');
    }
  });

  it('writes counts, dates and ratings the language\'s way', async () => {
    const page = await parsePage(out, 'questions/why-are-tomato-leaves-yellow/index.html');
    expect(page.querySelector('.skip-link')?.text).toBe(expected.skip);
    expect(page.querySelector('.answers h2')?.text).toBe(expected.count);
    expect(page.querySelector('.answer-meta time')?.text).toBe(expected.date);
    expect(page.querySelector('.rating-text')?.text).toBe(expected.rating);
  });

  it('shows the word labels: overrides', async () => {
    const page = await parsePage(out, 'questions/why-are-tomato-leaves-yellow/index.html');
    expect(page.querySelector('#disclaimer-heading')?.text).toBe(expected.override);
  });
});
