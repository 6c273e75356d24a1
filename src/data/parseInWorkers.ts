import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseJob, ParseMessage, ParsedReply } from './parseWorker.js';

/** The compiled worker, found from `src/data/` (tests run the sources) and `dist/data/` alike. */
const WORKER = fileURLToPath(new URL('../../dist/data/parseWorker.js', import.meta.url));

/** Below this many files to parse, a worker's start-up (about 0.1 s) costs more than it saves. */
const MIN_FILES = 400;

/** Worker threads beside the main thread for `files` files to parse: one per other core. */
export function parserThreads(files: number): number {
  return files < MIN_FILES ? 0 : Math.min(3, availableParallelism() - 1);
}

/**
 * Checks `job.files` in `threads` worker threads, each taking every `threads`-th file, and
 * gives every file's reply by its path.
 */
export async function parseInWorkers(job: ParseJob, threads: number): Promise<Map<string, ParsedReply>> {
  const shares = Array.from({ length: threads }, (_, share) => job.files.filter((_, i) => i % threads === share));
  const replies = await Promise.all(shares.filter((files) => files.length > 0).map((files) => runWorker({ ...job, files })));
  return new Map(replies.flat().map((reply) => [reply.file, reply]));
}

function runWorker(job: ParseJob): Promise<ParsedReply[]> {
  return new Promise((resolve, reject) => {
    // The worker runs plain compiled code: none of the flags this process was started with apply.
    const worker = new Worker(WORKER, { workerData: job, execArgv: [] });
    const replies: ParsedReply[] = [];
    let end: { done: true } | { error: string } | undefined;
    worker.on('message', (message: ParseMessage) => {
      if ('files' in message) replies.push(...message.files);
      else end = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (end && 'done' in end) resolve(replies);
      else reject(new Error(end ? end.error : `data parser exited with code ${code}`));
    });
  });
}
