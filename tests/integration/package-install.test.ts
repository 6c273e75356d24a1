/**
 * The published package as a site owner gets it: `npm pack` of this repository, installed into an
 * empty folder with npm, then `init`, `build` and `validate` with no edits. Dependencies come from
 * npm's cache where it has them (`--prefer-offline`), else from the registry.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, type Run } from '../helpers/processes.js';
import { cleanup, repoRoot, tempDir } from '../helpers/site.js';

let root: string;
let site: string;
let installed: Run;

beforeAll(async () => {
  root = await tempDir('answerpress-package-');
  // dist/ is what the tests' global setup compiled; prepack would compile it again under the
  // other test files' feet.
  const packed = await runCommand('npm', ['pack', '--ignore-scripts', '--pack-destination', root], repoRoot);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const tarball = (await readdir(root)).find((name) => name.endsWith('.tgz')) as string;
  site = join(root, 'my-answers');
  await runCommand('mkdir', [site], root);
  const initialised = await runCommand('npm', ['init', '-y'], site);
  if (initialised.code !== 0) throw new Error(`npm init failed:\n${initialised.stderr}`);
  installed = await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(root, tarball)], site);
}, 600_000);

afterAll(() => cleanup(root));

describe('the package as a site owner installs it', () => {
  it('installs with no install script to approve, its own or a dependency\'s', () => {
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).not.toMatch(/install-scripts|allowScripts/);
    expect(installed.stdout).not.toMatch(/install-scripts|allowScripts/);
  });

  it('inits a site that builds and validates with no edits, then refuses an unknown topic naming those that exist', async () => {
    const init = await runCommand('npx', ['--no-install', 'answerpress', 'init'], site);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Wrote .gitignore, data/site.yaml');
    expect(init.stdout).toContain('Added to package.json.');
    expect(init.stdout).not.toContain('npm install ');
    const pkg = JSON.parse(await readFile(join(site, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.dependencies.answerpress).toMatch(/^file:/);
    expect(pkg.scripts.start).toBe('answerpress serve');

    const build = await runCommand('npx', ['--no-install', 'answerpress', 'build'], site);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/^Built 1 question, 1 expert into _site in [\d.]+ s\.\n$/);
    expect(build.stderr).toBe('');
    expect(await readFile(join(site, '_site', 'questions', 'how-do-i-add-a-question', 'index.html'), 'utf8')).toContain('How do I add a question to this site?');

    const validate = await runCommand('npx', ['--no-install', 'answerpress', 'validate'], site);
    expect(validate).toEqual({ code: 0, stdout: 'data is valid: 1 question, 1 expert, 1 topic.\n', stderr: '' });

    const unknown = await runCommand('npx', ['--no-install', 'answerpress', 'new', 'question', 'What about fillers?', '--topic', 'fillers'], site);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown topic "fillers": nearest: getting-started. The topics in topics.yaml: getting-started');
  }, 300_000);
});
