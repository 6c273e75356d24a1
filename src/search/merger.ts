/**
 * Runs the merge of the search shards in a worker thread (`mergeWorker.ts`), off the thread
 * that renders. Name each shard's folder as soon as it is known, then ask for the merge.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../output/packagePaths.js';
import type { MergeResult } from './mergeBundles.js';
import type { MergeReply, MergeRequest } from './mergeWorker.js';

/** The compiled worker: tests run the TypeScript sources, but a worker thread needs JavaScript. */
const WORKER = join(packageRoot, 'dist', 'search', 'mergeWorker.js');

export class ShardMerger {
  private readonly worker: Worker;
  private readonly reply: Promise<MergeReply>;

  constructor() {
    // The worker runs plain compiled code: none of the flags this process was started with apply.
    this.worker = new Worker(WORKER, { execArgv: [] });
    this.reply = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the search merger exited with code ${code}`)));
    });
    // Until a merge is asked for, a failure has no one to tell.
    this.reply.catch(() => undefined);
  }

  /** Starts reading shard `id` from `dir`; a later call for the same id replaces it. */
  load(id: number, dir: string): void {
    this.worker.postMessage({ type: 'load', id, dir } satisfies MergeRequest);
  }

  /** Merges shards 0 to `count` − 1 into `target`; see `writeMerged`. */
  async merge(target: string, count: number, known: ReadonlyMap<string, string>): Promise<MergeResult> {
    this.worker.postMessage({ type: 'merge', target, count, known: [...known] } satisfies MergeRequest);
    const reply = await this.reply;
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
