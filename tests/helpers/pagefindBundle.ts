/**
 * A Pagefind bundle read back as plain values, with a CBOR decoder of its own (independent of the
 * code under test): its entry, its metadata, every word with its pages, every fragment by URL
 * and every filter.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const SIGNATURE = 'pagefind_dcd';

/** The item of a Pagefind data file, compressed or not. */
export function decodeData(file: Buffer): unknown {
  const plain = file.subarray(0, SIGNATURE.length).toString() === SIGNATURE ? file : gunzipSync(file);
  if (plain.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) throw new Error('not a Pagefind data file');
  return decodeCbor(plain.subarray(SIGNATURE.length));
}

/** Any CBOR item Pagefind writes (integers, text, arrays). */
export function decodeCbor(bytes: Buffer): unknown {
  let at = 0;
  const item = (): unknown => {
    const first = bytes[at++] as number;
    const major = first >> 5;
    const info = first & 31;
    const size = info < 24 ? 0 : 2 ** (info - 24);
    const value = size === 0 ? info : Number(bytes.readUIntBE(at, size));
    at += size;
    if (major === 0) return value;
    if (major === 1) return -1 - value;
    if (major === 3) return bytes.toString('utf8', at, (at += value));
    if (major === 4) return Array.from({ length: value }, item);
    throw new Error(`major type ${major}`);
  };
  return item();
}

export interface DecodedBundle {
  entry: unknown;
  /** [version, pages, chunks, filters, sorts, meta fields], as Pagefind lays the metadata out. */
  meta: unknown[];
  /** Each word as its index chunk holds it: [word, pages, variants]. */
  words: Map<string, unknown>;
  /** Fragment JSON by the page's URL. */
  fragments: Map<string, string>;
  /** Each filter file's item, by file name. */
  filters: Map<string, unknown>;
}

export async function readBundle(dir: string): Promise<DecodedBundle> {
  const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
  const language = Object.values(entry.languages)[0] as { hash: string };
  const meta = decodeData(await readFile(join(dir, `pagefind.${language.hash}.pf_meta`))) as unknown[];
  const words = new Map<string, unknown>();
  for (const [, , hash] of meta[2] as [string, string, string][]) {
    const [chunk] = decodeData(await readFile(join(dir, 'index', `${hash}.pf_index`))) as [[string, ...unknown[]][]];
    for (const word of chunk) words.set(word[0], word);
  }
  const fragments = new Map<string, string>();
  for (const name of await readdir(join(dir, 'fragment'))) {
    const json = gunzipSync(await readFile(join(dir, 'fragment', name))).subarray(SIGNATURE.length).toString('utf8');
    fragments.set((JSON.parse(json) as { url: string }).url, json);
  }
  const filters = new Map<string, unknown>();
  for (const name of await readdir(join(dir, 'filter')).catch(() => [] as string[])) filters.set(name, decodeData(await readFile(join(dir, 'filter', name))));
  return { entry, meta, words, fragments, filters };
}
