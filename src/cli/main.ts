/**
 * `answerpress build|merge|validate|serve|new|init` — arguments in, exit code out. The only
 * module that prints for the user; nothing imports it but `bin/answerpress.js`.
 * Exit codes: 0 ok, 1 data errors (or a failed build), 2 usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from '../build.js';
import { mergeParts } from '../merge.js';
import type { Slice } from '../output/part.js';
import { loadData } from '../data/load.js';
import { DataError } from '../errors/DataError.js';
import { UsageError } from '../errors/UsageError.js';
import { startDevServer } from '../serve/watch.js';
import { didYouMean } from '../data/suggest.js';
import { stopMinifier } from '../output/minify.js';
import { counted, formatDataError, formatWarnings, printable, type ErrorFormat } from './format.js';
import { init, type InitReport } from './init.js';
import { newAnswer, newExpert, newQuestion } from './scaffold.js';

const HELP = `answerpress: expert questions and answers in YAML, published as a static site

Usage:
  answerpress init     [DIR] [--data DIR] [--layouts DIR] [--shards N] [--force]
  answerpress build    [--data DIR] [--layouts DIR] [--out DIR] [--cache DIR] [--clean] [--timings] [--allow-shrink]
  answerpress build    --shard I/N [--data DIR] [--layouts DIR] --out PART   (one machine's part)
  answerpress merge    [--layouts DIR] [--out DIR] PART...                   (the parts, as one site)
  answerpress validate [--data DIR] [--format text|github]
  answerpress serve    [--data DIR] [--layouts DIR] [--out DIR] [--cache DIR] [--port N] [--host H]
  answerpress new question "Title" --topic ID [--topic ID]   [--data DIR]
  answerpress new answer SLUG --author ID                    [--data DIR]
  answerpress new expert ID                                  [--data DIR]

Options:
  --data DIR      the data folder (default: data)
  --layouts DIR   your own layouts; a file here replaces ours of the same name
  --out DIR       the output folder (default: _site)
  --cache DIR     the build cache, which lets a build redo only what changed
                  (default: node_modules/.cache/answerpress/<output folder>-<hash>)
  --clean         build everything, ignoring the build cache
  --timings       build: also print the time each phase took
  --allow-shrink  build: publish even if more than half of the question pages in the
                  output folder would go (without it, such a build stops)
  --force         init: replace files that exist (package.json and .gitignore are
                  only ever added to)
  --shard I/N     build: only part I of N (0 ≤ I < N), for N machines to share a
                  large site; merge puts the parts together
  --shards N      init: a workflow that builds the site on N runners, in parts it
                  then merges (for sites past one runner's memory)
  --format F      how validate reports errors: text (default) or github (annotations)
  --topic ID      new question: a topic id (repeat for more)
  --author ID     new answer: the expert id
  --port N        serve: port (default: 8080)
  --host H        serve: address to listen on (default: 127.0.0.1)
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 ok, 1 errors in the data or the build, 2 wrong usage.`;

const OPTIONS = {
  data: { type: 'string' },
  layouts: { type: 'string' },
  out: { type: 'string' },
  cache: { type: 'string' },
  clean: { type: 'boolean' },
  'allow-shrink': { type: 'boolean' },
  force: { type: 'boolean' },
  timings: { type: 'boolean' },
  shard: { type: 'string' },
  shards: { type: 'string' },
  format: { type: 'string' },
  topic: { type: 'string', multiple: true },
  author: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS = ['build', 'merge', 'validate', 'serve', 'new', 'init'] as const;

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

export async function main(argv: string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): Promise<number> {
  try {
    return await run(argv, out, err);
  } finally {
    await stopMinifier();
  }
}

async function run(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    err(`${optionError(error as Error & { code?: string })}\n\nRun answerpress --help for usage.`);
    return 2;
  }
  if (values.version) {
    out(version());
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(HELP);
    return values.help ? 0 : 2;
  }
  const format = (values.format ?? 'text') as ErrorFormat;
  try {
    const positional = command === 'new' || command === 'merge' || (command === 'init' && rest.length === 1);
    if (rest.length > 0 && !positional) throw new UsageError(`unexpected argument "${rest[command === 'init' ? 1 : 0]}"`);
    if (format !== 'text' && format !== 'github') throw new UsageError(`--format must be text or github, not "${values.format}"`);
    switch (command) {
      case 'build':
        return await runBuild(values, out);
      case 'merge':
        return await runMerge(rest, values, out);
      case 'validate':
        return await runValidate(values, out);
      case 'serve':
        return await runServe(values, out);
      case 'new':
        return await runNew(rest, values, out);
      case 'init':
        return await runInit(rest[0], values, out);
      default:
        throw new UsageError(`unknown command "${command}"${didYouMean(command, COMMANDS)}`);
    }
  } catch (error) {
    if (error instanceof DataError) {
      err(formatDataError(error, values.data ?? 'data', format));
      return 1;
    }
    if (error instanceof UsageError) {
      err(`${error.message}\n\nRun answerpress --help for usage.`);
      return 2;
    }
    err(failure(command, error));
    return 1;
  }
}

/** What went wrong, said for the command that failed: only build, serve and merge replace an output. */
function failure(command: string, error: unknown): string {
  const message = printable(error instanceof Error ? error.message : String(error), true);
  if (command === 'build' || command === 'serve') return `Build failed: ${message}\nThe previous output was left as it was.`;
  if (command === 'merge') return `Merge failed: ${message}\nThe previous output was left as it was.`;
  return `answerpress ${command} failed: ${message}`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function runBuild(values: Values, out: (text: string) => void): Promise<number> {
  const start = performance.now();
  const slice = values.shard === undefined ? undefined : parseSlice(values.shard);
  if (slice && values.out === undefined) throw new UsageError('build --shard needs --out, a folder of its own for the part');
  const waiting = (holder: number) => out(`Another build (process ${holder}) is writing ${values.out ?? '_site'}; waiting for it to finish.`);
  const result = await build({ dataDir: values.data, layoutsDir: values.layouts, outDir: values.out, cacheDir: values.cache, clean: values.clean, slice, allowShrink: values['allow-shrink'], waiting });
  if (result.warnings.length > 0) out(formatWarnings(result.warnings, values.data ?? 'data', 'text'));
  const { work } = result;
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  if (slice) {
    out(`Built part ${slice.index}/${slice.count} into ${values.out}: ${work.pagesRendered} of ${counted(work.pages, 'page')}, ${work.shardsIndexed} of ${counted(work.shards, 'search shard')}, in ${seconds} s. Merge the parts with answerpress merge.`);
  } else {
    const redone = work.upToDate
      ? ' (up to date: nothing changed since the last build)'
      : work.incremental
        ? ` (incremental: ${work.pagesRendered} of ${counted(work.pages, 'page')} rendered, ${work.shardsIndexed} of ${counted(work.shards, 'search shard')} indexed${work.merged ? '' : ', search bundle unchanged'})`
        : '';
    out(`Built ${counted(result.counts.questions, 'question')}, ${counted(result.counts.experts, 'expert')} into ${values.out ?? '_site'} in ${seconds} s${redone}.`);
  }
  if (values.timings) out(`Phases: ${Object.entries(result.timings).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`).join(', ')}.`);
  return 0;
}

/** `i/n` of `--shard`: part i of n, counted from 0. */
export function parseSlice(text: string): Slice {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(count >= 1 && index >= 0 && index < count)) throw new UsageError(`--shard takes I/N, part I of N counted from 0 (0/4 to 3/4 for four machines), not "${text}"`);
  return { index, count };
}

async function runMerge(parts: string[], values: Values, out: (text: string) => void): Promise<number> {
  if (parts.length === 0) throw new UsageError('merge needs the folders of the parts: answerpress merge --out DIR PART...');
  const start = performance.now();
  const merged = await mergeParts({ layoutsDir: values.layouts, outDir: values.out, parts });
  out(`Merged ${counted(parts.length, 'part')} into ${values.out ?? '_site'}: ${counted(merged.pages, 'indexed page')} in ${counted(merged.shards, 'search shard')}, in ${((performance.now() - start) / 1000).toFixed(2)} s.`);
  return 0;
}

async function runValidate(values: Values, out: (text: string) => void): Promise<number> {
  const format = (values.format ?? 'text') as ErrorFormat;
  const data = await loadData(values.data ?? 'data');
  if (data.warnings?.length) out(formatWarnings(data.warnings, values.data ?? 'data', format));
  out(`${values.data ?? 'data'} is valid: ${counted(data.questions.length, 'question')}, ${counted(data.experts.length, 'expert')}, ${counted(Object.keys(data.topics.data).length, 'topic')}.`);
  return 0;
}

async function runNew(args: string[], values: Values, out: (text: string) => void): Promise<number> {
  const [kind, name, ...extra] = args;
  const dataDir = values.data ?? 'data';
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" (quote a title with spaces)`);
  if (!name) throw new UsageError('usage: answerpress new question "Title" --topic ID | new answer SLUG --author ID | new expert ID');
  let path: string;
  if (kind === 'question') path = await newQuestion(dataDir, name, values.topic ?? []);
  else if (kind === 'answer') {
    if (!values.author) throw new UsageError('new answer needs --author ID');
    path = await newAnswer(dataDir, name, values.author);
  } else if (kind === 'expert') path = await newExpert(dataDir, name);
  else throw new UsageError(`new makes a question, an answer or an expert, not "${kind ?? ''}"${didYouMean(kind ?? '', ['question', 'answer', 'expert'])}`);
  out(`Wrote ${path}: fill in the TODOs, then run answerpress validate.`);
  return 0;
}

