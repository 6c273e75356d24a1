import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, type BigIntStats } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { DataIssue } from '../errors/DataIssue.js';
import { DataError } from '../errors/DataError.js';
import { UsageError } from '../errors/UsageError.js';
import { splitShares, threadsFor } from '../threads/batches.js';
import { checkFile } from './checkFile.js';
import { checkDataFiles } from './files.js';
import { parseInWorkers } from './parseInWorkers.js';
import type { ParsedReply } from './parseWorker.js';
import { ID_PATTERN, type ExpertData, type FileKind, type QuestionData, type SiteData, type SynonymsData, type TopicsData } from './schema.js';
import { checkReferences } from './references.js';
import { didYouMean } from './suggest.js';

/** A record read from its own file: the id is the file name, `file` is relative to the data folder. */
export interface DataFile<T> {
  id: string;
  file: string;
  data: T;
}

/** A file that was valid in an earlier build: its identity on disk and what it held. */
export interface KnownFile {
  /** SHA-256 of the file's bytes. */
  hash: string;
  /** `size:mtimeNs:ino` when it was read; the same stamp means the same bytes. */
  stamp: string;
  value: unknown;
}

export interface LoadOptions {
  /** Files from an earlier build, by path relative to the data folder: unchanged ones are not parsed again. */
  known?: ReadonlyMap<string, KnownFile>;
  /**
   * Worker threads that parse files beside the main thread. Default: one per other core (at
   * most 3) for a folder with 400 files or more to parse, none for fewer.
   */
  threads?: number;
}

/** Everything in the data folder, valid against the contract, in a stable order. */
export interface LoadedData {
  /** SHA-256 over every data file's path and bytes: changes exactly when the data does. */
  sourceHash: string;
  /** Every file read, by path relative to the data folder, to be known by the next build. */
  files?: Map<string, KnownFile>;
  /** Problems that do not stop a build: files in the data folder that are not read. */
  warnings?: DataIssue[];
  site: DataFile<SiteData>;
  topics: DataFile<TopicsData>;
  experts: DataFile<ExpertData>[];
  questions: DataFile<QuestionData>[];
  /** `synonyms.yaml`, when the site has one. */
  synonyms?: DataFile<SynonymsData>;
}

const run = promisify(execFile);
const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);
const TOP_FILES = ['site', 'topics', 'synonyms'] as const;
const FOLDERS = ['experts', 'questions'] as const;
/** Files to parse in a folder below which no worker thread starts. */
const MIN_FILES_FOR_THREADS = 400;

/** A parsed file whose text we keep until validation is over, to locate its mistakes. */
export interface ParsedFile {
  id: string;
  file: string;
  source: string;
  value: unknown;
  ok: boolean;
  /** SHA-256 of the file's bytes. */
  hash: string;
  stamp: string;
}

/**
 * Reads and validates the whole data folder. Every problem in every file is collected before
 * anything is thrown, so an editor sees all mistakes in one run.
 * @throws {DataError} with every issue, sorted by file and line.
 * @throws {UsageError} when the folder does not exist.
 */
