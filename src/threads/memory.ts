/**
 * Keeps a thread's memory near what it holds. V8 collects garbage lazily: after a run of
 * Eleventy its heap can be twice the live data, and the memory stays with the process while
 * Pagefind's indexers need theirs. A full collection when the measure has grown by more than
 * `headroom` since the last one gives that memory back: less headroom lowers the peak, at a few
 * seconds of rendering for the extra collections (docs/measurements.md).
 *
 * A worker thread's heap is its own: the main thread's collections never reach it, and with a
 * large `--max-old-space-size` (which every thread of the process takes) a long-lived worker
 * grows by gigabytes of garbage before V8 collects it. Such a worker keeps a ceiling of its own
 * on its heap (`heapCeiling`).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** V8's own `gc()` for the calling thread's heap, made available without starting Node with `--expose-gc`. */
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
  private base: number;

  /** `measure`: the bytes watched; by default the process's resident memory. */
  constructor(
    private readonly headroom = 384 * 1024 ** 2,
    private readonly measure: () => number = () => process.memoryUsage.rss(),
  ) {
    this.base = measure();
  }

  /** Collects if the measure grew by more than the headroom since the last collection. */
  check(): void {
    if (this.measure() > this.base + this.headroom) this.release();
  }

  /** Collects now. */
  release(): void {
    fullCollection();
    this.base = this.measure();
  }
}

/** A ceiling on the calling thread's own heap, for a worker thread that does one job after another. */
export function heapCeiling(headroom = 256 * 1024 ** 2): MemoryCeiling {
  return new MemoryCeiling(headroom, () => getHeapStatistics().used_heap_size);
}
