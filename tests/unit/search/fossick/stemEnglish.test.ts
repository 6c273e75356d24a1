import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stemEnglish } from '../../../../src/search/fossick/stemEnglish.js';
import { fixturesDir } from '../../../helpers/site.js';

/** One of Snowball's English lists (see tests/fixtures/snowball/README.md), a word a line. */
function snowballList(name: string): string[] {
  const lines = gunzipSync(readFileSync(join(fixturesDir, 'snowball', `english-${name}.txt.gz`))).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

describe("Snowball's English vocabulary", () => {
  it('is stemmed word for word as Snowball lists, every word of it', () => {
    const words = snowballList('voc');
    const stems = snowballList('output');
    expect(words.length).toBeGreaterThan(40_000);
    expect(stems.length).toBe(words.length);
    const wrong = words.flatMap((word, i) => (stemEnglish(word) === stems[i] ? [] : [`${word}: ${stemEnglish(word)}, not ${stems[i]}`]));
    expect(wrong).toEqual([]);
  });
});

describe('stemEnglish', () => {
  // Stems Pagefind 1.6 wrote for these words; the first group is where Snowball 3 differs from
  // the Porter2 of the packaged JavaScript ports.
  it.each([
    ['added', 'add'],
    ['ebbed', 'ebb'],
    ['erring', 'err'],
    ['internal', 'internal'],
    ['interval', 'interval'],
    ['international', 'internat'],
    ['organizing', 'organiz'],
    ['universal', 'universal'],
    ['lateral', 'lateral'],
    ['paste', 'paste'],
    ['pasting', 'paste'],
    ['geologist', 'geolog'],
    ['vying', 'vie'],
    ['dying', 'die'],
    ['skis', 'ski'],
    ['inning', 'inning'],
    ['evening', 'evening'],
    ['succeeded', 'succeed'],
    ['generous', 'generous'],
    ['communism', 'communism'],
    ['running', 'run'],
    ['hopping', 'hop'],
    ['ponies', 'poni'],
    ['ties', 'tie'],
    ['cries', 'cri'],
    ['caresses', 'caress'],
    ['gaps', 'gap'],
    ['gas', 'gas'],
    ['agreed', 'agre'],
    ['feed', 'feed'],
    ['national', 'nation'],
    ['relational', 'relat'],
    ['effective', 'effect'],
    ['happy', 'happi'],
    ['sky', 'sky'],
    ['ugly', 'ugli'],
    ['news', 'news'],
    ['yes', 'yes'],
    ['saying', 'say'],
    ['migraines', 'migrain'],
    ['injections', 'inject'],
    ['at', 'at'],
  ])('stems %s to %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });

  it('leaves characters it has no rule for where they are', () => {
    expect(stemEnglish('don’t')).toBe('don’t');
    expect(stemEnglish('naïve')).toBe('naïv');
  });
});
