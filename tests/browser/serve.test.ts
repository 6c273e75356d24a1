import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../src/serve/watch.js';
import { startServe } from '../helpers/devServer.js';
import { launch } from '../helpers/browser.js';
import { cleanup, copyData, fixturesDir, tempDir } from '../helpers/site.js';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let root: string;
let data: string;
let server: DevServer;
let browser: Browser;
const log: string[] = [];

beforeAll(async () => {
  root = await tempDir();
  data = await copyData(join(fixturesDir, 'search'), root);
  server = await startServe(data, root, (text) => log.push(text));
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cleanup(root);
});

describe('answerpress serve', () => {
  it('rebuilds on a data change and reloads the open page', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}questions/morning-headache-and-snoring/`);
    expect(await page.locator('article.answer').count()).toBe(1);
    await appendFile(
      join(data, 'questions', 'morning-headache-and-snoring.yaml'),
      '  - author: carmen-soto\n    date: 2025-05-23\n    title: Live reloaded answer\n    body: It arrived without a manual refresh.\n',
    );
    await expect.poll(() => page.locator('.answer-title', { hasText: 'Live reloaded answer' }).count(), { timeout: 30_000 }).toBe(1);
    await page.close();
  });

  it('shows an edited question page at once, before the rest of the site is rebuilt', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}questions/morning-headache-and-snoring/`);
    const from = log.length;
    await appendFile(
      join(data, 'questions', 'morning-headache-and-snoring.yaml'),
      '  - author: elif-yilmaz\n    date: 2025-05-24\n    title: Previewed answer\n    body: Shown before the search index is rebuilt.\n',
    );
    await expect.poll(() => page.locator('.answer-title', { hasText: 'Previewed answer' }).count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => log.slice(from).some((line) => line.startsWith('Rebuilt')), { timeout: 60_000 }).toBe(true);
    const lines = log.slice(from);
    const previewed = lines.findIndex((line) => line.startsWith('Previewed the edited page'));
    expect(previewed).toBeGreaterThanOrEqual(0);
    expect(previewed).toBeLessThan(lines.findIndex((line) => line.startsWith('Rebuilt')));
    await page.close();
    // Once rebuilt, the page served is the built one, with the answer.
    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}questions/morning-headache-and-snoring/`);
    expect(await fresh.locator('.answer-title', { hasText: 'Previewed answer' }).count()).toBe(1);
    await fresh.close();
  });

  it('shows data errors over the page with path:line:col while the last good site stays served', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}questions/morning-headache-and-snoring/`);
    const file = join(data, 'questions', 'morning-headache-and-snoring.yaml');
    const good = await readFile(file, 'utf8');
    const from = log.length;
    await writeFile(file, good.replace('author: elif-yilmaz', 'author: elif-yilmas'));
    const overlay = page.locator('[role=alertdialog]');
    await expect.poll(() => overlay.textContent(), { timeout: 30_000 }).toContain('questions/morning-headache-and-snoring.yaml:6:13: unknown expert "elif-yilmas"');
    expect(log.join('\n')).toContain('morning-headache-and-snoring.yaml:6:13: unknown expert "elif-yilmas"');

    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}questions/morning-headache-and-snoring/`);
    expect(await fresh.locator('.answer-title', { hasText: 'Live reloaded answer' }).count()).toBe(1);
    // The bad edit was never previewed: an unknown expert has no card to show.
    expect(log.slice(from).some((line) => line.startsWith('Previewed'))).toBe(false);
    await fresh.close();

    await writeFile(file, good);
    await expect.poll(() => page.locator('[role=alertdialog]').count(), { timeout: 30_000 }).toBe(0);
    await page.close();
  });

  it('shows its error overlay with text that meets WCAG AA contrast in light and dark, whatever the site\'s stylesheet', async () => {
    const file = join(data, 'questions', 'morning-headache-and-snoring.yaml');
    const good = await readFile(file, 'utf8');
    const page = await browser.newPage();
    await page.goto(`${server.url}questions/morning-headache-and-snoring/`);
    await writeFile(file, good.replace('author: elif-yilmaz', 'author: elif-yilmas'));
    try {
      await expect.poll(() => page.locator('[role=alertdialog]').count(), { timeout: 30_000 }).toBe(1);
      await page.addScriptTag({ content: await axeSource });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        const result = (await page.evaluate(
          `axe.run({ include: [['answerpress-errors']] }, { runOnly: ['color-contrast'] }).then((r) => ({ violations: r.violations.map((v) => v.nodes.map((n) => n.failureSummary).join('; ')), passes: r.passes.length }))`,
        )) as { violations: string[]; passes: number };
        expect(result.violations, colorScheme).toEqual([]);
        expect(result.passes, colorScheme).toBeGreaterThan(0);
      }
    } finally {
      await writeFile(file, good);
    }
    await expect.poll(() => page.locator('[role=alertdialog]').count(), { timeout: 30_000 }).toBe(0);
    await page.close();
  });

  it('keeps watching the data folder after it is moved away and back', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}questions/morning-headache-and-snoring/`);
    const away = `${data}-away`;
    await rename(data, away);
    await expect.poll(() => log.join('\n'), { timeout: 30_000 }).toContain(`${data} is gone`);
    await rename(away, data);
    await expect.poll(() => log.join('\n'), { timeout: 30_000 }).toContain(`${data} is back`);
    await appendFile(
      join(data, 'questions', 'morning-headache-and-snoring.yaml'),
      '  - author: dmitri-volkov\n    date: 2025-05-24\n    title: Written after the move\n    body: The watcher found the folder again.\n',
    );
    await expect.poll(() => page.locator('.answer-title', { hasText: 'Written after the move' }).count(), { timeout: 30_000 }).toBe(1);
    await page.close();
  });
});
