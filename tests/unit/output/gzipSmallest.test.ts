import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipSmallest } from '../../../src/output/gzipSmallest.js';

/** Text with the repetition of an index: a few hundred words in a Zipf-like mix. */
function sample(): Buffer {
  const words = Array.from({ length: 400 }, (_, i) => `w${(i * 7919) % 997}x${i % 13}`);
  return Buffer.from(Array.from({ length: 20_000 }, (_, i) => words[Math.floor(400 ** ((i * 0.618) % 1)) - 1]).join(' '));
}

describe('gzipSmallest', () => {
  // First: Zopfli loads with the first compression.
  it('leaves the process-wide error handlers as they were', async () => {
    const before = ['uncaughtException', 'unhandledRejection'].map((event) => process.listenerCount(event));
    await gzipSmallest(sample());
    expect(['uncaughtException', 'unhandledRejection'].map((event) => process.listenerCount(event))).toEqual(before);
  });

  it('writes gzip that zlib inflates to the same bytes, smaller than zlib at its best level', async () => {
    const data = sample();
    const smallest = await gzipSmallest(data);
    expect(gunzipSync(smallest).equals(data)).toBe(true);
    expect(smallest.length).toBeLessThan(gzipSync(data, { level: 9 }).length);
  });

  it('writes the same bytes for the same input, so builds stay deterministic', async () => {
    const data = sample();
    expect((await gzipSmallest(data)).equals(await gzipSmallest(Buffer.from(data)))).toBe(true);
  });

  it('handles empty input', async () => {
    expect(gunzipSync(await gzipSmallest(new Uint8Array(0))).length).toBe(0);
  });
});
