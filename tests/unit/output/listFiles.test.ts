import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../../src/output/listFiles.js';
import { cleanup } from '../../helpers/site.js';

describe('listFiles', () => {
  let dir = '';
  afterAll(() => cleanup(dir));

  it('lists every file below the folder with its size, sorted by path, and no folders', async () => {
    dir = await mkdtemp(join(tmpdir(), 'answerpress-list-'));
    await mkdir(join(dir, 'questions', 'a b'), { recursive: true });
    await mkdir(join(dir, 'empty'));
    await writeFile(join(dir, 'questions', 'a b', 'index.html'), 'four');
    await writeFile(join(dir, 'sw.js'), '');
    await writeFile(join(dir, 'é.txt'), 'é');
    expect(await listFiles(dir)).toEqual([
      { path: 'questions/a b/index.html', bytes: 4 },
      { path: 'sw.js', bytes: 0 },
      { path: 'é.txt', bytes: 2 },
    ]);
  });
});
