/**
 * Every file under a folder with its size, sorted by path. A large site has tens of thousands of
 * files; GNU find lists them with their sizes in one process, several times faster than a
 * `stat` per file from Node, which is the fallback.
 */
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FileEntry {
  /** Relative to the folder, with `/` separators. */
  path: string;
  bytes: number;
}

const byPath = (a: FileEntry, b: FileEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** What `find . <args>` prints in `dir`, as NUL-terminated records (`-printf '…\\0'`). */
export async function findRecords(dir: string, args: readonly string[]): Promise<string[]> {
  const { stdout } = await run('find', ['.', ...args], { cwd: dir, maxBuffer: 1 << 30, encoding: 'utf8' });
  return stdout.split('\0').filter(Boolean);
}

export async function listFiles(dir: string): Promise<FileEntry[]> {
  try {
    const files: FileEntry[] = [];
    for (const line of await findRecords(dir, ['-type', 'f', '-printf', '%s %P\\0'])) {
      const space = line.indexOf(' ');
      files.push({ path: line.slice(space + 1), bytes: Number(line.slice(0, space)) });
    }
    return files.sort(byPath);
  } catch {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
    const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
    return files.map((file, i) => ({ path: relative(dir, file).split(sep).join('/'), bytes: sizes[i] ?? 0 })).sort(byPath);
  }
}
