/**
 * The build cache: what the last successful build knew, so the next one redoes only what a
 * change reaches. It holds every data file's parsed value (by size, modification time and
 * content hash), the rendered markdown, and the key of every page and search shard of the
 * output it produced.
 *
 * Each build's manifest is named by the output's version (the service worker's), which the
 * output itself records in `offline/summary.json`: a cache is used only with the very output it
 * describes, so a build killed between writing the cache and swapping in the output, an output
 * replaced by hand, a cache from another package version or a damaged file all mean a cold
 * build, never a wrong one. Values live in segments, files named by their content, so a change
 * rewrites only the segments it touches.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { KnownFile } from '../data/load.js';
import type { DataIssue } from '../errors/DataIssue.js';
import type { RenderedMarkdown } from '../model/markdown.js';
import { cacheRoot } from '../output/packagePaths.js';
import { replaceFile } from '../output/replaceFile.js';

const FORMAT = 'answerpress-build-cache/5';
const SEGMENTS = 32;

export interface CacheState {
  /** Output file (relative to the site) → key; see `keys.ts`. */
  pages: Map<string, string>;
  /** Shard keys by id. */
  shards: string[];
  files: Map<string, KnownFile>;
  markdown: Map<string, RenderedMarkdown>;
}

export interface PreviousBuild extends CacheState {
  version: string;
  /** Segment files by kind and group, for reuse when a group is unchanged. */
  segments: Segments;
}

export type SegmentKind = 'files' | 'markdown';

export interface Manifest {
  format: string;
  package: string;
  outDir: string;
  version: string;
  pages: [string, string][];
  shards: string[];
  segments: Segments;
  /** What the build read, stamped (`inputStamp.ts`); null when it could not be. */
  inputs: string | null;
  summary: OutputSummary;
}

/** What a build that finds nothing changed reports without reading the data. */
export interface OutputSummary {
  questions: number;
  experts: number;
  /** Files in the data folder that were not read. */
  warnings: DataIssue[];
}

/** For each kind, group number → the segment file holding that group and how many entries it has. */
export type Segments = Record<SegmentKind, Record<string, { name: string; count: number }>>;

/** `node_modules/.cache/answerpress/<output folder>-<hash of its path>` under the working folder. */
export function defaultCacheDir(outDir: string): string {
  const out = resolve(outDir);
  const id = createHash('sha256').update(out).digest('hex').slice(0, 10);
  return join(cacheRoot(), `${basename(out)}-${id}`);
}

/** The version the output at `siteDir` was built as, or null when it has none. */
export async function outputVersion(siteDir: string): Promise<string | null> {
  try {
    const summary = JSON.parse(await readFile(join(siteDir, 'offline', 'summary.json'), 'utf8')) as { version?: unknown };
    return typeof summary.version === 'string' && /^[0-9a-f]{16}$/.test(summary.version) ? summary.version : null;
  } catch {
    return null;
  }
}

/** The previous build's state, or null when there is none usable for this output. */
export async function readCache(cacheDir: string, outDir: string, packageHash: string): Promise<PreviousBuild | null> {
  const manifest = await openCache(cacheDir, outDir, packageHash);
  return manifest && (await loadCache(cacheDir, manifest));
}

/**
 * The manifest of the cache made with the output in `outDir` by this package, or null: a cheap
 * first look, which tells whether loading the rest (`loadCache`) is worth starting.
 */
export async function openCache(cacheDir: string, outDir: string, packageHash: string): Promise<Manifest | null> {
  try {
    const version = await outputVersion(outDir);
    if (!version) return null;
    const manifest = JSON.parse(await readFile(join(cacheDir, `manifest-${version}.json`), 'utf8')) as Manifest;
    if (manifest.format !== FORMAT || manifest.package !== packageHash || manifest.outDir !== resolve(outDir) || manifest.version !== version) return null;
    return manifest;
  } catch {
    return null;
  }
}

