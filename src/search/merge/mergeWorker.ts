/**
 * Merges the search shards in a worker thread (see `mergeBundles.ts`). Shards are read as soon
 * as they are named, so that an incremental build reads the unchanged ones while the changed
 * ones are indexed, and only the merge itself waits for those.
 */
import { parentPort } from 'node:worker_threads';
import { writeMerged, type MergeResult } from './mergeBundles.js';
import { loadShard, type LoadedShard } from './readShard.js';

export type MergeRequest = { type: 'load'; id: number; dir: string } | { type: 'merge'; target: string; count: number; known: [string, string][] };
export type MergeReply = { ok: true; result: MergeResult } | { ok: false; error: string };

const loads = new Map<number, Promise<LoadedShard>>();

async function merge(target: string, count: number, known: [string, string][]): Promise<MergeResult> {
  const shards = await Promise.all(
    Array.from({ length: count }, (_, id) => {
      const loaded = loads.get(id);
      if (!loaded) throw new Error(`shard ${id} was never loaded`);
      return loaded;
    }),
  );
  return writeMerged(shards, target, new Map(known));
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: MergeRequest) => {
    if (request.type === 'load') {
      const loaded = loadShard(request.dir, request.id);
      // A failure is reported by the merge that needs the shard, not here.
      loaded.catch(() => undefined);
      loads.set(request.id, loaded);
      return;
    }
    merge(request.target, request.count, request.known).then(
      (result) => port.postMessage({ ok: true, result } satisfies MergeReply),
      (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies MergeReply),
    );
  });
}
