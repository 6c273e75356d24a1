/** The same data gives byte-identical output (DESIGN.md "How it is built"). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, cleanup, demoData, fixturesDir, repoRoot } from '../helpers/site.js';

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

async function compare(a: string, b: string): Promise<{ count: number; differing: string[] }> {
  const left = await files(a);
  const right = await files(b);
  expect(right).toEqual(left);
  const differing: string[] = [];
  for (const path of left) {
    const [x, y] = await Promise.all([readFile(join(a, path)), readFile(join(b, path))]);
    if (!x.equals(y)) differing.push(path);
  }
  return { count: left.length, differing };
}

describe.each([
  ['demo data', demoData],
  ['hostile fixture', join(fixturesDir, 'hostile')],
])('two builds of the %s', (_name, dataDir) => {
  const roots: string[] = [];
  let first = '';
  let second = '';

  beforeAll(async () => {
    const a = await buildSite(dataDir);
    roots.push(a.root);
    const b = await buildSite(dataDir);
    roots.push(b.root);
    first = a.outDir;
    second = b.outDir;
  });

  afterAll(async () => {
    await cleanup(...roots);
  });

  it('go to different folders', () => {
    expect(first).not.toBe(second);
  });

  it('are byte-identical, file by file', async () => {
    const { count, differing } = await compare(first, second);
    expect(count).toBeGreaterThan(20);
    expect(differing).toEqual([]);
  });

  it('include the search index', async () => {
    const list = await files(first);
    expect(list).toContain('pagefind/pagefind-entry.json');
    expect(list.filter((p) => p.startsWith('pagefind/')).length).toBeGreaterThan(3);
  });

  it('contain no absolute path of the build machine', async () => {
    for (const path of await files(first)) {
      if (!/\.(html|xml|txt|json|js|css|webmanifest)$/.test(path)) continue;
      const content = await readFile(join(first, path), 'utf8');
      for (const local of [...roots, repoRoot.replace(/\/+$/, '')]) expect(content.includes(local), `${path} contains ${local}`).toBe(false);
    }
  });
});
