/**
 * Builds the demo data and checks that every page kind of DESIGN.md "What it builds" is there,
 * and the anatomy of a question page. Expectations come from the YAML files, read here
 * independently of the loader.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DomUtils, ElementType, parseDocument, Parser } from 'htmlparser2';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, demoData } from '../helpers/site.js';

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

interface YamlAnswer {
  author: string;
  date: string;
  title?: string;
  body: string;
  helpful?: number;
}
interface YamlQuestion {
  slug: string;
  title: string;
  asked: string;
  topics: string[];
  answers?: YamlAnswer[];
  updated: string;
}
interface YamlExpert {
  id: string;
  name: string;
  credentials?: string[];
  rating?: { value: number; count: number };
}

const PAGE_SIZE = 20;

let root = '';
let out = '';
let siteUrl = '';
let disclaimer = '';
let questions: YamlQuestion[] = [];
let experts = new Map<string, YamlExpert>();
let topicIds: string[] = [];

async function yamlFiles<T>(dir: string): Promise<(T & { id: string })[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => ({ ...(load(await readFile(join(dir, name), 'utf8')) as T), id: name.replace(/\.ya?ml$/, '') })),
  );
}

async function html(path: string): Promise<Document> {
  return parseDocument(await readFile(join(out, path), 'utf8'));
}

async function exists(path: string): Promise<boolean> {
  return stat(join(out, path)).then(
    () => true,
    () => false,
  );
}

const all = (doc: Document | Element, test: (el: Element) => boolean): Element[] =>
  DomUtils.findAll(test, 'children' in doc ? doc.children : []);
const byTag = (doc: Document | Element, tag: string) => all(doc, (el) => el.name === tag);
const byClass = (doc: Document | Element, cls: string) =>
  all(doc, (el) => (el.attribs.class ?? '').split(/\s+/).includes(cls));
const text = (el: Element | undefined): string => (el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '');

/** Newest asked first, then slug: the order of every list of questions. */
const newestFirst = (a: YamlQuestion, b: YamlQuestion) =>
  a.asked < b.asked ? 1 : a.asked > b.asked ? -1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;

/** Checks that an XML document is well formed: one root, balanced tags, only XML's own entities. */
function assertWellFormedXml(xml: string, rootName: string): Document {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const stack: string[] = [];
  const roots: string[] = [];
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name) {
        if (stack.length === 0) roots.push(name);
        stack.push(name);
      },
      onclosetag(name, isImplied) {
        if (isImplied && !(stack.at(-1) === name)) problems.push(`implied close of ${name}`);
        if (stack.pop() !== name) problems.push(`mismatched </${name}>`);
      },
      ontext(data) {
        if (stack.length === 0 && data.trim()) problems.push(`text outside the root: ${data.trim().slice(0, 40)}`);
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.write(xml);
  parser.end();
  expect(problems).toEqual([]);
  expect(stack).toEqual([]);
  expect(roots).toEqual([rootName]);
  const bareAmpersand = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(xml);
  expect(bareAmpersand?.index).toBeUndefined();
  return parseDocument(xml, { xmlMode: true });
}

beforeAll(async () => {
  const site = load(await readFile(join(demoData, 'site.yaml'), 'utf8')) as { url: string; disclaimer?: string };
  siteUrl = site.url.replace(/\/+$/, '');
  disclaimer = site.disclaimer ?? '';
  const rawQuestions = await yamlFiles<Omit<YamlQuestion, 'slug' | 'updated'>>(join(demoData, 'questions'));
  questions = rawQuestions
    .map(({ id, ...q }) => ({
      ...q,
      slug: id,
      updated: (q.answers ?? []).reduce((latest, a) => (a.date > latest ? a.date : latest), q.asked),
    }))
    .sort(newestFirst);
  experts = new Map((await yamlFiles<YamlExpert>(join(demoData, 'experts'))).map((e) => [e.id, e]));
  topicIds = Object.keys(load(await readFile(join(demoData, 'topics.yaml'), 'utf8')) as Record<string, unknown>);

  const result = await buildSite(demoData);
  root = result.root;
  out = result.outDir;
});

