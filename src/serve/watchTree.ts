/**
 * Watches a folder and everything in it, and keeps watching when the folder itself is moved away
 * and back or replaced (a branch switch, an editor saving by rename, `mv data data.old`): a
 * recursive watch follows the folder's inode, not its path, so the path is checked on every
 * change and polled while it is gone.
 * https://nodejs.org/docs/latest-v20.x/api/fs.html#fswatchfilename-options-listener
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { sep } from 'node:path';

/** How often a folder that has gone is looked for. */
const POLL_MS = 250;

export interface TreeWatcher {
  close(): void;
}

/**
 * Calls `onChange` on every change under `dir`, with the changed file's path relative to `dir`
 * (`/`-separated) when the system names it, and with none when the folder itself went or came.
 */
export function watchTree(dir: string, onChange: (file?: string) => void, log: (text: string) => void): TreeWatcher {
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
      watcher = watch(dir, { recursive: true }, (_event, name) => check(name ?? undefined));
      watcher.on('error', () => check());
    } catch {
      waitForIt();
    }
  };
  /** A change: rebuild, and if the folder at the path is no longer the one watched, watch it again. */
  const check = (name?: string): void => {
    if (closed) return;
    onChange(name?.split(sep).join('/'));
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
