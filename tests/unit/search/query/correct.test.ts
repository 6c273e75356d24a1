import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance, extendsTo, nearestWord, typoCost, type VocabularyEntry } from '../../../../src/search/query/correct.js';

describe('editDistance', () => {
  it.each([
    ['rhinoplsty', 'rhinoplasty', 1],
    ['sweling', 'swelling', 1],
    ['teh', 'the', 1],
    ['botoks', 'botox', 2],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s to %s is %i', (a, b, distance) => {
    expect(editDistance(a, b, 5)).toBe(distance);
  });

  it('stops at max + 1', () => {
    expect(editDistance('restylane', 'rhinoplasty', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('allowedEdits', () => {
  it.each([
    [2, 0],
    [3, 1],
    [5, 1],
    [6, 2],
    [12, 2],
  ])('a word of %i letters may be %i edits off', (length, edits) => {
    expect(allowedEdits(length)).toBe(edits);
  });
});

describe('typoCost', () => {
  it('costs less for letters that sound alike and doubled letters', () => {
    expect(typoCost('peal', 'peel')).toBe(0.5);
    expect(typoCost('sweling', 'swelling')).toBe(0.5);
    expect(typoCost('botoks', 'botox')).toBeLessThan(typoCost('botoks', 'book'));
  });
});

describe('nearestWord', () => {
  const vocabulary: VocabularyEntry[] = [
    ['b', 40],
    ['book', 30],
    ['botox', 12],
    ['rhinoplasty', 9],
    ['peel', 4],
    ['pearl', 9],
    ['swelling', 7],
    ['swallowing', 3],
    ['cat', 2],
    ['car', 5],
  ];

  it.each([
    ['rhinoplsty', 'rhinoplasty'],
    ['botoks', 'botox'],
    ['sweling', 'swelling'],
    ['peal', 'peel'],
  ])('corrects %s to %s', (typo, word) => {
    expect(nearestWord(typo, vocabulary)).toBe(word);
  });

  it('breaks a tie by the pages a word is on', () => {
    expect(nearestWord('caz', vocabulary)).toBe('car');
  });

  it('never picks an unrelated shorter word such as an initial', () => {
    expect(nearestWord('bxqzv', vocabulary)).toBeNull();
  });

  it('leaves a known word and a short one alone', () => {
    expect(nearestWord('botox', vocabulary)).toBeNull();
    expect(nearestWord('bx', vocabulary)).toBeNull();
  });
});

describe('extendsTo', () => {
  it('tells a word still being typed', () => {
    expect(extendsTo('rhino', [['rhinoplasty', 1]])).toBe(true);
    expect(extendsTo('rhinoplasty', [['rhinoplasty', 1]])).toBe(false);
  });
});
