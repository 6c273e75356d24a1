import { describe, expect, it } from 'vitest';
import { queryWords, vocabularyKey } from '../../../../src/search/query/words.js';

describe('queryWords', () => {
  it.each([
    ['How long until SWELLING goes down?', ['how', 'long', 'until', 'swelling', 'goes', 'down']],
    ["Why doesn't my under-eye filler look right", ['why', 'doesnt', 'my', 'under', 'eye', 'filler', 'look', 'right']],
    ['Dr. O’Connor, Toronto', ['dr', 'oconnor', 'toronto']],
    ['  ', []],
    ['Ästhetik für Ärzte', ['ästhetik', 'für', 'ärzte']],
  ])('cuts %j into %j', (text, words) => {
    expect(queryWords(text)).toEqual(words);
  });

  it('lowercases in the site language', () => {
    expect(queryWords('İSTANBUL', 'tr')).toEqual(['istanbul']);
  });
});

describe('vocabularyKey', () => {
  it.each([
    ['rhinoplasty', 'r'],
    ['3am', '3'],
    ['élan', 'ue9'],
    ['ästhetik', 'ue4'],
  ])('files %s under %s', (word, key) => {
    expect(vocabularyKey(word)).toBe(key);
  });
});
