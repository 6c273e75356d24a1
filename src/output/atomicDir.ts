/**
 * Builds go to a temporary folder beside the output and replace it only when complete, so a
 * failed or killed build never touches the last good site.
 *
 * The output a swap replaces can be kept beside the new one as its mirror: the next
 * incremental build takes it, brings it up to date with hard links to the live output
 * (`syncTree`) and builds on it, which is far cheaper than linking the whole output afresh.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { linkTree, syncTree } from './linkTree.js';

const PREFIX = '.answerpress-';
/**
 * In a staging folder: the linked copy of the output, and the mark that it is complete, which
 * holds where in the staging folder the copy is (the build moves it to where it builds).
 */
const COPY = 'linked';
const COPY_DONE = 'linked.complete';

function sibling(outDir: string, kind: 'tmp' | 'old'): string {
  const out = resolve(outDir);
  return join(dirname(out), `${PREFIX}${kind}-${basename(out)}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** The replaced output kept for the next build: `.answerpress-mirror-<output name>`. */
export function mirrorPath(outDir: string): string {
  const out = resolve(outDir);
  return join(dirname(out), `${PREFIX}mirror-${basename(out)}`);
}

/**
 * Makes `<staging>/linked` a tree of hard links to every file of `outDir`, from the mirror when
 * there is one, and returns its path. A copy left complete by a build that was killed becomes
 * the mirror again (see `recover`).
 */
export async function linkedCopy(outDir: string, staging: string): Promise<string> {
  const copy = join(staging, COPY);
  const claimed = await rename(mirrorPath(outDir), copy).then(
    () => true,
    () => false,
  );
  if (claimed) await syncTree(resolve(outDir), copy);
  else await linkTree(resolve(outDir), copy);
  await writeFile(join(staging, COPY_DONE), COPY);
  return copy;
}

/** Moves the linked copy to `target` inside the same staging folder, keeping track of it. */
export async function moveCopy(staging: string, copy: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await rename(copy, target);
  await writeFile(join(staging, COPY_DONE), relative(staging, target));
}

/** Where a killed build's complete linked copy is, or null. */
async function leftCopy(staging: string): Promise<string | null> {
  try {
    const path = (await readFile(join(staging, COPY_DONE), 'utf8')).trim();
    if (!path || isAbsolute(path) || path.split(/[\\/]/).includes('..')) return null;
    return join(staging, path);
  } catch {
    return null;
  }
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
  const mirror = mirrorPath(out);
  let mirrored = await exists(mirror);
  for (const name of [...olds, ...entries.filter(mine('tmp'))]) {
    const pid = ownName(name, 'tmp', basename(out));
    if (pid !== null && isAlive(pid)) continue;
    const copy = !mirrored && pid !== null ? await leftCopy(join(parent, name)) : null;
    if (copy) {
      mirrored = await rename(copy, mirror).then(
        () => true,
        () => false,
      );
    }
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
 * A linked copy of a site being built, for a first build to leave as the mirror (it has no
 * replaced output to keep): `swapIn`'s `copy`. Undefined when `outDir` exists, as its output
 * becomes the mirror then. Files changed after the copy are brought up to date by the next build.
 */
export async function copyForMirror(outDir: string, siteDir: string, staging: string): Promise<string | undefined> {
  if (await exists(resolve(outDir))) return undefined;
  const copy = join(staging, 'mirror');
  await linkTree(siteDir, copy);
  return copy;
}

/**
 * Replaces `outDir` with `builtDir` by two renames. A kill between them leaves no output, the
 * last good one renamed aside: every entry point that writes or serves the output (`build`,
 * `serve`, which builds before it serves, and `merge`) calls `recover` first, under the build
 * lock (`lock.ts`), which renames it back. The old output becomes the mirror when
 * `mirror` is set (replacing an older one), or is deleted, by a process of its own when
 * `background` is set (a large site's tree takes seconds to unlink); `recover` finishes the job
 * if that process is stopped. With no old output, `copy` (from `copyForMirror`) becomes the
 * mirror.
 */
export async function swapIn(builtDir: string, outDir: string, options: { background?: boolean; mirror?: boolean; copy?: string } = {}): Promise<void> {
  const out = resolve(outDir);
  if (!(await exists(out))) {
    await rename(builtDir, out);
    if (options.mirror && options.copy) await rename(options.copy, mirrorPath(outDir)).catch(() => undefined);
    return;
  }
  const old = sibling(outDir, 'old');
  await rename(out, old);
  await rename(builtDir, out);
  if (options.mirror) {
    const mirror = mirrorPath(outDir);
    if (await exists(mirror)) {
      const stale = sibling(outDir, 'old');
      await rename(mirror, stale);
      await remove(stale, options.background);
    }
    if (await rename(old, mirror).then(() => true, () => false)) return;
  }
  await remove(old, options.background);
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
