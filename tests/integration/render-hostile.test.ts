/**
 * Builds tests/fixtures/hostile, where every text field carries script, event handlers,
 * attribute breakouts, template syntax and `javascript:` links, and checks that every page
 * shows all of it as text and runs none of it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, fixturesDir } from '../helpers/site.js';

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

const fixture = join(fixturesDir, 'hostile');

// The exact strings of the fixture: they must reach readers unchanged.
const SITE_TITLE = 'Hostile Answers <script>window.__pwned=1</script> {{ 7*7 }} {% raw %} "><svg onload=window.__pwned=1>';
const TITLE = '</script><script>window.__pwned=1</script> Is {{ 7*7 }} {% raw %} "><svg onload=window.__pwned=1> safe?';
const ANSWER_TITLE = '</script><script>window.__pwned=1</script> Answer {{ 7*7 }} {% raw %} "><svg onload=window.__pwned=1>';
const EXPERT_NAME = 'Dr. Mallory <script>window.__pwned=1</script> {{ 7*7 }} "><svg onload=window.__pwned=1>';
const EXPERT_CREDENTIALS = ['MD <img src=x onerror="window.__pwned=1">', '{% raw %} "><svg onload=window.__pwned=1>'];
const ARABIC_TITLE = 'ما هو أفضل علاج للصداع؟ מה הטיפול הטוב ביותר? </script><script>window.__pwned=1</script> {{ 7*7 }}';
const JAPANESE_TITLE = '東京都でパンを食べると肌荒れしますか？ </script><script>window.__pwned=1</script> {{ 7*7 }}';
const RTL_EXPERT_NAME = 'د. سلمى הכהן <script>window.__pwned=1</script> {{ 7*7 }}';
const EDIT_URL = 'https://example.org/edit/{path}?from="><svg onload=window.__pwned=1>';
const WEBSITE = 'https://example.org/site?x="><svg onload=window.__pwned=1>';
const LAST_WORD = 'zebrafinchquokka';

const QUESTIONS = ['script-in-title', 'arabic-question', 'japanese-question', 'unanswered-question', 'long-answer'];
const EXPERTS = ['hostile-expert', 'rtl-expert', 'ja-expert'];
const TOPICS = ['general', 'rtl-health', 'japanese'];
const EXPECTED_PAGES = [
  '404.html',
  'index.html',
  'offline/index.html',
  'search/index.html',
  'questions/index.html',
  'experts/index.html',
  'topics/index.html',
  ...QUESTIONS.map((slug) => `questions/${slug}/index.html`),
  ...EXPERTS.map((id) => `experts/${id}/index.html`),
  ...TOPICS.map((id) => `topics/${id}/index.html`),
].sort();

interface Page {
  path: string;
  html: string;
  doc: Document;
}

let root = '';
let out = '';
const pages = new Map<string, Page>();

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

function page(path: string): Page {
  const found = pages.get(path);
  if (!found) throw new Error(`no page ${path}`);
  return found;
}

const all = (doc: Document | Element, test: (el: Element) => boolean): Element[] =>
  DomUtils.findAll(test, 'children' in doc ? doc.children : []);
const byTag = (doc: Document | Element, tag: string) => all(doc, (el) => el.name === tag);
const byClass = (doc: Document | Element, cls: string) =>
  all(doc, (el) => (el.attribs.class ?? '').split(/\s+/).includes(cls));
const text = (el: Element | undefined): string => (el ? DomUtils.textContent(el) : '');
const one = (els: Element[], what: string): Element => {
  expect(els, what).toHaveLength(1);
  return els[0] as Element;
};

function jsonLd(doc: Document): Record<string, unknown>[] {
  return byTag(doc, 'script')
    .filter((el) => el.attribs.type === 'application/ld+json')
    .map((el) => JSON.parse(text(el)) as Record<string, unknown>);
}

/** A URL as a browser reads its scheme: ASCII white space and control characters ignored. */
function scheme(url: string): string {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020]/g, '').toLowerCase();
  return /^[a-z][a-z0-9+.-]*:/.exec(compact)?.[0] ?? '';
}

