/**
 * Minified stylesheets and scripts kept between builds: a build whose layouts did not change
 * takes them from here and never starts the minifier (esbuild's service compiles its
 * WebAssembly first, most of a second of one core). The folder is an aid, never a reason to
 * fail: what cannot be read or written is minified again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { minifyAsset } from './minify.js';
import { replaceFile } from './replaceFile.js';

export class KeptAssets {
  private readonly used = new Set<string>();
  private names: Promise<string[]> | null = null;

  /**
   * @param dir where the files are kept.
   * @param packageHash the package's fingerprint (`fingerprint.ts`): what minified them, and what a bundled script took in.
   */
  constructor(
    readonly dir: string,
    private readonly packageHash: string,
  ) {}

  /**
   * `source` (the asset `name`) minified, as `minifyAsset` makes it: kept from an earlier build
   * that minified the same source with the same package, or made now and kept. A kept file is
   * named by that source and by its own bytes' hash; one whose bytes no longer match its name is
   * minified again.
   */
  async minified(name: string, source: string): Promise<Buffer> {
    const key = createHash('sha256').update(`${this.packageHash}\0${name}\0${source}`).digest('hex').slice(0, 32);
    this.names ??= readdir(this.dir).catch(() => []);
    const found = (await this.names).find((file) => file.startsWith(`${key}.`));
    if (found) {
      const bytes = await readFile(join(this.dir, found)).catch(() => null);
      if (bytes && found === keptName(key, bytes)) {
        this.used.add(found);
        return bytes;
      }
    }
    const bytes = Buffer.from(await minifyAsset(name, source));
    const file = keptName(key, bytes);
    await mkdir(this.dir, { recursive: true })
      .then(() => replaceFile(join(this.dir, file), bytes))
      .then(() => this.used.add(file))
      .catch(() => undefined);
    return bytes;
  }

  /** Removes every file this build did not use: what the layouts no longer hold. */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((file) => !this.used.has(file)).map((file) => rm(join(this.dir, file), { force: true }))).catch(() => undefined);
  }
}

/** `source` minified, from `kept` when there is one. */
export async function minifiedAsset(name: string, source: string, kept?: KeptAssets): Promise<Buffer> {
  return kept ? kept.minified(name, source) : Buffer.from(await minifyAsset(name, source));
}

function keptName(key: string, bytes: Uint8Array): string {
  return `${key}.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}
