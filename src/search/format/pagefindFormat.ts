/**
 * Pagefind's data files, read and written: gzip around the signature `pagefind_dcd` and one
 * CBOR item (`cbor.ts`), whose layouts are `meta.ts`, `filter.ts` and the index chunks'
 * (`merge/wordTable.ts`).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { gzipSmallest } from '../../output/gzipSmallest.js';

/**
 * The only index layout this package reads and writes, Pagefind's of this version. A Pagefind
 * upgrade fails the build where a bundle is read, loudly.
 */
export const PAGEFIND_VERSION = '1.6.0';

const SIGNATURE = Buffer.from('pagefind_dcd');
const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/**
 * The CBOR item of a Pagefind data file, compressed or not: Pagefind's browser code reads both,
 * as a server may have decompressed it on the way.
 */
export async function decodeFile(file: Uint8Array, name: string): Promise<Buffer> {
  const data = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const plain = isPlainFile(data) ? data : await gunzipAsync(data).catch(() => data);
  if (!isPlainFile(plain)) throw new Error(`${name} is not a Pagefind data file`);
  return plain.subarray(SIGNATURE.length);
}

/** SHA-1 as Pagefind writes it in file names: each byte in hexadecimal without its leading zero. */
export function fullHash(data: string | Uint8Array): string {
  let out = '';
  for (const byte of createHash('sha1').update(data).digest()) out += byte.toString(16);
  return out;
}

/** `prefix` and seven characters of `hash`, as Pagefind names its files, lengthened while another file has the name. */
export function uniqueName(prefix: string, hash: string, taken: Set<string>): string {
  let length = 7;
  while (taken.has(prefix + hash.slice(0, length)) && length < hash.length) length += 1;
  const name = prefix + hash.slice(0, length);
  taken.add(name);
  return name;
}

/** Whether a Pagefind data file is already decompressed. */
export function isPlainFile(file: Uint8Array): boolean {
  return Buffer.from(file.buffer, file.byteOffset, Math.min(file.byteLength, SIGNATURE.length)).equals(SIGNATURE);
}

/** A Pagefind data file holding `item`, not compressed. */
export function plainFile(item: Uint8Array): Buffer {
  return Buffer.concat([SIGNATURE, item]);
}

/**
 * gzip level for data files: level 5 takes markedly less CPU than zlib's default, 6, for under
 * one per cent more bytes (docs/measurements.md), where a search loads one chunk per word.
 */
const LEVEL = 5;

/** A Pagefind data file holding `item`, gzipped as Pagefind's are (at `LEVEL`). */
export function encodeFile(item: Uint8Array): Promise<Buffer> {
  return gzipAsync(Buffer.concat([SIGNATURE, item]), { level: LEVEL });
}

/**
 * A Pagefind data file holding `item`, compressed as small as gzip goes (`gzipSmallest`), for a
 * file every search loads. Slow: it blocks the thread for about 0.5 s per 200 KB.
 */
export function encodeFileSmallest(item: Uint8Array): Promise<Buffer> {
  return gzipSmallest(Buffer.concat([SIGNATURE, item]));
}
