import { formatIssue, sortIssues, type DataIssue } from './DataIssue.js';

/** The data folder does not satisfy the data contract; carries every issue found, not just the first. */
export class DataError extends Error {
  readonly issues: readonly DataIssue[];

  constructor(issues: readonly DataIssue[]) {
    const sorted = sortIssues(issues);
    const count = `${sorted.length} error${sorted.length === 1 ? '' : 's'}`;
    super(`${count} in the data:\n${sorted.map((issue) => formatIssue(issue)).join('\n')}`);
    this.name = 'DataError';
    this.issues = sorted;
  }
}
