import { describe, expect, it } from 'vitest';
import { LABEL_SETS, PLURAL_LABELS, TEXT_LABELS, type Labels } from '../../../src/data/labels/index.js';
import { englishLabels, fill, labelsFor, Words } from '../../../src/model/labels.js';

const english = new Words('en', englishLabels);

describe('answer counts', () => {
  it.each([
    [0, '0 expert answers'],
    [1, '1 expert answer'],
    [2, '2 expert answers'],
    [10, '10 expert answers'],
    [21, '21 expert answers'],
  ])('%i -> %j', (count, text) => {
    expect(english.count('answerCount', count)).toBe(text);
  });
});

describe('ratings', () => {
  it.each([
    [4.9, 75, '4.9 out of 5 stars, 75 reviews'],
    [5, 1, '5.0 out of 5 stars, 1 review'],
    [5, 0, '5.0 out of 5 stars, 0 reviews'],
    [0, 2, '0.0 out of 5 stars, 2 reviews'],
    [4.25, 3, '4.3 out of 5 stars, 3 reviews'],
    [3.04, 10, '3.0 out of 5 stars, 10 reviews'],
    [4, 1000, '4.0 out of 5 stars, 1,000 reviews'],
  ])('%d stars, %i reviews -> %j', (value, count, text) => {
    expect(english.rating(value, count)).toBe(text);
  });

  it('writes numbers as the language does', () => {
    expect(new Words('fr', labelsFor('fr')).rating(4.9, 1200)).toBe('4,9 sur 5 étoiles, 1\u202f200 avis');
    expect(new Words('de', labelsFor('de')).rating(4.5, 1)).toBe('4,5 von 5 Sternen, 1 Bewertung');
  });
});

describe('plural forms', () => {
  it.each([
    [1, '1 reader found this helpful'],
    [2, '2 readers found this helpful'],
    [12, '12 readers found this helpful'],
  ])('English helpful %i -> %j', (count, text) => {
    expect(english.count('helpful', count)).toBe(text);
  });

  it('follows the language\'s rules: French counts 0 and 1 as singular, English only 1', () => {
    const french = new Words('fr', labelsFor('fr'));
    expect(french.count('answerCount', 0)).toBe('0 réponse d’expert');
    expect(french.count('answerCount', 1)).toBe('1 réponse d’expert');
    expect(french.count('answerCount', 2)).toBe('2 réponses d’experts');
    expect(english.count('answerCount', 0)).toBe('0 expert answers');
  });

  it('uses the categories a site gives for a language with more of them, and other for the rest', () => {
    const labels = labelsFor('ar', { answersWritten: { zero: 'لا إجابات', one: 'إجابة واحدة', two: 'إجابتان', few: '{n} إجابات', other: '{n} إجابة' } });
    const arabic = new Words('ar', labels);
    expect(arabic.count('answersWritten', 0)).toBe('لا إجابات');
    expect(arabic.count('answersWritten', 2)).toBe('إجابتان');
    const number = new Intl.NumberFormat('ar');
    expect(arabic.count('answersWritten', 3)).toBe(`${number.format(3)} إجابات`);
    // 11 is "many" in Arabic, which the site did not give.
    expect(arabic.count('answersWritten', 11)).toBe(`${number.format(11)} إجابة`);
  });

  it('takes one text overriding a plural label for every count', () => {
    const words = new Words('en', labelsFor('en', { answerCount: '{n} replies from our team' }));
    expect(words.count('answerCount', 1)).toBe('1 replies from our team');
    expect(words.count('answerCount', 5)).toBe('5 replies from our team');
  });
});

describe('labelsFor', () => {
  it.each([
    ['fr', 'Aller au contenu'],
    ['fr-CA', 'Aller au contenu'],
    ['de', 'Zum Inhalt springen'],
    ['es', 'Saltar al contenido'],
    ['pt-BR', 'Pular para o conteúdo'],
    ['en', 'Skip to content'],
    ['ja', 'Skip to content'],
  ])('%s -> %j', (language, skip) => {
    expect(labelsFor(language).skipToContent).toBe(skip);
  });

  it('applies an override to one word and keeps the language\'s others', () => {
    const labels = labelsFor('de', { search: 'Finden' });
    expect(labels.search).toBe('Finden');
    expect(labels.asked).toBe('Gefragt am');
  });
});

describe('word sets', () => {
  const keys = [...TEXT_LABELS, ...PLURAL_LABELS].sort();

  it.each(Object.entries(LABEL_SETS))('%s has every key, each a non-empty text, and no other', (_, labels: Labels) => {
    expect(Object.keys(labels).sort()).toEqual(keys);
    for (const key of TEXT_LABELS) expect(labels[key].trim().length, key).toBeGreaterThan(0);
    for (const key of PLURAL_LABELS) expect(labels[key].other.trim().length, key).toBeGreaterThan(0);
  });

  it.each(Object.entries(LABEL_SETS))('%s keeps every placeholder of the English text', (_, labels: Labels) => {
    const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((match) => match[0]).sort();
    for (const key of TEXT_LABELS) expect(placeholders(labels[key]), key).toEqual(placeholders(englishLabels[key]));
    for (const key of PLURAL_LABELS) expect(placeholders(labels[key].other), key).toEqual(placeholders(englishLabels[key].other));
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(fill('{n} of {total} {x}', { n: 1, total: 3 })).toBe('1 of 3 {x}');
  });
});
