import { cp, link, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFile } from '../../../../src/search/format/pagefindFormat.js';
import { prepareScripts, publishScript, recompressWasm, recompressWasmOffThread } from '../../../../src/search/runtime/runtime.js';
import { cleanup, tempDir } from '../../../helpers/site.js';

describe("Pagefind's runtime as published", () => {
  let root: string;
  let written: string;

  beforeAll(async () => {
    root = await tempDir();
    written = join(root, 'written');
    const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error('no index');
    expect((await index.addHTMLFile({ url: '/a/', content: '<html lang="en"><body><main data-pagefind-body><h1>Botox dose</h1></main></body></html>' })).errors).toEqual([]);
    expect((await index.writeFiles({ outputPath: written })).errors).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await pagefind.close();
    await cleanup(root);
  });

  it('has its scripts minified, with query segmentation widened, and still exporting the JS API', async () => {
    const dir = join(root, 'scripts');
    await cp(written, dir, { recursive: true });
    await prepareScripts(dir);
    for (const name of ['pagefind.js', 'pagefind-worker.js']) {
      const [before, after] = await Promise.all([readFile(join(written, name), 'utf8'), readFile(join(dir, name), 'utf8')]);
      expect(after.length, name).toBeLessThan(before.length * 0.8);
      expect(after, name).toMatch(/\\p\{Script=Han\}/);
    }
    const script = await readFile(join(dir, 'pagefind.js'), 'utf8');
    const module = (await import(`data:text/javascript;base64,${Buffer.from(script).toString('base64')}`)) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual(['createInstance', 'debouncedSearch', 'destroy', 'filters', 'init', 'mergeIndex', 'options', 'preload', 'search']);
    expect(typeof module.createInstance).toBe('function');
  });

  /** Checks that `dir`'s wasm files are `written`'s, compressed smaller, holding the same modules. */
  async function expectRecompressed(dir: string): Promise<void> {
    for (const name of ['wasm.en.pagefind', 'wasm.unknown.pagefind']) {
      const [before, after] = await Promise.all([readFile(join(written, name)), readFile(join(dir, name))]);
      expect(after.length, name).toBeLessThan(before.length * 0.97);
      const module = await decodeFile(after, name);
      expect(module.equals(await decodeFile(before, name)), name).toBe(true);
      expect(WebAssembly.validate(new Uint8Array(module)), name).toBe(true);
    }
    expect((await stat(join(dir, 'pagefind.js'))).size).toBe((await stat(join(written, 'pagefind.js'))).size);
  }

  it('has its wasm compressed smaller, holding the same module', async () => {
    const dir = join(root, 'wasm');
    await cp(written, dir, { recursive: true });
    await recompressWasm(dir, join(root, 'runtime-cache'));
    await expectRecompressed(dir);
  });

  it('keeps each compressed module for later builds, and makes again a kept copy that does not hold it', async () => {
    const cache = join(root, 'runtime-kept');
    const first = join(root, 'wasm-first');
    await cp(written, first, { recursive: true });
    await recompressWasm(first, cache);
    const kept = await readdir(cache);
    expect(kept).toHaveLength(2);
    // A kept copy is what a later build publishes: one changed by hand but still holding the module shows through.
    const marked = join(cache, kept[0] as string);
    const copy = await readFile(marked);
    copy[4] = 0x7f; // gzip's modification time: the file still decodes to the same module
    await writeFile(marked, copy);
    await writeFile(join(cache, kept[1] as string), 'damaged');
    const second = join(root, 'wasm-second');
    await cp(written, second, { recursive: true });
    await recompressWasm(second, cache);
    await expectRecompressed(second);
    const published = await Promise.all(['wasm.en.pagefind', 'wasm.unknown.pagefind'].map((name) => readFile(join(second, name))));
    expect(published.some((file) => file.equals(copy))).toBe(true);
    expect((await readFile(join(cache, kept[1] as string))).toString()).not.toBe('damaged');
  });

  it('has its wasm compressed in a worker thread just as on the calling one, leaving a linked copy as it was', async () => {
    const [here, there, linked] = ['wasm-here', 'wasm-worker', 'wasm-linked'].map((name) => join(root, name)) as [string, string, string];
    await cp(written, here, { recursive: true });
    await cp(written, there, { recursive: true });
    await mkdir(linked);
    await link(join(there, 'wasm.en.pagefind'), join(linked, 'wasm.en.pagefind'));
    await Promise.all([recompressWasm(here), recompressWasmOffThread(there)]);
    await expectRecompressed(there);
    for (const name of ['wasm.en.pagefind', 'wasm.unknown.pagefind']) {
      expect((await readFile(join(there, name))).equals(await readFile(join(here, name))), name).toBe(true);
    }
    expect((await readFile(join(linked, 'wasm.en.pagefind'))).equals(await readFile(join(written, 'wasm.en.pagefind')))).toBe(true);
  });

  it('fails a build step, naming the wasm, when the worker cannot compress it', async () => {
    const dir = join(root, 'wasm-broken');
    await cp(written, dir, { recursive: true });
    await writeFile(join(dir, 'wasm.en.pagefind'), 'not a Pagefind file');
    await expect(recompressWasmOffThread(dir)).rejects.toThrow(/^index: compressing Pagefind's wasm: .*wasm\.en\.pagefind is not a Pagefind data file/);
  });

  it('publishes the script under its content’s hash as well, replacing copies under older names', async () => {
    const dir = join(root, 'published');
    await cp(written, dir, { recursive: true });
    await writeFile(join(dir, 'pagefind.0123456789.js'), 'an older build’s script');
    const name = await publishScript(dir);
    expect(name).toMatch(/^pagefind\.[0-9a-f]{10}\.js$/);
    expect((await readFile(join(dir, name))).equals(await readFile(join(dir, 'pagefind.js')))).toBe(true);
    expect((await readdir(dir)).filter((file) => /^pagefind\.[0-9a-f]{10}\.js$/.test(file))).toEqual([name]);
    expect(await publishScript(dir)).toBe(name);
    await writeFile(join(dir, 'pagefind.js'), `${await readFile(join(dir, 'pagefind.js'), 'utf8')}\n// changed`);
    const renamed = await publishScript(dir);
    expect(renamed).not.toBe(name);
    expect((await readdir(dir)).filter((file) => /^pagefind\.[0-9a-f]{10}\.js$/.test(file))).toEqual([renamed]);
  });
});
