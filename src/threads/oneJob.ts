/**
 * A worker thread that does one job and replies once, when it is done or has failed. Both sides
 * are here: `runJob` on the thread that starts the worker, `replyWhenDone` in the worker.
 * https://nodejs.org/api/worker_threads.html
 */
import { parentPort, Worker } from 'node:worker_threads';

type Reply = { ok: true } | { ok: false; error: string };

/**
 * Runs the compiled worker `file` on `data`; resolves when it has replied that it is done and
 * exited, rejects with its error or its exit code otherwise.
 */
export function runJob(file: string, data: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    // The worker runs plain compiled code: none of the flags this process was started with apply.
    const worker = new Worker(file, { workerData: data, execArgv: [] });
    let reply: Reply | undefined;
    worker.once('message', (message: Reply) => {
      reply = message;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply?.ok) resolve();
      else reject(new Error(reply && !reply.ok ? reply.error : `the worker exited with code ${code}`));
    });
  });
}

/** In a worker: replies to `runJob` once `job` has settled. */
export function replyWhenDone(job: Promise<void>): void {
  const port = parentPort;
  if (!port) return;
  job.then(
    () => port.postMessage({ ok: true } satisfies Reply),
    (error: unknown) => port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
  );
}
