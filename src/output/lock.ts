/**
 * A lock on a folder that builds write, so that two builds into the same output or cache take
 * turns: the second waits for the first to finish. Two at once would each prune what the other
 * had just written (a shard index, a cache segment) and fail, or publish a mix of both.
 *
 * The lock is a file holding the pid of the process that holds it, made with `O_EXCL`. A lock
 * whose process is gone (a killed build) is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** How often a waiting build looks again. */
const POLL_MS = 100;

export interface Lock {
  release(): Promise<void>;
}

/**
 * Takes the lock at `file`, waiting while a live process holds it (this one included, for a
 * second build in the same process); `waiting` is called once, with the holder's pid, when it
 * has to wait.
 */
export async function takeLock(file: string, waiting?: (holder: number) => void): Promise<Lock> {
  let told = false;
  for (;;) {
    const handle = await open(file, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return null;
      throw error;
    });
    if (handle) {
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      let released = false;
      return {
        release: async () => {
          if (released) return;
          released = true;
          await rm(file, { force: true });
        },
      };
    }
    const holder = await holderOf(file);
    if (holder > 0 && !isAlive(holder)) {
      // Its holder was killed: the lock is free, unless another waiter took it over meanwhile.
      if ((await holderOf(file)) === holder) await rm(file, { force: true });
      continue;
    }
    if (holder > 0 && !told) {
      told = true;
      waiting?.(holder);
    }
    // A holder that has made the file but not yet written its pid is looked at again shortly.
    await sleep(POLL_MS);
  }
}

/**
 * Locks what a build into `outDir` writes: the output (a file beside it, as the build's staging
 * folders are) and `cacheDir`, a cache that builds into other outputs may share. The output is
 * always locked first, so two builds never wait for each other.
 */
export async function lockBuild(outDir: string, cacheDir: string | null, waiting?: (holder: number) => void): Promise<Lock> {
  const out = resolve(outDir);
  await mkdir(dirname(out), { recursive: true });
  const locks = [await takeLock(join(dirname(out), `.answerpress-lock-${basename(out)}`), waiting)];
  try {
    if (cacheDir) {
      await mkdir(cacheDir, { recursive: true });
      locks.push(await takeLock(join(cacheDir, 'build.lock'), waiting));
    }
  } catch (error) {
    await locks[0]?.release();
    throw error;
  }
  return { release: async () => void (await Promise.all(locks.map((lock) => lock.release()))) };
}

async function holderOf(file: string): Promise<number> {
  return Number((await readFile(file, 'utf8').catch(() => '')).trim()) || 0;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
