// The search evaluation: a site of realistic questions (bench/search-eval/site/) and judged
// searches (queries.yaml), each opened as /search/?q=… in headless Chromium. The search page's
// ranked result links (after one click on "Show more" when shown) are scored against the
// judged questions, and so are the results of Pagefind's own JS API on the same bundle, the
// baseline, in the same run.
//
//   npm run eval:search                      prints the table, writes bench/search-eval/results.json
//   npm run eval:search -- --data DIR --queries FILE [--json FILE] [--show-misses]
//
// Scores per class of search and overall: hit@1 and hit@3 (a judged question among the first
// one or three results), MRR@10 (the mean of 1/rank of the first judged question in the first
// ten), and the share of searches that showed no result.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { load as loadYaml } from 'js-yaml';
import { chromium } from 'playwright-core';
import { build } from '../../dist/build.js';
import { serveSite } from '../../dist/serve/server.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(here, 'site') },
    queries: { type: 'string', default: join(here, 'queries.yaml') },
    json: { type: 'string', default: join(here, 'results.json') },
    'show-misses': { type: 'boolean', default: false },
  },
});

const judged = loadYaml(readFileSync(resolve(args.queries), 'utf8'));
const out = mkdtempSync(join(tmpdir(), 'answerpress-eval-'));
try {
  await build({ dataDir: resolve(args.data), outDir: join(out, 'site'), cacheDir: false });
  const server = await serveSite({ root: join(out, 'site'), port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    const rows = [];
    for (const { q, class: kind, expect } of judged) {
      const ours = await searchPage(page, server.url, q);
      const plain = await plainPagefind(page, server.url, q);
      rows.push({ q, class: kind, expect, ours, plain });
    }
    const report = { date: new Date().toISOString(), searches: rows.length, engines: { searchPage: score(rows, 'ours'), pagefind: score(rows, 'plain') }, rows };
    writeFileSync(resolve(args.json), `${JSON.stringify(report, null, 1)}\n`);
    print(report);
    if (args['show-misses']) {
      for (const row of rows) {
        const rank = rankOf(row.ours, row.expect);
        if (rank === 0 || rank > 3) console.log(`miss [${row.class}] ${row.q} -> ${row.ours.slice(0, 3).join(' ') || '(none)'} (want ${row.expect.join(' ')})`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** The slugs of the search page's results, in rank order, after one "Show more". */
async function searchPage(page, base, q) {
  await page.goto(`${base}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForSelector('form[data-settled]', { timeout: 30_000 });
  const more = page.locator('#search-more');
  if (await more.isVisible()) {
    const before = await page.locator('#search-results > li').count();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before, { timeout: 30_000 });
  }
  return slugs(await page.$$eval('#search-results > li > h2 a', (links) => links.map((a) => a.getAttribute('href'))));
}

/** The slugs of Pagefind's own results for the query as typed, first ten. */
async function plainPagefind(page, base, q) {
  const urls = await page.evaluate(async (query) => {
    const config = JSON.parse(document.getElementById('search-config').textContent);
    const module = await import(`${config.bundle}${config.script}`);
    const instance = await module.createInstance({ basePath: config.bundle, noWorker: true });
    const response = await instance.search(query);
    const data = await Promise.all(response.results.slice(0, 10).map((result) => result.data()));
    return data.map((item) => item.url);
  }, q);
  return slugs(urls);
}

function slugs(urls) {
  return urls.map((url) => /\/questions\/([^/]+)\//.exec(url)?.[1] ?? url);
}

function rankOf(results, expect) {
  const at = results.slice(0, 10).findIndex((slug) => expect.includes(slug));
  return at + 1;
}

function score(rows, engine) {
  const classes = {};
  for (const row of rows) for (const key of [row.class, 'all']) (classes[key] ??= []).push(row);
  const scores = {};
  for (const [key, list] of Object.entries(classes)) {
    const ranks = list.map((row) => rankOf(row[engine], row.expect));
    const share = (test) => ranks.filter(test).length / list.length;
    scores[key] = {
      searches: list.length,
      hit1: share((rank) => rank === 1),
      hit3: share((rank) => rank >= 1 && rank <= 3),
      mrr10: ranks.reduce((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / list.length,
      none: list.filter((row) => row[engine].length === 0).length / list.length,
    };
  }
  return scores;
}

function print(report) {
  const pct = (value) => `${(value * 100).toFixed(1)}%`.padStart(7);
  console.log(`${report.searches} judged searches\n`);
  console.log(`${'class'.padEnd(14)}${'n'.padStart(4)}  ${'engine'.padEnd(12)}${'hit@1'.padStart(7)}${'hit@3'.padStart(7)}${'MRR@10'.padStart(8)}${'none'.padStart(7)}`);
  const classes = Object.keys(report.engines.searchPage).sort((a, b) => (a === 'all') - (b === 'all') || a.localeCompare(b));
  for (const kind of classes) {
    for (const [engine, name] of [['searchPage', 'search page'], ['pagefind', 'Pagefind']]) {
      const s = report.engines[engine][kind];
      console.log(`${kind.padEnd(14)}${String(s.searches).padStart(4)}  ${name.padEnd(12)}${pct(s.hit1)}${pct(s.hit3)}${s.mrr10.toFixed(3).padStart(8)}${pct(s.none)}`);
    }
  }
}
