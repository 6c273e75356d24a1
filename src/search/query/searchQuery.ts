/**
 * The search page's query layer over Pagefind's JS API (https://pagefind.app/docs/api/).
 * Pagefind alone finds only pages holding every word, drops a word it does not hold without a
 * word, and matches an unknown word to the longest indexed word it starts with (an initial "b"
 * for "botoks"). Here a query is cut into concepts (words, or synonym terms), stop words are
 * dropped, each word is checked against the index with an exact search, and a word the index
 * does not hold is corrected against the site's vocabulary, loaded only then. Pages holding
 * every concept come first; when they are fewer than a handful, pages holding most of them
 * follow, by how many they hold, then by Pagefind's score, each with the concepts it lacks.
 */
import { alternativesOf, conceptsOf, type Concept, type SynonymTable } from './concepts.js';
import { extendsTo, nearestWord, type VocabularyEntry } from './correct.js';
import { stopWordsOf } from './stopWords.js';
import { MIN_CORRECTED_LENGTH, queryWords, vocabularyKey } from './words.js';

export type Filters = Record<string, string[]>;
export type FilterCounts = Record<string, Record<string, number>>;

/** One of Pagefind's results: `data()` loads its fragment. */
export interface EngineResult {
  id: string;
  score: number;
  data: () => Promise<unknown>;
}

export interface EngineResponse {
  results: EngineResult[];
  filters?: FilterCounts;
}

/** What the layer needs of a Pagefind instance. */
export interface Engine {
  search(term: string | null, options: { filters: Filters }): Promise<EngineResponse | null>;
}

export interface QueryOptions {
  language: string;
  synonyms: SynonymTable;
  filters: Filters;
  /** The vocabulary entries whose words have this key (`vocabularyKey`); none when the site has no such file. */
  vocabulary: (key: string) => Promise<readonly VocabularyEntry[]>;
  /** Search the words as typed, correcting none ("search instead for"). */
  verbatim?: boolean;
  /** Below this many pages with every concept, pages with most of them follow. Default 5. */
  handful?: number;
}

export interface RankedResult {
  result: EngineResult;
  /** The concepts (as searched) that this page does not hold. */
  missing: string[];
}

export interface QueryOutcome {
  results: RankedResult[];
  /** Words the index does not hold, each replaced by the nearest word that it does. */
  corrections: { from: string; to: string }[];
  /** Words the index does not hold and that nothing near replaces: not searched. */
  unknown: string[];
  /** The query as searched: the typed concepts, corrections applied. */
  searched: string;
  /** Counts for the filters' values: those of the pages holding every concept, else of the concept with most pages. */
  filters: FilterCounts | undefined;
}

const DEFAULT_HANDFUL = 5;

/** A concept as it will be searched: the ways of saying it that the index holds. */
interface Resolved {
  label: string;
  alternatives: string[][];
}

export async function searchQuery(engine: Engine, text: string, options: QueryOptions): Promise<QueryOutcome | null> {
  const words = queryWords(text, options.language);
  if (words.length === 0) {
    const response = await engine.search(null, { filters: options.filters });
    if (!response) return null;
    return { results: response.results.map((result) => ({ result, missing: [] })), corrections: [], unknown: [], searched: '', filters: response.filters };
  }
  const known = new Map<string, Promise<boolean>>();
  const holds = (word: string) => {
    let answer = known.get(word);
    if (!answer) {
      // A quoted word is Pagefind's exact search: the word's stem itself, no longer or shorter word.
      answer = engine.search(`"${word}"`, { filters: {} }).then((response) => (response?.results.length ?? 0) > 0);
      known.set(word, answer);
    }
    return answer;
  };
  const concepts = conceptsOf(words, options.synonyms, stopWordsOf(options.language));
  // In the order the concepts were typed.
  const resolved = await Promise.all(concepts.map((concept) => resolve(concept, holds, options)));
  const searched = resolved.flatMap(({ concept }) => (concept ? [concept] : []));
  const summary = {
    corrections: resolved.flatMap(({ correction }) => (correction ? [correction] : [])),
    unknown: resolved.flatMap(({ unknown }) => (unknown ? [unknown] : [])),
    searched: searched.map((concept) => concept.label).join(' '),
  };
  if (searched.length === 0) return { results: [], filters: undefined, ...summary };
  return { ...(await rank(engine, searched, options)), ...summary };
}

/** A concept as searched, with the typo corrected in it, or the words no page holds. */
interface Resolution {
  concept?: Resolved;
  correction?: { from: string; to: string };
  unknown?: string;
}

