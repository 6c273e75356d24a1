import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageLayouts } from '../../../src/build.js';
import { copyAssets } from '../../../src/output/assets.js';
import { KeptAssets } from '../../../src/output/keptAssets.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'answerpress-assets-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function layouts(name: string, assets: Record<string, string>): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'assets'), { recursive: true });
  for (const [file, content] of Object.entries(assets)) await writeFile(join(dir, 'assets', file), content);
  return dir;
}

const hash10 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

describe('copyAssets', () => {
  it('fingerprints style.css with a hash of its published content', async () => {
    const dir = await layouts('theme', { 'style.css': 'body { color: red }' });
    const out = join(root, 'out');
    const names = await copyAssets([dir], out);
    expect(await readFile(join(out, 'assets', names['style.css'] as string), 'utf8')).toBe('body{color:red}\n');
    expect(names['style.css']).toBe(`style.${hash10('body{color:red}\n')}.css`);
    expect(await readdir(join(out, 'assets'))).toEqual([names['style.css']]);
  });

  it('publishes scripts and stylesheets minified, without comments, and modules as modules', async () => {
    const dir = await layouts('theme', {
      'style.css': '/* theme */\n.a {\n  color: #ff0000;\n}\n',
      'search.js': "// search\nimport { x } from './x.js';\nconst longName = 1;\nexport const y = x + longName;\n",
    });
    const out = join(root, 'out');
    const names = await copyAssets([dir], out);
    expect(await readFile(join(out, 'assets', names['style.css'] as string), 'utf8')).toBe('.a{color:red}\n');
    const script = await readFile(join(out, 'assets', names['search.js'] as string), 'utf8');
    expect(script).not.toContain('// search');
    expect(script).toMatch(/^import\{x as \w\}from"\.\/x\.js";/);
    expect(script).toMatch(/export const y=/);
  });

  it('fails on a script that does not parse, naming the asset, the line and the column', async () => {
    const dir = await layouts('broken', { 'style.css': 'a{color:red}', 'search.js': 'const a = 1;\nconst = 2;\n' });
    await expect(copyAssets([dir], join(root, 'out'))).rejects.toThrow(/^assets\/search\.js:2:6: .+\. Fix the syntax error/);
  });

  it('changes the fingerprint when the content changes, and only then', async () => {
    const a = await copyAssets([await layouts('a', { 'style.css': 'a{color:red}' })], join(root, 'out-a'));
    const b = await copyAssets([await layouts('b', { 'style.css': 'b{color:red}' })], join(root, 'out-b'));
    const a2 = await copyAssets([await layouts('a2', { 'style.css': 'a{color:red}' })], join(root, 'out-a2'));
    expect(a['style.css']).not.toBe(b['style.css']);
    expect(a2['style.css']).toBe(a['style.css']);
  });

  it("the site's layouts override the package's by file name", async () => {
    const site = await layouts('site', { 'style.css': 'site{color:red}', 'search.js': 'siteSearch();' });
    const base = await layouts('base', { 'style.css': 'base{color:red}', 'search.js': 'baseSearch();', 'extra.js': 'baseExtra();' });
    const out = join(root, 'out');
    const names = await copyAssets([site, base], out);
    expect(names['style.css']).toBe(`style.${hash10('site{color:red}\n')}.css`);
    expect(names['search.js']).toBe(`search.${hash10('siteSearch();\n')}.js`);
    expect(await readFile(join(out, 'assets', names['search.js'] as string), 'utf8')).toBe('siteSearch();\n');
    expect(await readFile(join(out, 'assets', names['extra.js'] as string), 'utf8')).toBe('baseExtra();\n');
    expect((await readdir(join(out, 'assets'))).sort()).toEqual([names['extra.js'], names['search.js'], names['style.css']].sort());
  });

  it('a layouts folder without assets/ is skipped', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    const base = await layouts('base', { 'style.css': 'base{color:red}' });
    const names = await copyAssets([empty, base], join(root, 'out'));
    expect(names['style.css']).toBe(`style.${hash10('base{color:red}\n')}.css`);
  });

  it('puts favicons at the root of the site', async () => {
    const site = await layouts('site', { 'favicon.svg': '<svg id="site"/>' });
    const base = await layouts('base', { 'style.css': 'x{}', 'favicon.svg': '<svg id="base"/>' });
    const out = join(root, 'out');
    await copyAssets([site, base], out);
    expect(await readFile(join(out, 'favicon.svg'), 'utf8')).toBe('<svg id="site"/>');
    expect(await readdir(join(out, 'assets'))).not.toContain('favicon.svg');
  });

  it('fails without any style.css', async () => {
    const dir = await layouts('nocss', { 'search.js': 'search();' });
    await expect(copyAssets([dir], join(root, 'out'))).rejects.toThrow(/style\.css/);
  });

  it("copies the package's own assets", async () => {
    const out = join(root, 'out');
    const names = await copyAssets([packageLayouts], out);
    const css = await readFile(join(out, 'assets', names['style.css'] as string), 'utf8');
    expect(names['style.css']).toBe(`style.${hash10(css)}.css`);
    expect(css.length).toBeLessThan((await readFile(join(packageLayouts, 'assets', 'style.css'), 'utf8')).length);
    expect(await readdir(out)).toContain('favicon.svg');
    expect(await readdir(join(out, 'assets'))).toContain(names['style.css']);
  });

  it('publishes the same files with kept assets as without', async () => {
    const dir = await layouts('theme', { 'style.css': '.a {\n  color: #ff0000;\n}\n', 'search.js': 'const longName = 1;\nexport const y = longName;\n' });
    const plain = await copyAssets([dir], join(root, 'out-1'));
    for (const out of ['out-2', 'out-3']) {
      const kept = new KeptAssets(join(root, 'kept'), 'package-1');
      expect(await copyAssets([dir], join(root, out), kept)).toEqual(plain);
      for (const name of Object.values(plain)) expect(await readFile(join(root, out, 'assets', name))).toEqual(await readFile(join(root, 'out-1', 'assets', name)));
    }
    expect(await readdir(join(root, 'kept'))).toHaveLength(2);
  });
});
