import { createServer, request, type Server } from 'node:http';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditorBackend } from '../../src/serve/editorBackend.js';
import { cleanup, copyData, fixturesDir, snapshot, tempDir } from '../helpers/site.js';

let root: string;
let data: string;
let server: Server;
let url: string;

beforeAll(async () => {
  root = await tempDir();
  data = await copyData(join(fixturesDir, 'good'), root);
  await writeFile(join(root, 'outside.yaml'), 'secret: 1\n');
  const backend = new EditorBackend(data);
  server = createServer((req, res) => void backend.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/v1`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cleanup(root);
});

async function call(action: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; body: { error?: string } & Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action, params: { branch: 'main', ...params } }) });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

const persist = (path: string, raw: string) => call('persistEntry', { dataFiles: [{ slug: 'x', path, raw }], assets: [], options: { commitMessage: 'edit', useWorkflow: false, status: '' } });

const question = (title: string) => `title: ${title}\nasked: 2025-03-01\ntopics: [soil]\nbody: Why?\nanswers:\n  - author: ada-fenwick\n    date: 2025-03-02\n    body: Because.\n`;

describe('the editor’s local backend', () => {
  it('lists a folder’s entries with their text', async () => {
    const { status, body } = await call('entriesByFolder', { folder: 'questions', extension: 'yaml', depth: 1 });
    expect(status).toBe(200);
    const entries = body as unknown as { data: string; file: { path: string } }[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.file.path.startsWith('questions/') && entry.data.includes('title:'))).toBe(true);
  });

  it('writes a valid question into questions/', async () => {
    const { status } = await persist('questions/new-from-the-editor.yaml', question('Is this saved?'));
    expect(status).toBe(200);
    expect(await readFile(join(data, 'questions', 'new-from-the-editor.yaml'), 'utf8')).toContain('title: Is this saved?');
  });

  it.each([
    ['a blank title', 'questions/blank.yaml', question("'   '"), /questions\/blank\.yaml:1:9: title must not be empty/],
    ['an unknown author', 'questions/unknown-author.yaml', question('Who?').replace('ada-fenwick', 'nobody-here'), /questions\/unknown-author\.yaml:6:13: unknown expert "nobody-here"/],
    ['a file name that is no slug', 'questions/Not A Slug.yaml', question('Slug?'), /is not a valid slug/],
  ])('refuses %s with the validator’s message and changes nothing on disk', async (_, path, raw, message) => {
    const before = await snapshot(root);
    const { status, body } = await persist(path, raw);
    expect(status).toBe(422);
    expect(body.error).toMatch(message);
    expect(await snapshot(root)).toEqual(before);
  });

  it('refuses to delete an expert whom answers name, and deletes a question', async () => {
    const before = await snapshot(data);
    const refused = await call('deleteFile', { path: 'experts/ada-fenwick.yaml', options: { commitMessage: 'x' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toContain('unknown expert "ada-fenwick"');
    expect(await snapshot(data)).toEqual(before);
    expect((await call('deleteFile', { path: 'questions/new-from-the-editor.yaml', options: { commitMessage: 'x' } })).status).toBe(200);
    await expect(readFile(join(data, 'questions', 'new-from-the-editor.yaml'))).rejects.toThrow();
  });

  it.each([
    ['../outside.yaml', 403],
    ['/etc/passwd', 403],
    ['questions/../../outside.yaml', 403],
    ['questions\\..\\..\\outside.yaml', 403],
    ['layouts/base.njk', 403],
    ['questions/x.yaml.sh', 403],
  ])('refuses to write %s', async (path, status) => {
    const before = await snapshot(root);
    expect((await persist(path, question('Escape'))).status).toBe(status);
    expect(await snapshot(root)).toEqual(before);
  });

  it('saves an image in photos/ from the media library, and nothing that is not an image there', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');
    const saved = await call('persistMedia', { asset: { path: 'photos/portrait.png', content: png, encoding: 'base64' }, options: { commitMessage: 'x' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ path: 'photos/portrait.png', name: 'portrait.png', content: png });
    expect((await call('getMedia', { mediaFolder: 'photos' })).body).toHaveLength(1);
    for (const path of ['photos/run.sh', 'questions/portrait.png', 'photos/../site.yaml']) {
      expect((await call('persistMedia', { asset: { path, content: png, encoding: 'base64' }, options: { commitMessage: 'x' } })).status).toBe(403);
    }
  });

  it('refuses to read or write through a symbolic link out of the data folder', async () => {
    await symlink(root, join(data, 'questions', 'link'));
    expect((await call('getEntry', { path: 'questions/link/outside.yaml' })).status).toBe(403);
    expect((await persist('questions/link/outside.yaml', question('Escape'))).status).toBe(403);
    expect(await readFile(join(root, 'outside.yaml'), 'utf8')).toBe('secret: 1\n');
  });

  it('answers pages of its own origin only, as JSON, on loopback', async () => {
    expect((await call('getEntry', { path: 'site.yaml' }, { origin: 'https://evil.example' })).status).toBe(403);
    const asText = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ action: 'getEntry', params: { path: 'site.yaml' } }) });
    expect(asText.status).toBe(415);
    // A rebinding attack reaches this address under another host name.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ action: 'getEntry', params: { path: 'site.yaml' } }));
    });
    expect(rebound).toBe(403);
    const own = await call('getEntry', { path: 'site.yaml' }, { origin: new URL(url).origin });
    expect(own.status).toBe(200);
    expect((own.body as { data: string }).data).toContain('title:');
  });
});
