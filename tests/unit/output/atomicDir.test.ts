import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyForMirror, linkedCopy, makeStaging, mirrorPath, moveCopy, recover, swapIn } from '../../../src/output/atomicDir.js';
import { deadPid } from '../../helpers/processes.js';

let parent: string;
let out: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'answerpress-atomic-'));
  out = join(parent, 'site');
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid);
  await rm(parent, { recursive: true, force: true });
});

async function folder(path: string, files: Record<string, string>): Promise<string> {
  await mkdir(path, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(path, name), content);
  return path;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function siblings(): Promise<string[]> {
  return (await readdir(parent)).sort();
}

/** A process id that is alive until the test ends. */
async function livePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.on('spawn', resolve));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

describe('makeStaging', () => {
  it('creates an empty temporary folder beside the output, named for it and this process', async () => {
    const staging = await makeStaging(out);
    expect(dirname(staging)).toBe(parent);
    expect(basename(staging)).toMatch(new RegExp(`^\\.answerpress-tmp-site-${process.pid}-[0-9a-f]{8}$`));
    expect(await readdir(staging)).toEqual([]);
  });

  it('gives a fresh folder every time', async () => {
    const a = await makeStaging(out);
    const b = await makeStaging(out);
    expect(a).not.toBe(b);
  });

  it('creates missing parent folders', async () => {
    const deep = join(parent, 'a', 'b', 'site');
    const staging = await makeStaging(deep);
    expect(dirname(staging)).toBe(join(parent, 'a', 'b'));
    expect(await exists(staging)).toBe(true);
  });
});

describe('swapIn', () => {
  it('replaces an existing output with the built folder and removes the old one', async () => {
    await folder(out, { 'old.html': 'old', 'index.html': 'old index' });
    const built = await folder(join(parent, 'built'), { 'index.html': 'new index' });
    await swapIn(built, out);
    expect((await readdir(out)).sort()).toEqual(['index.html']);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('new index');
    expect(await siblings()).toEqual(['site']);
  });

  it('moves the built folder into place when there is no output yet', async () => {
    const built = await folder(join(parent, 'built'), { 'index.html': 'first' });
    await swapIn(built, out);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('first');
    expect(await siblings()).toEqual(['site']);
  });

  it('works with a staging folder from makeStaging', async () => {
    await folder(out, { 'a.html': 'a' });
    const staging = await makeStaging(out);
    await writeFile(join(staging, 'b.html'), 'b');
    await swapIn(staging, out);
    expect(await readdir(out)).toEqual(['b.html']);
    expect(await siblings()).toEqual(['site']);
  });
});

