/**
 * The shard store: each shard's index (its Pagefind bundle without fragments) in a folder named
 * by the shard's key, so that a build re-indexes only the shards whose key changed and merges
 * the others from here. With a build cache it lives in the cache; without one, in the build's
 * staging folder, for that build only.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export function shardStoreDir(cacheDir: string | null, staging: string): string {
  return join(cacheDir ?? staging, 'search-shards');
}

/** The keys whose index is in the store. */
export async function storedShards(storeDir: string, keys: readonly string[]): Promise<Set<string>> {
  const found = await Promise.all(keys.map((key) => stat(join(storeDir, key, 'pagefind-entry.json')).then(() => key, () => null)));
  return new Set(found.filter((key): key is string => key !== null));
}

/** Removes every stored index but those of `keys`. */
export async function pruneStore(storeDir: string, keys: readonly string[]): Promise<void> {
  const keep = new Set(keys);
  const names = await readdir(storeDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(storeDir, name), { recursive: true, force: true })));
}
