/**
 * Minified stylesheets and scripts kept between builds: a build whose layouts did not change
 * takes them from here and needs no minifier for them (esbuild's service compiles its
 * WebAssembly first, most of a second of one core). The folder is an aid, never a reason to
 * fail: what cannot be read or written, or is not as it was kept, is minified again.
 *
 * A kept file is named by the package, esbuild's version, the asset's name and its source, then
 * by its own bytes' hash: one whose bytes no longer match its name is minified again. A script
 * bundled with the package's modules it imports (`minify.ts`) is kept only when every file it
 * took in is the package's, with the list of those files and their hashes beside it, and is
 * bundled again when one of them changed. A bundle that takes in the site's own files is made
 * anew by every build: how its imports resolve depends on more than those files.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isBundled, MINIFIER_VERSION, minifyAsset } from './minify.js';
import { packageRoot } from './packagePaths.js';
import { replaceFile } from './replaceFile.js';

/** Beside a kept bundle: the files it took in, each with the SHA-256 of its bytes. */
const INPUTS = '.inputs';

export interface KeptAssetsOptions {
  /** Whether kept files are taken (false: every asset is minified again and kept anew, as `--clean` asks). Default: true. */
  reuse?: boolean;
}

export class KeptAssets {
  private readonly used = new Set<string>();
  private names: Promise<string[]> | null = null;
  private readonly reuse: boolean;

  /**
   * @param dir where the files are kept.
   * @param packageHash the package's fingerprint (`fingerprint.ts`): what minified them.
   */
  constructor(
    readonly dir: string,
    private readonly packageHash: string,
    options: KeptAssetsOptions = {},
  ) {
    this.reuse = options.reuse ?? true;
  }

  /** `source` (the asset `name`) minified, as `minifyAsset` makes it: kept from an earlier build, or made now and kept. */
  async minified(name: string, source: string): Promise<Buffer> {
    const key = createHash('sha256').update(`${this.packageHash}\0${MINIFIER_VERSION}\0${name}\0${source}`).digest('hex').slice(0, 32);
    const found = this.reuse ? await this.find(key, isBundled(name, source)).catch(() => null) : null;
    if (found) return found;
    const started = Date.now();
    const { code, inputs } = await minifyAsset(name, source);
    const bytes = Buffer.from(code);
    await this.keep(key, bytes, inputs, started).catch(() => undefined);
    return bytes;
  }

  /** Removes every file this build did not use: what the layouts no longer hold. */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((file) => !this.used.has(file)).map((file) => rm(join(this.dir, file), { force: true }))).catch(() => undefined);
  }

  /**
   * Keeps `bytes`, made for `key`; for a bundle, only when every file it took in is the
   * package's and none changed after `started`, when the minifier began to read them.
   */
  private async keep(key: string, bytes: Buffer, inputs: readonly string[], started: number): Promise<void> {
    if (!inputs.every(isPackageFile)) return;
    if (inputs.length > 0 && (await Promise.all(inputs.map((path) => stat(path)))).some((info) => info.mtimeMs >= started)) return;
    const file = keptName(key, bytes);
    await mkdir(this.dir, { recursive: true });
    if (inputs.length > 0) {
      await replaceFile(join(this.dir, `${file}${INPUTS}`), JSON.stringify(await hashed(inputs)));
      this.used.add(`${file}${INPUTS}`);
    }
    await replaceFile(join(this.dir, file), bytes);
    this.used.add(file);
  }

  /** The kept bytes for `key`, when whole, and for a bundle, when every file it took in is as it was. */
  private async find(key: string, bundled: boolean): Promise<Buffer | null> {
    this.names ??= readdir(this.dir).catch(() => []);
    const pattern = new RegExp(`^${key}\\.[0-9a-f]{16}$`);
    for (const file of (await this.names).filter((name) => pattern.test(name))) {
      const bytes = await readFile(join(this.dir, file)).catch(() => null);
      if (!bytes || file !== keptName(key, bytes)) continue;
      if (bundled && !(await this.inputsUnchanged(`${file}${INPUTS}`))) continue;
      this.used.add(file);
      return bytes;
    }
    return null;
  }

  /** Whether the list of files a kept bundle took in (`list`, in the folder) is whole and every file in it as it was. */
  private async inputsUnchanged(list: string): Promise<boolean> {
    const inputs = await readFile(join(this.dir, list), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => null,
    );
    const wellFormed = (entry: unknown): entry is [string, string] => Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === 'string');
    if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every(wellFormed) || !inputs.every(([path]) => isPackageFile(path))) return false;
    const now = await hashed(inputs.map(([path]) => path)).catch(() => null);
    if (!now || JSON.stringify(now) !== JSON.stringify(inputs)) return false;
    this.used.add(list);
    return true;
  }
}

/** `source` minified, from `kept` when there is one. */
export async function minifiedAsset(name: string, source: string, kept?: KeptAssets): Promise<Buffer> {
  return kept ? kept.minified(name, source) : Buffer.from((await minifyAsset(name, source)).code);
}

/** Whether `path` is one of this package's files, which the package's fingerprint covers when it is installed. */
function isPackageFile(path: string): boolean {
  const inside = relative(packageRoot, path);
  return inside !== '' && !inside.startsWith(`..${sep}`) && inside !== '..' && !inside.split(sep).includes('node_modules');
}

function keptName(key: string, bytes: Uint8Array): string {
  return `${key}.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

/** Each file with the SHA-256 of its bytes. */
async function hashed(paths: readonly string[]): Promise<[string, string][]> {
  return Promise.all(paths.map(async (path) => [path, createHash('sha256').update(await readFile(path)).digest('hex')] as [string, string]));
}
