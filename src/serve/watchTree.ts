/**
 * Watches a folder and everything in it, and keeps watching when the folder itself is moved away
 * and back or replaced (a branch switch, an editor saving by rename, `mv data data.old`): a
 * recursive watch follows the folder's inode, not its path, so the path is checked on every
 * change and polled while it is gone.
 * https://nodejs.org/docs/latest-v20.x/api/fs.html#fswatchfilename-options-listener
 */
import { statSync, watch, type FSWatcher } from 'node:fs';

/** How often a folder that has gone is looked for. */
const POLL_MS = 250;

export interface TreeWatcher {
  close(): void;
}

export function watchTree(dir: string, onChange: () => void, log: (text: string) => void): TreeWatcher {
  let watcher: FSWatcher | undefined;
  let poll: NodeJS.Timeout | undefined;
  let inode: number | undefined;
  let closed = false;
  const identity = (): number | undefined => {
    try {
      const info = statSync(dir);
      return info.isDirectory() ? info.ino : undefined;
    } catch {
      return undefined;
    }
  };
  const start = (): void => {
    inode = identity();
    if (inode === undefined) return waitForIt();
    try {
      watcher = watch(dir, { recursive: true }, check);
      watcher.on('error', () => check());
    } catch {
      waitForIt();
    }
  };
  /** A change: rebuild, and if the folder at the path is no longer the one watched, watch it again. */
  const check = (): void => {
    if (closed) return;
    onChange();
    if (identity() === inode) return;
    watcher?.close();
    watcher = undefined;
    start();
    if (watcher) log(`${dir} was replaced: watching the new one.`);
  };
  const waitForIt = (): void => {
    log(`${dir} is gone: the last good site is still served, and ${dir} will be watched again when it is back.`);
    poll = setInterval(() => {
      if (closed || identity() === undefined) return;
      clearInterval(poll);
      poll = undefined;
      start();
      log(`${dir} is back: rebuilding.`);
      onChange();
    }, POLL_MS);
    poll.unref();
  };
  start();
  return {
    close: () => {
      closed = true;
      clearInterval(poll);
      watcher?.close();
    },
  };
}
