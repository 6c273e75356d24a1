import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadData } from '../../../src/data/load.js';
import { buildModel } from '../../../src/model/buildModel.js';
import { siteVocabulary, vocabularyFiles } from '../../../src/search/vocabulary.js';
import { fixturesDir } from '../../helpers/site.js';

describe('vocabularyFiles', () => {
  it('files words of three letters or more by first letter, in code-point order, under content-hashed names', () => {
    const { names, files } = vocabularyFiles([
      ['swelling', 3],
      ['rhinoplasty', 2],
      ['swollen', 1],
      ['of', 40],
      ['2024', 9],
      ['élan', 1],
    ]);
    expect(Object.keys(names)).toEqual(['r', 's', 'ue9']);
    expect(names.s).toMatch(/^s\.[0-9a-f]{12}\.json$/);
    expect(JSON.parse(files.get(names.s as string) as string)).toEqual([
      ['swelling', 3],
      ['swollen', 1],
    ]);
  });
});

describe('siteVocabulary', () => {
  it('holds the words of questions, answers, bylines and profiles with the pages they are on', async () => {
    const model = buildModel(await loadData(join(fixturesDir, 'good')));
    const { names, files } = siteVocabulary(model);
    const entries = new Map([...files.values()].flatMap((json) => JSON.parse(json) as [string, number][]));
    const expert = model.experts[0];
    const surname = expert?.name.split(' ').at(-1)?.toLowerCase() as string;
    // On the expert's profile and on every question they answered.
    expect(entries.get(surname)).toBe(1 + new Set(expert?.answers.map((answer) => answer.questionUrl)).size);
    const title = model.questions[0]?.title.toLowerCase().match(/[a-z]{6,}/)?.[0] as string;
    expect(entries.get(title)).toBeGreaterThan(0);
    expect(Object.keys(names).length).toBe(files.size);
  });
});
