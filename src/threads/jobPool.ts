/**
 * Long-lived worker threads that do jobs one after another: a worker keeps what it learnt
 * (compiled code, caches) from one job to the next. Both sides are here: `JobPool` on the
 * thread that hands out jobs, `serveJobs` in the worker.
 * https://nodejs.org/api/worker_threads.html
 */
import { parentPort, Worker } from 'node:worker_threads';
import { heapCeiling } from './memory.js';

type Request = { id: number; data: unknown };
type Reply = { id: number; ok: true } | { id: number; ok: false; error: string };

interface Member {
  worker: Worker;
  busy: boolean;
}

export class JobPool {
  private readonly members: Member[] = [];
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void; member: Member }>();
  private readonly queue: { request: Request; resolve: () => void; reject: (error: Error) => void }[] = [];
  private nextId = 0;
  private closed = false;

  /** Runs the compiled worker `file`, at most `size` at once. */
  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}

  /** Runs a job on a free worker, starting one if fewer than `size` run; resolves when the worker is done with it. */
  run(data: unknown): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, data }, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Stops every worker; jobs not done fail, those still queued as well as those running. No
   * worker starts after, even when a stopped one's exit is reported later.
   */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error('the pool was closed before the job was done');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    for (const [id, job] of this.pending) {
      this.pending.delete(id);
      job.reject(stopped);
    }
    const members = this.members.splice(0);
    await Promise.all(members.map((member) => member.worker.terminate()));
  }

  private dispatch(): void {
    while (!this.closed && this.queue.length > 0) {
      let member = this.members.find((candidate) => !candidate.busy);
      const running = this.members.filter((candidate) => candidate.busy).length;
      if (running >= this.size) return;
      member ??= this.start();
      const job = this.queue.shift() as (typeof this.queue)[number];
      member.busy = true;
      this.pending.set(job.request.id, { resolve: job.resolve, reject: job.reject, member });
      member.worker.postMessage(job.request);
    }
  }

  private start(): Member {
    // The worker runs plain compiled code: none of the flags this process was started with apply.
    const worker = new Worker(this.file, { execArgv: [] });
    const member: Member = { worker, busy: false };
    worker.on('message', (reply: Reply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      member.busy = false;
      if (reply.ok) job.resolve();
      else job.reject(new Error(reply.error));
      this.dispatch();
    });
    const fail = (error: Error) => {
      const index = this.members.indexOf(member);
      if (index >= 0) this.members.splice(index, 1);
      for (const [id, job] of this.pending) {
        if (job.member !== member) continue;
        this.pending.delete(id);
        job.reject(error);
      }
      this.dispatch();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the worker exited with code ${code}`)));
    this.members.push(member);
    return member;
  }
}

/**
 * In a worker: does each job `handle` is given, one at a time, and replies when it is done or
 * has failed. The worker's heap is collected between jobs once it has grown by more than
 * `headroom` bytes (see `memory.ts`): what a job left behind is garbage by then.
 */
export function serveJobs(handle: (data: unknown) => Promise<void>, headroom?: number): void {
  const port = parentPort;
  if (!port) return;
  const ceiling = heapCeiling(headroom);
  let chain = Promise.resolve();
  port.on('message', (request: Request) => {
    chain = chain.then(() =>
      handle(request.data)
        .finally(() => ceiling.check())
        .then(
          () => port.postMessage({ id: request.id, ok: true } satisfies Reply),
          (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
        ),
    );
  });
}
