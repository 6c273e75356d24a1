import { appendFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import type { DevServer } from '../../src/serve/watch.js';
import { build } from '../../src/build.js';
import { startServe } from '../helpers/devServer.js';
import { launch, serveSite, watchErrors } from '../helpers/browser.js';
import { cleanup, copyData, demoData, snapshot, tempDir } from '../helpers/site.js';

let root: string;
let data: string;
let server: DevServer;
let browser: Browser;
/** Each test drives a whole editor session and often waits for a rebuild: on a loaded machine, more than the default. */
const SESSION_MS = 120_000;

beforeAll(async () => {
  root = await tempDir();
  data = await copyData(demoData, root);
  server = await startServe(data, root);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup(root);
});

/** Opens the editor and signs in to the local backend, as an editor does. */
async function openEditor(hash = ''): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = watchErrors(page);
  const outside: string[] = [];
  const origin = new URL(server.url).origin;
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) outside.push(request.url());
  });
  await page.goto(`${server.url}admin/${hash}`);
  await page.getByRole('button', { name: 'Login' }).click();
  return { page, errors, outside };
}

async function publish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Publish now').click();
}

/** The served page's text after the watcher has rebuilt the site. */
async function served(path: string): Promise<string> {
  const response = await fetch(`${server.url}${path}`);
  return response.ok ? response.text() : '';
}

async function titles(): Promise<string[]> {
  const loaded = await loadData(data);
  return loaded.questions.map((question) => question.data.title);
}

