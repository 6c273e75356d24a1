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
import { formatDataError, printable, type ErrorFormat } from './format.js';
import { init, newAnswer, newExpert, newQuestion } from './scaffold.js';

const HELP = `answerpress: expert questions and answers in YAML, published as a static site

Usage:
  answerpress build    [--data DIR] [--layouts DIR] [--out DIR] [--cache DIR] [--clean] [--timings]
  answerpress build    --shard I/N [--data DIR] [--layouts DIR] --out PART   (one machine's part)
  answerpress merge    [--layouts DIR] [--out DIR] PART...                   (the parts, as one site)
  answerpress validate [--data DIR] [--format text|github]
  answerpress serve    [--data DIR] [--layouts DIR] [--out DIR] [--cache DIR] [--port N] [--host H]
  answerpress new question "Title" --topic ID [--topic ID]   [--data DIR]
  answerpress new answer SLUG --author ID                    [--data DIR]
  answerpress new expert ID                                  [--data DIR]
  answerpress init     [--data DIR] [--layouts DIR]   (writes a GitHub Actions workflow)

Options:
  --data DIR      the data folder (default: data)
  --layouts DIR   your own layouts; a file here replaces ours of the same name
  --out DIR       the output folder (default: _site)
  --cache DIR     the build cache, which lets a build redo only what changed
                  (default: node_modules/.cache/answerpress/<output folder>-<hash>)
  --clean         build everything, ignoring the build cache
  --timings       build: also print the time each phase took
  --shard I/N     build: only part I of N (0 ≤ I < N), for N machines to share a
                  large site; merge puts the parts together
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
  timings: { type: 'boolean' },
  shard: { type: 'string' },
  format: { type: 'string' },
  topic: { type: 'string', multiple: true },
  author: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

export async function main(argv: string[], out: (text: string) => void = console.log, err: (text: string) => void = console.error): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    err(`${(error as Error).message}\n\nRun answerpress --help for usage.`);
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
    if (rest.length > 0 && command !== 'new' && command !== 'merge') throw new UsageError(`unexpected argument "${rest[0]}"`);
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
        out(`Wrote ${await init(process.cwd(), values.data ?? 'data', values.layouts)}: pull requests are validated, pushes to main are built and deployed to GitHub Pages (enable Pages with "GitHub Actions" as the source).`);
        return 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
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
  const result = await build({ dataDir: values.data, layoutsDir: values.layouts, outDir: values.out, cacheDir: values.cache, clean: values.clean, slice, waiting });
  const { work } = result;
  const seconds = ((performance.now() - start) / 1000).toFixed(2);
  if (slice) {
    out(`Built part ${slice.index}/${slice.count} into ${values.out}: ${work.pagesRendered} of ${work.pages} pages, ${work.shardsIndexed} of ${work.shards} search shards, in ${seconds} s. Merge the parts with answerpress merge.`);
  } else {
    const redone = work.incremental ? ` (incremental: ${work.pagesRendered} of ${work.pages} pages rendered, ${work.shardsIndexed} of ${work.shards} search shards indexed${work.merged ? '' : ', search bundle unchanged'})` : '';
    out(`Built ${result.model.questions.length} questions, ${result.model.experts.length} experts into ${values.out ?? '_site'} in ${seconds} s${redone}.`);
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
  out(`Merged ${parts.length} parts into ${values.out ?? '_site'}: ${merged.pages} indexed pages in ${merged.shards} search shard${merged.shards === 1 ? '' : 's'}, in ${((performance.now() - start) / 1000).toFixed(2)} s.`);
  return 0;
}

async function runValidate(values: Values, out: (text: string) => void): Promise<number> {
  const data = await loadData(values.data ?? 'data');
  out(`${values.data ?? 'data'} is valid: ${data.questions.length} questions, ${data.experts.length} experts, ${Object.keys(data.topics.data).length} topics.`);
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
  else throw new UsageError(`new makes a question, an answer or an expert, not "${kind ?? ''}"`);
  out(`Wrote ${path}: fill in the TODOs, then run answerpress validate.`);
  return 0;
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
