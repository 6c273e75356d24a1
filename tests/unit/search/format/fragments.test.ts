import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fragmentFolder, fragmentName, fragmentPath, installFragments, nameWidth, pageName, pruneFragments, type FolderTable } from '../../../../src/search/format/fragments.js';
import { resolveFragmentNames } from '../../../../src/search/runtime/patches.js';
import { cleanup, tempDir } from '../../../helpers/site.js';

describe('fragment names', () => {
  it.each([
    [{ hash: 'en_1a2b3c4', group: '', rank: 0 }, '00'],
    [{ hash: 'en_1a2b3c4', group: '', rank: 35 }, '0z'],
    [{ hash: 'en_1a2b3c4', group: '', rank: 499 }, 'dv'],
    [{ hash: 'en_1a2b3c4', group: '', rank: 1296 }, '100'],
    [{ hash: 'en_1a2b3c4', group: 'en_99ff00a', rank: 7 }, 'en_1a2b3c4'],
  ])('names %o %s', (page, name) => {
    expect(fragmentName(page)).toBe(name);
  });

  it('puts a shard’s id and the start of its key in its folder’s name, so both changes move it', () => {
    expect(fragmentFolder(3, '0123456789abcdef')).toBe('3-012345');
    expect(fragmentFolder(3, 'fedcba9876543210')).not.toBe(fragmentFolder(3, '0123456789abcdef'));
    expect(fragmentFolder(13, '0123456789abcdef')).not.toBe(fragmentFolder(1, '3123456789abcdef'));
  });
});

describe('page names in the merged metadata', () => {
  it.each([
    [1, 2],
    [36 * 36, 2],
    [36 * 36 + 1, 3],
    [10_500, 3],
    [100_000, 4],
  ])('gives a site of %i pages names %i digits long', (pages, width) => {
    expect(nameWidth(pages)).toBe(width);
    expect(pageName(pages - 1, width)).toHaveLength(width);
  });

  const folders: FolderTable = [
    ['0-aaaaaa', 0],
    ['1-bbbbbb', 346],
    ['2-cccccc', 662],
  ];

  it.each([
    [0, '0-aaaaaa/00'],
    [345, '0-aaaaaa/9l'],
    [346, '1-bbbbbb/00'],
    [661, '1-bbbbbb/8r'],
    [662, '2-cccccc/00'],
    [700, '2-cccccc/12'],
  ])('finds the site’s page %i at %s, its shard’s folder and its position there', (index, path) => {
    expect(fragmentPath(folders, pageName(index, 3))).toBe(path);
    expect(path.endsWith(`/${fragmentName({ hash: 'en_1a2b3c4', group: '', rank: index - (folders.findLast(([, start]) => start <= index) as [string, number])[1] })}`)).toBe(true);
  });

  it('leaves a fragment group’s page name, and any name in a bundle without a table, as the path', () => {
    expect(fragmentPath(folders, '1-bbbbbb/en_1a2b3c4')).toBe('1-bbbbbb/en_1a2b3c4');
    expect(fragmentPath(undefined, '0-aaaaaa/00')).toBe('0-aaaaaa/00');
    expect(fragmentPath([], '00')).toBe('00');
  });

  it('makes Pagefind’s script keep the table from the entry file and fetch fragments at their path, with the same function', async () => {
    const script = [
      'let entry_json=await entry_response.json();this.languages=entry_json.languages;this.loadedVersion=entry_json.version;',
      'let compressed_resp=await this.throttledFetch(`${this.basePath}fragment/${hash}.pf_fragment`);',
    ].join('');
    const patched = resolveFragmentNames(script) as string;
    expect(patched).toContain('this.answerpressFolders=entry_json.fragment_folders;');
    expect(patched).toContain('fragment/${__answerpressFragmentPath(this.answerpressFolders,hash)}.pf_fragment');
    const helper = patched.slice(0, patched.indexOf('let entry_json'));
    const run = new Function('folders', 'name', `${helper}\nreturn __answerpressFragmentPath(folders, name);`) as typeof fragmentPath;
    expect(run(folders, '01u')).toBe(fragmentPath(folders, '01u'));
  });

  it('refuses a script that fetches fragments some other way', () => {
    expect(resolveFragmentNames('this.languages=entry_json.languages;fetch(`fragment/${id}.pf_fragment`)')).toBeNull();
  });
});

describe('installFragments and pruneFragments', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir();
  });
  afterEach(async () => {
    await cleanup(root);
  });

  it('moves a shard’s fragments into its folder by merged position, replacing an older copy, and prunes folders not named', async () => {
    const bundle = join(root, 'bundle');
    await mkdir(join(bundle, 'fragment'), { recursive: true });
    for (const hash of ['en_aaaaaaa', 'en_bbbbbbb', 'en_ccccccc']) await writeFile(join(bundle, 'fragment', `${hash}.pf_fragment`), hash);
    const site = join(root, 'site');
    await mkdir(join(site, 'fragment', '0-old'), { recursive: true });
    await mkdir(join(site, 'fragment', '1-kept'), { recursive: true });
    await mkdir(join(site, 'fragment', '0-new'), { recursive: true });
    await writeFile(join(site, 'fragment', '0-new', 'stale.pf_fragment'), 'stale');
    await installFragments(bundle, site, '0-new', [
      { hash: 'en_bbbbbbb', group: '', rank: 2 },
      { hash: 'en_aaaaaaa', group: '', rank: 0 },
      { hash: 'en_ccccccc', group: '', rank: 1 },
    ]);
    const folder = join(site, 'fragment', '0-new');
    expect((await readdir(folder)).sort()).toEqual(['00.pf_fragment', '01.pf_fragment', '02.pf_fragment']);
    expect(await Promise.all(['00', '01', '02'].map((name) => readFile(join(folder, `${name}.pf_fragment`), 'utf8')))).toEqual(['en_aaaaaaa', 'en_ccccccc', 'en_bbbbbbb']);
    await pruneFragments(site, ['0-new', '1-kept']);
    expect((await readdir(join(site, 'fragment'))).sort()).toEqual(['0-new', '1-kept']);
  });
});
