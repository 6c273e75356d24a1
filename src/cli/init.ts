/**
 * `answerpress init [DIR]`: a content repository that builds as it is. It holds a package.json
 * that depends on answerpress, a data folder with a working example (the site, one topic, one
 * expert, one question with an answer), a .gitignore for the build's output and caches, a GitHub
 * Actions workflow and editor settings that check the YAML against the JSON Schemas as it is typed.
 *
 * A file that exists is never replaced without `force`; package.json and .gitignore are only
 * ever added to.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors/UsageError.js';
import { today } from './scaffold.js';
import { workflow } from './workflow.js';

export interface InitOptions {
  /** The repository's folder, made if missing. */
  root: string;
  /** The data folder, relative to `root`. */
  dataDir: string;
  /** The site's own layouts folder, relative to `root`, if any. */
  layoutsDir?: string;
  /** Replace files that exist (package.json and .gitignore are still only added to). */
  force?: boolean;
  /** The version of answerpress to depend on. */
  version: string;
  /** Runners the workflow builds the site on, in parts merged after; 1 builds it on one. Default: 1. */
  shards?: number;
  /** The example's dates. Default: today. */
  date?: string;
}

/** What `init` did to each file, by path relative to `root`. */
export interface InitReport {
  written: string[];
  updated: string[];
  kept: string[];
  /** Whether answerpress is installed in the repository's node_modules. */
  installed: boolean;
}

/** The lines the build's output and caches need in .gitignore. */
export const IGNORED = ['node_modules/', '_site/', '.answerpress-*'];

const SCRIPTS: Record<string, string> = {
  start: 'answerpress serve',
  build: 'answerpress build',
  validate: 'answerpress validate',
};

export async function init(options: InitOptions): Promise<InitReport> {
  const root = resolve(options.root);
  const report: InitReport = { written: [], updated: [], kept: [], installed: await exists(join(root, 'node_modules', 'answerpress', 'package.json')) };
  await mkdir(root, { recursive: true });
  const put = async (file: string, text: string): Promise<void> => {
    const path = join(root, file);
    if (!options.force && (await exists(path))) {
      report.kept.push(file);
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    report.written.push(file);
  };

  await addPackage(root, options.version, report);
  await addIgnores(root, report);
  const data = options.dataDir.replace(/\/+$/, '');
  const hasSite = (await exists(join(root, data, 'site.yaml'))) || (await exists(join(root, data, 'site.yml')));
  if (hasSite && !options.force) {
    report.kept.push(`${data}/`);
  } else {
    const example = exampleData(options.date ?? today());
    for (const [file, text] of Object.entries(example)) await put(`${data}/${file}`, text);
  }
  await put('.github/workflows/answerpress.yml', workflow(data, options.layoutsDir, options.shards));
  await addEditorSettings(root, data, options.force ?? false, report);
  return report;
}

/** Adds answerpress as a dependency, and the scripts it does not have, to package.json (made if missing). */
async function addPackage(root: string, version: string, report: InitReport): Promise<void> {
  const path = join(root, 'package.json');
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    const name = basename(root).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-._]+|-+$/g, '') || 'answers';
    const pkg = { name, version: '1.0.0', private: true, scripts: SCRIPTS, dependencies: { answerpress: `^${version}` } };
    await writeFile(path, `${JSON.stringify(pkg, null, 2)}\n`);
    report.written.push('package.json');
    return;
  }
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`package.json is not valid JSON (${(error as Error).message}): fix it, then run answerpress init again`);
  }
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) throw new UsageError('package.json does not hold an object: fix it, then run answerpress init again');
  let changed = false;
  const deps = record(pkg.dependencies);
  if (!('answerpress' in deps) && !('answerpress' in record(pkg.devDependencies))) {
    pkg.dependencies = { ...deps, answerpress: `^${version}` };
    changed = true;
  }
  const scripts = record(pkg.scripts);
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (!(name in scripts)) {
      scripts[name] = command;
      changed = true;
    }
  }
  pkg.scripts = scripts;
  if (!changed) {
    report.kept.push('package.json');
    return;
  }
  const indent = /^\{\n([ \t]+)"/.exec(text)?.[1] ?? 2;
  await writeFile(path, `${JSON.stringify(pkg, null, indent)}\n`);
  report.updated.push('package.json');
}

