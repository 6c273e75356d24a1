/**
 * A Pagefind other than the one whose index this package writes, installed as an npm
 * `overrides` entry would install it (its own `node_modules/pagefind` beside answerpress), stops
 * the build, naming both versions. The other version is really installed from the registry and
 * really runs; it is kept under node_modules/.cache between runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGEFIND_VERSION } from '../../src/search/format/pagefindFormat.js';
import { cleanup, fixturesDir, repoRoot, tempDir } from '../helpers/site.js';

const OTHER_VERSION = '1.5.2';
const otherInstall = join(repoRoot, 'node_modules', '.cache', 'answerpress-tests', `pagefind-${OTHER_VERSION}`);

/** Installs Pagefind `OTHER_VERSION` with npm, once. */
async function installOther(): Promise<string> {
  const modules = join(otherInstall, 'node_modules');
  const installed = await readFile(join(modules, 'pagefind', 'package.json'), 'utf8').then((text) => (JSON.parse(text) as { version: string }).version, () => null);
  if (installed !== OTHER_VERSION) {
    await mkdir(otherInstall, { recursive: true });
    await writeFile(join(otherInstall, 'package.json'), JSON.stringify({ private: true, dependencies: { pagefind: OTHER_VERSION } }));
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: otherInstall, encoding: 'utf8' });
    if (npm.status !== 0) throw new Error(`npm install pagefind@${OTHER_VERSION} failed: ${npm.stderr}`);
  }
  return modules;
}

/**
 * A project holding a copy of this package and its dependencies, with `pagefind` (and its
 * platform binaries) taken from `pagefindModules`.
 */
async function project(root: string, pagefindModules: string): Promise<string> {
  const modules = join(root, 'node_modules');
  const own = join(modules, 'answerpress');
  await mkdir(own, { recursive: true });
  for (const entry of ['package.json', 'bin', 'dist', 'layouts', 'scripts']) await cp(join(repoRoot, entry), join(own, entry), { recursive: true });
  for (const name of await readdir(join(repoRoot, 'node_modules'))) {
    if (name.startsWith('.') || name === 'pagefind' || name === '@pagefind') continue;
    await symlink(join(repoRoot, 'node_modules', name), join(modules, name));
  }
  for (const name of ['pagefind', '@pagefind']) await symlink(join(pagefindModules, name), join(modules, name));
  return own;
}

function runBuild(cwd: string, own: string, out: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(own, 'bin', 'answerpress.js'), 'build', '--data', join(fixturesDir, 'good'), '--out', out], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('another Pagefind version', () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir();
  });
  afterAll(() => cleanup(root));

  it('stops the build, naming the version installed and the version this answerpress writes', async () => {
    expect(OTHER_VERSION).not.toBe(PAGEFIND_VERSION);
    const app = join(root, 'other');
    const own = await project(app, await installOther());
    const out = join(app, 'site');
    const { code, stderr } = await runBuild(app, own, out);
    expect(code).toBe(1);
    expect(stderr).toContain(`the installed Pagefind is ${OTHER_VERSION}`);
    expect(stderr).toContain(`the search index of Pagefind ${PAGEFIND_VERSION} only. Install pagefind@${PAGEFIND_VERSION}`);
    await expect(stat(out)).rejects.toThrow();
  }, 180_000);

  it('builds in the same layout with the Pagefind it writes for', async () => {
    const app = join(root, 'same');
    const own = await project(app, join(repoRoot, 'node_modules'));
    const { code, stderr } = await runBuild(app, own, join(app, 'site'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 120_000);
});