async function runInit(dir: string | undefined, values: Values, out: (text: string) => void): Promise<number> {
  const root = dir ?? '.';
  const dataDir = values.data ?? 'data';
  const shards = values.shards === undefined ? 1 : Number(values.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 256) throw new UsageError(`--shards takes the number of runners to build on, 1 to 256 (4 for a site of 100,000 questions), not "${values.shards}"`);
  const report = await init({ root, dataDir, layoutsDir: values.layouts, force: values.force, shards, version: version() });
  out(initSummary(report, root, dataDir));
  return 0;
}

/** What init did, and what to run next. */
export function initSummary(report: InitReport, root: string, dataDir: string): string {
  const lines: string[] = [];
  if (report.written.length > 0) lines.push(`Wrote ${report.written.join(', ')}.`);
  if (report.updated.length > 0) lines.push(`Added to ${report.updated.join(', ')}.`);
  if (report.kept.length > 0) lines.push(`Kept ${report.kept.join(', ')} as ${report.kept.length === 1 ? 'it was' : 'they were'} (--force replaces them).`);
  const steps: [string, string][] = [
    ...(root === '.' ? [] : [[`cd ${root}`, ''] as [string, string]]),
    ...(report.installed ? [] : [['npm install', 'installs answerpress; commit package-lock.json with the rest'] as [string, string]]),
    ['npx answerpress serve', `shows the site at http://127.0.0.1:8080, rebuilt as you edit ${dataDir}/`],
    ['npx answerpress new question "Your question?" --topic getting-started', ''],
    ['npx answerpress validate', 'checks every file, as pull requests will be'],
  ];
  const width = Math.max(...steps.filter(([, why]) => why).map(([command]) => command.length));
  lines.push('', 'Next:', ...steps.map(([command, why]) => `  ${why ? `${command.padEnd(width)}   ${why}` : command}`));
  lines.push(`Then set url in ${dataDir}/site.yaml to the address the site will have, push the repository to GitHub`);
  lines.push('and choose Settings > Pages > Source: GitHub Actions. Each push to main then publishes the site.');
  return lines.join('\n');
}

/** parseArgs' message, with the option that was probably meant. */
function optionError(error: Error & { code?: string }): string {
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(error.message);
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !unknown) return error.message;
  const names = Object.keys(OPTIONS);
  const guess = unknown[1] === '--' ? didYouMean(unknown[2] ?? '', names) : '';
  return `Unknown option '${unknown[1]}${unknown[2]}'${guess.replace(/"([^"]+)"/, '"--$1"')}`;
}

async function runServe(values: Values, out: (text: string) => void): Promise<number> {
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const dataDir = values.data ?? 'data';
  const server = await startDevServer({
    dataDir,
    layoutsDir: values.layouts,
    outDir: values.out,
    cacheDir: values.cache,
    port,
    host: values.host ?? '127.0.0.1',
    // The guard protects what is published; a preview follows the data as it is edited.
    allowShrink: true,
    log: out,
    formatError: (error) =>
      error instanceof DataError
        ? formatDataError(error, dataDir, 'text').split('\n')
        : [`Build failed: ${printable(error instanceof Error ? error.message : String(error), true)}`],
  });
  out(`Serving ${values.out ?? '_site'} at ${server.url} (watching ${[dataDir, values.layouts].filter(Boolean).join(' and ')}; Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
