/**
 * Work split between the main thread and worker threads, for loops over many independent items
 * (data files to parse, markdown to render, excerpts to make). A worker replies in batches, so that its memory
 * stays that of one batch, and ends with `done`; the main thread collects the batches.
 * https://nodejs.org/api/worker_threads.html
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { heapCeiling } from './memory.js';

type Message<R> = { results: R[] } | { done: true } | { error: string };

/** Results per message. */
const BATCH = 200;

/**
 * Worker threads beside the main thread for `items` items: one per other core, at most 3, and
 * none below `least` items, where a worker's start costs more than it saves.
 */
export function threadsFor(items: number, least: number): number {
  return items < least ? 0 : Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** Every `threads + 1`-th item stays on the main thread; the others are shared among workers. */
export function splitShares<T>(items: readonly T[], threads: number): { here: T[]; elsewhere: T[][] } {
  const here: T[] = [];
  const elsewhere: T[][] = Array.from({ length: threads }, () => []);
  items.forEach((item, i) => {
    const share = i % (threads + 1);
    if (share === 0) here.push(item);
    else (elsewhere[share - 1] as T[]).push(item);
  });
  return { here, elsewhere: elsewhere.filter((share) => share.length > 0) };
}

/** Items the main thread maps between looks at the workers' replies (see `mapShared`). */
const YIELD_EVERY = 500;

/** The compiled worker that maps a share of the items, and what it is given of its share. */
export interface SharedWorker<T> {
  file: string;
  data: (share: T[]) => unknown;
}

/**
 * `fn` of every item, in the items' order: every `threads + 1`-th mapped on this thread, the
 * others shared among `threads` runs of the compiled `worker`, which map them with the same
 * function (`postResults`). The workers' replies are taken in between batches of this thread's
 * share: left in the queue until it is done, they would all be held twice at once, as messages
 * and as results (a gigabyte each for the markdown of 100,000 questions).
 */
export async function mapShared<T, R>(items: readonly T[], threads: number, fn: (item: T) => R, worker: SharedWorker<T>): Promise<R[]> {
  const { here, elsewhere } = splitShares(
    items.map((item, at) => ({ item, at })),
    threads,
  );
  const results = new Array<R>(items.length);
  const replies = Promise.all(elsewhere.map((share) => runWorker<R>(worker.file, worker.data(share.map(({ item }) => item)))));
  // A worker that fails while this thread maps is reported by the `await` below.
  replies.catch(() => undefined);
  for (const [n, { item, at }] of here.entries()) {
    results[at] = fn(item);
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  (await replies).forEach((reply, s) => {
    const share = elsewhere[s] ?? [];
    if (reply.length !== share.length) throw new Error(`worker ${worker.file} replied for ${reply.length} of the ${share.length} items it was given`);
    share.forEach(({ at }, j) => (results[at] = reply[j] as R));
  });
  return results;
}

/** Runs the compiled worker `file` on `data` and gives every result it posted, in order. */
export function runWorker<R>(file: string, data: unknown): Promise<R[]> {
  return new Promise((resolve, reject) => {
    // The worker runs plain compiled code: none of the flags this process was started with apply.
    const worker = new Worker(file, { workerData: data, execArgv: [] });
    const results: R[] = [];
    let end: { done: true } | { error: string } | undefined;
    worker.on('message', (message: Message<R>) => {
      if ('results' in message) results.push(...message.results);
      else end = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (end && 'done' in end) resolve(results);
      else reject(new Error(end ? end.error : `worker ${file} exited with code ${code}`));
    });
  });
}

/**
 * In a worker: maps every item with `fn` and posts the results in batches, then the end. The
 * worker's heap is collected between batches once it has grown by the ceiling's headroom
 * (`memory.ts`): what a batch left is garbage, and V8 would otherwise let it pile up.
 */
export function postResults<T, R>(items: readonly T[], fn: (item: T) => R): void {
  const port = parentPort;
  if (!port) return;
  const ceiling = heapCeiling();
  try {
    for (let start = 0; start < items.length; start += BATCH) {
      port.postMessage({ results: items.slice(start, start + BATCH).map(fn) } satisfies Message<R>);
      ceiling.check();
    }
    port.postMessage({ done: true } satisfies Message<R>);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies Message<R>);
  }
}