describe('the mirror', () => {
  it('keeps the replaced output as the mirror, replacing an older one', async () => {
    await folder(out, { 'index.html': 'first' });
    await swapIn(await folder(join(parent, 'built'), { 'index.html': 'second' }), out, { mirror: true });
    expect(await siblings()).toEqual(['.answerpress-mirror-site', 'site']);
    expect(await readFile(join(mirrorPath(out), 'index.html'), 'utf8')).toBe('first');
    await swapIn(await folder(join(parent, 'built'), { 'index.html': 'third' }), out, { mirror: true });
    expect(await siblings()).toEqual(['.answerpress-mirror-site', 'site']);
    expect(await readFile(join(mirrorPath(out), 'index.html'), 'utf8')).toBe('second');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('third');
  });

  it("keeps a first build's copy as the mirror, as there is no replaced output", async () => {
    const built = await folder(join(parent, 'built'), { 'index.html': 'first' });
    const copy = await copyForMirror(out, built, await makeStaging(out));
    await swapIn(built, out, { mirror: true, copy });
    expect((await stat(join(mirrorPath(out), 'index.html'))).ino).toBe((await stat(join(out, 'index.html'))).ino);
    // The next build replaces an output, which becomes the mirror itself: no copy is made.
    const next = await folder(join(parent, 'built'), { 'index.html': 'second' });
    expect(await copyForMirror(out, next, await makeStaging(out))).toBeUndefined();
  });

  it('gives a linked copy of the output, from the mirror when there is one', async () => {
    await folder(out, { 'index.html': 'live', 'kept.html': 'kept' });
    const fresh = await linkedCopy(out, await makeStaging(out));
    expect((await stat(join(fresh, 'index.html'))).ino).toBe((await stat(join(out, 'index.html'))).ino);
    await folder(mirrorPath(out), { 'index.html': 'an older output', 'gone.html': 'gone' });
    const staging = await makeStaging(out);
    const copy = await linkedCopy(out, staging);
    expect(await exists(mirrorPath(out))).toBe(false);
    expect((await readdir(copy)).sort()).toEqual(['index.html', 'kept.html']);
    for (const name of ['index.html', 'kept.html']) expect((await stat(join(copy, name))).ino).toBe((await stat(join(out, name))).ino);
  });

  it('takes back the complete copy of a killed build as the mirror, wherever the build moved it', async () => {
    await folder(out, { 'index.html': 'live' });
    // This process's own staging folder counts as abandoned, as a killed build's would.
    const staging = await makeStaging(out);
    const copy = await linkedCopy(out, staging);
    await moveCopy(staging, copy, join(staging, 'root', 'docs'));
    await recover(out);
    expect(await siblings()).toEqual(['.answerpress-mirror-site', 'site']);
    expect(await readdir(mirrorPath(out))).toEqual(['index.html']);
  });

  it('does not take back an incomplete copy, or one its mark places outside the folder', async () => {
    await folder(out, { 'index.html': 'live' });
    const partial = join(parent, `.answerpress-tmp-site-${await deadPid()}-00000007`);
    await folder(join(partial, 'linked'), { 'half.html': 'x' });
    const outside = join(parent, `.answerpress-tmp-site-${await deadPid()}-00000008`);
    await folder(join(outside, 'linked'), { 'index.html': 'live' });
    await writeFile(join(outside, 'linked.complete'), '../site');
    await recover(out);
    expect(await siblings()).toEqual(['site']);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('live');
  });
});

describe('recover', () => {
  it('restores an output caught between the two renames of swapIn', async () => {
    await folder(join(parent, `.answerpress-old-site-${await deadPid()}-0badf00d`), { 'index.html': 'last good' });
    await recover(out);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('last good');
    expect(await siblings()).toEqual(['site']);
  });

  it('deletes a leftover old folder when the output exists', async () => {
    await folder(out, { 'index.html': 'current' });
    await folder(join(parent, `.answerpress-old-site-${await deadPid()}-0badf00d`), { 'index.html': 'stale' });
    await recover(out);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('current');
    expect(await siblings()).toEqual(['site']);
  });

  it('deletes abandoned temporary folders of dead processes', async () => {
    await folder(out, { 'index.html': 'current' });
    const pid = await deadPid();
    await folder(join(parent, `.answerpress-tmp-site-${pid}-00000001`), { 'half.html': 'x' });
    await folder(join(parent, `.answerpress-tmp-site-${pid}-00000002`), {});
    await recover(out);
    expect(await siblings()).toEqual(['site']);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('current');
  });

  it('keeps the temporary folder of a build that is still running', async () => {
    const live = `.answerpress-tmp-site-${await livePid()}-00000003`;
    const dead = `.answerpress-tmp-site-${await deadPid()}-00000004`;
    await folder(join(parent, live), { 'busy.html': 'x' });
    await folder(join(parent, dead), {});
    await recover(out);
    expect(await siblings()).toEqual([live]);
    expect(await readdir(join(parent, live))).toEqual(['busy.html']);
  });

  it('leaves unrelated folders alone', async () => {
    await folder(out, {});
    const elsewhere = `.answerpress-tmp-elsewhere-${await deadPid()}-00000005`;
    await folder(join(parent, 'other'), { 'x.html': 'x' });
    await folder(join(parent, elsewhere), {});
    await recover(out);
    expect(await siblings()).toEqual([elsewhere, 'other', 'site']);
  });

  it('does nothing when the parent folder does not exist', async () => {
    await expect(recover(join(parent, 'missing', 'site'))).resolves.toBeUndefined();
    expect(await exists(join(parent, 'missing'))).toBe(false);
  });

  it('does nothing when there is nothing to recover', async () => {
    await folder(out, { 'index.html': 'ok' });
    await recover(out);
    expect(await siblings()).toEqual(['site']);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('ok');
  });
});
