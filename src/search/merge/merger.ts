/**
 * Runs the merge of the search shards in a worker thread (`mergeWorker.ts`), off the thread
 * that renders. Name each shard's folder as soon as it is known, then ask for the merge. The
 * thread starts with the first request, so a build that fails before indexing starts none.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../output/packagePaths.js';
import type { MergeResult } from './mergeBundles.js';
import type { MergeReply, MergeRequest } from './mergeWorker.js';

/** The compiled worker: tests run the TypeScript sources, but a worker thread needs JavaScript. */
const WORKER = join(packageRoot, 'dist', 'search', 'merge', 'mergeWorker.js');

export class ShardMerger {
  private running: { worker: Worker; reply: Promise<MergeReply> } | null = null;

  /** Starts reading shard `id` from `dir`; a later call for the same id replaces it. */
  load(id: number, dir: string): void {
    this.send({ type: 'load', id, dir });
  }

  /** Merges shards 0 to `count` − 1 into `target`; see `writeMerged`. */
  async merge(target: string, count: number, known: ReadonlyMap<string, string>): Promise<MergeResult> {
    const reply = await this.send({ type: 'merge', target, count, known: [...known] });
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  }

  async close(): Promise<void> {
    await this.running?.worker.terminate();
    this.running = null;
  }

  private send(request: MergeRequest): Promise<MergeReply> {
    if (!this.running) {
      // The worker runs plain compiled code: none of the flags this process was started with apply.
      const worker = new Worker(WORKER, { execArgv: [] });
      const reply = new Promise<MergeReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the search merger exited with code ${code}`)));
      });
      // Until a merge is asked for, a failure has no one to tell.
      reply.catch(() => undefined);
      this.running = { worker, reply };
    }
    this.running.worker.postMessage(request);
    return this.running.reply;
  }
}
