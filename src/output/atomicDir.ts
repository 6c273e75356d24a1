/**
 * Builds go to a temporary folder beside the output and replace it only when complete, so a
 * failed or killed build never touches the last good site.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

const PREFIX = '.answerpress-';

function sibling(outDir: string, kind: 'tmp' | 'old'): string {
  const out = resolve(outDir);
  return join(dirname(out), `${PREFIX}${kind}-${basename(out)}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Cleans up after builds that were killed: restores an output that a kill caught between the
 * two renames of `swapIn`, and deletes abandoned temporary folders and replaced outputs (in a
 * process of its own when `background` is set, so a build never waits for them).
 */
export async function recover(outDir: string, options: { background?: boolean } = {}): Promise<void> {
  const out = resolve(outDir);
  const parent = dirname(out);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  const mine = (kind: string) => (name: string) => ownName(name, kind, basename(out)) !== null;
  const olds = entries.filter(mine('old')).sort();
  if (!(await exists(out)) && olds.length > 0) {
    await rename(join(parent, olds[olds.length - 1] as string), out);
    olds.pop();
  }
  for (const name of [...olds, ...entries.filter(mine('tmp'))]) {
    const pid = ownName(name, 'tmp', basename(out));
    if (pid !== null && isAlive(pid)) continue;
    await remove(join(parent, name), options.background);
  }
}

/** The pid in `.answerpress-<kind>-<base>-<pid>-<8 hex>`, or null when the name is not that. */
function ownName(name: string, kind: string, base: string): number | null {
  const head = `${PREFIX}${kind}-${base}-`;
  if (!name.startsWith(head)) return null;
  const match = /^(\d+)-[0-9a-f]{8}$/.exec(name.slice(head.length));
  return match ? Number(match[1]) : null;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A fresh temporary folder beside `outDir`, on the same file system so the swap is a rename. */
export async function makeStaging(outDir: string): Promise<string> {
  const staging = sibling(outDir, 'tmp');
  await mkdir(dirname(staging), { recursive: true });
  await mkdir(staging);
  return staging;
}

/**
 * Replaces `outDir` with `builtDir` by two renames. The old output is deleted afterwards, by a
 * process of its own when `background` is set (a large site's tree takes seconds to unlink);
 * `recover` finishes the job if that process is stopped.
 */
export async function swapIn(builtDir: string, outDir: string, options: { background?: boolean } = {}): Promise<void> {
  const out = resolve(outDir);
  if (await exists(out)) {
    const old = sibling(outDir, 'old');
    await rename(out, old);
    await rename(builtDir, out);
    await remove(old, options.background);
  } else {
    await rename(builtDir, out);
  }
}

/** Deletes a folder, or hands it to a detached `rm -rf` when `background` is set and one can start. */
async function remove(dir: string, background = false): Promise<void> {
  if (!background || !removeInBackground(dir)) await rm(dir, { recursive: true, force: true });
}

function removeInBackground(dir: string): boolean {
  try {
    const child = spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' });
    child.on('error', () => void rm(dir, { recursive: true, force: true }).catch(() => undefined));
    child.unref();
    return true;
  } catch {
    return false;
  }
}
