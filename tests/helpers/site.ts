import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Builds a data folder into a new temp output folder. */
export async function buildSite(dataDir: string, options: Partial<BuildOptions> = {}): Promise<BuildResult & { root: string }> {
  const root = await tempDir();
  const result = await build({ dataDir, outDir: join(root, 'out'), ...options });
  return { ...result, root };
}

export async function readPage(outDir: string, path: string): Promise<string> {
  return readFile(join(outDir, path), 'utf8');
}

export async function cleanup(...dirs: string[]): Promise<void> {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}