afterAll(async () => {
  if (root) await cleanup(root);
});

describe('demo site: every page kind exists', () => {
  it('the demo data is big enough to be a meaningful test', () => {
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(experts.size).toBeGreaterThanOrEqual(3);
    expect(topicIds.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    'index.html',
    'questions/index.html',
    'experts/index.html',
    'topics/index.html',
    'search/index.html',
    '404.html',
    'offline/index.html',
    'sitemap.xml',
    'robots.txt',
    'feed.xml',
    'pagefind/pagefind-entry.json',
  ])('%s', async (path) => {
    expect(await exists(path)).toBe(true);
  });

  it('a page for every question, expert and topic', async () => {
    for (const q of questions) expect(await exists(`questions/${q.slug}/index.html`), q.slug).toBe(true);
    for (const id of experts.keys()) expect(await exists(`experts/${id}/index.html`), id).toBe(true);
    for (const id of topicIds) expect(await exists(`topics/${id}/index.html`), id).toBe(true);
  });

  it('no pages for anything that does not exist', async () => {
    const entries = await readdir(join(out, 'questions'));
    const expected = [...questions.map((q) => q.slug), 'index.html', ...(questions.length > PAGE_SIZE ? ['page'] : [])];
    expect(entries.sort()).toEqual(expected.sort());
    const expertEntries = await readdir(join(out, 'experts'));
    expect(expertEntries.sort()).toEqual([...experts.keys(), 'index.html'].sort());
  });

  it('/questions/page/2/ exists only with more than 20 questions', async () => {
    expect(await exists('questions/page/2/index.html')).toBe(questions.length > PAGE_SIZE);
  });
});

describe('demo site: listings', () => {
  it('/questions/ lists the newest questions first', async () => {
    const doc = await html('questions/index.html');
    const titles = byClass(doc, 'question-list-title').map((el) => text(el));
    expect(titles).toEqual(questions.slice(0, PAGE_SIZE).map((q) => q.title));
  });

  it('the home page shows the latest questions and every topic', async () => {
    const doc = await html('index.html');
    const titles = byClass(doc, 'question-list-title').map((el) => text(el));
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).toEqual(questions.slice(0, titles.length).map((q) => q.title));
    const topicLinks = all(byClass(doc, 'topic-grid')[0] as Element, (el) => el.name === 'a').map((a) => a.attribs.href);
    expect(topicLinks).toEqual(topicIds.map((id) => `/topics/${id}/`));
  });

  it('each topic page lists exactly its questions, newest first', async () => {
    for (const id of topicIds) {
      const doc = await html(`topics/${id}/index.html`);
      const titles = byClass(doc, 'question-list-title').map((el) => text(el));
      const expected = questions.filter((q) => q.topics.includes(id)).slice(0, PAGE_SIZE).map((q) => q.title);
      expect(titles, id).toEqual(expected);
    }
  });

  it('/experts/ links every expert', async () => {
    const doc = await html('experts/index.html');
    const links = byClass(doc, 'expert-name').map((el) => byTag(el, 'a')[0]?.attribs.href);
    expect(links.sort()).toEqual([...experts.keys()].map((id) => `/experts/${id}/`).sort());
  });

  it("each expert's profile lists every answer by that expert", async () => {
    for (const [id, expert] of experts) {
      const doc = await html(`experts/${id}/index.html`);
      expect(text(byTag(doc, 'h1')[0]), id).toBe([expert.name, ...(expert.credentials ?? [])].join(', '));
      const answered = questions.flatMap((q) => (q.answers ?? []).filter((a) => a.author === id));
      const items = byClass(doc, 'question-list-title');
      expect(items.length, id).toBe(answered.length);
    }
  });
});

