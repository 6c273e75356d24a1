import { describe, expect, it } from 'vitest';
import { alternativesOf, conceptsOf, synonymTable } from '../../../../src/search/query/concepts.js';
import { stopWordsOf } from '../../../../src/search/query/stopWords.js';
import { queryWords } from '../../../../src/search/query/words.js';

const table = synonymTable([['rhinoplasty', 'nose job', 'nose surgery'], ['swelling', 'swollen'], ['under eye', 'tear trough']]);
const en = stopWordsOf('en');
const concepts = (text: string) => conceptsOf(queryWords(text), table, en).map((c) => ({ words: c.words.join(' '), alternatives: c.alternatives.map((a) => a.join(' ')) }));

describe('conceptsOf', () => {
  it('drops stop words and finds synonym terms of several words', () => {
    expect(concepts('how long until the swelling goes down after a nose job')).toEqual([
      { words: 'long', alternatives: ['long'] },
      { words: 'swelling', alternatives: ['swelling', 'swollen'] },
      { words: 'goes', alternatives: ['goes'] },
      { words: 'nose job', alternatives: ['nose job', 'rhinoplasty', 'nose surgery'] },
    ]);
  });

  it('keeps a synonym term that holds a stop word', () => {
    expect(concepts('why does my under eye filler look blue').map((c) => c.words)).toEqual(['under eye', 'filler', 'look', 'blue']);
  });

  it('keeps the stop words of a query that is nothing else', () => {
    expect(concepts('how to').map((c) => c.words)).toEqual(['how', 'to']);
  });

  it('counts a word typed twice once', () => {
    expect(concepts('botox botox').map((c) => c.words)).toEqual(['botox']);
  });
});

describe('alternativesOf', () => {
  it('gives a corrected word its synonyms', () => {
    expect(alternativesOf('swollen', table)).toEqual([['swollen'], ['swelling']]);
    expect(alternativesOf('filler', table)).toEqual([['filler']]);
  });
});

describe('stopWordsOf', () => {
  it('has lists for the shipped languages and none for others', () => {
    for (const language of ['en', 'es', 'fr', 'de', 'pt-BR']) expect(stopWordsOf(language).size).toBeGreaterThan(30);
    expect(stopWordsOf('ja').size).toBe(0);
  });
});
