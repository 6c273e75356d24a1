import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGEFIND_VERSION } from '../../../../src/search/format/pagefindFormat.js';
import { obtainRuntime } from '../../../../src/search/runtime/obtainRuntime.js';
import { cleanup, tempDir } from '../../../helpers/site.js';

describe('obtainRuntime', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(() => cleanup(dir));

  it('writes the runtime with Pagefind once, then takes the same files from the cache by Pagefind’s version and the language', async () => {
    const cache = join(dir, 'cache');
    const first = await obtainRuntime(join(dir, 'one'), 'en', 1, cache);
    const files = (await readdir(first)).sort();
    expect(files).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind', 'pagefind-entry.json']));
    expect(await readdir(cache)).toEqual([`pagefind-${PAGEFIND_VERSION}-en`]);
    const second = await obtainRuntime(join(dir, 'two'), 'en', 1, cache);
    expect((await readdir(second)).sort()).toEqual(files);
    expect(await readFile(join(second, 'pagefind.js'))).toEqual(await readFile(join(first, 'pagefind.js')));
  }, 60_000);

  it('stops at a runtime another Pagefind version wrote, naming both versions', async () => {
    const cache = join(dir, 'foreign');
    const kept = join(cache, `pagefind-${PAGEFIND_VERSION}-en`);
    await mkdir(kept, { recursive: true });
    await writeFile(join(kept, 'pagefind-entry.json'), JSON.stringify({ version: '9.9.9', languages: {} }));
    await expect(obtainRuntime(join(dir, 'three'), 'en', 1, cache)).rejects.toThrow(`the installed Pagefind is 9.9.9`);
    await expect(obtainRuntime(join(dir, 'three'), 'en', 1, cache)).rejects.toThrow(`Pagefind ${PAGEFIND_VERSION} only`);
  });
});
