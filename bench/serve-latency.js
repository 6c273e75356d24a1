// How long an editor waits under `answerpress serve`: from the save of a question file (one
// answer appended) to the new answer's text on the reloaded page in Chromium. The server runs as
// the CLI starts it, in a process of its own; the page is open before the save.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');

async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `answerpress serve` over `data` into `out`, opens `page` (a path under the site), appends
 * `answer` (YAML lines of one answer whose body holds `text`) to `file`, and returns the
 * milliseconds until `text` is on the page, with the server's log lines.
 */
export async function serveLatency({ data, out, file, page, answer, text, env }) {
  const port = await freePort();
  const server = spawn(process.execPath, [join(repoRoot, 'bin', 'answerpress.js'), 'serve', '--data', data, '--out', out, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  let onLine = () => undefined;
  for (const stream of [server.stdout, server.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        lines.push({ at: performance.now(), line });
        onLine(line);
      }
    });
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    await new Promise((resolve, reject) => {
      onLine = (line) => /^Serving .* at http/.test(line) && resolve();
      server.once('exit', (code) => reject(new Error(`serve exited with code ${code}: ${lines.map((l) => l.line).join('\n')}`)));
    });
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${port}${page}`);
    // The live-reload stream is connected once the page has loaded its client.
    await tab.waitForLoadState('load');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const saved = performance.now();
    appendFileSync(file, answer);
    await tab.waitForFunction((wanted) => document.body?.innerText.includes(wanted), text, { timeout: 120_000, polling: 20 });
    const shownMs = performance.now() - saved;
    // The rebuild that follows: the whole site, the index and the offline files up to date.
    await new Promise((resolve) => {
      if (lines.some((l) => l.at > saved && l.line.startsWith('Rebuilt'))) return resolve();
      onLine = (line) => line.startsWith('Rebuilt') && resolve();
    });
    const rebuiltMs = (lines.find((l) => l.at > saved && l.line.startsWith('Rebuilt'))?.at ?? NaN) - saved;
    return { shownMs, rebuiltMs, log: lines.filter((l) => l.at > saved).map((l) => l.line) };
  } finally {
    await browser.close();
    server.kill('SIGINT');
    await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve()));
  }
}
