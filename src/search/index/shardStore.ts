/**
 * The shard store: each shard's index (its Pagefind bundle without fragments) in a folder named
 * by the shard's key, so that a build re-indexes only the shards whose key changed and merges
 * the others from here. With a build cache it lives in the cache; without one, in the build's
 * staging folder, for that build only.
 *
 * A stored index carries the SHA-256 of its files: one whose files no longer match (a byte
 * changed on disk, a file cut short) is not stored as far as a build is concerned, and is
 * indexed again rather than merged into a wrong site or failing every build after.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from '../../output/replaceFile.js';

/** In a stored index's folder: the digest of every other file in it. */
const DIGEST = 'content.sha256';

export function shardStoreDir(cacheDir: string | null, staging: string): string {
  return join(cacheDir ?? staging, 'search-shards');
}

/** The keys whose index is in the store, whole and unchanged since it was stored. */
export async function storedShards(storeDir: string, keys: readonly string[]): Promise<Set<string>> {
  const found = await Promise.all(
    keys.map(async (key) => {
      const dir = join(storeDir, key);
      const [recorded, actual] = await Promise.all([readFile(join(dir, DIGEST), 'utf8').catch(() => null), contentDigest(dir).catch(() => null)]);
      return recorded !== null && recorded === actual ? key : null;
    }),
  );
  return new Set(found.filter((key): key is string => key !== null));
}

/** Records the digest of a shard's index just moved into the store, which `storedShards` checks. */
export async function sealStoredShard(dir: string): Promise<void> {
  await replaceFile(join(dir, DIGEST), await contentDigest(dir));
}

/** SHA-256 over every file of a stored index but the digest, by path in code unit order, each path with its length and bytes. */
async function contentDigest(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/'))
    .filter((path) => path !== DIGEST)
    .sort();
  if (!files.includes('pagefind-entry.json')) throw new Error(`${dir} holds no index`);
  const hash = createHash('sha256');
  for (const path of files) {
    const bytes = await readFile(join(dir, path));
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
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

/**
 * Where the search vocabulary's word counts (`vocabulary.ts`) are kept between builds: each
 * shard's, named by the shard's key, and the whole site's, named by the output's version.
 */
export const wordsFile = {
  shard: (key: string) => `words-${key}.json`,
  site: (version: string) => `words-site-${version}.json`,
};

/**
 * Removes every stored index but those of `keys`, and every list of merged chunks but
 * `version`'s; with them, the word counts (`vocabulary.ts`) of shards and sites no longer built.
 */
export async function pruneStore(storeDir: string, keys: readonly string[], version: string): Promise<void> {
  const keep = new Set([...keys, mergedChunksFile(version), ...keys.map(wordsFile.shard), wordsFile.site(version)]);
  const names = await readdir(storeDir).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(join(storeDir, name), { recursive: true, force: true })));
}
