/**
 * `answerpress new question|answer|expert` and `answerpress init`: files an editor starts from,
 * valid as written, with every required field present and the open-ended ones marked TODO.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ID_PATTERN } from '../data/schema.js';
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

async function writeNew(path: string, text: string): Promise<string> {
  if (await exists(path)) throw new UsageError(`${path} already exists: choose another name`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

export async function newQuestion(dataDir: string, title: string, topics: string[], date = today()): Promise<string> {
  const slug = slugify(title);
  if (!slug) throw new UsageError('the title needs some letters or digits to make a file name from');
  if (topics.length === 0) throw new UsageError('give at least one topic: --topic ID');
  for (const topic of topics) if (!ID_PATTERN.test(topic)) throw new UsageError(`"${topic}" is not a topic id`);
  const text = [
    `title: ${yamlText(title)}`,
    `asked: ${date}`,
    `topics: [${topics.join(', ')}]`,
    'body: |',
    '  TODO: the question in the reader\'s words (markdown).',
    'answers: []',
    '',
  ].join('\n');
  return writeNew(join(dataDir, 'questions', `${slug}.yaml`), text);
}

export async function newAnswer(dataDir: string, slug: string, author: string, date = today()): Promise<string> {
  if (!ID_PATTERN.test(author)) throw new UsageError(`"${author}" is not an expert id`);
  let path = join(dataDir, 'questions', `${slug}.yaml`);
  if (!(await exists(path))) path = join(dataDir, 'questions', `${slug}.yml`);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`no question ${slug}: there is no file questions/${slug}.yaml`);
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
    'credentials: [MD]',
    'specialty: "TODO: e.g. Neurologist"',
    'location:',
    '  city: "TODO: city"',
    '  region: "TODO: state or province, or delete this line"',
    'bio: |',
    '  TODO: a few sentences about the expert (markdown), or delete this field.',
    '',
  ].join('\n');
  return writeNew(join(dataDir, 'experts', `${id}.yaml`), text);
}

/**
 * A GitHub Actions workflow for a content repository: pull requests are validated (errors show
 * on the offending lines); pushes to main that touch data or layouts are built (incrementally,
 * from the last output and build cache kept by actions/cache) and deployed to GitHub Pages.
 * https://docs.github.com/actions/deployment/deploying-to-github-pages
 */
export function workflow(dataDir: string, layoutsDir: string | undefined): string {
  const layouts = layoutsDir ? ` --layouts ${layoutsDir}` : '';
  const setup = `      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
`;
  const paths = [`'${dataDir}/**'`, ...(layoutsDir ? [`'${layoutsDir}/**'`] : []), "'.github/workflows/answerpress.yml'"].join(', ');
  return `# Written by \`answerpress init\`.
name: answerpress

on:
  pull_request:
    paths: [${paths}]
  push:
    branches: [main]
    paths: [${paths}]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: answerpress-\${{ github.ref }}
  cancel-in-progress: true

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
${setup}      - run: npx answerpress validate --data ${dataDir} --format github

  deploy:
    if: github.event_name != 'pull_request'
    needs: validate
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
${setup}      # The last output, the one before it (hard links into it, which tar keeps) and the build
      # cache (outside node_modules, which npm ci replaces), so a commit that changes one file
      # rebuilds incrementally.
      - uses: actions/cache@v4
        with:
          path: |
            _site
            .answerpress-mirror-_site
            .answerpress-cache
          key: answerpress-\${{ github.sha }}
          restore-keys: answerpress-
      - run: npx answerpress build --data ${dataDir}${layouts} --out _site --cache .answerpress-cache
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deployment
        uses: actions/deploy-pages@v4
`;
}

export async function init(root: string, dataDir: string, layoutsDir: string | undefined): Promise<string> {
  return writeNew(join(root, '.github', 'workflows', 'answerpress.yml'), workflow(dataDir, layoutsDir));
}