/** Adds the lines of `IGNORED` that .gitignore lacks (made if missing). */
async function addIgnores(root: string, report: InitReport): Promise<void> {
  const path = join(root, '.gitignore');
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const present = new Set((text ?? '').split(/\r?\n/).map((line) => line.trim()));
  const missing = IGNORED.filter((line) => !present.has(line) && !present.has(line.replace(/\/$/, '')) && !present.has(`/${line}`));
  if (missing.length === 0) {
    report.kept.push('.gitignore');
    return;
  }
  const block = `# answerpress: the built site, the copy the next build starts from, the build cache\n${missing.join('\n')}\n`;
  await writeFile(path, text === undefined ? block : `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${block}`);
  (text === undefined ? report.written : report.updated).push('.gitignore');
}

/**
 * Points the YAML extension of VS Code (and editors that read its settings) at the JSON Schemas,
 * so mistakes are underlined as they are typed. An existing settings file is added to when it
 * is plain JSON and has no `yaml.schemas` yet.
 * https://github.com/redhat-developer/vscode-yaml#associating-schemas
 */
async function addEditorSettings(root: string, data: string, force: boolean, report: InitReport): Promise<void> {
  const file = '.vscode/settings.json';
  const path = join(root, file);
  const schemas = editorSchemas(data);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  let settings: Record<string, unknown> = {};
  if (text !== undefined && !force) {
    try {
      settings = record(JSON.parse(text));
    } catch {
      report.kept.push(file);
      return;
    }
    if ('yaml.schemas' in settings) {
      report.kept.push(file);
      return;
    }
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ ...settings, 'yaml.schemas': schemas }, null, 2)}\n`);
  (text === undefined || force ? report.written : report.updated).push(file);
}

/** `yaml.schemas`: each schema of the package, and the data files it describes. */
export function editorSchemas(data: string): Record<string, string[]> {
  const schema = (name: string) => `./node_modules/answerpress/schema/${name}.schema.json`;
  const both = (path: string) => [`${path}.yaml`, `${path}.yml`];
  return {
    [schema('site')]: both(`${data}/site`),
    [schema('topics')]: both(`${data}/topics`),
    [schema('expert')]: both(`${data}/experts/*`),
    [schema('question')]: both(`${data}/questions/*`),
    [schema('synonyms')]: both(`${data}/synonyms`),
  };
}

/** The example: every file a site needs, and one of each kind of record, as a model to copy. */
export function exampleData(date: string): Record<string, string> {
  return {
    'site.yaml': `# The site: its name, the address it is published at, and what every question page says.
title: Ask an Expert
# The published address: links, the sitemap and the feed use it. For GitHub Pages it is
# https://OWNER.github.io/REPOSITORY/ (or your own domain).
url: https://example.com/
language: en
description: Plain answers to common questions, from people who know the subject.
disclaimer: |
  The answers here are general information, not advice for your own situation.
`,
    'topics.yaml': `# Topic id (used in questions' topics: lists) -> its name and a description.
getting-started:
  name: Getting started
  description: How this site works and how to add to it.
`,
    'experts/sam-example.yaml': `# One expert: the file name is the id that answers name as their author.
name: Sam Example
credentials: [Editor]
specialty: Site editing
location:
  city: Springfield
  country: United States
bio: A made-up expert who shows what an expert's file holds. Replace them with your own.
`,
    'questions/how-do-i-add-a-question.yaml': `# One question and its answers: the file name is the question's address (its slug).
title: How do I add a question to this site?
asked: ${date}
topics: [getting-started]
body: |
  I have a question and an expert's answer to publish. Which file do I write?
answers:
  - author: sam-example
    date: ${date}
    title: One file per question
    body: |
      Run \`npx answerpress new question "Your question?" --topic getting-started\`,
      then \`npx answerpress new answer SLUG --author sam-example\`, fill in what they
      mark TODO, and run \`npx answerpress validate\`. When it passes, commit the file:
      the site is rebuilt and published.
`,
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}