/** The state a manifest describes, or null when a segment is missing or damaged. */
export async function loadCache(cacheDir: string, manifest: Manifest): Promise<PreviousBuild | null> {
  try {
    const files = new Map<string, KnownFile>();
    const markdown = new Map<string, RenderedMarkdown>();
    const targets: Record<SegmentKind, Map<string, unknown>> = { files, markdown };
    const expected = (['files', 'markdown'] as const).flatMap((kind) => Object.values(manifest.segments[kind]).map(({ name }) => ({ kind, name })));
    // Only names this module writes: a manifest never points outside the cache folder.
    if (!expected.every(({ kind, name }) => new RegExp(`^${kind}-[0-9a-f]{24}\\.v8$`).test(name))) return null;
    // Segments are named by their content: one that does not match was damaged. Another thread
    // checks while this one reads; V8's deserializer throws on malformed input, and nothing
    // read is used unless every segment matches its name.
    const checked = digestFiles(expected.map(({ name }) => join(cacheDir, name)));
    checked.catch(() => undefined);
    for (const { kind, name } of expected) {
      // Read at once, not in the libuv pool's turns: an incremental build links every file of
      // the last output meanwhile, and a read through the same pool waits behind those links.
      const value = deserialize(readFileSync(join(cacheDir, name))) as unknown;
      const entries = kind === 'markdown' ? unpackMarkdown(value) : value;
      if (!Array.isArray(entries)) return null;
      for (const entry of entries as [string, unknown][]) targets[kind].set(entry[0], entry[1]);
    }
    const digests = await checked;
    if (!expected.every(({ kind, name }, i) => name === segmentFileName(kind, digests[i] ?? ''))) return null;
    return { version: manifest.version, pages: new Map(manifest.pages), shards: manifest.shards, files, markdown, segments: manifest.segments };
  } catch {
    return null;
  }
}

/** Reads and hashes the files in a worker thread: SHA-256 of each, in hex, in order. */
function digestFiles(files: readonly string[]): Promise<string[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { createHash } = require('node:crypto');
    const { readFileSync } = require('node:fs');
    parentPort.postMessage(workerData.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex')));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: files, execArgv: [] });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`segment check exited with code ${code}`)));
  });
}

function segmentName(kind: SegmentKind, bytes: Uint8Array): string {
  return segmentFileName(kind, createHash('sha256').update(bytes).digest('hex'));
}

function segmentFileName(kind: SegmentKind, sha256: string): string {
  return `${kind}-${sha256.slice(0, 24)}.v8`;
}

/**
 * Rendered markdown is most of the cache, in small strings.
 * A segment keeps it as one string with offsets: read back, it is one allocation, and each
 * field is a slice of it, which V8 makes without copying.
 */
interface PackedMarkdown {
  keys: string[];
  /** Every entry's html then text. */
  text: string;
  /** Where each entry's html ends, then its text, in `text`. */
  ends: Uint32Array;
}

function packMarkdown(entries: readonly [string, RenderedMarkdown][]): PackedMarkdown {
  const ends = new Uint32Array(entries.length * 2);
  let at = 0;
  for (const [i, [, { html, text }]] of entries.entries()) {
    at += html.length;
    ends[2 * i] = at;
    at += text.length;
    ends[2 * i + 1] = at;
  }
  return { keys: entries.map(([key]) => key), text: entries.map(([, { html, text }]) => html + text).join(''), ends };
}

function unpackMarkdown(value: unknown): [string, RenderedMarkdown][] | null {
  const { keys, text, ends } = (value ?? {}) as Partial<PackedMarkdown>;
  if (!Array.isArray(keys) || typeof text !== 'string' || !(ends instanceof Uint32Array) || ends.length !== keys.length * 2) return null;
  const entries: [string, RenderedMarkdown][] = [];
  let start = 0;
  for (const [i, key] of keys.entries()) {
    const htmlEnd = ends[2 * i] as number;
    const end = ends[2 * i + 1] as number;
    if (!(start <= htmlEnd && htmlEnd <= end && end <= text.length)) return null;
    entries.push([key, { html: text.slice(start, htmlEnd), text: text.slice(htmlEnd, end) }]);
    start = end;
  }
  return entries;
}