export async function loadData(dataDir: string, options: LoadOptions = {}): Promise<LoadedData> {
  const issues: DataIssue[] = [];
  const warnings: DataIssue[] = [];
  const reader: Reader = { dataDir, issues, warnings, known: options.known ?? new Map(), threads: options.threads };
  const names = await listFolder(reader, dataDir, '');
  const byName = new Map<string, string>();
  for (const entry of names.files) {
    const ext = extname(entry);
    if (!YAML_EXTENSIONS.has(ext)) {
      if (looksLikeData(entry)) warnings.push(at(entry, 1, 1, notRead(entry, 'site.yaml, topics.yaml')));
      continue;
    }
    const base = entry.slice(0, -ext.length);
    if ((TOP_FILES as readonly string[]).includes(base)) {
      if (byName.has(base)) issues.push(at(entry, 1, 1, `both ${byName.get(base)} and ${entry} exist: keep one`));
      byName.set(base, entry);
    } else {
      issues.push(at(entry, 1, 1, `"${entry}" is not part of the data contract${didYouMean(entry, ['site.yaml', 'topics.yaml', 'synonyms.yaml'])} (data files are site.yaml, topics.yaml, synonyms.yaml, experts/*.yaml and questions/*.yaml)`));
    }
  }
  for (const dir of names.dirs) {
    // Other folders hold the files the data points to (photos/, images/); one holding YAML files
    // is most likely a misnamed experts/ or questions/.
    if (!(FOLDERS as readonly string[]).includes(dir) && !dir.startsWith('.') && (await holdsYaml(join(dataDir, dir)))) {
      issues.push(at(`${dir}/`, 1, 1, `folder "${dir}" is not part of the data contract${didYouMean(dir, FOLDERS)} (only experts/ and questions/ hold data files; other folders may hold images only)`));
    }
  }

  const site = await readOne(reader, byName.get('site'), 'site.yaml', 'site');
  const topics = await readOne(reader, byName.get('topics'), 'topics.yaml', 'topics');
  const synonymsName = byName.get('synonyms');
  const synonyms = synonymsName ? await readOne(reader, synonymsName, 'synonyms.yaml', 'synonyms') : undefined;
  const experts = await readFolder(reader, 'experts', names.dirs, 'expert');
  const questions = await readFolder(reader, 'questions', names.dirs, 'question');

  issues.push(...checkReferences({ topics, experts: experts.all, questions: questions.parsed }));
  issues.push(...(await checkDataFiles(dataDir, { site, experts: experts.parsed.filter((file) => file.ok) })));
  if (issues.length > 0 || !site || !topics) throw new DataError(issues);
  const sourceHash = createHash('sha256');
  const files = new Map<string, KnownFile>();
  for (const file of [site, topics, ...(synonyms ? [synonyms] : []), ...experts.parsed, ...questions.parsed]) {
    sourceHash.update(`${file.file}\0${file.hash}\0`);
    files.set(file.file, { hash: file.hash, stamp: file.stamp, value: file.value });
  }
  return {
    sourceHash: sourceHash.digest('hex'),
    files,
    warnings,
    site: asData<SiteData>(site),
    topics: asData<TopicsData>(topics),
    experts: experts.parsed.map((file) => asData<ExpertData>(file)),
    questions: questions.parsed.map((file) => asData<QuestionData>(file)),
    ...(synonyms ? { synonyms: asData<SynonymsData>(synonyms) } : {}),
  };
}

function asData<T>(file: ParsedFile): DataFile<T> {
  return { id: file.id, file: file.file, data: file.value as T };
}

function at(file: string, line: number, col: number, message: string): DataIssue {
  return { file, line, col, message };
}

/** A file in a form that suggests data the loader does not read (`x.YAML`, `q.json`). */
function looksLikeData(name: string): boolean {
  return !name.startsWith('.') && /\.(ya?ml|json)$/i.test(name);
}

function notRead(file: string, expected: string): string {
  const ext = extname(file);
  const fix = YAML_EXTENSIONS.has(ext.toLowerCase()) ? `rename it to end in ${ext.toLowerCase()} (lowercase)` : `data files are YAML: ${expected}`;
  return `"${file}" is not read: ${fix}`;
}

function missingFolder(folder: (typeof FOLDERS)[number]): DataIssue {
  const what = folder === 'questions' ? 'one file per question (answerpress new question "Title?" --topic ID)' : 'one file per expert (answerpress new expert ID)';
  return at(`${folder}/`, 1, 1, `missing folder ${folder}/: create it with ${what}; without it the site would have no ${folder}`);
}

/**
 * The files and folders in `dir` (`under` is its path in the data folder), sorted. A symbolic
 * link is followed when it points inside the data folder, or to a folder (a data folder may
 * keep its questions elsewhere); a link to a file outside it is reported and never read, so
 * that a contributed link cannot publish a file from the machine that builds the site.
 */
async function listFolder(reader: Reader, dir: string, under: string): Promise<{ files: string[]; dirs: string[] }> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    if (under === '') throw new UsageError(`data folder not found: ${dir} (pass --data DIR)`);
    return { files: [], dirs: [] };
  }
  const sorted = entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of sorted) {
    if (entry.isFile()) files.push(entry.name);
    else if (entry.isDirectory()) dirs.push(entry.name);
    else if (entry.isSymbolicLink()) {
      const kind = await linkTarget(reader, join(dir, entry.name), `${under}${entry.name}`, [dir]);
      if (kind === 'file') files.push(entry.name);
      else if (kind === 'dir') dirs.push(entry.name);
    }
  }
  return { files, dirs };
}

