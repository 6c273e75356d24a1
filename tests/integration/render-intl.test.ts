/**
 * Builds tests/fixtures/intl: an Arabic (right-to-left) site published under a folder
 * (https://example.org/ar/), so every page is rtl and every link carries the base path.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, fixturesDir } from '../helpers/site.js';

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

const SITE = 'https://example.org/ar';
const BASE = '/ar';

let root = '';
let out = '';
const pages = new Map<string, Document>();

const all = (doc: Document | Element, test: (el: Element) => boolean): Element[] =>
  DomUtils.findAll(test, 'children' in doc ? doc.children : []);
const text = (el: Element | undefined): string => (el ? DomUtils.textContent(el).replace(/\s+/g, ' ').trim() : '');

function page(path: string): Document {
  const doc = pages.get(path);
  if (!doc) throw new Error(`no page ${path}`);
  return doc;
}

beforeAll(async () => {
  const result = await buildSite(join(fixturesDir, 'intl'));
  root = result.root;
  out = result.outDir;
  const entries = await readdir(out, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    const path = relative(out, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!entry.isFile() || !path.endsWith('.html') || path.startsWith('pagefind/')) continue;
    pages.set(path, parseDocument(await readFile(join(out, path), 'utf8')));
  }
});

afterAll(async () => {
  if (root) await cleanup(root);
});

describe('intl fixture (Arabic, under /ar/)', () => {
  it('builds the pages of two questions, one expert and two topics', () => {
    expect([...pages.keys()].sort()).toEqual(
      [
        '404.html',
        'index.html',
        'offline/index.html',
        'search/index.html',
        'questions/index.html',
        'questions/waking-at-night/index.html',
        'questions/protein-after-sixty/index.html',
        'experts/index.html',
        'experts/dr-layla-haddad/index.html',
        'topics/index.html',
        'topics/sleep/index.html',
        'topics/nutrition/index.html',
      ].sort(),
    );
  });

  it('every page is <html lang="ar" dir="rtl">', () => {
    for (const [path, doc] of pages) {
      const html = all(doc, (el) => el.name === 'html')[0];
      expect(html?.attribs.lang, path).toBe('ar');
      expect(html?.attribs.dir, path).toBe('rtl');
    }
  });

  it('every local link and asset carries the base path', () => {
    let checked = 0;
    for (const [path, doc] of pages) {
      for (const el of all(doc, (e) => e.attribs.href !== undefined || e.attribs.src !== undefined || e.attribs.action !== undefined)) {
        const url = el.attribs.href ?? el.attribs.src ?? el.attribs.action ?? '';
        if (!url.startsWith('/')) continue;
        checked += 1;
        expect(url.startsWith(`${BASE}/`), `${path}: ${el.name} ${url}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('canonical links are absolute under the base path', () => {
    const canonical = all(page('questions/waking-at-night/index.html'), (el) => el.name === 'link' && el.attribs.rel === 'canonical');
    expect(canonical[0]?.attribs.href).toBe(`${SITE}/questions/waking-at-night/`);
  });

  it('the question page shows Arabic text, an Arabic date and the rating', () => {
    const doc = page('questions/waking-at-night/index.html');
    expect(text(all(doc, (el) => el.name === 'h1')[0])).toBe('لماذا أستيقظ في الثالثة فجرًا كل ليلة؟');
    const asked = all(doc, (el) => el.name === 'time' && el.attribs.datetime === '2025-03-02')[0];
    expect(text(asked)).toContain('مارس');
    expect(text(asked)).not.toContain('March');
    const answer = all(doc, (el) => el.name === 'article' && el.attribs.id === 'answer-dr-layla-haddad');
    expect(answer).toHaveLength(1);
    expect(text(all(answer[0] as Element, (el) => el.attribs.class === 'rating-text')[0])).toBe('4.5 out of 5 stars, 12 reviews');
    const ld = JSON.parse(DomUtils.textContent(all(doc, (el) => el.name === 'script' && el.attribs.type === 'application/ld+json')[0] as Element)) as {
      mainEntity: { url: string; suggestedAnswer: { url: string }[] };
    };
    expect(ld.mainEntity.url).toBe(`${SITE}/questions/waking-at-night/`);
    expect(ld.mainEntity.suggestedAnswer[0]?.url).toBe(`${SITE}/questions/waking-at-night/#answer-dr-layla-haddad`);
  });

  it('robots.txt and the sitemap use the base path', async () => {
    const robots = await readFile(join(out, 'robots.txt'), 'utf8');
    expect(robots).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    expect(robots).toContain(`Disallow: ${BASE}/offline/`);
    const sitemap = await readFile(join(out, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');
    expect(locs).toContain(`${SITE}/`);
    expect(locs).toContain(`${SITE}/questions/protein-after-sixty/`);
    for (const loc of locs) expect(loc.startsWith(`${SITE}/`), loc).toBe(true);
  });

  it('the feed is in Arabic and links under the base path', async () => {
    const feed = await readFile(join(out, 'feed.xml'), 'utf8');
    expect(feed).toContain('xml:lang="ar"');
    expect(feed).toContain(`<id>${SITE}/questions/waking-at-night/</id>`);
    expect(feed).toContain('<title>لماذا أستيقظ في الثالثة فجرًا كل ليلة؟</title>');
  });
});
