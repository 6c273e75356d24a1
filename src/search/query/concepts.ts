/**
 * A query as the things a reader asks about: each concept is one word, or a run of words that a
 * synonym group names ("nose job"), with every way of saying it that the group lists. Stop
 * words outside a synonym are dropped, unless nothing else is left.
 */
import { queryWords } from './words.js';

export interface Concept {
  /** The words the reader typed for it. */
  words: string[];
  /** Ways of saying it, each a list of words that must all be on a page; the first is the reader's. */
  alternatives: string[][];
  /** Whether the reader's words came from a synonym group. */
  fromSynonyms: boolean;
}

/** Synonym groups as lists of terms, each term a list of words. */
export type SynonymTable = readonly (readonly (readonly string[])[])[];

/** `synonyms` (terms as written, lowercased, words split by spaces) as lists of words. */
export function synonymTable(groups: readonly (readonly string[])[], language = 'en'): SynonymTable {
  return groups.map((group) => group.map((term) => queryWords(term, language)).filter((words) => words.length > 0));
}

/** The concepts of `words`: the longest synonym term at each position wins. */
export function conceptsOf(words: readonly string[], table: SynonymTable, stopWords: ReadonlySet<string>): Concept[] {
  const concepts: Concept[] = [];
  for (let at = 0; at < words.length; ) {
    let match: { length: number; group: readonly (readonly string[])[] } | null = null;
    for (const group of table) {
      for (const term of group) {
        if (term.length <= (match?.length ?? 0) || at + term.length > words.length) continue;
        if (term.every((word, i) => words[at + i] === word)) match = { length: term.length, group };
      }
    }
    if (match) {
      const typed = words.slice(at, at + match.length);
      concepts.push({ words: typed, alternatives: withFirst(typed, match.group), fromSynonyms: true });
      at += match.length;
    } else {
      const word = words[at] as string;
      concepts.push({ words: [word], alternatives: [[word]], fromSynonyms: false });
      at += 1;
    }
  }
  const content = concepts.filter((concept) => concept.fromSynonyms || !stopWords.has(concept.words[0] as string));
  return dedupe(content.length > 0 ? content : concepts);
}

/** The alternatives of a single word, as its synonym group gives them (itself first). */
export function alternativesOf(word: string, table: SynonymTable): string[][] {
  const group = table.find((terms) => terms.some((term) => term.length === 1 && term[0] === word));
  return group ? withFirst([word], group) : [[word]];
}

function withFirst(typed: readonly string[], group: readonly (readonly string[])[]): string[][] {
  const key = typed.join(' ');
  return [[...typed], ...group.filter((term) => term.join(' ') !== key).map((term) => [...term])];
}

/** A concept typed twice counts once. */
function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((concept) => {
    const key = concept.words.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
