import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult } from '../../src/build.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesDir = join(repoRoot, 'tests', 'fixtures');
export const demoData = join(repoRoot, 'data');

/** A fresh temporary folder, removed by `cleanup`. */
export async function tempDir(prefix = 'answerpress-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Copies a fixture's data folder (or the demo data) into a temp folder so a test may change it. */
export async function copyData(source: string, into: string): Promise<string> {
  const target = join(into, 'data');
  await cp(source, target, { recursive: true });
  return target;
}

/** Builds a data folder into a new temp output folder, with its build cache beside it. */
export async function buildSite(dataDir: string, options: Partial<BuildOptions> = {}): Promise<BuildResult & { root: string }> {
  const root = await tempDir();
  const result = await build({ dataDir, outDir: join(root, 'out'), cacheDir: join(root, 'cache'), ...options });
  return { ...result, root };
}

export async function readPage(outDir: string, path: string): Promise<string> {
  return readFile(join(outDir, path), 'utf8');
}

export async function cleanup(...dirs: string[]): Promise<void> {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** path → sha256 of every file under `dir`. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => (a.parentPath + a.name < b.parentPath + b.name ? -1 : 1))) {
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}
