/**
 * The shard store: each shard's index (its Pagefind bundle without fragments) in a folder named
 * by the shard's key, so that a build re-indexes only the shards whose key changed and merges
 * the others from here. With a build cache it lives in the cache; without one, in the build's
 * staging folder, for that build only.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from '../output/replaceFile.js';

export function shardStoreDir(cacheDir: string | null, staging: string): string {
  return join(cacheDir ?? staging, 'search-shards');
}

/** The keys whose index is in the store. */
export async function storedShards(storeDir: string, keys: readonly string[]): Promise<Set<string>> {
  const found = await Promise.all(keys.map((key) => stat(join(storeDir, key, 'pagefind-entry.json')).then(() => key, () => null)));
  return new Set(found.filter((key): key is string => key !== null));
}

/** The merged index chunks of the output `version`: name → content hash. Empty if unknown. */
export async function readMergedChunks(storeDir: string, version: string): Promise<Map<string, string>> {
  try {
    return new Map(Object.entries(JSON.parse(await readFile(join(storeDir, mergedChunksFile(version)), 'utf8')) as Record<string, string>));
  } catch {
    return new Map();
  }
}

export async function writeMergedChunks(storeDir: string, version: string, chunks: Record<string, string>): Promise<void> {
  await replaceFile(join(storeDir, mergedChunksFile(version)), JSON.stringify(chunks));
}

function mergedChunksFile(version: string): string {
  return `merged-${version}.json`;
}

/** Removes every stored index but those of `keys`, and every list of merged chunks but `version`'s. */
export async function pruneStore(storeDir: string, keys: readonly string[], version: string): Promise<void> {
  const keep = new Set([...keys, mergedChunksFile(version)]);
  const names = await readdir(storeDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(storeDir, name), { recursive: true, force: true })));
}
