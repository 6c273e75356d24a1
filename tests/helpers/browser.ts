import { chromium, type Browser, type Page } from 'playwright-core';
import { serveSite, type RunningServer } from '../../src/serve/server.js';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export { serveSite, type RunningServer };

/** Collects console errors and uncaught exceptions, so a test can assert the console stayed clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/**
 * Source for `page.evaluate` that loads Pagefind's own JS API as a page would and runs `body`
 * with `pagefind` in scope. A string, so the test runner's transforms never touch `import()`.
 */
export function pagefindScript(body: string, bundle = '/pagefind/pagefind.js'): string {
  return `(async () => {
    const pagefind = await import(${JSON.stringify(bundle)});
    ${body}
  })()`;
}
