/** Makes the excerpts of a share of outlined answers in a worker thread (see `outlines.ts`). */
import { workerData } from 'node:worker_threads';
import { postResults } from '../threads/batches.js';
import { answerExcerpt } from './buildModel.js';

if (workerData) {
  postResults(workerData as string[], answerExcerpt);
}
