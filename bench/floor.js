// The floor: our own data loading and page model, rendered by our own Nunjucks layouts straight to
// files, with no Eleventy, no search index and no offline files. What is left of a build when
// the framework around the templates costs nothing.
//   node bench/floor.js --data DIR --out DIR     prints one JSON line: { loadMs, modelMs, renderMs, totalMs, pages, bytes }
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import nunjucks from 'nunjucks';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);

/** Every page the Eleventy plugin renders (src/eleventy/pages.ts), as [output path, layout, extra data]. */
export function pageList(model) {
  const list = [['index.html', 'home.njk', {}]];
  for (const q of model.questions) list.push([`${q.path}index.html`, 'question.njk', { q }]);
  for (const listing of model.listings) list.push([`${listing.path}index.html`, 'listing.njk', { listing }]);
  list.push(['experts/index.html', 'experts.njk', {}]);
  for (const expert of model.experts) list.push([`${expert.path}index.html`, 'expert.njk', { expert }]);
  list.push(
    ['topics/index.html', 'topics.njk', {}],
    ['search/index.html', 'search.njk', {}],
    ['offline/index.html', 'offline.njk', {}],
    ['404.html', '404.njk', {}],
    ['sitemap.xml', 'sitemap.xml.njk', {}],
    ['robots.txt', 'robots.txt.njk', {}],
    ['feed.xml', 'feed.xml.njk', {}],
  );
  return list;
}

/** Our Nunjucks environment as the plugin configures it, with a synchronous `absoluteUrls`. */
export async function environment(layoutsDir = join(root, 'layouts')) {
  const { filters } = await dist('filters/index.js');
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(layoutsDir), { autoescape: true, throwOnUndefined: false, trimBlocks: false });
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn);
  // The real filter is async only to parse HTML with relative links, which this corpus has none of.
  env.addFilter('absoluteUrls', (html) => html);
  return env;
}

export async function floor({ dataDir, outDir }) {
  const { loadData } = await dist('data/load.js');
  const { buildModelAhead } = await dist('model/renderAhead.js');
  const t0 = performance.now();
  const data = await loadData(resolve(dataDir));
  const t1 = performance.now();
  // The model as the build makes it, its markdown rendered on every core.
  const model = await buildModelAhead(data);
  const t2 = performance.now();

  const env = await environment();
  const globals = { ap: model, assets: { css: 'style.css' }, searchCacheTag: '', searchScript: '' };
  const pages = pageList(model);
  // Precompile: each page layout (and with it every layout and macro it pulls in) once.
  const templates = new Map();
  for (const [, layout] of pages) {
    if (!templates.has(layout)) templates.set(layout, env.getTemplate(`pages/${layout}`, true));
  }
  await rm(outDir, { recursive: true, force: true });
  const dirs = new Map();
  let bytes = 0;
  let pending = [];
  for (const [path, layout, data] of pages) {
    const html = templates.get(layout).render({ ...globals, ...data });
    bytes += Buffer.byteLength(html);
    const file = join(outDir, path);
    const dir = dirname(file);
    const write = async () => {
      if (!dirs.has(dir)) dirs.set(dir, mkdir(dir, { recursive: true }));
      await dirs.get(dir);
      await writeFile(file, html);
    };
    pending.push(write());
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  const t3 = performance.now();
  return { loadMs: t1 - t0, modelMs: t2 - t1, renderMs: t3 - t2, totalMs: t3 - t0, pages: pages.length, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } });
  if (!values.data || !values.out) {
    console.error('usage: node bench/floor.js --data DIR --out DIR');
    process.exit(2);
  }
  console.log(JSON.stringify(await floor({ dataDir: values.data, outDir: values.out })));
}
