/**
 * The site's vocabulary for the search page's typo correction: every word of the indexed pages'
 * text with the number of pages it is on, split into one small file per first letter
 * (`query/words.ts`), so that correcting one word loads one file. The files are published under
 * `pagefind/vocabulary/` with content-hashed names (the service worker keeps them like the
 * index); the search page reads their names from its configuration, where the build writes
 * them in place of `VOCABULARY_TOKEN` once they are known. It is made while the search shards
 * are indexed and merged in other threads, when this one would wait.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteModel } from '../model/types.js';
import { stampSearchPages } from './index/indexSite.js';
import { MIN_CORRECTED_LENGTH, vocabularyKey } from './query/words.js';
import { WordCounter } from './wordCounter.js';

/** Longer words are not typed into a search box: they are left out of the vocabulary. */
const MAX_LENGTH = 40;
export const VOCABULARY_FOLDER = 'vocabulary';
/** Rendered into the search page's configuration as a JSON string, replaced by the files' names. */
export const VOCABULARY_TOKEN = '__ANSWERPRESS_VOCABULARY__';

export interface Vocabulary {
  /** Key (`vocabularyKey`) → published file name. */
  names: Record<string, string>;
  /** Published file name → its JSON: `[[word, pages], …]` in code-point order. */
  files: Map<string, string>;
}

/** The text of each page the search indexes: question pages with their answers' bylines, and expert profiles. */
function* indexedTexts(model: SiteModel): Generator<string[]> {
  for (const question of model.questions) {
    const texts = [question.title, question.bodyText, ...question.topics.map((topic) => topic.name)];
    for (const answer of question.answers) {
      const { expert } = answer;
      texts.push(answer.headline, answer.bodyText, expert.displayName, expert.specialty, expert.locationText);
    }
    yield texts;
  }
  for (const expert of model.experts) yield [expert.displayName, expert.specialty, expert.locationText, expert.bioText];
}

export function siteVocabulary(model: SiteModel): Vocabulary {
  const counter = new WordCounter(model.site.language);
  for (const texts of indexedTexts(model)) counter.addPage(texts);
  return vocabularyFiles(counter.entries());
}

/** The vocabulary's files for words with the number of pages each is on. */
export function vocabularyFiles(pages: Iterable<[string, number]>): Vocabulary {
  const byKey = new Map<string, [string, number][]>();
  for (const [word, count] of pages) {
    const length = word.length;
    if (length < MIN_CORRECTED_LENGTH || length > MAX_LENGTH || /^\d+$/.test(word)) continue;
    const key = vocabularyKey(word);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push([word, count]);
  }
  const names: Record<string, string> = {};
  const files = new Map<string, string>();
  for (const key of [...byKey.keys()].sort()) {
    const entries = (byKey.get(key) as [string, number][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const json = JSON.stringify(entries);
    const name = `${key}.${createHash('sha256').update(json).digest('hex').slice(0, 12)}.json`;
    names[key] = name;
    files.set(name, json);
  }
  return { names, files };
}

/**
 * Writes the vocabulary's files into `siteDir/pagefind/vocabulary/`, replacing what was there,
 * and their names into the search page.
 */
export async function publishVocabulary(siteDir: string, vocabulary: Vocabulary): Promise<void> {
  const dir = join(siteDir, 'pagefind', VOCABULARY_FOLDER);
  // An incremental build's folder holds links to the last output's files: they are removed, never written through.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await Promise.all([...vocabulary.files].map(([name, json]) => writeFile(join(dir, name), json)));
  await stampSearchPages(siteDir, { [`"${VOCABULARY_TOKEN}"`]: JSON.stringify(vocabulary.names) });
}
