import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { cleanup, copyData, fixturesDir, tempDir } from '../helpers/site.js';

let root: string;
let data: string;
let site: string;

beforeAll(async () => {
  root = await tempDir();
  data = await copyData(join(fixturesDir, 'good'), root);
  site = await readFile(join(data, 'site.yaml'), 'utf8');
});

afterAll(() => cleanup(root));

const options = () => ({ dataDir: data, outDir: join(root, 'out'), cacheDir: join(root, 'cache') });

describe('the web editor in the built site', () => {
  it('is not published when site.yaml has no editor', async () => {
    await build(options());
    await expect(stat(join(root, 'out', 'admin'))).rejects.toThrow();
  });

  it('is published at /admin/ with Decap CMS from its package under a content-hashed name, committing to the repository', async () => {
    await appendFile(join(data, 'site.yaml'), 'editor:\n  backend: github\n  repo: acme/answers\n  branch: live\n');
    const result = await build(options());
    expect(result.work.incremental).toBe(true);
    const admin = join(root, 'out', 'admin');
    const files = await readdir(admin);
    const decap = files.find((name) => /^decap-cms\.[0-9a-f]{10}\.js$/.test(name));
    const editor = files.find((name) => /^editor\.[0-9a-f]{10}\.js$/.test(name));
    expect(decap).toBeDefined();
    expect(editor).toBeDefined();
    // Decap's own chunks, which it loads from beside its script.
    expect(files.some((name) => /^\d+\.decap-cms\.js$/.test(name))).toBe(true);
    expect(files.some((name) => name.endsWith('.map'))).toBe(false);
    const page = await readFile(join(admin, 'index.html'), 'utf8');
    expect(page).toContain(`<script src="${decap}"></script>`);
    expect(page).not.toMatch(/https?:\/\/(?!example\.org)[^"]*\.js/);
    const config = JSON.parse(/<script type="application\/json" id="answerpress-editor">(.*?)<\/script>/s.exec(page)?.[1] ?? '{}') as { config: { backend: unknown; collections: { folder?: string }[] }; stylesheet: string };
    expect(config.config.backend).toEqual({ name: 'github', repo: 'acme/answers', branch: 'live' });
    expect(config.config.collections[0]?.folder).toBe('data/questions');
    expect(await stat(join(root, 'out', config.stylesheet.replace(/^\//, '')))).toBeTruthy();
    // Not a page to save for reading offline, to list for crawlers or to search.
    expect(await readFile(join(root, 'out', 'offline', 'files.json'), 'utf8')).not.toContain('/admin/');
    expect(await readFile(join(root, 'out', 'sitemap.xml'), 'utf8')).not.toContain('/admin/');
    expect(page).toContain('<meta name="robots" content="noindex">');
  });

  it('is removed when site.yaml no longer asks for it', async () => {
    await writeFile(join(data, 'site.yaml'), site);
    await build(options());
    await expect(stat(join(root, 'out', 'admin'))).rejects.toThrow();
  });
});