beforeAll(async () => {
  const result = await buildSite(fixture);
  root = result.root;
  out = result.outDir;
  for (const path of await files(out)) {
    if (!path.endsWith('.html') || path.startsWith('pagefind/')) continue;
    const html = await readFile(join(out, path), 'utf8');
    pages.set(path, { path, html, doc: parseDocument(html) });
  }
});

afterAll(async () => {
  if (root) await cleanup(root);
});

describe('hostile fixture: the build', () => {
  it('builds every page kind and no others', () => {
    expect([...pages.keys()].sort()).toEqual(EXPECTED_PAGES);
    expect(pages.size).toBe(18);
  });
});

describe('hostile fixture: nothing executes', () => {
  it('has no <script> except JSON-LD and the site\'s own scripts', () => {
    let jsonLdCount = 0;
    for (const { path, doc } of pages.values()) {
      for (const script of byTag(doc, 'script')) {
        const type = script.attribs.type;
        const src = script.attribs.src;
        const body = text(script);
        if (type === 'application/ld+json') {
          jsonLdCount += 1;
          expect(() => JSON.parse(body), path).not.toThrow();
        } else if (src !== undefined) {
          // Our own files only: same origin, a plain path, no data in it.
          expect(src, path).toMatch(/^\/(assets|pagefind)\/[A-Za-z0-9._/-]+\.js$|^\/[A-Za-z0-9._-]+\.js$/);
          expect(body.trim(), path).toBe('');
        } else {
          // An inline script the layouts add (e.g. registering the service worker): never data.
          expect(body, path).not.toContain('__pwned');
          expect(body, path).not.toContain('{{');
          expect(body, path).not.toContain('<');
        }
      }
    }
    expect(jsonLdCount).toBeGreaterThanOrEqual(QUESTIONS.length + EXPERTS.length);
    // Every JSON-LD block survived intact: one QAPage per question page, one ProfilePage per expert.
    for (const slug of QUESTIONS) {
      const types = jsonLd(page(`questions/${slug}/index.html`).doc).map((ld) => ld['@type']);
      expect(types.filter((t) => t === 'QAPage'), slug).toHaveLength(1);
    }
    for (const id of EXPERTS) {
      const types = jsonLd(page(`experts/${id}/index.html`).doc).map((ld) => ld['@type']);
      expect(types.filter((t) => t === 'ProfilePage'), id).toHaveLength(1);
    }
  });

  it('has no event-handler attribute anywhere', () => {
    for (const { path, doc } of pages.values()) {
      const handlers = all(doc, (el) => Object.keys(el.attribs).some((name) => /^on/i.test(name)));
      expect(handlers.map((el) => `${el.name} ${JSON.stringify(el.attribs)}`), path).toEqual([]);
    }
  });

  it('has no javascript:, data: or vbscript: URL in any link or resource attribute', () => {
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'ping', 'background'];
    let links = 0;
    for (const { path, doc } of pages.values()) {
      for (const el of all(doc, (e) => urlAttributes.some((a) => a in e.attribs))) {
        for (const attribute of urlAttributes) {
          const value = el.attribs[attribute];
          if (value === undefined) continue;
          links += 1;
          expect(['javascript:', 'data:', 'vbscript:'], `${path}: <${el.name} ${attribute}="${value}">`).not.toContain(scheme(value));
        }
      }
    }
    expect(links).toBeGreaterThan(100);
  });

  // The layouts use no <img>, inline <svg>, <iframe>, <object> or <embed> today, so any of them
  // on a page came from data. (If a layout ever adds one, narrow this to the injected ones.)
  it('no element was created from the injected markup', () => {
    for (const { path, doc } of pages.values()) {
      const injected = all(
        doc,
        (el) =>
          ['img', 'svg', 'iframe', 'object', 'embed'].includes(el.name) ||
          Object.entries(el.attribs).some(([name, value]) => name.includes('pwned') || (name === 'src' && value === 'x')),
      );
      expect(injected.map((el) => el.name), path).toEqual([]);
    }
  });

  it('the raw HTML never contains an unescaped payload', () => {
    for (const { path, html } of pages.values()) {
      expect(html, path).not.toMatch(/<script>window\.__pwned/i);
      expect(html, path).not.toMatch(/<svg\b/i);
      expect(html, path).not.toMatch(/<img\b/i);
      expect(html, path).not.toMatch(/<iframe\b/i);
    }
  });
});