/** Which segment an entry belongs to: a cheap, stable spread over `SEGMENTS`. */
function segmentOf(key: string): number {
  let hash = key.length;
  for (let i = 0; i < Math.min(key.length, 64); i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SEGMENTS;
}

/**
 * Writes the parsed files and rendered markdown in segments (entries grouped by key), reusing
 * the previous build's file for a group whose entries all came unchanged from it: `reused`
 * says which did. Segments are written as soon as the model is built, so the build can let go
 * of the raw data; only a manifest (`writeManifest`) makes them part of a cache, and
 * `pruneCache` removes the ones no manifest uses.
 */
export async function writeSegments(
  cacheDir: string,
  state: Pick<CacheState, 'files' | 'markdown'>,
  previous: PreviousBuild | null,
  reused: (kind: SegmentKind, key: string) => boolean,
): Promise<Segments> {
  await mkdir(cacheDir, { recursive: true });
  const segments: Segments = { files: {}, markdown: {} };
  for (const [kind, map] of [['files', state.files], ['markdown', state.markdown]] as const) {
    const groups: [string, unknown][][] = Array.from({ length: SEGMENTS }, () => []);
    const clean = new Array<boolean>(SEGMENTS).fill(true);
    for (const entry of map as ReadonlyMap<string, unknown>) {
      const group = segmentOf(entry[0]);
      groups[group]?.push(entry);
      if (clean[group] && !reused(kind, entry[0])) clean[group] = false;
    }
    for (const [group, entries] of groups.entries()) {
      if (entries.length === 0) continue;
      const before = previous?.segments[kind][group];
      // Every entry came from the previous build and there are as many: the same entries.
      if (before && clean[group] && before.count === entries.length) {
        segments[kind][group] = before;
        continue;
      }
      const bytes = serialize(kind === 'markdown' ? packMarkdown(entries as [string, RenderedMarkdown][]) : entries);
      const name = segmentName(kind, bytes);
      await replaceFile(join(cacheDir, name), bytes);
      segments[kind][group] = { name, count: entries.length };
    }
  }
  return segments;
}

/** What a manifest records besides the cache's state. */
export interface ManifestRecord {
  packageHash: string;
  version: string;
  segments: Segments;
  inputs: string | null;
  summary: OutputSummary;
}

/** Makes the written segments, page keys and shard keys the cache of the output with `version`. */
export async function writeManifest(cacheDir: string, outDir: string, state: Pick<CacheState, 'pages' | 'shards'>, record: ManifestRecord): Promise<void> {
  const { packageHash, version, segments, inputs, summary } = record;
  const manifest: Manifest = { format: FORMAT, package: packageHash, outDir: resolve(outDir), version, pages: [...state.pages], shards: state.shards, segments, inputs, summary };
  await replaceFile(join(cacheDir, `manifest-${version}.json`), JSON.stringify(manifest));
}

/** Removes every manifest but `version`'s and every segment it does not use; nothing else in the folder. */
export async function pruneCache(cacheDir: string, version: string): Promise<void> {
  let names: string[];
  let keep: Set<string>;
  try {
    names = await readdir(cacheDir);
    const manifest = JSON.parse(await readFile(join(cacheDir, `manifest-${version}.json`), 'utf8')) as Manifest;
    keep = new Set([`manifest-${version}.json`, ...[...Object.values(manifest.segments.files), ...Object.values(manifest.segments.markdown)].map((segment) => segment.name)]);
  } catch {
    return;
  }
  const ours = /^(manifest|files|markdown)-/;
  await Promise.all(names.filter((name) => ours.test(name) && !keep.has(name)).map((name) => rm(join(cacheDir, name), { force: true, recursive: true })));
}
