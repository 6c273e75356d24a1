/**
 * `answerpress new question|answer|expert`: files an editor starts from, with every required
 * field present and the open-ended ones marked TODO, which `validate` reports until they are
 * written.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { ID_PATTERN } from '../data/schema.js';
import { didYouMean, unknownChoice } from '../data/suggest.js';
import { parseYaml } from '../data/yaml.js';
import { UsageError } from '../errors/UsageError.js';

/** Today as YYYY-MM-DD (UTC), or the date given for reproducible output. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** "How long does Botox last?" → "how-long-does-botox-last". */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

function yamlText(text: string): string {
  return JSON.stringify(text);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function writeNew(path: string, text: string, instead: string): Promise<string> {
  if (await exists(path)) throw new UsageError(`${path} already exists: ${instead}`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

export async function newQuestion(dataDir: string, title: string, topics: string[], date = today()): Promise<string> {
  const slug = slugify(title);
  if (!slug) throw new UsageError('the title needs some letters or digits to make a file name from');
  if (topics.length === 0) throw new UsageError('give at least one topic: --topic ID');
  const known = await topicIds(dataDir);
  const unknown = topics.filter((topic) => !known.includes(topic));
  if (unknown.length > 0) {
    throw new UsageError(unknown.map((topic) => `unknown topic "${topic}": ${unknownChoice(topic, known, 'topics in topics.yaml')}`).join('\n') + '\nAdd a new topic to topics.yaml first.');
  }
  const text = [
    `title: ${yamlText(title)}`,
    `asked: ${date}`,
    `topics: [${topics.join(', ')}]`,
    'body: |',
    '  TODO: the question in the reader\'s words (markdown).',
    'answers: []',
    '',
  ].join('\n');
  return writeNew(join(dataDir, 'questions', `${slug}.yaml`), text, `add an answer to it with answerpress new answer ${slug} --author ID, or reword the title`);
}

export async function newAnswer(dataDir: string, slug: string, author: string, date = today()): Promise<string> {
  let path = join(dataDir, 'questions', `${slug}.yaml`);
  if (!(await exists(path))) path = join(dataDir, 'questions', `${slug}.yml`);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`no question ${slug}: there is no file questions/${slug}.yaml${didYouMean(slug, await idsIn(join(dataDir, 'questions')))}`);
  }
  const experts = await idsIn(join(dataDir, 'experts'));
  if (!experts.includes(author)) {
    throw new UsageError(`unknown expert "${author}": ${unknownChoice(author, experts, 'experts in experts/')}\nAdd a new expert with answerpress new expert ID first.`);
  }
  const answer = [
    `  - author: ${author}`,
    `    date: ${date}`,
    '    title: "TODO: a one-line headline, or delete this line"',
    '    body: |',
    '      TODO: the answer (markdown).',
    '',
  ].join('\n');
  const lines = source.replace(/\n*$/, '').split('\n');
  let at = lines.findIndex((line) => /^answers:/.test(line));
  if (at === -1) {
    lines.push('answers:');
    at = lines.length - 1;
  } else {
    lines[at] = 'answers:';
  }
  // The new answer goes last in the list: before the next top-level key, if any.
  let end = at + 1;
  while (end < lines.length && !/^[^\s#-]/.test(lines[end] ?? '')) end += 1;
  lines.splice(end, 0, ...answer.replace(/\n$/, '').split('\n'));
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

export async function newExpert(dataDir: string, id: string): Promise<string> {
  if (!ID_PATTERN.test(id)) throw new UsageError(`"${id}" is not a valid expert id: use lowercase letters, digits and single hyphens`);
  const text = [
    'name: "TODO: Full Name"',
    'credentials: ["TODO: e.g. MD, or delete this line"]',
    'specialty: "TODO: e.g. Neurologist"',
    'location:',
    '  city: "TODO: city"',
    '  region: "TODO: state or province, or delete this line"',
    'bio: |',
    '  TODO: a few sentences about the expert (markdown), or delete this field.',
    '',
  ].join('\n');
  return writeNew(join(dataDir, 'experts', `${id}.yaml`), text, 'choose another id');
}

/** The topic ids in the data folder's topics.yaml (or .yml). */
async function topicIds(dataDir: string): Promise<string[]> {
  for (const name of ['topics.yaml', 'topics.yml']) {
    let text: string;
    try {
      text = await readFile(join(dataDir, name), 'utf8');
    } catch {
      continue;
    }
    const parsed = parseYaml(text);
    if (!parsed.ok) throw new UsageError(`${join(dataDir, name)}:${parsed.position.line}:${parsed.position.col}: ${parsed.message}`);
    const value = parsed.value;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  }
  throw new UsageError(`there is no ${join(dataDir, 'topics.yaml')}: a question's topics must be defined there (answerpress init writes one; pass --data DIR for another data folder)`);
}

/** The ids of the YAML files in a folder, none when it is missing. */
async function idsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => ['.yaml', '.yml'].includes(extname(name))).map((name) => name.slice(0, -extname(name).length)).sort();
}