describe('hostile fixture: everything is shown as text', () => {
  it('the site title is the header of every page, exactly', () => {
    for (const { path, doc } of pages.values()) {
      expect(text(one(byClass(doc, 'site-title'), path)), path).toBe(SITE_TITLE);
    }
  });

  it('template syntax in data is never evaluated', () => {
    for (const { path, doc } of pages.values()) {
      const visible = text(one(byTag(doc, 'body'), path));
      expect(visible, path).toContain('{{ 7*7 }}');
      expect(visible, path).toContain('{% raw %}');
    }
    const q = page('questions/script-in-title/index.html');
    const h1 = text(one(byTag(q.doc, 'h1'), 'h1'));
    expect(h1).toBe(TITLE);
    expect(h1).not.toContain('49');
  });

  it('the question title is the h1, <title>, og:title and JSON-LD name, exactly', () => {
    const { doc } = page('questions/script-in-title/index.html');
    expect(text(one(byTag(doc, 'h1'), 'h1'))).toBe(TITLE);
    expect(text(one(byTag(doc, 'title'), 'title'))).toBe(`${TITLE} · ${SITE_TITLE}`);
    const ogTitle = one(all(doc, (el) => el.name === 'meta' && el.attribs.property === 'og:title'), 'og:title');
    expect(ogTitle.attribs.content).toBe(TITLE);
    const [ld] = jsonLd(doc);
    const question = ld?.mainEntity as Record<string, unknown>;
    expect(question.name).toBe(TITLE);
  });

  it('JSON-LD carries the hostile answers and experts exactly', () => {
    const { doc } = page('questions/script-in-title/index.html');
    const lds = jsonLd(doc);
    expect(lds).toHaveLength(1);
    const question = lds[0]?.mainEntity as { answerCount: number; suggestedAnswer: Record<string, unknown>[]; author: Record<string, unknown> };
    expect(question.answerCount).toBe(3);
    expect(question.author.name).toBe(SITE_TITLE);
    const [first, second] = question.suggestedAnswer;
    expect((first?.author as Record<string, unknown>).name).toBe(EXPERT_NAME);
    expect((first?.author as Record<string, unknown>).honorificSuffix).toBe(EXPERT_CREDENTIALS.join(', '));
    expect((second?.author as Record<string, unknown>).name).toBe(RTL_EXPERT_NAME);
    expect(first?.text).toContain('<script>window.__pwned=1</script>');
    expect(first?.url).toBe('https://example.org/questions/script-in-title/#answer-hostile-expert');
    expect(question.suggestedAnswer[2]?.url).toBe('https://example.org/questions/script-in-title/#answer-hostile-expert-2');
  });

  it('the expert profile JSON-LD names the expert exactly', () => {
    const lds = jsonLd(page('experts/hostile-expert/index.html').doc);
    expect(lds).toHaveLength(1);
    const person = lds[0]?.mainEntity as Record<string, unknown>;
    expect(lds[0]?.['@type']).toBe('ProfilePage');
    expect(person.name).toBe(EXPERT_NAME);
    expect(person.sameAs).toEqual([WEBSITE]);
  });

  it('answers show their hostile headline and the expert card as text', () => {
    const { doc } = page('questions/script-in-title/index.html');
    const answers = all(doc, (el) => el.name === 'article' && (el.attribs.class ?? '').includes('answer'));
    expect(answers.map((a) => a.attribs.id)).toEqual(['answer-hostile-expert', 'answer-rtl-expert', 'answer-hostile-expert-2']);
    const first = answers[0] as Element;
    expect(text(one(byTag(first, 'h3'), 'answer h3'))).toBe(ANSWER_TITLE);
    expect(first.attribs['data-pagefind-title']).toBe(ANSWER_TITLE);
    expect(text(one(byClass(first, 'expert-name'), 'expert-name'))).toBe([EXPERT_NAME, ...EXPERT_CREDENTIALS].join(', '));
    expect(text(one(byClass(first, 'rating-text'), 'rating'))).toBe('4.9 out of 5 stars, 75 reviews');
    // The permalink's label carries the headline inside an attribute.
    const permalink = one(byClass(first, 'permalink'), 'permalink');
    expect(permalink.attribs['aria-label']).toBe(`Link to this answer: ${ANSWER_TITLE}`);
    // No title: the fallback names the expert, still as text.
    expect(text(byTag(answers[1] as Element, 'h3')[0])).toBe(`Answer from ${RTL_EXPERT_NAME}`);
  });

  it('markdown shows raw HTML and unsafe links as text and keeps safe links', () => {
    const { doc } = page('questions/script-in-title/index.html');
    const body = one(byClass(doc, 'question-body'), 'question body');
    const bodyText = text(body);
    expect(bodyText).toContain('<script>window.__pwned=1</script>');
    expect(bodyText).toContain('<img src=x onerror="window.__pwned=1">');
    expect(bodyText).toContain('[bad](javascript:window.__pwned=1)');
    expect(bodyText).toContain('[upper](JAVASCRIPT:window.__pwned=1)');
    expect(bodyText).toContain('[vb](vbscript:window.__pwned=1)');
    expect(bodyText).toContain('[file](file:///etc/passwd)');
    expect(bodyText).toContain('<iframe src="javascript:window.__pwned=1"></iframe>');
    const links = byTag(body, 'a').map((a) => [a.attribs.href, a.attribs.rel]);
    expect(links).toEqual([
      ['https://example.com/reference', 'nofollow ugc noopener'],
      ['https://example.com/tracker.png', 'nofollow ugc noopener'],
    ]);
  });

  it('attribute values from data round-trip exactly (edit link, website)', () => {
    const q = page('questions/script-in-title/index.html');
    const edit = byTag(one(byClass(q.doc, 'edit-links'), 'edit links'), 'a');
    expect(edit.map((a) => a.attribs.href)).toEqual([
      EDIT_URL.replace('{path}', 'questions/script-in-title.yaml'),
      EDIT_URL.replace('{path}', 'questions/script-in-title.yaml'),
    ]);
    const expert = page('experts/hostile-expert/index.html');
    const website = all(expert.doc, (el) => el.name === 'a' && el.attribs.href === WEBSITE);
    expect(website).toHaveLength(1);
    const description = one(all(q.doc, (el) => el.name === 'meta' && el.attribs.name === 'description'), 'description');
    expect(description.attribs.content).toContain('<script>window.__pwned=1</script>');
  });

  it('right-to-left and Japanese text is kept as written', () => {
    expect(text(byTag(page('questions/arabic-question/index.html').doc, 'h1')[0])).toBe(ARABIC_TITLE);
    expect(text(byTag(page('questions/japanese-question/index.html').doc, 'h1')[0])).toBe(JAPANESE_TITLE);
    expect(text(byTag(page('experts/rtl-expert/index.html').doc, 'h1')[0])).toBe(`${RTL_EXPERT_NAME}, دكتوراه "><svg onload=window.__pwned=1>`);
    const topic = page('topics/rtl-health/index.html');
    expect(text(byTag(topic.doc, 'h1')[0])).toBe('صحة הבריאות <img src=x onerror="window.__pwned=1"> {{ 7*7 }}');
  });

  it('an expert without a rating shows no stars; others show rating text', () => {
    expect(byClass(page('experts/rtl-expert/index.html').doc, 'rating')).toEqual([]);
    expect(text(one(byClass(page('experts/ja-expert/index.html').doc, 'rating-text'), 'ja rating'))).toBe('5.0 out of 5 stars, 1 review');
    const arabic = page('questions/arabic-question/index.html').doc;
    expect(byClass(arabic, 'rating')).toEqual([]);
  });

  it('a question without answers says so', () => {
    const { doc } = page('questions/unanswered-question/index.html');
    expect(all(doc, (el) => el.name === 'article' && (el.attribs.class ?? '').includes('answer'))).toEqual([]);
    const body = text(one(byTag(doc, 'main'), 'main'));
    expect(body).toContain('0 expert answers');
    expect(body).toContain('No expert has answered this question yet.');
    const question = jsonLd(doc)[0]?.mainEntity as Record<string, unknown>;
    expect(question.answerCount).toBe(0);
    expect(question.suggestedAnswer).toEqual([]);
  });
});