describe('the web editor under answerpress serve', () => {
  it('opens at /admin/ with no request leaving 127.0.0.1 and no console error, listing the questions by title', async () => {
    const { page, errors, outside } = await openEditor();
    for (const title of await titles()) await expect.poll(() => page.getByText(title, { exact: true }).count()).toBe(1);
    await page.getByText('Experts', { exact: true }).first().click();
    await expect.poll(() => page.getByText('Dr. Ian Whitcombe', { exact: true }).count()).toBe(1);
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, SESSION_MS);

  it('saves an edited question title into data/questions/<slug>.yaml, which validates, and the served page shows it after the rebuild', async () => {
    const { page, errors } = await openEditor();
    await page.getByText('What melatonin dose should I take for jet lag?', { exact: true }).click();
    const title = page.locator('input[id^="title-field"]').first();
    await expect.poll(() => title.inputValue()).toBe('What melatonin dose should I take for jet lag?');
    // The preview is the page as our layouts render it, header, expert cards and all.
    const preview = page.frameLocator('iframe').first().frameLocator('iframe[title="Preview"]');
    await expect.poll(() => preview.locator('article.question h1').textContent()).toBe('What melatonin dose should I take for jet lag?');
    await expect.poll(() => preview.locator('article.answer .expert-name a').first().textContent()).toBe('Dr. Ian Whitcombe, MD');
    expect(await preview.locator('header').first().textContent()).toContain('Ask the Specialist');
    await title.fill('How much melatonin helps with jet lag?');
    await expect.poll(() => preview.locator('article.question h1').textContent()).toBe('How much melatonin helps with jet lag?');
    await publish(page);
    const file = join(data, 'questions', 'melatonin-for-jet-lag.yaml');
    await expect.poll(() => readFile(file, 'utf8')).toContain('title: How much melatonin helps with jet lag?\n');
    // The rest of the file is as it was written by hand.
    expect(await readFile(file, 'utf8')).toContain('body: |\n  I\'m flying from Vancouver to London for a work trip.');
    expect(await titles()).toContain('How much melatonin helps with jet lag?');
    await expect.poll(() => served('questions/melatonin-for-jet-lag/'), { timeout: 30_000 }).toContain('<h1 data-pagefind-meta="title" data-pagefind-weight="10">How much melatonin helps with jet lag?</h1>');
    expect(errors).toEqual([]);
    await page.close();
  }, SESSION_MS);

  it('saves an edited answer title', async () => {
    const { page, errors } = await openEditor('#/collections/questions/entries/mole-changed-shape');
    const file = join(data, 'questions', 'mole-changed-shape.yaml');
    const before = await readFile(file, 'utf8');
    const headline = /title: (.+)\n/.exec(before.slice(before.indexOf('answers:')))?.[1] ?? '';
    expect(headline).not.toBe('');
    const answerTitle = page.locator('input[id^="title-field"]').nth(1);
    await expect.poll(() => answerTitle.inputValue()).toBe(headline);
    await answerTitle.fill('See a dermatologist this month');
    await publish(page);
    await expect.poll(() => readFile(file, 'utf8')).toContain('    title: See a dermatologist this month\n');
    await expect.poll(() => served('questions/mole-changed-shape/'), { timeout: 30_000 }).toContain('See a dermatologist this month');
    expect(errors).toEqual([]);
    await page.close();
  }, SESSION_MS);

  it('creates a question with one answer by an existing expert, and the next build publishes it', async () => {
    const { page, errors } = await openEditor('#/collections/questions/new');
    await page.locator('input[id^="title-field"]').first().fill('Is coffee after noon bad for sleep?');
    await page.getByRole('button', { name: 'Now' }).first().click();
    await page.locator('input[id^="topics-field"]').first().fill('Sle');
    await page.getByText('Sleep', { exact: true }).last().click();
    await page.locator('[data-slate-editor="true"]').first().click();
    await page.keyboard.type('I drink coffee at 3 pm. Does that matter?');
    await page.getByRole('button', { name: /Add answer/ }).click();
    await page.locator('input[id^="author-field"]').first().fill('Whitc');
    await page.getByText('Dr. Ian Whitcombe', { exact: true }).last().click();
    await page.getByRole('button', { name: 'Now' }).nth(1).click();
    await page.locator('[data-slate-editor="true"]').nth(1).click();
    await page.keyboard.type('Caffeine lingers for hours: stop by noon.');
    await publish(page);
    const file = join(data, 'questions', 'is-coffee-after-noon-bad-for-sleep.yaml');
    await expect.poll(() => readFile(file, 'utf8').catch(() => '')).toContain('author: dr-ian-whitcombe');
    const question = (await loadData(data)).questions.find((q) => q.id === 'is-coffee-after-noon-bad-for-sleep');
    expect(question?.data).toMatchObject({ title: 'Is coffee after noon bad for sleep?', topics: ['sleep'], body: 'I drink coffee at 3 pm. Does that matter?', answers: [{ author: 'dr-ian-whitcombe', body: 'Caffeine lingers for hours: stop by noon.' }] });
    await expect.poll(() => served('questions/is-coffee-after-noon-bad-for-sleep/'), { timeout: 30_000 }).toContain('Caffeine lingers for hours: stop by noon.');
    expect(errors).toEqual([]);
    await page.close();
  }, SESSION_MS);

  it('saves the site settings, leaving out the optional parts left empty, and keeps long lines whole', async () => {
    const file = join(data, 'site.yaml');
    const before = await readFile(file, 'utf8');
    const { page, errors } = await openEditor('#/collections/settings/entries/site');
    const title = page.locator('input[id^="title-field"]').first();
    await expect.poll(() => title.inputValue()).toBe('Ask the Specialist');
    await title.fill('Ask the Specialists');
    await publish(page);
    await expect.poll(() => readFile(file, 'utf8')).toContain('title: Ask the Specialists\n');
    const after = await readFile(file, 'utf8');
    expect(after).not.toContain('editor:');
    expect(after).toContain(before.split('\n').find((line) => line.startsWith('description: ')));
    expect(errors).toEqual([]);
    await page.close();
  }, SESSION_MS);

  it('adds a topic to topics.yaml, a map of ids edited as a list, and writes it back as a map', async () => {
    const file = join(data, 'topics.yaml');
    const before = await readFile(file, 'utf8');
    const { page, errors } = await openEditor('#/collections/topics/entries/topics');
    await page.getByRole('button', { name: 'Add topic' }).click();
    await page.locator('input[id^="id-field"]').last().fill('allergies');
    await page.locator('input[id^="name-field"]').last().fill('Allergies');
    await publish(page);
    await expect.poll(() => readFile(file, 'utf8')).toBe(`${before}allergies:\n  name: Allergies\n`);
    expect((await loadData(data)).topics.data.allergies).toEqual({ name: 'Allergies' });
    expect(errors).toEqual([]);
    await page.close();
  }, SESSION_MS);

  it('refuses a new question with no title, writing nothing', async () => {
    const questions = join(data, 'questions');
    const before = await snapshot(questions);
    const { page } = await openEditor('#/collections/questions/new');
    await page.getByRole('button', { name: 'Now' }).first().click();
    await page.locator('input[id^="topics-field"]').first().fill('Sle');
    await page.getByText('Sleep', { exact: true }).last().click();
    await page.locator('[data-slate-editor="true"]').first().click();
    await page.keyboard.type('A question with no title.');
    await publish(page);
    await expect.poll(() => page.getByText(/missed a required field/).count()).toBeGreaterThan(0);
    expect(await snapshot(questions)).toEqual(before);
    await page.close();
  }, SESSION_MS);

  it('refuses a title left blank with the validator’s message, and the file stays as it was', async () => {
    const file = join(data, 'questions', 'knee-pain-going-downstairs.yaml');
    const before = await readFile(file, 'utf8');
    const { page } = await openEditor('#/collections/questions/entries/knee-pain-going-downstairs');
    const title = page.locator('input[id^="title-field"]').first();
    await expect.poll(() => title.inputValue()).not.toBe('');
    await title.fill('   ');
    // The preview says what the validator would refuse before anything is saved.
    const preview = page.frameLocator('iframe').first();
    await expect.poll(() => preview.getByText(/knee-pain-going-downstairs\.yaml:1:\d+: title must not be empty/).count()).toBe(1);
    await publish(page);
    await expect.poll(() => page.getByText(/questions\/knee-pain-going-downstairs\.yaml:1:\d+: title must not be empty/).count()).toBeGreaterThan(0);
    expect(await readFile(file, 'utf8')).toBe(before);
    await page.close();
  }, SESSION_MS);
});

describe('the built site', () => {
  it('has no /admin/ when site.yaml has no editor, though serve always offers one', async () => {
    await expect(readdir(join(root, 'out', 'admin'))).rejects.toThrow();
    expect(await served('admin/')).toContain('"proxy_url":"/__answerpress/editor/api/v1"');
  });

  it('with editor: in site.yaml, publishes /admin/, which offers GitHub sign-in with no request leaving the site and no console error', async () => {
    const dir = await tempDir();
    try {
      const copy = await copyData(demoData, dir);
      await appendFile(join(copy, 'site.yaml'), 'editor:\n  backend: github\n  repo: acme/answers\n');
      const built = await build({ dataDir: copy, outDir: join(dir, 'out'), cacheDir: false });
      const site = await serveSite({ root: built.outDir });
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const outside: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(`${site.url}/`)) outside.push(request.url());
      });
      try {
        await page.goto(`${site.url}/admin/`);
        await expect.poll(() => page.getByRole('button', { name: 'Login with GitHub' }).count()).toBe(1);
        expect(outside).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await site.close();
      }
    } finally {
      await cleanup(dir);
    }
  }, SESSION_MS);
});
