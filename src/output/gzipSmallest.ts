/**
 * The smallest gzip we can write, for the few files every first search downloads whatever the
 * reader types: Pagefind's wasm and the search index's metadata. Zopfli writes ordinary gzip
 * that any reader inflates, a few per cent smaller than zlib's best level at about a hundred
 * times its cost (docs/measurements.md). It runs synchronously: call it off the thread that renders. Its output depends
 * only on the input, so builds stay byte for byte the same.
 * https://github.com/google/zopfli
 */
type Zopfli = typeof import('@gfx/zopfli');

/** More passes gain under 1 % on these files (15: 0.4 KB of the metadata) for twice the time. */
const ITERATIONS = 5;

const HANDLED = ['uncaughtException', 'unhandledRejection'] as const;

let loading: Promise<Zopfli> | undefined;

/**
 * Loads Zopfli on first use. Its Emscripten glue, as it loads, adds process-wide handlers that
 * rethrow every uncaught exception and abort on any unhandled rejection; they are taken off
 * again, so that what fails is reported where it fails, as anywhere else in the build.
 */
function zopfli(): Promise<Zopfli> {
  loading ??= (async () => {
    const listeners = (event: (typeof HANDLED)[number]) => process.listeners(event as 'uncaughtException') as ((...args: unknown[]) => void)[];
    const before = new Map(HANDLED.map((event) => [event, new Set(listeners(event))]));
    const module = await import('@gfx/zopfli');
    for (const event of HANDLED) {
      for (const listener of listeners(event)) {
        if (!before.get(event)?.has(listener)) process.off(event, listener);
      }
    }
    return module;
  })();
  return loading;
}

export async function gzipSmallest(data: Uint8Array): Promise<Buffer> {
  const compressed = await (await zopfli()).gzipAsync(data, { numiterations: ITERATIONS });
  return Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength);
}
