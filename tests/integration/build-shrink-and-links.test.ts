/**
 * The real CLI against a data folder changed in the ways that used to publish a wrong site with
 * exit 0: most questions deleted, questions/ as a symbolic link, a data file linked from outside.
 */
import { cp, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/processes.js';
import { cleanup, fixturesDir, tempDir } from '../helpers/site.js';

const SLUGS = ['can-i-compost-citrus-peel', 'how-often-water-succulents', 'when-to-prune-roses', 'why-are-tomato-leaves-yellow'];
const questionPages = async (out: string) => (await readdir(join(out, 'questions'))).filter((name) => name !== 'page' && name !== 'index.html').sort();

let root: string;
beforeAll(async () => {
  root = await tempDir('answerpress-safety-');
});
afterAll(() => cleanup(root));

describe('a build that would empty the site', () => {
  it('stops when more than half of the live question pages would go, saying how many, and publishes with --allow-shrink', async () => {
    const site = join(root, 'shrink');
    await cp(join(fixturesDir, 'good'), join(site, 'data'), { recursive: true });
    const first = await runCli(['build', '--out', 'out'], site);
    expect(first.code, first.stderr).toBe(0);
    expect(await questionPages(join(site, 'out'))).toEqual(SLUGS);
    const home = await readFile(join(site, 'out', 'index.html'), 'utf8');

    // Three of four may not.
    for (const slug of SLUGS.slice(0, 3)) await rm(join(site, 'data', 'questions', `${slug}.yaml`));
    const shrunk = await runCli(['build', '--out', 'out'], site);
    expect(shrunk).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Build failed: shrink: this build would remove 3 of the 4 question pages published in out (1 would be left). ' +
        'If questions were deleted or moved by mistake, restore them; if the removal is intended, build again with --allow-shrink.\n' +
        'The previous output was left as it was.\n',
    });
    expect(await questionPages(join(site, 'out'))).toEqual(SLUGS);
    expect(await readFile(join(site, 'out', 'index.html'), 'utf8')).toBe(home);
    // Without the cache's list of the live pages, the output's folders tell the same.
    const shrunkClean = await runCli(['build', '--out', 'out', '--clean'], site);
    expect(shrunkClean).toEqual(shrunk);
    expect(await questionPages(join(site, 'out'))).toEqual(SLUGS);

    const allowed = await runCli(['build', '--out', 'out', '--allow-shrink'], site);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/^Built 1 question, 3 experts into out in /);
    expect(await questionPages(join(site, 'out'))).toEqual(SLUGS.slice(3));
  }, 180_000);
});

describe('a build that would empty a site with a base path', () => {
  it('stops with the cache and without it: the output holds the site at its root', async () => {
    const site = join(root, 'shrink-base-path');
    await cp(join(fixturesDir, 'intl'), join(site, 'data'), { recursive: true });
    const first = await runCli(['build', '--out', 'out'], site);
    expect(first.code, first.stderr).toBe(0);
    expect(await questionPages(join(site, 'out'))).toEqual(['protein-after-sixty', 'waking-at-night']);
    for (const slug of ['protein-after-sixty', 'waking-at-night']) await rename(join(site, 'data', 'questions', `${slug}.yaml`), join(site, 'data', 'questions', `${slug}-moved.yaml`));
    for (const args of [[], ['--clean']]) {
      const shrunk = await runCli(['build', '--out', 'out', ...args], site);
      expect(shrunk.code, args.join(' ')).toBe(1);
      expect(shrunk.stderr).toMatch(/^Build failed: shrink: this build would remove 2 of the 2 question pages published in out \(0 would be left\)\./);
    }
    expect(await questionPages(join(site, 'out'))).toEqual(['protein-after-sixty', 'waking-at-night']);
  }, 180_000);
});

describe('symbolic links in the data folder', () => {
  it('builds every question of a questions/ folder that is a link to a folder elsewhere', async () => {
    const site = join(root, 'linked');
    await cp(join(fixturesDir, 'good'), join(site, 'data'), { recursive: true });
    await mkdir(join(site, 'content'));
    await rename(join(site, 'data', 'questions'), join(site, 'content', 'questions'));
    await symlink('../content/questions', join(site, 'data', 'questions'));
    const validate = await runCli(['validate'], site);
    expect(validate).toEqual({ code: 0, stdout: 'data is valid: 4 questions, 3 experts, 3 topics.\n', stderr: '' });
    const built = await runCli(['build', '--out', 'out'], site);
    expect(built.code, built.stderr).toBe(0);
    expect(await questionPages(join(site, 'out'))).toEqual(SLUGS);
  });

  it('never reads a data file linked from outside the data folder, and names it', async () => {
    const site = join(root, 'outside');
    await cp(join(fixturesDir, 'good'), join(site, 'data'), { recursive: true });
    const secret = join(site, 'secret.yaml');
    await writeFile(secret, 'title: "SECRET-TEXT"\nasked: 2024-01-01\ntopics: [flowers]\nbody: SECRET-TEXT\n');
    await symlink(secret, join(site, 'data', 'questions', 'leak.yaml'));
    const built = await runCli(['build', '--out', 'out'], site);
    expect(built.code).toBe(1);
    expect(built.stderr).toBe(
      'data/questions/leak.yaml:1:1: "questions/leak.yaml" is a symbolic link to a file outside the data folder, which is not read: copy the file into the data folder instead\n' +
        '1 error in data: nothing was built or changed.\n',
    );
    expect(built.stderr).not.toContain('SECRET-TEXT');
  });
});
