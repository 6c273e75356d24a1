/**
 * Minified stylesheets and scripts kept between builds: a build whose layouts did not change
 * takes them from here and needs no minifier for them (esbuild's service compiles its
 * WebAssembly first, most of a second of one core). The folder is an aid, never a reason to
 * fail: what cannot be read or written is minified again.
 *
 * A kept file is named by the package, esbuild's version, the asset's name and its source, then
 * by its own bytes' hash: one whose bytes no longer match its name is minified again. A script bundled with the
 * modules it imports (`minify.ts`) also keeps the list of those files with their hashes, and is
 * minified again when one of them changed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isBundled, MINIFIER_VERSION, minifyAssetWithInputs } from './minify.js';
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
    const found = this.reuse ? await this.find(key, isBundled(name, source)) : null;
    if (found) return found;
    const { code, inputs } = await minifyAssetWithInputs(name, source);
    const bytes = Buffer.from(code);
    const file = keptName(key, bytes);
    try {
      await mkdir(this.dir, { recursive: true });
      if (inputs.length > 0) {
        await replaceFile(join(this.dir, `${file}${INPUTS}`), JSON.stringify(await hashed(inputs)));
        this.used.add(`${file}${INPUTS}`);
      }
      await replaceFile(join(this.dir, file), bytes);
      this.used.add(file);
    } catch {
      // Kept or not, the asset is published.
    }
    return bytes;
  }

  /** Removes every file this build did not use: what the layouts no longer hold. */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((file) => !this.used.has(file)).map((file) => rm(join(this.dir, file), { force: true }))).catch(() => undefined);
  }

  /** The kept bytes for `key`, when whole, and for a bundle, when every file it took in is as it was. */
  private async find(key: string, bundled: boolean): Promise<Buffer | null> {
    this.names ??= readdir(this.dir).catch(() => []);
    const pattern = new RegExp(`^${key}\\.[0-9a-f]{16}$`);
    const file = (await this.names).find((name) => pattern.test(name));
    if (!file) return null;
    const bytes = await readFile(join(this.dir, file)).catch(() => null);
    if (!bytes || file !== keptName(key, bytes)) return null;
    if (bundled) {
      const inputs = await readFile(join(this.dir, `${file}${INPUTS}`), 'utf8').then(
        (text) => JSON.parse(text) as [string, string][],
        () => null,
      );
      if (!Array.isArray(inputs) || inputs.length === 0) return null;
      const now = await hashed(inputs.map(([path]) => path)).catch(() => null);
      if (!now || JSON.stringify(now) !== JSON.stringify(inputs)) return null;
      this.used.add(`${file}${INPUTS}`);
    }
    this.used.add(file);
    return bytes;
  }
}

/** `source` minified, from `kept` when there is one. */
export async function minifiedAsset(name: string, source: string, kept?: KeptAssets): Promise<Buffer> {
  return kept ? kept.minified(name, source) : Buffer.from((await minifyAssetWithInputs(name, source)).code);
}

function keptName(key: string, bytes: Uint8Array): string {
  return `${key}.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

/** Each file with the SHA-256 of its bytes. */
async function hashed(paths: readonly string[]): Promise<[string, string][]> {
  return Promise.all(paths.map(async (path) => [path, createHash('sha256').update(await readFile(path)).digest('hex')] as [string, string]));
}
