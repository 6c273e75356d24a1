// Compiles src/ into dist/ (`npm run compile`, and before build, validate, start and bench),
// skipping TypeScript altogether when dist/ was compiled from exactly the current sources: a
// no-op `tsc --incremental` still spends about 4 s type-checking, which every `npm run build`
// would pay. The stamp `dist/.compiled` holds a hash of the sources, the tsconfig files and
// TypeScript's version; it is written only after a compile that succeeded.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.compiled');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function sourcesHash() {
  const hash = createHash('sha256');
  const sources = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
  for (const file of [...sources, 'tsconfig.json', 'tsconfig.build.json', 'node_modules/typescript/package.json']) {
    hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  return { digest: hash.digest('hex'), sources };
}

/** Every source's output is there: a dist/ emptied by hand is compiled again. */
function outputsPresent(sources) {
  return sources
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .every((file) => existsSync(join(root, 'dist', relative('src', file).replace(/\.ts$/, '.js'))));
}

const { digest, sources } = sourcesHash();
let current = null;
try {
  current = readFileSync(stamp, 'utf8');
} catch {
  // Never compiled, or dist/ was removed.
}
const present = outputsPresent(sources);
if (current === digest && present) process.exit(0);

rmSync(stamp, { force: true });
// TypeScript's own record would call missing outputs up to date.
if (!present) rmSync(join(root, 'dist', '.tsbuildinfo'), { force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'], { cwd: root, stdio: 'inherit' });
if (result.error) throw result.error;
if (result.status !== 0) process.exit(result.status ?? 1);
removeOrphans(sources);
writeFileSync(stamp, digest);

/** Outputs whose source is gone (a module moved or removed) would still be published: they go. */
function removeOrphans(sources) {
  const dist = join(root, 'dist');
  const modules = new Set(sources.filter((file) => file.endsWith('.ts')).map((file) => relative('src', file).replace(/(\.d)?\.ts$/, '')));
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = relative(dist, join(entry.parentPath, entry.name));
    const module = /^(.*?)(\.d\.ts|\.js)(\.map)?$/.exec(file)?.[1];
    if (module !== undefined && !modules.has(module)) rmSync(join(dist, file));
  }
}
