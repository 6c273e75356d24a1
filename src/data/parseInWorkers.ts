import { fileURLToPath } from 'node:url';
import { runWorker } from '../threads/batches.js';
import type { ParseJob, ParsedReply } from './parseWorker.js';

/** The compiled worker, found from `src/data/` (tests run the sources) and `dist/data/` alike. */
const WORKER = fileURLToPath(new URL('../../dist/data/parseWorker.js', import.meta.url));

/** Checks each share of files in a worker thread of its own and gives every file's reply by its path. */
export async function parseInWorkers(job: Omit<ParseJob, 'files'>, shares: readonly ParseJob['files'][]): Promise<Map<string, ParsedReply>> {
  const replies = await Promise.all(shares.map((files) => runWorker<ParsedReply>(WORKER, { ...job, files } satisfies ParseJob)));
  return new Map(replies.flat().map((reply) => [reply.file, reply]));
}
