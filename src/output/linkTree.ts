/**
 * Copies of the live site that cost no bytes: an incremental build starts from hard links to
 * every file of the last good output and replaces (never writes into) the files that changed,
 * so the live site is untouched until the swap.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, readdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { findRecords } from './listFiles.js';

const run = promisify(execFile);

/** Makes `target` (which must not exist) a tree of hard links to the files of `source`. */
export async function linkTree(source: string, target: string): Promise<void> {
  try {
    // GNU cp does this in one process, several times faster than a call per file from Node.
    await run('cp', ['-al', '--', source, target]);
    return;
  } catch {
    await rm(target, { recursive: true, force: true });
  }
  const entries = await readdir(source, { withFileTypes: true, recursive: true });
  await mkdir(target, { recursive: true });
  for (const entry of entries) {
    const from = join(entry.parentPath, entry.name);
    const to = join(target, from.slice(source.length));
    if (entry.isDirectory()) await mkdir(to, { recursive: true });
    else if (entry.isFile()) {
      await mkdir(dirname(to), { recursive: true });
      await link(from, to);
    }
  }
}

/**
 * Hard-links every file of `source` to the same place under `target`, making folders as needed
 * and leaving out the top-level entries named in `skip`. A file that `target` already holds is
 * an error, naming it: the trees are meant to be disjoint. So is anything but a file or a
 * folder: a symbolic link would publish whatever it points to (`/etc`, a home folder) as part of
 * the site. Files are copied where a link cannot be made (another file system).
 */
export async function linkInto(source: string, target: string, skip: readonly string[] = []): Promise<void> {
  const left = new Set(skip);
  const entries = await readdir(source, { withFileTypes: true, recursive: true });
  const files = entries
    .map((entry) => ({ entry, path: relative(source, join(entry.parentPath, entry.name)) }))
    .filter(({ entry, path }) => !entry.isDirectory() && !left.has(path.split(sep)[0] as string));
  const odd = files.filter(({ entry }) => !entry.isFile()).map(({ path }) => path);
  if (odd.length > 0) {
    throw new Error(`${odd.join(', ')} ${odd.length === 1 ? 'is' : 'are'} not a plain file (a symbolic link?); only files and folders are joined. Remove ${odd.length === 1 ? 'it' : 'them'} or build the part again`);
  }
  for (const dir of new Set(files.map(({ path }) => dirname(join(target, path))))) await mkdir(dir, { recursive: true });
  await inBatches(files, async ({ path }) => {
    const [from, to] = [join(source, path), join(target, path)];
    try {
      await link(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new Error(`${path} is in more than one of the trees being joined`, { cause: error });
      if (code !== 'EXDEV' && code !== 'EPERM') throw error;
      await copyFile(from, to, constants.COPYFILE_EXCL);
    }
  });
}

interface TreeEntry {
  /** `d` for a folder, `f` for a file (anything else is linked like a file). */
  type: string;
  inode: string;
}

/** Every entry under `dir` by relative path (`/`-separated), parents before children. */
async function listTree(dir: string): Promise<Map<string, TreeEntry>> {
  const tree = new Map<string, TreeEntry>();
  try {
    // One process lists tens of thousands of entries with their inodes several times faster
    // than an lstat per entry from Node, which is the fallback; it lists a folder before what
    // it holds.
    for (const line of await findRecords(dir, ['-mindepth', '1', '-printf', '%y %i %P\\0'])) {
      const space = line.indexOf(' ', 2);
      tree.set(line.slice(space + 1), { type: line[0] as string, inode: line.slice(2, space) });
    }
    return tree;
  } catch {
    tree.clear();
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      const path = join(entry.parentPath, entry.name);
      const info = await lstat(path, { bigint: true });
      tree.set(relative(dir, path).split(sep).join('/'), { type: entry.isDirectory() ? 'd' : 'f', inode: String(info.ino) });
    }
    // In path order, a folder comes before what it holds.
    return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/**
 * Makes `target` a tree of hard links to exactly the files of `source`, reusing what it holds:
 * an entry that is already a link to the same file stays, anything else is removed, and what is
 * missing is linked. Brought up from the output an earlier swap replaced, that is a handful of
 * changed files instead of a folder per page, each of which costs a file system call to create:
 * a copy from nothing takes seconds on a large site.
 */
export async function syncTree(source: string, target: string): Promise<void> {
  const [want, have] = await Promise.all([listTree(source), listTree(target)]);
  const removed = new Set<string>();
  const stale: string[] = [];
  for (const [path, entry] of have) {
    const wanted = want.get(path);
    if (wanted && wanted.type === entry.type && (entry.type === 'd' || wanted.inode === entry.inode)) continue;
    removed.add(path);
    if (entry.type === 'd') await rm(join(target, path), { recursive: true, force: true });
    else stale.push(path);
  }
  const inRemoved = (path: string): boolean => {
    for (let at = path; at; at = at.slice(0, Math.max(0, at.lastIndexOf('/')))) if (removed.has(at)) return true;
    return false;
  };
  // Files inside a folder removed above are gone already.
  await inBatches(
    stale.filter((path) => !inRemoved(path.slice(0, Math.max(0, path.lastIndexOf('/'))))),
    (path) => unlink(join(target, path)),
  );
  const files: string[] = [];
  for (const [path, entry] of want) {
    if (have.has(path) && !inRemoved(path)) continue;
    if (entry.type === 'd') await mkdir(join(target, path), { recursive: true });
    else files.push(path);
  }
  await inBatches(files, (path) => link(join(source, path), join(target, path)));
}

/** Runs `fn` over `items`, 64 at a time. */
async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += 64) await Promise.all(items.slice(i, i + 64).map(fn));
}

/** Moves every file of `source` to the same place under `target`, replacing what is there. */
export async function moveInto(source: string, target: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(source, { withFileTypes: true, recursive: true });
  } catch {
    return;
  }
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const dirs = new Set(files.map((file) => dirname(join(target, file.slice(source.length)))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  for (const file of files) await rename(file, join(target, file.slice(source.length)));
}

/** Deletes a file of the site and the folders it leaves empty, up to `root`. */
export async function removeFile(root: string, file: string): Promise<void> {
  await rm(join(root, file), { force: true });
  let dir = dirname(join(root, file));
  while (dir.startsWith(`${root}/`)) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}
