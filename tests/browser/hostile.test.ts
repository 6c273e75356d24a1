import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagefindScript, watchErrors } from '../helpers/browser.js';
import { useBuiltSite } from '../helpers/builtSite.js';
import { htmlPages } from '../helpers/pages.js';
import { fixturesDir } from '../helpers/site.js';

const site = useBuiltSite(join(fixturesDir, 'hostile'));
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('a site built from hostile data', () => {
  it('runs nothing injected on any page, and shows the markup as text', async () => {
    const pages = await htmlPages(site.outDir);
    expect(pages.length).toBeGreaterThan(10);
    for (const { url } of pages) {
      const page = await site.browser.newPage({ viewport: { width: 320, height: 640 } });
      const errors = watchErrors(page);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(site.url + url);
      await page.waitForLoadState('load');
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), url).toBeUndefined();
      expect(dialogs, url).toEqual([]);
      expect(errors, url).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${url} scrolls sideways at 320 px`).toBe(0);
      await page.close();
    }
  });

  it('reads every hostile title literally, as written in the data', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/questions/script-in-title/`);
    const title = await page.locator('h1').textContent();
    expect(title).toContain('</script><script>window.__pwned=1</script>');
    expect(title).toContain('{{ 7*7 }}');
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as { mainEntity: { name: string } };
    expect(jsonLd.mainEntity.name).toBe(title);
    await page.close();
  });

  it('shows hostile titles and excerpts in search results as text, running nothing', async () => {
    const page = await site.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${site.url}/search/?q=pwned`);
    const result = page.locator('#search-results > li', { has: page.locator('a[href="/questions/script-in-title/"]') }).first();
    await expect.poll(() => result.locator('h2').textContent()).toContain('</script><script>window.__pwned=1</script>');
    expect(await result.locator('.search-excerpt').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('<script>')]));
    expect(await result.locator('script, img, svg, iframe').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('has no axe violations on its question pages, light and dark', async () => {
    for (const slug of ['script-in-title', 'arabic-question', 'japanese-question', 'unanswered-question']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await site.browser.newPage({ colorScheme });
        await page.goto(`${site.url}/questions/${slug}/`);
        await page.addScriptTag({ content: await axeSource });
        const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id))`)) as string[];
        expect(violations, `${slug} (${colorScheme})`).toEqual([]);
        await page.close();
      }
    }
  });

  it('finds the last word of a 200 KB answer', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/`);
    const urls = (await page.evaluate(
      pagefindScript('const r = await pagefind.search("zebrafinchquokka"); return Promise.all(r.results.map((x) => x.data().then((d) => d.url)));'),
    )) as string[];
    expect(urls).toEqual(['/questions/long-answer/']);
    await page.close();
  });
});