/** The ways of saying `concept` that the index holds, a typo corrected; none when the index holds no way. */
async function resolve(concept: Concept, holds: (word: string) => Promise<boolean>, options: QueryOptions): Promise<Resolution> {
  const label = concept.words.join(' ');
  const held = await heldAlternatives(concept.alternatives, holds);
  if (held.length > 0) return { concept: { label, alternatives: held } };
  const [word] = concept.words;
  if (concept.words.length !== 1 || word === undefined) return { unknown: label };
  const vocabulary = [...word].length >= MIN_CORRECTED_LENGTH ? await options.vocabulary(vocabularyKey(word)) : [];
  // A word some longer word starts with is being typed: Pagefind finds the longer words.
  if (extendsTo(word, vocabulary)) return { concept: { label, alternatives: [[word]] } };
  const nearest = options.verbatim ? null : nearestWord(word, vocabulary);
  if (nearest === null) return { unknown: word };
  const alternatives = await heldAlternatives(alternativesOf(nearest, options.synonyms), holds);
  return { concept: { label: nearest, alternatives: alternatives.length > 0 ? alternatives : [[nearest]] }, correction: { from: word, to: nearest } };
}

async function heldAlternatives(alternatives: readonly string[][], holds: (word: string) => Promise<boolean>): Promise<string[][]> {
  const checked = await Promise.all(alternatives.map(async (words) => ((await Promise.all(words.map(holds))).every(Boolean) ? words : null)));
  return checked.filter((words): words is string[] => words !== null);
}

interface Page {
  result: EngineResult;
  held: boolean[];
  count: number;
  score: number;
}

async function rank(engine: Engine, concepts: readonly Resolved[], options: QueryOptions): Promise<Pick<QueryOutcome, 'results' | 'filters'>> {
  const filters = { filters: options.filters };
  const perConcept = await Promise.all(
    concepts.map(async (concept) => {
      const responses = await Promise.all(concept.alternatives.map((words) => engine.search(words.join(' '), filters)));
      const best = new Map<string, EngineResult>();
      let counts: FilterCounts | undefined;
      let most = -1;
      for (const response of responses) {
        if (!response) continue;
        if (response.results.length > most) {
          most = response.results.length;
          counts = response.filters;
        }
        for (const result of response.results) {
          const seen = best.get(result.id);
          if (!seen || result.score > seen.score) best.set(result.id, result);
        }
      }
      return { best, counts, size: best.size };
    }),
  );
  const pages = new Map<string, Page>();
  perConcept.forEach(({ best }, index) => {
    for (const [id, result] of best) {
      let page = pages.get(id);
      if (!page) {
        page = { result, held: new Array<boolean>(concepts.length).fill(false), count: 0, score: 0 };
        pages.set(id, page);
      }
      page.held[index] = true;
      page.count += 1;
      page.score += result.score;
      if (result.score > page.result.score) page.result = result;
    }
  });
  const byScore = (a: Page, b: Page) => b.score - a.score || (a.result.id < b.result.id ? -1 : a.result.id > b.result.id ? 1 : 0);
  let all = [...pages.values()].filter((page) => page.count === concepts.length).sort(byScore);
  let counts: FilterCounts | undefined;
  // With one way of saying each concept, Pagefind ranks the pages holding them all itself.
  if (concepts.length > 1 && all.length > 0 && concepts.every((concept) => concept.alternatives.length === 1)) {
    const together = await engine.search(concepts.map((concept) => (concept.alternatives[0] as string[]).join(' ')).join(' '), filters);
    if (together) {
      const ranked = new Map(together.results.map((result, at) => [result.id, { result, at }]));
      all = all.filter((page) => ranked.has(page.result.id));
      all.sort((a, b) => (ranked.get(a.result.id)?.at ?? 0) - (ranked.get(b.result.id)?.at ?? 0));
      for (const page of all) page.result = ranked.get(page.result.id)?.result ?? page.result;
      counts = together.filters;
    }
  }
  if (concepts.length === 1) counts = perConcept[0]?.counts;
  // Otherwise the nearest Pagefind gives: the rarest concept's when some page holds every one, the commonest's when none does.
  counts ??= [...perConcept].sort((a, b) => (all.length > 0 ? a.size - b.size : b.size - a.size))[0]?.counts;
  const handful = options.handful ?? DEFAULT_HANDFUL;
  let partial: Page[] = [];
  if (all.length < handful && concepts.length > 1) {
    const rest = [...pages.values()].filter((page) => page.count < concepts.length).sort((a, b) => b.count - a.count || byScore(a, b));
    // "Most of the words": half of them, or any when no page holds that many.
    const most = Math.ceil(concepts.length / 2);
    partial = rest.filter((page) => page.count >= most);
    if (partial.length === 0 && all.length === 0) partial = rest;
  }
  const results = [...all, ...partial].map((page) => ({
    result: page.result,
    missing: concepts.filter((_, index) => !page.held[index]).map((concept) => concept.label),
  }));
  return { results, filters: counts };
}
