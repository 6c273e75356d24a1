import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fragmentFolder, fragmentName, installFragments, pruneFragments } from '../../../src/search/fragments.js';
import { cleanup, tempDir } from '../../helpers/site.js';

describe('fragment names', () => {
  it.each([
    [{ hash: 'en_1a2b3c4', group: '' }, 0, '00'],
    [{ hash: 'en_1a2b3c4', group: '' }, 35, '0z'],
    [{ hash: 'en_1a2b3c4', group: '' }, 499, 'dv'],
    [{ hash: 'en_1a2b3c4', group: '' }, 1296, '100'],
    [{ hash: 'en_1a2b3c4', group: 'en_99ff00a' }, 7, 'en_1a2b3c4'],
  ])('names %o at position %i %s', (page, position, name) => {
    expect(fragmentName(page, position)).toBe(name);
  });

  it('puts a shard’s id and the start of its key in its folder’s name, so both changes move it', () => {
    expect(fragmentFolder(3, '0123456789abcdef')).toBe('3-012345');
    expect(fragmentFolder(3, 'fedcba9876543210')).not.toBe(fragmentFolder(3, '0123456789abcdef'));
    expect(fragmentFolder(13, '0123456789abcdef')).not.toBe(fragmentFolder(1, '3123456789abcdef'));
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

  it('moves a shard’s fragments into its folder by position, replacing an older copy, and prunes folders not named', async () => {
    const bundle = join(root, 'bundle');
    await mkdir(join(bundle, 'fragment'), { recursive: true });
    for (const hash of ['en_aaaaaaa', 'en_bbbbbbb']) await writeFile(join(bundle, 'fragment', `${hash}.pf_fragment`), hash);
    const site = join(root, 'site');
    await mkdir(join(site, 'fragment', '0-old'), { recursive: true });
    await mkdir(join(site, 'fragment', '1-kept'), { recursive: true });
    await mkdir(join(site, 'fragment', '0-new'), { recursive: true });
    await writeFile(join(site, 'fragment', '0-new', 'stale.pf_fragment'), 'stale');
    await installFragments(bundle, site, '0-new', [
      { hash: 'en_bbbbbbb', group: '' },
      { hash: 'en_aaaaaaa', group: '' },
    ]);
    expect((await readdir(join(site, 'fragment', '0-new'))).sort()).toEqual(['00.pf_fragment', '01.pf_fragment']);
    await pruneFragments(site, ['0-new', '1-kept']);
    expect((await readdir(join(site, 'fragment'))).sort()).toEqual(['0-new', '1-kept']);
  });
});