/** What a symbolic link points to, or nothing (and an issue) for a broken link or a file outside `roots` and the data folder. */
async function linkTarget(reader: Reader, path: string, file: string, roots: readonly string[]): Promise<'file' | 'dir' | undefined> {
  let target: string;
  let info;
  try {
    target = await realpath(path);
    info = await stat(target);
  } catch {
    reader.issues.push(at(file, 1, 1, `"${file}" is a symbolic link to nothing: remove it or point it at a file that exists`));
    return undefined;
  }
  if (info.isDirectory()) return 'dir';
  if (!info.isFile()) return undefined;
  const inside = async (root: string) => {
    const real = await realpath(root).catch(() => root);
    const path = relative(real, target);
    return path !== '' && !path.startsWith('..') && !isAbsolute(path);
  };
  for (const root of [reader.dataDir, ...roots]) if (await inside(root)) return 'file';
  reader.issues.push(at(file, 1, 1, `"${file}" is a symbolic link to a file outside the data folder, which is not read: copy the file into the data folder instead`));
  return undefined;
}

async function holdsYaml(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((name) => YAML_EXTENSIONS.has(extname(name)));
  } catch {
    return false;
  }
}

interface Reader {
  dataDir: string;
  issues: DataIssue[];
  warnings: DataIssue[];
  known: ReadonlyMap<string, KnownFile>;
  /** Worker threads parsing beside this one; undefined: as `threadsFor` chooses. */
  threads?: number;
}

async function readOne(reader: Reader, name: string | undefined, expected: string, kind: FileKind): Promise<ParsedFile | undefined> {
  if (!name) {
    reader.issues.push(at(expected, 1, 1, `missing file ${expected}: create it (see the data contract in the README)`));
    return undefined;
  }
  const parsed = await parseFile(reader, name, expected.replace(/\.yaml$/, ''), kind);
  return parsed.ok ? parsed : undefined;
}

async function readFolder(reader: Reader, folder: (typeof FOLDERS)[number], dirs: readonly string[], kind: FileKind): Promise<{ parsed: ParsedFile[]; all: ParsedFile[] }> {
  const { issues } = reader;
  if (!dirs.includes(folder)) {
    issues.push(missingFolder(folder));
    return { parsed: [], all: [] };
  }
  const listed = await listFolder(reader, join(reader.dataDir, folder), `${folder}/`);
  const entries = listed.files.filter((name) => YAML_EXTENSIONS.has(extname(name)));
  for (const name of listed.files) {
    if (!YAML_EXTENSIONS.has(extname(name)) && !name.startsWith('.')) reader.warnings.push(at(`${folder}/${name}`, 1, 1, notRead(`${folder}/${name}`, `${folder}/*.yaml`)));
  }
  for (const name of listed.dirs) {
    if (!name.startsWith('.')) reader.warnings.push(at(`${folder}/${name}/`, 1, 1, `folder "${folder}/${name}/" is not read: ${folder === 'questions' ? 'questions' : 'experts'} are files directly in ${folder}/, not in folders within it`));
  }
  const seen = new Map<string, string>();
  const stamps = await folderStamps(join(reader.dataDir, folder), folder);
  const named = entries.map((name) => {
    const id = name.slice(0, -extname(name).length);
    const file = `${folder}/${name}`;
    if (seen.has(id)) issues.push(at(file, 1, 1, `both ${seen.get(id)} and ${file} define "${id}": keep one`));
    seen.set(id, file);
    if (!ID_PATTERN.test(id)) {
      const suggestion = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
      issues.push(at(file, 1, 1, `file name "${name}" is not a valid ${folder === 'experts' ? 'expert id' : 'slug'}: use lowercase letters, digits and single hyphens${suggestion ? `, e.g. ${suggestion}${extname(name)}` : ''}`));
    }
    return { id, file, stamp: stamps?.get(file) };
  });
  // Without the folder's stamps (no `find`), each file is stat'ed.
  const stamped = await mapLimit(named, 64, async (entry) => ({ ...entry, stamp: entry.stamp ?? stampOf(await stat(join(reader.dataDir, entry.file), { bigint: true })) }));
  // Files whose stamps changed since the last build are parsed, a share of them in worker
  // threads while this thread parses the rest.
  const changed = stamped.filter(({ file, stamp }) => reader.known.get(file)?.stamp !== stamp);
  const shares = splitShares(changed, reader.threads ?? threadsFor(changed.length, MIN_FILES_FOR_THREADS)).elsewhere;
  const elsewhere = new Set(shares.flat().map(({ file }) => file));
  const replies =
    shares.length > 0
      ? parseInWorkers({ dataDir: reader.dataDir, kind }, shares.map((share) => share.map(({ file }) => ({ file, knownHash: reader.known.get(file)?.hash }))))
      : Promise.resolve(new Map<string, ParsedReply>());
  // Awaited together, so that a worker's failure is never left unhandled while this thread works.
  const [here, parsedElsewhere] = await Promise.all([
    mapLimit(stamped, 64, ({ id, file, stamp }) => (elsewhere.has(file) ? Promise.resolve(undefined) : parseFile(reader, file, id, kind, stamp))),
    replies,
  ]);
  const files = stamped.map(({ id, file, stamp }, i) => here[i] ?? fromReply(reader, id, file, parsedElsewhere.get(file), stamp));
  // `all` includes files that did not parse: they exist, so references to them are not errors.
  return { parsed: files.filter((file) => file.value !== undefined), all: files };
}

