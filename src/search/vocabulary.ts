/**
 * The site's vocabulary for the search page's typo correction: every word of the indexed pages'
 * text with the number of pages it is on, split into one small file per first letter
 * (`query/words.ts`), so that correcting one word loads one file. The files are published under
 * `pagefind/vocabulary/` with content-hashed names (the service worker keeps them like the
 * index); the search page reads their names from its configuration, where the build writes
 * them in place of `VOCABULARY_TOKEN` once they are known. It is made while the search shards
 * are indexed and merged in other threads, when this one would wait.
 *
 * The counts are kept between builds beside the shards' indexes, each shard's and the site's
 * (`siteWordCounts`): a build counts the words of the shards whose key changed, and moves the
 * site's counts by the difference.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteModel } from '../model/types.js';
import { replaceFile } from '../output/replaceFile.js';
import type { Shard } from './index/shards.js';
import { wordsFile } from './index/shardStore.js';
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

/** The text the search indexes of a question page: the question, its topics, its answers and their bylines. */
function questionTexts(question: SiteModel['questions'][number]): string[] {
  const texts = [question.title, question.bodyText, ...question.topics.map((topic) => topic.name)];
  for (const answer of question.answers) {
    const { expert } = answer;
    texts.push(answer.headline, answer.bodyText, expert.displayName, expert.specialty, expert.locationText);
  }
  return texts;
}

/** The text the search indexes of an expert's profile. */
function expertTexts(expert: SiteModel['experts'][number]): string[] {
  return [expert.displayName, expert.specialty, expert.locationText, expert.bioText];
}

/** The text of each page of one shard. */
function* shardTexts(shard: Shard, lookup: ModelLookup): Generator<string[]> {
  for (const slug of shard.questions) {
    const question = lookup.questions.get(slug);
    if (!question) throw new Error(`search shard ${shard.id} names a question the model does not have: ${slug}`);
    yield questionTexts(question);
  }
  for (const id of shard.experts) {
    const expert = lookup.experts.get(id);
    if (!expert) throw new Error(`search shard ${shard.id} names an expert the model does not have: ${id}`);
    yield expertTexts(expert);
  }
}

interface ModelLookup {
  questions: Map<string, SiteModel['questions'][number]>;
  experts: Map<string, SiteModel['experts'][number]>;
}

/** Whether a word goes into the vocabulary: long enough to correct, short enough to be typed, not a number. */
function kept(word: string): boolean {
  return word.length >= MIN_CORRECTED_LENGTH && word.length <= MAX_LENGTH && !/^\d+$/.test(word);
}

/** The pages each kept word is on. */
export type WordCounts = Map<string, number>;

/** The site's word counts, and those of the shards counted to make them (by shard key), to store. */
export interface SiteWordCounts {
  site: WordCounts;
  counted: Map<string, WordCounts>;
}

/** The word counts of one shard's pages. */
export function shardWordCounts(model: SiteModel, shard: Shard, lookup: ModelLookup = modelLookup(model)): WordCounts {
  const counter = new WordCounter(model.site.language);
  for (const texts of shardTexts(shard, lookup)) counter.addPage(texts);
  const counts: WordCounts = new Map();
  for (const [word, pages] of counter.entries()) if (kept(word)) counts.set(word, pages);
  return counts;
}

function modelLookup(model: SiteModel): ModelLookup {
  return { questions: new Map(model.questions.map((q) => [q.slug, q])), experts: new Map(model.experts.map((e) => [e.id, e])) };
}

export interface VocabularyStore {
  dir: string;
  /** Shard keys by id: this build's, and the last build's with its version when there was one. */
  keys: readonly string[];
  previous: { keys: readonly string[]; version: string } | null;
}

/**
 * The site's word counts, worked out in proportion to the change: from the last build's counts,
 * less those of each shard whose key changed as it was, plus those of the shard now. A shard's
 * counts come from the store when its key is there, and are counted from the model (and stored)
 * otherwise. With no usable record of the last build, every shard's counts are summed.
 */
