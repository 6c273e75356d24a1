import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './site.js';

/**
 * Compiles src/ into dist/ once, before any test file runs: the tests that start the real CLI
 * (and the build's service-worker fingerprint) use dist/, and compiling from inside a test file
 * would rewrite it while other files' builds read it. Type errors are the typecheck step's
 * business (`npm test` runs it first); --noCheck only emits.
 */
export default function setup(): void {
  // This emit updates neither the stamp by which `scripts/compile.js` skips compiling nor the
  // record of TypeScript's incremental compile, which would both call its output current if the
  // sources went back to what they were: both go, and the next build compiles dist/ again.
  for (const record of ['.compiled', '.tsbuildinfo']) rmSync(join(repoRoot, 'dist', record), { force: true });
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json exited ${result.status}:\n${result.stdout}${result.stderr}`);
}
