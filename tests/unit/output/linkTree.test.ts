import { link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkTree, syncTree } from '../../../src/output/linkTree.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'answerpress-link-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
}

/** Every entry under `dir`: folders as `path/`, files as `path` with their inode. */
async function tree(dir: string): Promise<Map<string, bigint | null>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const result = new Map<string, bigint | null>();
  for (const entry of entries) {
    const path = relative(dir, join(entry.parentPath, entry.name));
    result.set(entry.isDirectory() ? `${path}/` : path, entry.isDirectory() ? null : (await stat(join(dir, path), { bigint: true })).ino);
  }
  return new Map([...result].sort());
}

describe('syncTree', () => {
  it('makes the target hard links to exactly the files of the source, keeping links that are right', async () => {
    const source = join(root, 'live');
    const target = join(root, 'mirror');
    await write(source, { 'index.html': 'home', 'a/index.html': 'a', 'a/b/deep.html': 'deep', 'same.html': 'same', 'pagefind/x.pf': 'x' });
    await linkTree(source, target);
    const kept = (await stat(join(target, 'same.html'), { bigint: true })).ino;
    // The live output moves on: a page replaced, a folder gone, a file and folders new, and a
    // folder where a file was.
    await rm(join(source, 'index.html'));
    await writeFile(join(source, 'index.html'), 'home, changed');
    await rm(join(source, 'a'), { recursive: true });
    await rm(join(source, 'pagefind/x.pf'));
    await write(source, { 'c/d/new.html': 'new', 'pagefind/x.pf/inner': 'now a folder' });
    // And the mirror holds things the live output never had.
    await write(target, { 'stray.html': 'stray', 'stray/deeper.html': 'stray' });

    await syncTree(source, target);
    const want = await tree(source);
    expect(await tree(target)).toEqual(want);
    expect(await readFile(join(target, 'index.html'), 'utf8')).toBe('home, changed');
    expect((await stat(join(target, 'same.html'), { bigint: true })).ino).toBe(kept);
  });

  it('fills an empty target and empties one whose source is empty', async () => {
    const source = join(root, 'live');
    const target = join(root, 'mirror');
    await write(source, { 'a/b.html': 'b' });
    await mkdir(target);
    await syncTree(source, target);
    expect(await tree(target)).toEqual(await tree(source));
    await rm(source, { recursive: true });
    await mkdir(source);
    await syncTree(source, target);
    expect(await readdir(target)).toEqual([]);
  });

  it('replaces a file that is not a link to the live one, even with the same content', async () => {
    const source = join(root, 'live');
    const target = join(root, 'mirror');
    await write(source, { 'page.html': 'same' });
    await write(target, { 'page.html': 'same' });
    await syncTree(source, target);
    expect((await stat(join(target, 'page.html'))).ino).toBe((await stat(join(source, 'page.html'))).ino);
  });

  it('handles names with spaces and newlines, and removes links under names the source lacks', async () => {
    const source = join(root, 'live');
    const target = join(root, 'mirror');
    await write(source, { 'a b/c\nd.html': 'x' });
    await mkdir(target);
    // A link to a live file under a name the live output does not have goes too.
    await link(join(source, 'a b', 'c\nd.html'), join(target, 'orphan.html'));
    await syncTree(source, target);
    expect(await tree(target)).toEqual(await tree(source));
  });
});
