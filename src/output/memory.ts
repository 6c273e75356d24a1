/**
 * Keeps Node's share of the build's memory near what it holds. V8 collects garbage lazily: after
 * a run of Eleventy its heap can be twice the live data, and the memory stays with the process
 * while Pagefind's indexers need theirs. A full collection when the process has grown by more
 * than `headroom` since the last one gives that memory back: less headroom lowers the peak, at
 * a few seconds of rendering for the extra collections (docs/measurements.md).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** V8's own `gc()`, made available without starting Node with `--expose-gc`. */
function fullCollection(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

export class MemoryCeiling {
  private base = process.memoryUsage.rss();

  constructor(private readonly headroom = 384 * 1024 ** 2) {}

  /** Collects if the process grew by more than the headroom since the last collection. */
  check(): void {
    if (process.memoryUsage.rss() > this.base + this.headroom) this.release();
  }

  /** Collects now. */
  release(): void {
    fullCollection();
    this.base = process.memoryUsage.rss();
  }
}
