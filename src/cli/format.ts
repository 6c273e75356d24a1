import { normalize } from 'node:path';
import { DataError } from '../errors/DataError.js';
import { formatIssue } from '../errors/DataIssue.js';

export type ErrorFormat = 'text' | 'github';

/**
 * Every issue as `path:line:col: message` with the path relative to the working directory (so
 * terminals and editors link it; paths are the data folder as given plus the file), or as GitHub Actions annotations on the offending lines.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function formatDataError(error: DataError, dataDir: string, format: ErrorFormat): string {
  const prefix = normalize(dataDir).replace(/[\\/]+$/, '').replace(/^\.$/, '');
  const fileOf = (file: string) => (prefix ? `${prefix}/${file}` : file).split('\\').join('/');
  const lines = error.issues.map((issue) =>
    format === 'github'
      ? `::error file=${escapeProperty(fileOf(issue.file))},line=${issue.line},col=${issue.col},title=answerpress::${escapeGithub(issue.message)}`
      : formatIssue({ ...issue, file: fileOf(issue.file) }),
  );
  const count = error.issues.length;
  lines.push(`${count} error${count === 1 ? '' : 's'} in ${prefix || '.'}: nothing was built or changed.`);
  return lines.join('\n');
}

function escapeGithub(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values (`file=`) also escape `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeGithub(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export { DataError };
