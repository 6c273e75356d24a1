/**
 * `serve`'s preview of an edit: the question pages of the question files just saved, rendered
 * from the model of the last good build with those files read again, before the build that
 * brings every other page, the search index and the offline files up to date has started. The
 * pages are held in memory and served over the built ones (`server.ts`) until a build that read
 * the same files has swapped its output in; nothing is written to the output.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFile } from '../data/checkFile.js';
import type { QuestionData } from '../data/schema.js';
import { render } from '../eleventy/render.js';
import { rebuildQuestion } from '../model/buildModel.js';
import type { Question, SiteModel } from '../model/types.js';

export interface PreviewBase {
  /** The last good build's model and published asset names. */
  model: SiteModel;
  assets: Record<string, string>;
  layoutDirs: string[];
  dataDir: string;
  /** Where Eleventy may write, in a folder of its own that is removed after. */
  scratchDir: string;
}

const YAML = /\.ya?ml$/i;

/**
 * Of the files changed in the data folder (relative to it), the question files to preview, or
 * null when a change reaches more than question pages: a YAML file elsewhere (an expert, the
 * site, the topics) or any other file the build reads, a photo or logo. Files no build reads, an
 * editor's swap and backup files among them, are left out.
 */
export function questionEdits(files: readonly string[]): string[] | null {
  const questions: string[] = [];
  for (const file of files) {
    const name = file.split('/').at(-1) ?? '';
    if (name.startsWith('.') || name.endsWith('~') || !name.includes('.')) continue;
    if (!YAML.test(name)) {
      if (/\.(swp|swx|tmp|bak)$/i.test(name)) continue;
      return null;
    }
    if (!file.startsWith('questions/')) return null;
    questions.push(file);
  }
  return questions.length > 0 ? [...new Set(questions)] : null;
}

/**
 * The pages of the edited question files `files` (relative to the data folder), by output file
 * relative to the site; null when any of them cannot be previewed: a file that is not a
 * question the last build had, that no longer reads, or that names an expert or topic the site
 * does not have. The build that follows reports what is wrong.
 */
export async function previewQuestions(base: PreviewBase, files: readonly string[]): Promise<Map<string, string> | null> {
  const { model } = base;
  const byFile = new Map(model.questions.map((question) => [question.file, question]));
  const questions: Question[] = [];
  for (const file of files) {
    const known = byFile.get(file);
    if (!known) return null;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(base.dataDir, file));
    } catch {
      return null;
    }
    const checked = checkFile(file, bytes, 'question');
    if (!checked.ok) return null;
    try {
      questions.push(rebuildQuestion(model, known.slug, file, checked.value as QuestionData));
    } catch {
      return null;
    }
  }
  if (questions.length === 0) return null;
  const edited = new Map(questions.map((question) => [question.slug, question]));
  const dir = await mkdtemp(join(base.scratchDir, 'answerpress-preview-'));
  try {
    await render(join(dir, 'site'), dir, {
      model: { ...model, questions: model.questions.map((question) => edited.get(question.slug) ?? question) },
      layoutDirs: base.layoutDirs,
      assets: base.assets,
      searchCacheTag: '',
      searchScript: '',
      only: ['question'],
      pageSet: { questions, experts: [], listings: [] },
    });
    const pages = new Map<string, string>();
    for (const question of questions) {
      const page = `${question.path}index.html`;
      pages.set(page, await readFile(join(dir, 'site', page), 'utf8'));
    }
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
