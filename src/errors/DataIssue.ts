/** One mistake in one data file, located at the value at fault. */
export interface DataIssue {
  /** The data file, relative to the data folder, with `/` separators (`questions/foo.yaml`). */
  file: string;
  /** 1-based line of the value at fault. */
  line: number;
  /** 1-based column of the value at fault. */
  col: number;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Stable order: by file, then position, so reports read top to bottom and never shuffle. */
export function sortIssues(issues: readonly DataIssue[]): DataIssue[] {
  return [...issues].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** `path:line:col: message`, the form editors and terminals turn into links. */
export function formatIssue(issue: DataIssue, prefix = ''): string {
  return `${prefix}${issue.file}:${issue.line}:${issue.col}: ${issue.message}`;
}
