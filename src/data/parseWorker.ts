/**
 * Checks a share of a folder's data files in a worker thread, so that parsing YAML, the
 * largest part of loading a big data folder, runs on every core. Each file's text stays here:
 * the loader reads it again only if a mistake must be located in it.
 * https://nodejs.org/api/worker_threads.html
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type CheckedFile } from './checkFile.js';
import type { FileKind } from './schema.js';

export interface ParseJob {
  dataDir: string;
  kind: FileKind;
  /** Paths relative to the data folder, each with the hash it had in an earlier build, if any. */
  files: { file: string; knownHash?: string }[];
}

/** A checked file, without its text. */
export type ParsedReply = Omit<CheckedFile, 'source'> & { file: string };

/** Batches of replies, then the end; the worker's memory stays that of one batch. */
export type ParseMessage = { files: ParsedReply[] } | { done: true } | { error: string };

/** Files per message. */
const BATCH = 200;

if (parentPort) {
  const port = parentPort;
  const job = workerData as ParseJob;
  try {
    for (let start = 0; start < job.files.length; start += BATCH) {
      const files = job.files.slice(start, start + BATCH).map(({ file, knownHash }): ParsedReply => {
        const { source: _source, ...checked } = checkFile(file, readFileSync(join(job.dataDir, file)), job.kind, knownHash);
        return { file, ...checked };
      });
      port.postMessage({ files } satisfies ParseMessage);
    }
    port.postMessage({ done: true } satisfies ParseMessage);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ParseMessage);
  }
}
