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
      ? `::error file=${escapeProperty(printable(fileOf(issue.file), true))},line=${issue.line},col=${issue.col},title=answerpress::${escapeGithub(printable(issue.message, true))}`
      : formatIssue({ ...issue, file: printable(fileOf(issue.file)), message: printable(issue.message) }),
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
        ? `::warning file=${escapeProperty(printable(fileOf(issue.file), true))},line=${issue.line},col=${issue.col},title=answerpress::${escapeGithub(printable(issue.message, true))}`
        : formatIssue({ ...issue, file: printable(fileOf(issue.file)), message: `warning: ${printable(issue.message)}` }),
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

/**
 * Control characters, and those that reorder text, as `\x1b` or `\u202e`: text from the data
 * (a value quoted in a message, a file name) reaches the terminal, where an escape sequence
 * would run (clear the screen, retitle the window, hide the lines before it) and a direction
 * override would show other text than the line holds. An issue is one line, so a newline is
 * escaped too; `keepNewlines` keeps them, for GitHub's format, which escapes them its own way,
 * and for messages of several lines.
 */
export function printable(text: string, keepNewlines = false): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => {
    if (keepNewlines && (char === '\n' || char === '\r')) return char;
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function escapeGithub(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values (`file=`) also escape `:` and `,`, which separate properties. */
function escapeProperty(text: string): string {
  return escapeGithub(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export { DataError };
