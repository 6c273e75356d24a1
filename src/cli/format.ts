import { normalize } from 'node:path';
import { DataError } from '../errors/DataError.js';
import { formatIssue, sortIssues, type DataIssue } from '../errors/DataIssue.js';

export type ErrorFormat = 'text' | 'github';

/**
 * Every issue as `path:line:col: message` with the path relative to the working directory (so
 * terminals and editors link it; paths are the data folder as given plus the file), or as GitHub Actions annotations on the offending lines.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function formatDataError(error: DataError, dataDir: string, format: ErrorFormat): string {
  const { prefix, fileOf } = paths(dataDir);
  const lines = error.issues.map((issue) =>
    format === 'github'
      ? `::error file=${escapeProperty(fileOf(issue.file))},line=${issue.line},col=${issue.col},title=answerpress::${escapeGithub(issue.message)}`
      : formatIssue({ ...issue, file: fileOf(issue.file) }),
  );
  lines.push(`${counted(error.issues.length, 'error')} in ${prefix || '.'}: nothing was built or changed.`);
  return lines.join('\n');
}

/** Problems that do not stop a build (files that are not read), as `path:line:col: warning: message` or annotations. */
export function formatWarnings(warnings: readonly DataIssue[], dataDir: string, format: ErrorFormat): string {
  const { fileOf } = paths(dataDir);
  return sortIssues(warnings)
    .map((issue) =>
      format === 'github'
        ? `::warning file=${escapeProperty(fileOf(issue.file))},line=${issue.line},col=${issue.col},title=answerpress::${escapeGithub(issue.message)}`
        : formatIssue({ ...issue, file: fileOf(issue.file), message: `warning: ${issue.message}` }),
    )
    .join('\n');
}

/** "1 question", "2 questions". */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function paths(dataDir: string): { prefix: string; fileOf: (file: string) => string } {
  const prefix = normalize(dataDir).replace(/[\\/]+$/, '').replace(/^\.$/, '');
  return { prefix, fileOf: (file) => (prefix ? `${prefix}/${file}` : file).split('\\').join('/') };
}

function escapeGithub(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values (`file=`) also escape `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeGithub(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export { DataError };
