/**
 * Renders the markdown a model needs before it is built, a share of it in worker threads: it is
 * most of the model's time on one thread, and the other cores have nothing to do until pages
 * render. The model then finds every field in the memo.
 */
import { fileURLToPath } from 'node:url';
import type { LoadedData } from '../data/load.js';
import { mapShared, threadsFor } from '../threads/batches.js';
import { buildModel, markdownFields, type ModelOptions } from './buildModel.js';
import { MarkdownMemo, type MarkdownField, type RenderedMarkdown } from './markdown.js';
import type { SiteModel } from './types.js';

/** The compiled worker, found from `src/model/` (tests run the sources) and `dist/model/` alike. */
const WORKER = fileURLToPath(new URL('../../dist/model/markdownWorker.js', import.meta.url));

/** Fields to render below which no worker thread starts. */
const MIN_FIELDS = 4000;

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
  const count = threads ?? threadsFor(pending.length, MIN_FIELDS);
  // With no worker to share them, the model renders the fields as it meets them.
  if (count === 0 || pending.length < 2) return;
  const rendered = await mapShared(pending, count, ({ source, headingOffset }) => memo.render(source, headingOffset), {
    file: WORKER,
    data: (share) => share.map(({ source, headingOffset }) => ({ source, headingOffset })),
  });
  pending.forEach(({ key }, i) => memo.adopt(key, rendered[i] as RenderedMarkdown));
}
