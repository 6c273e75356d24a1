import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeptAssets } from '../../../src/output/keptAssets.js';
import { MINIFIER_VERSION } from '../../../src/output/minify.js';
import { packageRoot } from '../../../src/output/packagePaths.js';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'answerpress-kept-'));
  dir = join(root, 'kept');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);
/** Kept files are named by the package, esbuild's version, the asset's name and its source, then by their own bytes. */
const keptName = (packageHash: string, name: string, source: string, bytes: string) => `${sha(`${packageHash}\0${MINIFIER_VERSION}\0${name}\0${source}`, 32)}.${sha(bytes, 16)}`;

describe('KeptAssets', () => {
  it('minifies once, keeps the result, and a later build takes it from there', async () => {
    const source = '.a {\n  color: #ff0000;\n}\n';
    expect((await new KeptAssets(dir, 'p1').minified('style.css', source)).toString()).toBe('.a{color:red}\n');
    expect(await readdir(dir)).toEqual([keptName('p1', 'style.css', source, '.a{color:red}\n')]);
    // What is kept is what the next build publishes, without minifying.
    await rm(dir, { recursive: true });
    await mkdir(dir);
    const planted = '.a{color:red;margin:0}\n';
    await writeFile(join(dir, keptName('p1', 'style.css', source, planted)), planted);
    expect((await new KeptAssets(dir, 'p1').minified('style.css', source)).toString()).toBe(planted);
  });

  it('minifies again a kept file whose bytes no longer match its name', async () => {
    const source = '.a { color: red }';
    await new KeptAssets(dir, 'p1').minified('style.css', source);
    const [file] = await readdir(dir);
    await writeFile(join(dir, file as string), '.a{color:green}');
    expect((await new KeptAssets(dir, 'p1').minified('style.css', source)).toString()).toBe('.a{color:red}\n');
  });

  it('keeps apart what another package minified, and a file of the same source under another name', async () => {
    const source = 'const longName = 1;\nexport const y = longName;\n';
    await new KeptAssets(dir, 'p1').minified('a.js', source);
    await new KeptAssets(dir, 'p2').minified('a.js', source);
    await new KeptAssets(dir, 'p2').minified('b.js', source);
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('lets go, when pruned, of what the build did not use', async () => {
    const first = new KeptAssets(dir, 'p1');
    await first.minified('style.css', '.a { color: red }');
    await first.minified('search.js', 'search();');
    await first.prune();
    expect(await readdir(dir)).toHaveLength(2);
    const second = new KeptAssets(dir, 'p1');
    const bytes = await second.minified('style.css', '.b { color: blue }');
    await second.minified('search.js', 'search();');
    await second.prune();
    expect((await readdir(dir)).sort()).toEqual([keptName('p1', 'search.js', 'search();', 'search();\n'), keptName('p1', 'style.css', '.b { color: blue }', bytes.toString())].sort());
  });

  it('minifies when the folder cannot be written, and prunes nothing there', async () => {
    await writeFile(join(root, 'file'), '');
    const kept = new KeptAssets(join(root, 'file', 'kept'), 'p1');
    expect((await kept.minified('style.css', '.a { color: red }')).toString()).toBe('.a{color:red}\n');
    await expect(kept.prune()).resolves.toBeUndefined();
  });

  it('minifies everything again when told not to reuse (--clean), and keeps the new files', async () => {
    const source = '.a { color: red }';
    const planted = '.a{color:red;margin:0}\n';
    await mkdir(dir);
    await writeFile(join(dir, keptName('p1', 'style.css', source, planted)), planted);
    const clean = new KeptAssets(dir, 'p1', { reuse: false });
    expect((await clean.minified('style.css', source)).toString()).toBe('.a{color:red}\n');
    await clean.prune();
    expect(await readdir(dir)).toEqual([keptName('p1', 'style.css', source, '.a{color:red}\n')]);
  });

  it("keeps a script bundled with the package's modules, with the files it took in, and takes it while they are as they were", async () => {
    const source = "import { searchQuery } from 'answerpress/search-query';\nconsole.log(searchQuery);\n";
    const first = (await new KeptAssets(dir, 'p1').minified('search.js', source)).toString();
    const kept = await readdir(dir);
    expect(kept).toHaveLength(2);
    const list = kept.find((file) => file.endsWith('.inputs')) as string;
    const listed = JSON.parse(await readFile(join(dir, list), 'utf8')) as [string, string][];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every(([path]) => path.startsWith(packageRoot))).toBe(true);

    // As they were: the kept bundle is taken (planted bytes under their own name show it).
    const bundle = kept.find((file) => !file.endsWith('.inputs')) as string;
    const planted = `${first}// kept\n`;
    const plantedName = keptName('p1', 'search.js', source, planted);
    await rm(join(dir, bundle));
    await writeFile(join(dir, plantedName), planted);
    await rename(join(dir, list), join(dir, `${plantedName}.inputs`));
    expect((await new KeptAssets(dir, 'p1').minified('search.js', source)).toString()).toBe(planted);

    // A file it took in is not as it was: bundled again.
    const changed = listed.map(([path, hash], i) => [path, i === 0 ? '0'.repeat(64) : hash]);
    await writeFile(join(dir, `${plantedName}.inputs`), JSON.stringify(changed));
    expect((await new KeptAssets(dir, 'p1').minified('search.js', source)).toString()).toBe(first);
  });

  it('bundles again, and never fails, when the list of files beside a kept bundle is missing, cut short or of another shape', async () => {
    const source = "import { searchQuery } from 'answerpress/search-query';\nconsole.log(searchQuery);\n";
    const first = (await new KeptAssets(dir, 'p1').minified('search.js', source)).toString();
    const list = (await readdir(dir)).find((file) => file.endsWith('.inputs')) as string;
    const whole = await readFile(join(dir, list), 'utf8');
    for (const damaged of [whole.slice(0, whole.length - 3), '[1]', '[["only-a-path"]]', '[]', '{}', null]) {
      const bundle = (await readdir(dir)).find((file) => !file.endsWith('.inputs')) as string;
      const planted = `${first}// kept\n`;
      const plantedName = keptName('p1', 'search.js', source, planted);
      await rm(join(dir, bundle));
      await writeFile(join(dir, plantedName), planted);
      await rm(join(dir, list), { force: true });
      if (damaged !== null) await writeFile(join(dir, `${plantedName}.inputs`), damaged);
      const kept = new KeptAssets(dir, 'p1');
      expect((await kept.minified('search.js', source)).toString(), String(damaged)).toBe(first);
      await kept.prune();
      for (const file of await readdir(dir)) if (file.startsWith(plantedName)) await rm(join(dir, file));
    }
  });

  it("keeps no bundle that took in a file of the site's own: every build bundles it anew", async () => {
    const extra = join(root, 'extra.js');
    await writeFile(extra, 'export const extra = "first";\n');
    const source = `import { searchQuery } from 'answerpress/search-query';\nimport { extra } from '${extra}';\nconsole.log(searchQuery, extra);\n`;
    expect((await new KeptAssets(dir, 'p1').minified('search.js', source)).toString()).toContain('"first"');
    expect(await readdir(dir).catch(() => [])).toEqual([]);
    await writeFile(extra, 'export const extra = "second";\n');
    expect((await new KeptAssets(dir, 'p1').minified('search.js', source)).toString()).toContain('"second"');
  });
});
