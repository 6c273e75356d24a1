/**
 * A build's staging folder, beside the output, and everything that writes into it besides the
 * build's own steps: the linked copy of the last output an incremental build starts from, the
 * copy a first build leaves as the next one's mirror, Pagefind's runtime written ahead. The
 * build swaps its site in from here, and `close` waits for all of them before it removes the
 * folder, whether the build succeeded or not.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { copyForMirror, linkedCopy, makeStaging, moveCopy, swapIn } from '../output/atomicDir.js';

/** Where a site is built inside the staging folder. */
export interface SitePaths {
  /** The folder holding the site at its base path, so the search indexer sees its real URLs. */
  root: string;
  /** The site itself: `root` and the base path. */
  site: string;
  /** Where pages and assets are rendered before they are moved into `site`. */
  fresh: string;
}

export class Staging {
  private readonly writers = new Set<Promise<unknown>>();
  private readonly linking: Promise<string | null>;
  private mirrorCopy: Promise<string | undefined> = Promise.resolve(undefined);

  private constructor(
    readonly outDir: string,
    readonly dir: string,
    linkOutput: boolean,
  ) {
    // A failure to link only means a cold build.
    this.linking = linkOutput ? linkedCopy(outDir, dir).catch(() => null) : Promise.resolve(null);
    this.track(this.linking);
  }

  /**
   * A fresh staging folder for `outDir`. With `linkOutput`, links to every file of the last
   * output start at once, while the cache and the data load.
   */
  static async open(outDir: string, options: { linkOutput: boolean }): Promise<Staging> {
    return new Staging(outDir, await makeStaging(outDir), options.linkOutput);
  }

  paths(basePath: string): SitePaths {
    const segments = basePath.split('/').filter(Boolean);
    const root = join(this.dir, 'root');
    return { root, site: join(root, ...segments), fresh: join(this.dir, 'fresh', ...segments) };
  }

  /** The linked copy of the last output, once made; null when there is none. */
  linkedCopy(): Promise<string | null> {
    return this.linking;
  }

  /** Makes the linked copy (`linkedCopy`'s path) the site being built. */
  async buildOnCopy(copy: string, site: string): Promise<void> {
    await moveCopy(this.dir, copy, site);
  }

  /** Waits for `work`, which writes into the staging folder, before the folder is removed. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.writers.add(settled);
    return work;
  }

  /**
   * Starts linking a copy of the site for a first build to leave as the mirror (see
   * `atomicDir.ts`), while the last shards are indexed.
   */
  startMirror(site: string): void {
    this.mirrorCopy = this.track(copyForMirror(this.outDir, site, this.dir).catch(() => undefined));
  }

  /** Swaps `site` in as the output, keeping the replaced output (or the mirror copy) as the mirror when `mirror` is set. */
  async swapIn(site: string, options: { mirror: boolean }): Promise<void> {
    await swapIn(site, this.outDir, { background: true, mirror: options.mirror, copy: await this.mirrorCopy });
  }

  async close(): Promise<void> {
    await Promise.all(this.writers);
    await rm(this.dir, { recursive: true, force: true });
  }
}
