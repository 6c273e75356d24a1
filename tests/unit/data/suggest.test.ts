import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance, nearest, unknownChoice } from '../../../src/data/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['title', 'title', 0],
    ['title', 'titel', 1], // one swap of neighbours
    ['specialty', 'speciality', 1], // one insertion
    ['kitten', 'sitting', 3], // two substitutions and an insertion
    ['flaw', 'lawn', 2],
    ['abcd', 'badc', 2], // two separate swaps
    ['ca', 'abc', 3], // optimal string alignment: a swapped pair is not edited again
    ['Title', 'title', 1], // case counts here; closest() folds it
  ])('%j to %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closest', () => {
  it.each<[string, string[], string | undefined]>([
    ['titel', ['title', 'body', 'topics'], 'title'],
    ['speciality', ['name', 'specialty', 'location'], 'specialty'],
    ['Speciality', ['name', 'specialty'], 'specialty'], // case is ignored
    ['dr_elena_marsh', ['dr-elena-marsh', 'dr-marcus-bell'], 'dr-elena-marsh'], // underscores vs hyphens
    ['Bram Oduya', ['bram-oduya'], 'bram-oduya'], // spaces vs hyphens
    ['abcdef', ['abcdxy'], 'abcdxy'], // two edits in six letters: within a third
    ['abcdef', ['abcxyz'], undefined], // three edits in six letters: too far
    ['a', ['b'], 'b'], // short words still allow one edit
    ['herbs', ['vegetables', 'flowers', 'soil'], undefined],
    ['favouriteColour', ['name', 'specialty', 'location'], undefined],
    ['anything', [], undefined],
  ])('%j among %j is %j', (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });

  it('prefers the nearest candidate, and the first one on a tie', () => {
    expect(closest('abc', ['xyc', 'abd', 'xbc'])).toBe('abd');
    expect(closest('ab', ['ac', 'ad'])).toBe('ac');
  });

  it('prefers an exact match after folding over an earlier near miss', () => {
    expect(closest('Sleep_Care', ['sleep-car', 'sleep-care'])).toBe('sleep-care');
  });

  it('accepts any iterable, such as a Set', () => {
    expect(closest('soli', new Set(['soil', 'flowers']))).toBe('soil');
  });
});

describe('didYouMean', () => {
  it('names the close candidate', () => {
    expect(didYouMean('titel', ['title', 'body'])).toBe(': did you mean "title"?');
  });

  it('says nothing when every candidate is far', () => {
    expect(didYouMean('zzz', ['title', 'body'])).toBe('');
  });
});

describe('nearest and unknownChoice', () => {
  it('lists the nearest candidates first, however far, in their order on ties', () => {
    expect(nearest('filers', ['skin', 'fillers', 'lasers', 'filters'])).toEqual(['fillers', 'filters', 'lasers']);
    expect(nearest('zzz', ['b', 'a'], 1)).toEqual(['b']);
  });

  it.each<[string, string[], string]>([
    ['skn', ['skin', 'headaches'], 'did you mean "skin"? The topics: headaches, skin'],
    ['fillers', ['skin', 'headaches', 'hair'], 'nearest: hair, skin, headaches. The topics: hair, headaches, skin'],
    ['x', [], 'there are no topics yet'],
  ])('explains %j among %j', (word, candidates, message) => {
    expect(unknownChoice(word, candidates, 'topics')).toBe(message);
  });

  it('shortens a long list of what exists', () => {
    const many = Array.from({ length: 45 }, (_, i) => `expert-${String(i).padStart(2, '0')}`);
    expect(unknownChoice('nobody', many, 'experts')).toMatch(/expert-39 and 5 more$/);
  });
});