describe('hostile fixture: the 200 KB answer', () => {
  it('is rendered completely, up to its last word', async () => {
    const source = await readFile(join(fixture, 'questions', 'long-answer.yaml'), 'utf8');
    expect(source.length).toBeGreaterThan(190_000);
    const paragraphs = source.match(/^ {6}Paragraph \d+:/gm)?.length ?? 0;
    expect(paragraphs).toBeGreaterThan(500);

    const { doc } = page('questions/long-answer/index.html');
    const answer = one(all(doc, (el) => el.name === 'article' && el.attribs.id === 'answer-ja-expert'), 'long answer');
    const prose = one(byClass(answer, 'prose'), 'prose');
    const rendered = byTag(prose, 'p');
    expect(rendered).toHaveLength(paragraphs + 1);
    expect(text(rendered[rendered.length - 1])).toBe(`The last word of this answer is ${LAST_WORD}`);
    expect(text(prose).length).toBeGreaterThan(150_000);

    const question = jsonLd(doc)[0]?.mainEntity as { suggestedAnswer: { text: string }[] };
    expect(question.suggestedAnswer[0]?.text.endsWith(LAST_WORD)).toBe(true);
  });
});

describe('hostile fixture: feed and sitemap', () => {
  let feed = '';
  beforeAll(async () => {
    feed = await readFile(join(out, 'feed.xml'), 'utf8');
  });

  it('the feed escapes every payload and names every question exactly', () => {
    expect(feed).not.toMatch(/<script/i);
    expect(feed).not.toMatch(/<svg/i);
    expect(feed).not.toMatch(/<img/i);
    const xml = parseDocument(feed, { xmlMode: true });
    const entries = all(xml, (el) => el.name === 'entry');
    expect(entries).toHaveLength(QUESTIONS.length);
    const titles = entries.map((entry) => text(all(entry, (el) => el.name === 'title')[0]));
    expect(titles).toContain(TITLE);
    expect(titles).toContain(ARABIC_TITLE);
    // Most recently updated first: the Japanese question is older than two others but was
    // answered last.
    const ids = entries.map((entry) => text(all(entry, (el) => el.name === 'id')[0]));
    expect(ids).toEqual(
      ['japanese-question', 'script-in-title', 'arabic-question', 'long-answer', 'unanswered-question'].map(
        (slug) => `https://example.org/questions/${slug}/`,
      ),
    );
    expect(titles[0]).toBe(JAPANESE_TITLE);
    expect(text(all(xml, (el) => el.name === 'title')[0])).toBe(SITE_TITLE);
    // The long answer is in the feed in full.
    const long = entries.find((entry) => text(all(entry, (el) => el.name === 'id')[0]).endsWith('/questions/long-answer/'));
    expect(text(all(long as Element, (el) => el.name === 'content')[0]).trimEnd().endsWith(`${LAST_WORD}</p>`)).toBe(true);
  });

  it('the sitemap lists only absolute URLs on the site', async () => {
    const sitemap = await readFile(join(out, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(locs.length).toBe(1 + 1 + TOPICS.length + 2 + QUESTIONS.length + EXPERTS.length);
    for (const loc of locs) expect(loc.startsWith('https://example.org/')).toBe(true);
  });
});
