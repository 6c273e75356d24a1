/** Renders a share of a build's markdown fields in a worker thread (see `renderAhead.ts`). */
import { workerData } from 'node:worker_threads';
import { postResults } from '../threads/batches.js';
import { renderMarkdownAndText, type MarkdownField, type RenderedMarkdown } from './markdown.js';

if (workerData) {
  postResults(workerData as MarkdownField[], ({ source, headingOffset }): RenderedMarkdown => renderMarkdownAndText(source, headingOffset));
}
