/** A site built in parts on several machines (`build --shard i/n`, then `merge`), as docs/scaling.md describes. */
import { appendFile, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, packageLayouts } from '../../src/build.js';
import { mergeParts } from '../../src/merge.js';
import type { SiteModel } from '../../src/model/types.js';
import { deadPid } from '../helpers/processes.js';
import { cleanup, copyData, fixturesDir, snapshot, tempDir } from '../helpers/site.js';

/** Small shards, so that the search fixture's 11 indexed pages make several. */
const PAGES_PER_SHARD = 2;

describe('a site built in parts', () => {
  let root: string;
  let dataDir: string;
  const parts: string[] = [];
  const models: SiteModel[] = [];
  let whole: Record<string, string>;

  beforeAll(async () => {
    root = await tempDir();
    dataDir = await copyData(join(fixturesDir, 'search'), root);
    const one = await build({ dataDir, outDir: join(root, 'one'), cacheDir: false, pagesPerShard: PAGES_PER_SHARD });
    expect(one.work.shards).toBeGreaterThanOrEqual(4);
    whole = await snapshot(join(root, 'one'));
    for (let index = 0; index < 3; index += 1) {
      const part = join(root, `part-${index}`);
      const built = await build({ dataDir, outDir: part, slice: { index, count: 3 }, pagesPerShard: PAGES_PER_SHARD });
      // A part's shards are merged by `merge`, not by the part's build.
      expect(built.work.merged).toBe(false);
      parts.push(part);
      models.push(built.model as SiteModel);
    }
  }, 120_000);
  afterAll(async () => {
    await cleanup(root);
  });

  it('gives each part its own search shards, and the pages outside them to part 0 alone', async () => {
    const listed = await Promise.all(parts.map(async (part) => (await readdir(part, { recursive: true })).map(String)));
    for (const [index, files] of listed.entries()) {
      expect(files.includes(join('.answerpress-part', 'part.json')), `part ${index}`).toBe(true);
      expect(files.includes('index.html'), `part ${index}`).toBe(index === 0);
      expect(files.includes(join('pagefind', 'pagefind.js')), `part ${index}`).toBe(index === 0);
      expect(files.some((file) => file.startsWith(join('pagefind', 'fragment'))), `part ${index}`).toBe(true);
      expect(files.some((file) => file.endsWith('.pf_meta') && !file.includes('.answerpress-part')), `part ${index}`).toBe(false);
    }
    const pages = listed.map((files) => files.filter((file) => /^(questions|experts)\/[^/]+\/index\.html$/.test(file.split('\\').join('/'))));
    const all = pages.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('holds in full only the questions whose pages the part renders, and the others\' answer excerpts', async () => {
    for (const [index, model] of models.entries()) {
      const files = (await readdir(parts[index] as string, { recursive: true })).map((file) => String(file).split('\\').join('/'));
      const feed = new Set(index === 0 ? model.feed.map((question) => question.slug) : []);
      let outlined = 0;
      for (const question of model.questions) {
        const rendered = files.includes(`${question.path}index.html`);
        const full = rendered || feed.has(question.slug);
        if (!full) outlined += 1;
        for (const answer of question.answers) {
          expect(answer.bodyHtml !== '', `part ${index}, ${question.slug}`).toBe(full);
          expect(answer.excerpt).not.toBe('');
        }
      }
      // Part 0 renders the feed, which holds every question of this small site.
      expect(outlined > 0, `part ${index}`).toBe(index !== 0);
    }
  });

  it('merges into the same bytes as one build of the same data, in any order of the parts', async () => {
    const out = join(root, 'merged');
    const merged = await mergeParts({ outDir: out, parts: [parts[2] as string, parts[0] as string, parts[1] as string] });
    expect(merged.shards).toBeGreaterThanOrEqual(4);
    expect(merged.pages).toBe(11);
    expect(await snapshot(out)).toEqual(whole);
  });

  it('refuses a missing part, a part given twice, a part of other data and other layouts, naming each, and leaves the output alone', async () => {
    const out = join(root, 'merged');
    const before = await snapshot(out);
    await expect(mergeParts({ outDir: out, parts: [parts[0] as string, parts[0] as string] })).rejects.toThrow(
      /are both part 0\/3\. Pass each part once\.[\s\S]*part 1\/3 is missing\. Build it with --shard 1\/3[\s\S]*part 2\/3 is missing/,
    );
    await appendFile(join(dataDir, 'questions', 'morning-headache-and-snoring.yaml'), '  - author: greta-lindholm\n    date: 2025-05-22\n    body: An answer added after the parts were built.\n');
    const later = join(root, 'part-1-later');
    await build({ dataDir, outDir: later, slice: { index: 1, count: 3 }, pagesPerShard: PAGES_PER_SHARD });
    await expect(mergeParts({ outDir: out, parts: [parts[0] as string, later, parts[2] as string] })).rejects.toThrow(
      /part-1-later was built from other data, layouts or answerpress version than .*part-0 .*Build every part from the same commit\./,
    );
    const layouts = join(root, 'layouts');
    await mkdir(join(layouts, 'partials'), { recursive: true });
    await writeFile(join(layouts, 'partials', 'footer-note.njk'), '<p>Our own note.</p>\n');
    await expect(mergeParts({ outDir: out, parts, layoutsDir: layouts })).rejects.toThrow(/Merge with the same --layouts and answerpress as the parts\./);
    await expect(mergeParts({ outDir: out, parts: [dataDir] })).rejects.toThrow(/is not a part built with --shard/);
    expect(await snapshot(out)).toEqual(before);
  });

  it('refuses a part without its word counts, naming the file, and leaves the output alone', async () => {
    const out = join(root, 'merged');
    const before = await snapshot(out);
    const copy = join(root, 'part-2-no-words');
    await cp(parts[2] as string, copy, { recursive: true });
    await rm(join(copy, '.answerpress-part', 'words.json'));
    await expect(mergeParts({ outDir: out, parts: [parts[0] as string, parts[1] as string, copy] })).rejects.toThrow(
      /part-2-no-words\/\.answerpress-part\/words\.json is missing or damaged: the part's word counts\. Rebuild that part/,
    );
    expect(await snapshot(out)).toEqual(before);
  });

  it('refuses a part holding a symbolic link, naming it, and leaves the output alone', async () => {
    const out = join(root, 'merged');
    const before = await snapshot(out);
    const linked = join(root, 'part-2-linked');
    await cp(parts[2] as string, linked, { recursive: true });
    await symlink('/etc', join(linked, 'etc-link'));
    await expect(mergeParts({ outDir: out, parts: [parts[0] as string, parts[1] as string, linked] })).rejects.toThrow(/etc-link is not a plain file \(a symbolic link\?\)/);
    expect(await snapshot(out)).toEqual(before);
  });

  it('cleans up after a merge that was killed, before merging', async () => {
    const out = join(root, 'merged-again');
    // The staging folder a merge leaves when killed: named by its process, now gone.
    const gone = await deadPid();
    const left = join(root, `.answerpress-tmp-merged-again-${gone}-0123abcd`);
    await mkdir(join(left, 'site'), { recursive: true });
    await writeFile(join(left, 'site', 'index.html'), 'half a site');
    await mergeParts({ outDir: out, parts });
    await expect.poll(() => readdir(root)).not.toContain(basename(left));
    expect(await snapshot(out)).toEqual(whole);
  });
});

describe('a site built in parts, with more questions than the feed holds', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir();
  });
  afterAll(async () => {
    await cleanup(root);
  });

  it("renders part 0's listings, home, topics and profiles from outlined questions into the same bytes as one build", async () => {
    const dataDir = await copyData(join(fixturesDir, 'search'), root);
    // 30 more questions, older than the fixture's, so that part 0 outlines those of other parts.
    const source = await readFile(join(dataDir, 'questions', 'itchy-rash-after-hiking.yaml'), 'utf8');
    for (let n = 1; n <= 30; n += 1) {
      const day = String(n).padStart(2, '0');
      const text = source.replace(/^title: .*$/m, `title: Question ${n} about a rash after a walk`).replace(/2025-06-(0[12])/g, `2024-01-${day}`);
      await writeFile(join(dataDir, 'questions', `older-rash-${n}.yaml`), text);
    }
    await build({ dataDir, outDir: join(root, 'one'), cacheDir: false, pagesPerShard: 8 });
    const parts: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const part = join(root, `part-${index}`);
      const built = await build({ dataDir, outDir: part, slice: { index, count: 3 }, pagesPerShard: 8 });
      const outlined = (built.model as SiteModel).questions.filter((question) => question.answers.some((answer) => answer.bodyHtml === ''));
      expect(outlined.length, `part ${index}`).toBeGreaterThan(0);
      parts.push(part);
    }
    const out = join(root, 'merged');
    await mergeParts({ outDir: out, parts });
    expect(await snapshot(out)).toEqual(await snapshot(join(root, 'one')));

    // A site's own templates may show any answer on any page: its parts hold every question.
    const layoutsDir = join(root, 'layouts');
    await mkdir(join(layoutsDir, 'pages'), { recursive: true });
    const home = await readFile(join(packageLayouts, 'pages', 'home.njk'), 'utf8');
    await writeFile(join(layoutsDir, 'pages', 'home.njk'), home.replace('{% endblock %}', '{% for q in ap.questions %}{% for a in q.answers %}<div data-q="{{ q.slug }}">{{ a.bodyHtml | safe }}</div>{% endfor %}{% endfor %}\n{% endblock %}'));
    await build({ dataDir, layoutsDir, outDir: join(root, 'own-one'), cacheDir: false, pagesPerShard: 8 });
    const ownParts: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const part = join(root, `own-part-${index}`);
      const built = await build({ dataDir, layoutsDir, outDir: part, slice: { index, count: 3 }, pagesPerShard: 8 });
      expect((built.model as SiteModel).questions.every((question) => question.answers.every((answer) => answer.bodyHtml !== ''))).toBe(true);
      ownParts.push(part);
    }
    await mergeParts({ outDir: join(root, 'own-merged'), parts: ownParts, layoutsDir });
    const merged = await snapshot(join(root, 'own-merged'));
    expect(merged).toEqual(await snapshot(join(root, 'own-one')));
    // The oldest question is in no part's feed: its answers come from the part that renders it.
    expect(await readFile(join(root, 'own-merged', 'index.html'), 'utf8')).toContain('<div data-q="older-rash-1"><p>Plants with urushiol oil cause a delayed rash');
  }, 240_000);
});
