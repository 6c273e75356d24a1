/**
 * A stamp of everything a build reads, from the files' metadata alone: every file's path, size,
 * modification time and inode under the data folder and the layout folders, with the package's
 * fingerprint and the options that shape the output. When it equals the stamp the last build
 * recorded with the output it left, nothing has changed and there is nothing to build: the
 * check costs one `find` per folder, where reading the data back costs seconds.
 *
 * A file rewritten with other bytes gets a new modification time (and, from git or an editor
 * that saves by renaming, a new inode); a changed stamp only means that the data is read, never
 * that a build is skipped.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface StampedInputs {
  dataDir: string;
  /** Every layout folder searched, the site's and the package's. */
  layoutDirs: readonly string[];
  /** The package's fingerprint (`output/fingerprint.ts`). */
  packageHash: string;
  /** Options that change what is written, as JSON-able values. */
  options: Record<string, unknown>;
}

export async function inputStamp(inputs: StampedInputs): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${inputs.packageHash}\0${JSON.stringify(inputs.options)}\0`);
  for (const [label, dir] of [['data', inputs.dataDir], ...inputs.layoutDirs.map((dir, i) => [`layouts${i}`, dir] as const)] as const) {
    hash.update(`${label}\0${dir}\0`);
    for (const line of await treeStamps(dir)) hash.update(line).update('\0');
  }
  // The web editor's bundle is copied from the installed decap-cms.
  hash.update(`decap\0${await editorStamp()}`);
  return hash.digest('hex');
}

/**
 * `path size mtime inode target` of every file and symbolic link under `dir`, sorted; none for
 * a folder that is not there. One `find` where there is one; an `lstat` per file otherwise.
 */
export async function treeStamps(dir: string): Promise<string[]> {
  let lines: string[];
  try {
    // Symbolic links too, with their target: a link pointed elsewhere is a change.
    const { stdout } = await run('find', ['.', '(', '-type', 'f', '-o', '-type', 'l', ')', '-printf', '%P %s %T@ %i %l\\0'], { cwd: dir, maxBuffer: 1 << 30, encoding: 'utf8' });
    lines = stdout.split('\0').filter(Boolean);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !(await isFolder(dir))) return [];
    lines = await statTree(dir);
  }
  return lines.sort();
}

async function statTree(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const files = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(
    files.map(async (file) => {
      const info = await lstat(file, { bigint: true });
      const target = info.isSymbolicLink() ? await readlink(file) : '';
      return `${relative(dir, file)} ${info.size} ${info.mtimeNs} ${info.ino} ${target}`;
    }),
  );
}

async function isFolder(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function editorStamp(): Promise<string> {
  try {
    const manifest = createRequire(import.meta.url).resolve('decap-cms/package.json');
    const info = await stat(manifest, { bigint: true });
    return `${manifest} ${info.size} ${info.mtimeNs} ${info.ino}`;
  } catch {
    return 'none';
  }
}