describe('demo site: question page anatomy', () => {
  it('title, date, topics, answer count, answers and disclaimer on every question', async () => {
    for (const q of questions) {
      const doc = await html(`questions/${q.slug}/index.html`);
      const h1s = byTag(doc, 'h1');
      expect(h1s.map((h) => text(h)), q.slug).toEqual([q.title]);

      const asked = all(byClass(doc, 'question-meta')[0] as Element, (el) => el.name === 'time');
      expect(asked[0]?.attribs.datetime, q.slug).toBe(q.asked);

      const topicLinks = byTag(byClass(doc, 'topic-list')[0] as Element, 'a').map((a) => a.attribs.href);
      expect(topicLinks, q.slug).toEqual(q.topics.map((t) => `/topics/${t}/`));

      const answers = q.answers ?? [];
      const heading = text(byTag(byClass(doc, 'answers')[0] as Element, 'h2')[0]);
      expect(heading, q.slug).toBe(`${answers.length} expert answer${answers.length === 1 ? '' : 's'}`);

      const articles = all(doc, (el) => el.name === 'article' && (el.attribs.class ?? '').split(/\s+/).includes('answer'));
      expect(articles.length, q.slug).toBe(answers.length);
      const ids = articles.map((a) => a.attribs.id ?? '');
      expect(new Set(ids).size, q.slug).toBe(ids.length);

      articles.forEach((article, i) => {
        const answer = answers[i] as YamlAnswer;
        const expert = experts.get(answer.author) as YamlExpert;
        expect(article.attribs.id, q.slug).toMatch(new RegExp(`^answer-${answer.author}(-\\d+)?$`));
        const headline = text(byTag(article, 'h3')[0]);
        expect(headline, q.slug).toBe(answer.title ?? `Answer from ${expert.name}`);
        const card = byClass(article, 'expert-card')[0] as Element;
        const nameLink = byTag(byClass(card, 'expert-name')[0] as Element, 'a')[0];
        expect(nameLink?.attribs.href).toBe(`/experts/${answer.author}/`);
        expect(text(nameLink)).toBe([expert.name, ...(expert.credentials ?? [])].join(', '));
        const rating = byClass(card, 'rating-text');
        if (expert.rating) {
          const { value, count } = expert.rating;
          expect(text(rating[0]), q.slug).toBe(`${value.toFixed(1)} out of 5 stars, ${count} review${count === 1 ? '' : 's'}`);
          // The stars are decoration that screen readers skip.
          const stars = byClass(card, 'stars')[0];
          expect(stars?.attribs['aria-hidden']).toBe('true');
        } else {
          expect(rating).toEqual([]);
        }
        const time = all(article, (el) => el.name === 'time')[0];
        expect(time?.attribs.datetime).toBe(answer.date);
        const permalink = byClass(article, 'permalink')[0];
        expect(permalink?.attribs.href).toBe(`#${article.attribs.id}`);
      });

      if (disclaimer) {
        const aside = byClass(doc, 'disclaimer');
        expect(aside.length, q.slug).toBe(1);
        expect(text(byTag(aside[0] as Element, 'h2')[0])).toBe('Disclaimer');
        const firstWords = disclaimer.replace(/[*_`]/g, '').split(/\s+/).slice(0, 4).join(' ');
        expect(text(aside[0])).toContain(firstWords);
      }
    }
  });

  it('at least one question shows several answers with star ratings', async () => {
    const rich = questions.find((q) => (q.answers ?? []).length >= 2 && (q.answers ?? []).some((a) => experts.get(a.author)?.rating));
    expect(rich).toBeDefined();
    const doc = await html(`questions/${rich?.slug}/index.html`);
    const ratings = byClass(doc, 'rating-text').map((el) => text(el));
    expect(ratings.length).toBeGreaterThan(0);
    for (const rating of ratings) expect(rating).toMatch(/^\d\.\d out of 5 stars, \d+ reviews?$/);
  });

  it('QAPage JSON-LD matches the page', async () => {
    for (const q of questions) {
      const doc = await html(`questions/${q.slug}/index.html`);
      const scripts = byTag(doc, 'script').filter((s) => s.attribs.type === 'application/ld+json');
      expect(scripts.length, q.slug).toBe(1);
      const ld = JSON.parse(DomUtils.textContent(scripts[0] as Element)) as {
        '@type': string;
        mainEntity: { name: string; answerCount: number; url: string; suggestedAnswer: { url: string; author: { name: string } }[] };
      };
      expect(ld['@type']).toBe('QAPage');
      expect(ld.mainEntity.name).toBe(q.title);
      expect(ld.mainEntity.answerCount).toBe((q.answers ?? []).length);
      expect(ld.mainEntity.url).toBe(`${siteUrl}/questions/${q.slug}/`);
      expect(ld.mainEntity.suggestedAnswer.map((a) => a.author.name)).toEqual(
        (q.answers ?? []).map((a) => experts.get(a.author)?.name),
      );
      for (const a of ld.mainEntity.suggestedAnswer) expect(a.url.startsWith(`${siteUrl}/questions/${q.slug}/#answer-`)).toBe(true);
    }
  });
});

describe('demo site: every HTML page', () => {
  let pages: string[] = [];
  beforeAll(async () => {
    const entries = await readdir(out, { withFileTypes: true, recursive: true });
    pages = entries
      .filter((e) => e.isFile() && e.name.endsWith('.html'))
      .map((e) => relative(out, join(e.parentPath, e.name)).split(sep).join('/'))
      .filter((p) => !p.startsWith('pagefind/'))
      .sort();
  });

  it('counts every page', () => {
    const listingPages = Math.max(1, Math.ceil(questions.length / PAGE_SIZE));
    const topicPages = topicIds.reduce(
      (sum, id) => sum + Math.max(1, Math.ceil(questions.filter((q) => q.topics.includes(id)).length / PAGE_SIZE)),
      0,
    );
    // home, experts, topics, search, offline, 404
    expect(pages.length).toBe(6 + listingPages + topicPages + questions.length + experts.size);
  });

  it('has a language, one h1, a title, and an absolute canonical link unless noindex', async () => {
    for (const path of pages) {
      const doc = await html(path);
      const htmlEl = byTag(doc, 'html')[0];
      expect(htmlEl?.attribs.lang, path).toBe('en');
      expect(htmlEl?.attribs.dir, path).toBe('ltr');
      expect(byTag(doc, 'h1').length, path).toBe(1);
      expect(text(byTag(doc, 'title')[0]).length, path).toBeGreaterThan(0);
      const noindex = all(doc, (el) => el.name === 'meta' && el.attribs.name === 'robots' && el.attribs.content === 'noindex');
      const canonical = all(doc, (el) => el.name === 'link' && el.attribs.rel === 'canonical');
      if (noindex.length) {
        expect(canonical, path).toEqual([]);
      } else {
        expect(canonical.length, path).toBe(1);
        const expected = `${siteUrl}/${path.replace(/index\.html$/, '')}`;
        expect(canonical[0]?.attribs.href, path).toBe(expected);
      }
    }
  });

  it('ids are unique on every page', async () => {
    for (const path of pages) {
      const ids = all(await html(path), (el) => el.attribs.id !== undefined).map((el) => el.attribs.id);
      expect(ids.length - new Set(ids).size, path).toBe(0);
    }
  });

  it('404 and offline pages are not indexed', async () => {
    for (const path of ['404.html', 'offline/index.html']) {
      const doc = await html(path);
      expect(all(doc, (el) => el.name === 'meta' && el.attribs.name === 'robots')[0]?.attribs.content, path).toBe('noindex');
    }
    expect(text(byTag(await html('404.html'), 'h1')[0])).toBe('Page not found');
    expect(text(byTag(await html('offline/index.html'), 'h1')[0])).toBe('This page is not saved on this device');
  });

  it('the search page works as a plain form and has its cache tag and Pagefind script stamped', async () => {
    const raw = await readFile(join(out, 'search/index.html'), 'utf8');
    expect(raw).not.toContain('__ANSWERPRESS_META_CACHE_TAG__');
    expect(raw).not.toContain('__ANSWERPRESS_RUNTIME_SCRIPT__');
    const doc = parseDocument(raw);
    const config = JSON.parse(text(all(doc, (el) => el.attribs.id === 'search-config')[0])) as { script: string; cacheTag: string };
    expect(config.cacheTag).toMatch(/^[0-9a-f]{16}$/);
    expect(config.script).toMatch(/^pagefind\.[0-9a-f]{10}\.js$/);
    expect((await readFile(join(out, 'pagefind', config.script))).equals(await readFile(join(out, 'pagefind', 'pagefind.js')))).toBe(true);
    const forms = byTag(doc, 'form').filter((f) => f.attribs.action === '/search/' && (f.attribs.method ?? 'get') === 'get');
    expect(forms.length).toBeGreaterThan(0);
    expect(all(forms[0] as Element, (el) => el.name === 'input' && el.attribs.name === 'q')).toHaveLength(1);
  });
});

describe('demo site: crawlers and feed readers', () => {
  it('sitemap.xml lists every page with absolute URLs', async () => {
    const xml = assertWellFormedXml(await readFile(join(out, 'sitemap.xml'), 'utf8'), 'urlset');
    const locs = all(xml, (el) => el.name === 'loc').map((el) => text(el));
    expect(locs.length).toBeGreaterThan(questions.length + experts.size);
    for (const loc of locs) {
      expect(new URL(loc).href).toBe(loc);
      expect(loc.startsWith(`${siteUrl}/`), loc).toBe(true);
    }
    expect(new Set(locs).size).toBe(locs.length);
    for (const q of questions) expect(locs).toContain(`${siteUrl}/questions/${q.slug}/`);
    for (const id of experts.keys()) expect(locs).toContain(`${siteUrl}/experts/${id}/`);
    for (const id of topicIds) expect(locs).toContain(`${siteUrl}/topics/${id}/`);
    expect(locs).toContain(`${siteUrl}/`);
    expect(locs).not.toContain(`${siteUrl}/404.html`);
    expect(locs).not.toContain(`${siteUrl}/offline/`);
  });

  it('robots.txt points at the sitemap', async () => {
    const robots = await readFile(join(out, 'robots.txt'), 'utf8');
    const lines = robots.split('\n').map((l) => l.trim());
    expect(lines).toContain(`Sitemap: ${siteUrl}/sitemap.xml`);
    expect(lines).toContain('User-agent: *');
  });

  it('feed.xml is a valid Atom feed naming the newest questions', async () => {
    const xml = assertWellFormedXml(await readFile(join(out, 'feed.xml'), 'utf8'), 'feed');
    const feed = all(xml, (el) => el.name === 'feed')[0] as Element;
    expect(feed.attribs.xmlns).toBe('http://www.w3.org/2005/Atom');
    const child = (parent: Element, name: string) => parent.children.filter((c): c is Element => c.type === ElementType.Tag && (c as Element).name === name);

    // Required feed elements (RFC 4287 4.1.1): id, title, updated; a self link.
    expect(text(child(feed, 'id')[0])).toBe(`${siteUrl}/`);
    expect(text(child(feed, 'title')[0]).length).toBeGreaterThan(0);
    const newestUpdate = questions.reduce((latest, q) => (q.updated > latest ? q.updated : latest), '');
    expect(text(child(feed, 'updated')[0])).toMatch(new RegExp(`^${newestUpdate}T00:00:00(\\.000)?(Z|\\+00:00)$`));
    expect(child(feed, 'link').some((l) => l.attribs.rel === 'self' && l.attribs.href === `${siteUrl}/feed.xml`)).toBe(true);

    const entries = child(feed, 'entry');
    expect(entries.length).toBe(Math.min(20, questions.length));
    for (const entry of entries) {
      for (const name of ['id', 'title', 'updated', 'published', 'content']) expect(child(entry, name), name).toHaveLength(1);
      expect(text(child(entry, 'updated')[0])).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?(Z|\+00:00)$/);
      const id = text(child(entry, 'id')[0]);
      expect(id.startsWith(`${siteUrl}/questions/`)).toBe(true);
      expect(child(entry, 'link')[0]?.attribs.href).toBe(id);
      expect(child(entry, 'content')[0]?.attribs.type).toBe('html');
    }

    // Most recently updated first; the newest question is in it.
    const byUpdate = [...questions].sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : newestFirst(a, b)));
    const titles = entries.map((e) => text(child(e, 'title')[0]));
    expect(titles[0]).toBe(byUpdate[0]?.title);
    expect(titles).toContain(questions[0]?.title);
    expect(titles).toEqual(byUpdate.slice(0, entries.length).map((q) => q.title));
  });
});
