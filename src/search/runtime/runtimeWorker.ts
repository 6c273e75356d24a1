/**
 * Compresses the site bundle's wasm again (`recompressWasm`) in a worker thread. Zopfli blocks
 * the thread it runs on for most of a second a file; run here, beside the merge of the shards, it
 * uses the core the merge leaves idle, where inside shard 0's indexing it delayed every shard
 * after it.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { replyWhenDone } from '../../threads/oneJob.js';
import { recompressWasm } from './runtime.js';

export interface RuntimeJob {
  /** The site's bundle, holding shard 0's runtime files. */
  dir: string;
}

if (!isMainThread) replyWhenDone(recompressWasm((workerData as RuntimeJob).dir));
