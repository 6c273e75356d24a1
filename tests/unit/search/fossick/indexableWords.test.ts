import { describe, expect, it } from 'vitest';
import { discreteWords, foldDiacritics, indexableWords } from '../../../../src/search/fossick/indexableWords.js';
import { stemEnglish } from '../../../../src/search/fossick/stemEnglish.js';

const words = (raw: string) => indexableWords(raw, stemEnglish).map(({ word, original, part }) => `${word}${original ? `<${original}>` : ''}${part ? '*' : ''}`);

describe('indexableWords', () => {
  // As Pagefind 1.6 indexes them: the whole word first, then its parts (*), with the spelling
  // before diacritics were folded <in brackets>.
  it.each([
    ['migraine', ['migrain']],
    ['Botox,', ['botox']],
    ['CloudCannon', ['cloudcannon', 'cloud*', 'cannon*']],
    ['jumping-over', ['jumpingov', 'jump*', 'over*']],
    ['e-mail', ['email', 'mail*']],
    ["fox's", ['fox', 'fox*']],
    ['XMLHttpRequest', ['xmlhttprequest', 'xml*', 'http*', 'request*']],
    ['abc123def.', ['abc123def', 'abc*', '123*', 'def*']],
    ['www.example.com', ['wwwexamplecom', 'www*', 'exampl*', 'com*', 'examplecom*']],
    ['a.b.c', ['abc', 'bc*']],
    ['100%', ['100']],
    ['C++', ['c']],
    ['café', ['cafe<café>']],
    ['résumé', ['resum<résumé>']],
    ['CAFÉ-crème', ['cafecrem<cafécrème>', 'cafe<café>*', 'creme<crème>*']],
    ['👋', ['👋']],
    ['—', []],
  ])('indexes %s as %j', (raw, expected) => {
    expect(words(raw)).toEqual(expected);
  });

  it('gives each part of a compound an equal share of the word', () => {
    expect(indexableWords('three-blind-mice', stemEnglish).filter((word) => word.part)).toHaveLength(3);
  });
});

describe('discreteWords', () => {
  it.each([
    ['these-words-are-hyphenated', 'these words are hyphenated'],
    ['__array_structures', 'array structures'],
    ['Hochspannungs\u00adnetz\u00adteil', 'hochspannungs netz teil'],
    ['WKWebVIEWComponent', 'wk web view component'],
    ['page.Find', 'page find'],
    ["l'alphabet", 'l alphabet'],
    ['foo—bar', 'foo—bar'],
  ])('splits %s into %s', (raw, parts) => {
    expect(discreteWords(raw)).toBe(parts);
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['cafe', null],
    ['café', 'cafe'],
    ['łódź', 'łodz'],
    ['straße', null],
    ['ガイド', null],
  ])('folds %s to %s', (word, folded) => {
    expect(foldDiacritics(word)).toBe(folded);
  });
});
