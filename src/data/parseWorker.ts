/**
 * Checks a share of a folder's data files in a worker thread, so that parsing YAML, the
 * largest part of loading a big data folder, runs on every core. Each file's text stays here:
 * the loader reads it again only if a mistake must be located in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { postResults } from '../threads/batches.js';
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

if (workerData) {
  const job = workerData as ParseJob;
  postResults(job.files, ({ file, knownHash }): ParsedReply => {
    const { source: _source, ...checked } = checkFile(file, readFileSync(join(job.dataDir, file)), job.kind, knownHash);
    return { file, ...checked };
  });
}