/**
 * Reads, parses and validates one file. A file known from an earlier build with the same size,
 * modification time and inode is not read at all; one with the same bytes is not parsed again.
 * Its text is read back only if a later check (references) needs to point into it.
 */
async function parseFile(reader: Reader, file: string, id: string, kind: FileKind, knownStamp?: string): Promise<ParsedFile> {
  const path = join(reader.dataDir, file);
  const stamp = knownStamp ?? stampOf(await stat(path, { bigint: true }));
  const known = reader.known.get(file);
  if (known && known.stamp === stamp) return withSourceRead(path, { id, file, value: known.value, ok: true, hash: known.hash, stamp });
  const checked = checkFile(file, await readFile(path), kind, known?.hash);
  reader.issues.push(...checked.issues);
  return { id, file, source: checked.source, value: checked.known ? known?.value : ownStrings(checked.value), ok: checked.ok, hash: checked.hash, stamp };
}

/**
 * `value` with strings of its own. The YAML parser cuts a value's strings out of the file's
 * text, and V8 keeps such a slice as a view of the whole text: one short title kept by the model
 * would keep the whole file, answers and all, for the rest of the build. A value that came from a
 * worker thread was copied on its way already.
 */
function ownStrings(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

/** A file a worker thread checked. */
function fromReply(reader: Reader, id: string, file: string, reply: ParsedReply | undefined, stamp: string): ParsedFile {
  if (!reply) throw new Error(`no worker thread checked ${file}`);
  reader.issues.push(...reply.issues);
  const value = reply.known ? reader.known.get(file)?.value : reply.value;
  return withSourceRead(join(reader.dataDir, file), { id, file, value, ok: reply.ok, hash: reply.hash, stamp });
}

function stampOf(info: BigIntStats): string {
  return `${info.size}:${info.mtimeNs}:${info.ino}`;
}

/**
 * The stamps of every file directly in `dir` (keyed `<folder>/<name>`), from one `find`: on a
 * data folder of 10,000 files, several times faster than a `stat` per file, which is what
 * happens without it.
 */
async function folderStamps(dir: string, folder: string): Promise<Map<string, string> | undefined> {
  try {
    const { stdout } = await run('find', ['.', '-maxdepth', '1', '-type', 'f', '-printf', '%s %T@ %i %f\\0'], { cwd: dir, maxBuffer: 1 << 30, encoding: 'utf8' });
    const stamps = new Map<string, string>();
    for (const line of stdout.split('\0')) {
      const match = /^(\d+) (-?\d+)(?:\.(\d+))? (\d+) ([^]+)$/.exec(line);
      if (!match) continue;
      const [, size, seconds = '0', fraction = '', inode, name] = match;
      // find prints the seconds and the nanoseconds of the time apart, as stat gives them.
      const nanoseconds = BigInt(seconds) * 1_000_000_000n + BigInt(fraction.padEnd(9, '0').slice(0, 9));
      stamps.set(`${folder}/${name}`, `${size}:${nanoseconds}:${inode}`);
    }
    return stamps;
  } catch {
    return undefined;
  }
}

/** A file whose text is read only if an error must point into it. */
function withSourceRead(path: string, file: Omit<ParsedFile, 'source'>): ParsedFile {
  let source: string | undefined;
  return {
    ...file,
    get source() {
      source ??= readFileSync(path, 'utf8');
      return source;
    },
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
