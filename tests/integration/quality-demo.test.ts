import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HtmlValidate, FileSystemConfigLoader } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPages, parsePage } from '../helpers/pages.js';
import { buildSite, cleanup, demoData, fixturesDir, repoRoot } from '../helpers/site.js';

/** The gates every built site must pass: valid HTML, links and anchors that resolve. */
describe.each([
  ['the demo site', demoData],
  ['the search fixture', join(fixturesDir, 'search')],
])('%s', (_name, dataDir) => {
  let root: string;
  let outDir: string;
  beforeAll(async () => {
    const built = await buildSite(dataDir);
    root = built.root;
    outDir = built.outDir;
  });
  afterAll(() => cleanup(root));

  it('has no html-validate errors on any page (standard rules)', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const problems: string[] = [];
    for (const { path } of await htmlPages(outDir)) {
      const report = await validator.validateString(await readFile(join(outDir, path), 'utf8'), join(repoRoot, 'page.html'));
      for (const result of report.results) {
        for (const m of result.messages) problems.push(`${path}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('resolves every internal link and #anchor', async () => {
    const pages = await htmlPages(outDir);
    const ids = new Map<string, Set<string>>();
    const links: { from: string; href: string }[] = [];
    for (const { path, url } of pages) {
      const html = await parsePage(outDir, path);
      ids.set(url, new Set(html.querySelectorAll('[id]').map((el) => el.id)));
      for (const a of html.querySelectorAll('a[href], link[href]')) links.push({ from: url, href: a.getAttribute('href') ?? '' });
    }
    const broken: string[] = [];
    for (const { from, href } of links) {
      if (/^(https?:|mailto:)/.test(href)) continue;
      const target = new URL(href, `http://site${from}`);
      const path = target.pathname;
      let exists = ids.has(path);
      if (!exists) {
        try {
          await readFile(join(outDir, decodeURIComponent(path)));
          exists = true;
        } catch {
          exists = false;
        }
      }
      if (!exists) broken.push(`${from} → ${href}`);
      else if (target.hash && !ids.get(path)?.has(decodeURIComponent(target.hash.slice(1)))) broken.push(`${from} → ${href} (no such anchor)`);
    }
    expect(links.length).toBeGreaterThan(50);
    expect(broken).toEqual([]);
  });
});

describe('the demo question page with ten answers', () => {
  it('weighs at most 14 KiB gzipped, HTML plus CSS', async () => {
    const built = await buildSite(demoData);
    try {
      const html = await readFile(join(built.outDir, 'questions/botox-dose-for-chronic-migraine/index.html'));
      const page = await parsePage(built.outDir, 'questions/botox-dose-for-chronic-migraine/index.html');
      expect(page.querySelectorAll('article.answer')).toHaveLength(10);
      const cssHref = page.querySelector('link[rel=stylesheet]')?.getAttribute('href') ?? '';
      const css = await readFile(join(built.outDir, cssHref));
      const bytes = gzipSync(html, { level: 9 }).length + gzipSync(css, { level: 9 }).length;
      expect(bytes).toBeGreaterThan(4 * 1024);
      expect(bytes).toBeLessThanOrEqual(14 * 1024);
    } finally {
      await cleanup(built.root);
    }
  });
});
