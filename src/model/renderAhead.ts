/**
 * Renders the markdown a model needs before it is built, a share of it in worker threads: it is
 * most of the model's time on one thread, and the other cores have nothing to do until pages
 * render. The model then finds every field in the memo.
 */
import { fileURLToPath } from 'node:url';
import type { LoadedData } from '../data/load.js';
import { runWorker, splitShares, threadsFor } from '../threads/batches.js';
import { buildModel, markdownFields, type ModelOptions } from './buildModel.js';
import { MarkdownMemo, type MarkdownField, type RenderedMarkdown } from './markdown.js';
import type { SiteModel } from './types.js';

/** The compiled worker, found from `src/model/` (tests run the sources) and `dist/model/` alike. */
const WORKER = fileURLToPath(new URL('../../dist/model/markdownWorker.js', import.meta.url));

/** Fields to render below which no worker thread starts. */
const MIN_FIELDS = 4000;

/** Fields this thread renders between looks at the workers' replies. */
const YIELD_EVERY = 500;

/** `buildModel`, with every markdown field of `data` rendered ahead into `options.markdown` (or a new memo). */
export async function buildModelAhead(data: LoadedData, options: ModelOptions = {}): Promise<SiteModel> {
  const markdown = options.markdown ?? new MarkdownMemo();
  await renderAhead(markdown, markdownFields(data));
  return buildModel(data, { ...options, markdown });
}

/**
 * Renders into `memo` each of `fields` it does not hold yet, on this thread and `threads`
 * workers (default: `threadsFor` the fields left to render).
 */
export async function renderAhead(memo: MarkdownMemo, fields: Iterable<MarkdownField>, threads?: number): Promise<void> {
  const pending = memo.unrendered(fields);
  const { here, elsewhere } = splitShares(pending, threads ?? threadsFor(pending.length, MIN_FIELDS));
  if (elsewhere.length === 0) return;
  const rendered = Promise.all(elsewhere.map((share) => runWorker<RenderedMarkdown>(WORKER, share.map(({ source, headingOffset }) => ({ source, headingOffset })))));
  // This thread's share, while the workers render theirs. Their replies are taken in between
  // batches: left in the queue until this thread is done, they would all be held twice at once,
  // as messages and as strings (a gigabyte each at 100,000 questions).
  for (const [i, { source, headingOffset }] of here.entries()) {
    memo.render(source, headingOffset);
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const results = await rendered;
  if (results.some((share, i) => share.length !== elsewhere[i]?.length)) throw new Error('a markdown worker replied for fewer fields than it was given');
  elsewhere.forEach((share, i) => share.forEach(({ key }, j) => memo.adopt(key, results[i]?.[j] as RenderedMarkdown)));
}
