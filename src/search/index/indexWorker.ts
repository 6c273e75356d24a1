/**
 * Indexes one shard in a worker thread. Each worker loads its own copy of Pagefind's Node API,
 * which runs its own Pagefind process, so two shards can be indexed at once and each process's
 * memory is returned when its shard is written.
 * https://pagefind.app/docs/node-api/
 */
import childProcess, { type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { isMainThread, workerData } from 'node:worker_threads';
import { replyWhenDone } from '../../threads/oneJob.js';

// Pagefind's `close()` kills its process without waiting for it, and a worker's event loop
// ends before the exit is collected, which would leave a zombie per shard. Its process is
// caught as it is spawned, so the worker waits for the exit.
const spawned: ChildProcess[] = [];
const spawn = childProcess.spawn;
childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
  const child = spawn(...args);
  spawned.push(child);
  return child;
}) as typeof spawn;
// Pagefind reads its thread counts from the environment when its process starts; the worker's
// environment is its own copy, which the process inherits.
const { threads } = workerData as ShardJob;
process.env.RAYON_NUM_THREADS ??= String(threads);
process.env.TOKIO_WORKER_THREADS ??= String(threads);
const pagefind = await import('pagefind');

export interface ShardJob {
  /** The folder holding the site at its base path; URLs are derived from paths inside it. */
  root: string;
  /** The shard's pages, relative to `root`. */
  files: string[];
  /** Where the bundle is written. */
  outputPath: string;
  /** Primary subtag of the site's language. */
  language: string;
  /** Threads for Pagefind's process (see `pagefindThreads`); a value set in the environment wins. */
  threads: number;
}

/** `{a,b}` matches either path; glob characters in paths are escaped. No files: a name no page has. */
function globOf(files: readonly string[]): string {
  const escaped = files.map((file) => file.replace(/[\\{}[\]*?,!()]/g, (c) => `\\${c}`));
  if (escaped.length === 0) return '.answerpress-no-pages';
  return escaped.length === 1 ? (escaped[0] as string) : `{${escaped.join(',')}}`;
}

/**
 * Settles with `call`, or fails once Pagefind's process has exited: its Node API answers a call
 * only when the process fails to read it, and one that exits after reading leaves it waiting.
 */
function unlessExited<T>(call: Promise<T>): Promise<T> {
  const exits = spawned.map(
    (child) =>
      new Promise<never>((_, reject) => {
        const failed = () => reject(new Error(`its process exited (${child.exitCode ?? child.signalCode})`));
        if (child.exitCode !== null || child.signalCode !== null) failed();
        else child.once('exit', failed);
      }),
  );
  return Promise.race([call, ...exits]);
}

async function indexShard(job: ShardJob): Promise<void> {
  try {
    const created = await unlessExited(pagefind.createIndex({ forceLanguage: job.language }));
    if (created.errors.length > 0 || !created.index) throw new Error(`createIndex: ${created.errors.join('; ') || 'no index'}`);
    const added = await unlessExited(created.index.addDirectory({ path: job.root, glob: globOf(job.files) }));
    if (added.errors.length > 0) throw new Error(`addDirectory: ${added.errors.join('; ')}`);
    if (added.page_count !== job.files.length) throw new Error(`indexed ${added.page_count} pages, expected ${job.files.length}`);
    const written = await unlessExited(created.index.writeFiles({ outputPath: job.outputPath }));
    if (written.errors.length > 0) throw new Error(`writeFiles: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
    await Promise.all(
      spawned.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.ref();
        await once(child, 'exit');
      }),
    );
  }
}

if (!isMainThread) replyWhenDone(indexShard(workerData as ShardJob));