export async function siteWordCounts(model: SiteModel, shards: readonly Shard[], store: VocabularyStore): Promise<SiteWordCounts> {
  const lookup = modelLookup(model);
  const counted = new Map<string, WordCounts>();
  const countsOf = async (shard: Shard): Promise<WordCounts> => {
    const key = store.keys[shard.id] as string;
    const stored = await readCounts(join(store.dir, wordsFile.shard(key)));
    if (stored) return stored;
    const counts = shardWordCounts(model, shard, lookup);
    counted.set(key, counts);
    return counts;
  };
  const previous = store.previous;
  const base = previous && previous.keys.length === shards.length ? await readCounts(join(store.dir, wordsFile.site(previous.version))) : null;
  if (base && previous) {
    const changed = shards.filter((shard) => previous.keys[shard.id] !== store.keys[shard.id]);
    const before = await Promise.all(changed.map((shard) => readCounts(join(store.dir, wordsFile.shard(previous.keys[shard.id] as string)))));
    if (before.every((counts) => counts !== null)) {
      for (const counts of before) add(base, counts as WordCounts, -1);
      for (const shard of changed) add(base, await countsOf(shard), 1);
      return { site: base, counted };
    }
  }
  const site: WordCounts = new Map();
  for (const shard of shards) add(site, await countsOf(shard), 1);
  return { site, counted };
}

function add(total: WordCounts, counts: WordCounts, sign: 1 | -1): void {
  for (const [word, pages] of counts) {
    const sum = (total.get(word) ?? 0) + sign * pages;
    if (sum > 0) total.set(word, sum);
    else total.delete(word);
  }
}

/** Stores the shards' counts made by this build and the site's, for the next build. */
export async function storeWordCounts(dir: string, version: string, counts: SiteWordCounts): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([...counts.counted].map(([key, shard]) => replaceFile(join(dir, wordsFile.shard(key)), encodeCounts(shard))));
  await replaceFile(join(dir, wordsFile.site(version)), encodeCounts(counts.site));
}

function encodeCounts(counts: WordCounts): string {
  return JSON.stringify({ words: [...counts.keys()], pages: [...counts.values()] });
}

/** Writes word counts to `file`, for `readCounts`. */
export async function writeCounts(file: string, counts: WordCounts): Promise<void> {
  await replaceFile(file, encodeCounts(counts));
}

/** Word counts that `writeCounts` wrote, summed (a site built in parts has a file per part), or the first file that is missing or unreadable. */
export async function sumCounts(files: readonly string[]): Promise<{ counts: WordCounts } | { unreadable: string }> {
  const total: WordCounts = new Map();
  for (const file of files) {
    const counts = await readCounts(file);
    if (!counts) return { unreadable: file };
    add(total, counts, 1);
  }
  return { counts: total };
}

/** Word counts that `writeCounts` wrote, or null when the file is missing or not such counts. */
async function readCounts(file: string): Promise<WordCounts | null> {
  try {
    const { words, pages } = JSON.parse(await readFile(file, 'utf8')) as { words?: unknown; pages?: unknown };
    if (!Array.isArray(words) || !Array.isArray(pages) || words.length !== pages.length) return null;
    const counts: WordCounts = new Map();
    for (const [i, word] of words.entries()) {
      const count = pages[i] as unknown;
      if (typeof word !== 'string' || typeof count !== 'number' || !(count > 0)) return null;
      counts.set(word, count);
    }
    return counts;
  } catch {
    return null;
  }
}

/** The vocabulary's files for words with the number of pages each is on. */
export function vocabularyFiles(pages: Iterable<[string, number]>): Vocabulary {
  const byKey = new Map<string, [string, number][]>();
  for (const [word, count] of pages) {
    if (!kept(word)) continue;
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
