import { mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputStamp, treeStamps } from '../../../src/incremental/inputStamp.js';
import { cleanup, tempDir } from '../../helpers/site.js';

describe('the stamp of what a build reads', () => {
  let root: string;
  let data: string;
  const stamp = (options: Record<string, unknown> = {}) => inputStamp({ dataDir: data, layoutDirs: [join(root, 'layouts')], packageHash: 'pkg', options });

  beforeEach(async () => {
    root = await tempDir();
    data = join(root, 'data');
    await mkdir(join(data, 'questions'), { recursive: true });
    await writeFile(join(data, 'site.yaml'), 'title: A\n');
    await writeFile(join(data, 'questions', 'a.yaml'), 'title: A?\n');
    await writeFile(join(data, 'questions', 'b.yaml'), 'title: B?\n');
  });
  afterEach(() => cleanup(root));

  it('stays the same while nothing changes, and changes with any file, link, layout or option', async () => {
    const first = await stamp();
    expect(await stamp()).toBe(first);
    const later = new Date(Date.now() + 10_000);
    await utimes(join(data, 'site.yaml'), later, later);
    const touched = await stamp();
    expect(touched).not.toBe(first);
    await symlink('a.yaml', join(data, 'questions', 'c.yaml'));
    const linked = await stamp();
    expect(linked).not.toBe(touched);
    await rm(join(data, 'questions', 'c.yaml'));
    await symlink('b.yaml', join(data, 'questions', 'c.yaml'));
    expect(await stamp()).not.toBe(linked);
    const now = await stamp();
    await mkdir(join(root, 'layouts'));
    await writeFile(join(root, 'layouts', 'base.njk'), '<html></html>');
    expect(await stamp()).not.toBe(now);
    expect(await stamp({ pagesPerShard: 2 })).not.toBe(await stamp());
  });

  it('lists every file and link under a folder by path, and nothing for a folder that is not there', async () => {
    await symlink('a.yaml', join(data, 'questions', 'c.yaml'));
    const lines = await treeStamps(data);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['questions/a.yaml', 'questions/b.yaml', 'questions/c.yaml', 'site.yaml']);
    expect(lines[2]?.endsWith(' a.yaml')).toBe(true);
    expect(await treeStamps(join(root, 'missing'))).toEqual([]);
  });
});
