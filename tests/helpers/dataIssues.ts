import { expect } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { DataError } from '../../src/errors/DataError.js';
import type { DataIssue } from '../../src/errors/DataIssue.js';

/** The issues `loadData` finds in `dataDir`, which must throw a `DataError`. */
export async function issuesOf(dataDir: string): Promise<readonly DataIssue[]> {
  const error: unknown = await loadData(dataDir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return (error as DataError).issues;
}
