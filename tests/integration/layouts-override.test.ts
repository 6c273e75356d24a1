import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { buildSite, cleanup, fixturesDir, readPage, tempDir } from '../helpers/site.js';

describe('a site’s own layouts folder', () => {
  let layouts: string;
  let built: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    layouts = await tempDir();
    await mkdir(join(layouts, 'macros'), { recursive: true });
    await mkdir(join(layouts, 'assets'), { recursive: true });
    await writeFile(
      join(layouts, 'macros', 'rating.njk'),
      '{% macro rating(value) %}{% if value %}<p class="house-rating">{{ value.value }} of 5</p>{% endif %}{% endmacro %}\n',
    );
    await writeFile(join(layouts, 'assets', 'style.css'), 'body{font-family:serif}\n');
    await mkdir(join(layouts, 'partials'), { recursive: true });
    await writeFile(join(layouts, 'partials', 'footer.njk'), '<footer class="house-footer"><p>{{ site.title }} house footer</p></footer>\n');
    built = await buildSite(join(fixturesDir, 'search'), { layoutsDir: layouts });
  });
  afterAll(() => cleanup(layouts, built.root));

  it('replaces our template of the same file name, wherever it is used', async () => {
    const question = await readPage(built.outDir, 'questions/itchy-rash-after-hiking/index.html');
    expect(question).toContain('<p class="house-rating">4.6 of 5</p>');
    expect(question).not.toContain('class="stars');
    const profile = await readPage(built.outDir, 'experts/greta-lindholm/index.html');
    expect(profile).toContain('<p class="house-rating">4.6 of 5</p>');
    expect(await readPage(built.outDir, 'index.html')).toContain('<footer class="house-footer"><p>Search Fixture Clinic house footer</p></footer>');
  });

  it('keeps ours for every file it does not have', async () => {
    const question = await readPage(built.outDir, 'questions/itchy-rash-after-hiking/index.html');
    expect(question).toContain('<article class="answer" id="answer-greta-lindholm"');
    expect(question).toContain('<a class="skip-link" href="#main">');
  });

  it('replaces our stylesheet, under a new fingerprinted name', async () => {
    const home = await readPage(built.outDir, 'index.html');
    const href = /<link rel="stylesheet" href="\/(assets\/style\.[0-9a-f]{10}\.css)">/.exec(home)?.[1];
    expect(href).toBeDefined();
    expect(await readPage(built.outDir, href as string)).toBe('body{font-family:serif}\n');
  });
});

describe('a site layout that does not compile', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir();
  });
  afterAll(() => cleanup(root));

  it('fails the build naming the layout file, its line and column, and what Nunjucks expected', async () => {
    const layouts = join(root, 'layouts');
    await mkdir(join(layouts, 'pages'), { recursive: true });
    await writeFile(join(layouts, 'pages', 'expert.njk'), '{% extends "base.njk" %}\n{% block content %}\n<h1>{{ expert.name }</h1>\n{% endblock %}\n');
    const building = build({ dataDir: join(fixturesDir, 'search'), outDir: join(root, 'out'), cacheDir: false, layoutsDir: layouts });
    await expect(building).rejects.toThrow(`render: ${join(layouts, 'pages', 'expert.njk')}, line 3, column 20: expected variable end`);
  });
});
