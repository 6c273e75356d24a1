import { describe, expect, it } from 'vitest';
import { queryWords } from '../../../src/search/query/words.js';
import { WordCounter } from '../../../src/search/wordCounter.js';

/** Pages per word, as queryWords cuts them: what the counter must give. */
function expected(pages: readonly (readonly string[])[], language = 'en'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const texts of pages) for (const word of new Set(texts.flatMap((text) => queryWords(text, language)))) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

function counted(pages: readonly (readonly string[])[], language = 'en'): Map<string, number> {
  const counter = new WordCounter(language);
  for (const texts of pages) counter.addPage(texts);
  return new Map(counter.entries());
}

describe('WordCounter', () => {
  it('counts each word once a page, cut and lowercased as the search page cuts a query', () => {
    const pages = [
      ["Why doesn't my under-eye FILLER look blue? It's the Tyndall effect.", 'Dr. O’Connor, Toronto'],
      ['filler filler Filler', 'snake_case and 3am, and élan in Ästhetik'],
      ["it's", "'quoted'", ''],
    ];
    expect(counted(pages)).toEqual(expected(pages));
    expect(counted(pages).get('filler')).toBe(2);
  });

  it('gives what queryWords gives on many generated pages, past its tables’ first sizes', () => {
    let seed = 7;
    const random = () => ((seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32;
    const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'é-., ";
    const text = () => Array.from({ length: 20 + Math.floor(random() * 200) }, () => letters[Math.floor(random() * letters.length)]).join('');
    const pages = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, text));
    expect(counted(pages)).toEqual(expected(pages));
  });

  it('lowercases dotted and dotless i as the site’s language does', () => {
    const pages = [['İSTANBUL Işık']];
    expect(counted(pages, 'tr')).toEqual(expected(pages, 'tr'));
  });
});
