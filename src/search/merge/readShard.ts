/**
 * A shard's bundle as the merge reads it from its folder in the store (or in a part): the entry
 * file, the metadata (`format/meta.ts`) and the index chunks, into columns (`wordTable.ts`).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fragmentFolder, type FolderTable } from '../format/fragments.js';
import { decodeMeta } from '../format/meta.js';
import { decodeFile, PAGEFIND_VERSION } from '../format/pagefindFormat.js';
import { shardRanks } from './pageOrder.js';
import { WordTable } from './wordTable.js';

export interface Entry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters?: string[];
  /** Where the merged metadata's page names point: see `fragments.ts`. Not in a shard's entry. */
  fragment_folders?: FolderTable;
  /** The folder of the merged bundle's index chunks: see `chunkNames.ts`. Not in a shard's entry. */
  index_folder?: string;
}

export interface ShardMeta {
  id: number;
  dir: string;
  /** The folder of the shard's fragments in the site's bundle. */
  fragments: string;
  entry: Entry;
  language: string;
  /** In the order of the shard's metadata; `rank` is the position in the merged one. */
  pages: { hash: string; wordCount: number; group: string; rank: number }[];
  chunks: string[];
  filters: { name: string; file: string }[];
  sorts: string[];
  metaFields: string[];
}

/** A shard's metadata and its index, read and ready to merge. */
export interface LoadedShard {
  meta: ShardMeta;
  words: WordTable;
}

/**
 * Reads a shard's bundle from its folder in the store, named by the shard's key: its metadata
 * and its index chunks (about 70 bytes per word).
 */
export async function loadShard(dir: string, id: number): Promise<LoadedShard> {
  try {
    const meta = await readShardMeta(dir, id);
    const chunks = await Promise.all(
      meta.chunks.map(async (hash) => {
        const file = join(dir, 'index', `${hash}.pf_index`);
        return decodeFile(await readFile(file), file);
      }),
    );
    return { meta, words: new WordTable(id, chunks) };
  } catch (error) {
    throw new Error(`search shard ${id} in ${dir} cannot be read (${error instanceof Error ? error.message : String(error)}); rebuild with --clean`, { cause: error });
  }
}

/** Reads the metadata of the shard bundle in `dir`, a folder named by the shard's key. */
export async function readShardMeta(dir: string, id: number): Promise<ShardMeta> {
  const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as Entry;
  const languages = Object.entries(entry.languages);
  const [language, info] = languages[0] ?? [];
  if (languages.length !== 1 || !language || !info) throw new Error(`shard ${id} holds ${languages.length} languages; one was expected`);
  const file = join(dir, `pagefind.${info.hash}.pf_meta`);
  const meta = decodeMeta(await decodeFile(await readFile(file), file), file);
  if (meta.version !== PAGEFIND_VERSION) throw new Error(`shard ${id}'s metadata is from Pagefind ${meta.version}; this answerpress merges only ${PAGEFIND_VERSION}`);
  const ranks = shardRanks(meta.pages.map((page) => page.wordCount));
  const pages = meta.pages.map((page, position) => ({ hash: page.name, wordCount: page.wordCount, group: page.group, rank: ranks[position] as number }));
  return {
    id,
    dir,
    fragments: fragmentFolder(id, basename(dir)),
    entry,
    language,
    pages,
    chunks: meta.chunks.map((chunk) => chunk.name),
    filters: [...meta.filters],
    sorts: meta.sorts.map((sort) => sort.name),
    metaFields: [...meta.fields],
  };
}
