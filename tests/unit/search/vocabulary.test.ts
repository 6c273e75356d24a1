import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadData } from '../../../src/data/load.js';
import { buildModel } from '../../../src/model/buildModel.js';
import { rm } from 'node:fs/promises';
import type { SiteModel } from '../../../src/model/types.js';
import { planShards, type Shard } from '../../../src/search/index/shards.js';
import { siteWordCounts, storeWordCounts, vocabularyFiles, type Vocabulary } from '../../../src/search/vocabulary.js';
import { cleanup, fixturesDir, tempDir } from '../../helpers/site.js';

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

/** The vocabulary of a whole site, counted as one shard in a store of its own. */
async function wholeSite(model: SiteModel): Promise<Vocabulary> {
  const dir = await tempDir();
  try {
    const shards = planShards(model, Number.MAX_SAFE_INTEGER);
    expect(shards.length).toBe(1);
    return vocabularyFiles((await siteWordCounts(model, shards, { dir, keys: ['whole'], previous: null })).site);
  } finally {
    await cleanup(dir);
  }
}

describe('the site vocabulary', () => {
  it('holds the words of questions, answers, bylines and profiles with the pages they are on', async () => {
    const model = buildModel(await loadData(join(fixturesDir, 'good')));
    const { names, files } = await wholeSite(model);
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

describe('siteWordCounts', () => {
  const sorted = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => (a < b ? -1 : 1));

  it('sums the shards’ counts to the site’s counted as one shard, and updates them from the last build’s by the shards whose key changed', async () => {
    const dir = await tempDir();
    try {
      const model = buildModel(await loadData(join(fixturesDir, 'search')));
      const shards = planShards(model, 2);
      expect(shards.length).toBeGreaterThan(2);
      const whole = new Map([...(await wholeSite(model)).files.values()].flatMap((json) => JSON.parse(json) as [string, number][]));
      const keys = shards.map((shard) => `key${shard.id}`);
      const first = await siteWordCounts(model, shards, { dir, keys, previous: null });
      expect(sorted(first.site)).toEqual(sorted(whole));
      expect(first.counted.size).toBe(shards.length);
      await storeWordCounts(dir, 'v1', first);

      // One question's answers lose a word only they had; the shard holding it gets a new key.
      const question = model.questions.find((q) => q.answers.length > 0) as SiteModel['questions'][number];
      const shard = shards.find((s) => s.questions.includes(question.slug)) as Shard;
      const changed = { ...model, questions: model.questions.map((q) => (q === question ? { ...q, answers: [], bodyText: `${q.bodyText} quetzalcoatlus` } : q)) };
      const next = keys.map((key, id) => (id === shard.id ? 'changed' : key));
      const second = await siteWordCounts(changed, shards, { dir, keys: next, previous: { keys, version: 'v1' } });
      expect([...second.counted.keys()]).toEqual(['changed']);
      const recount = await siteWordCounts(changed, shards, { dir: await tempDir(), keys: next, previous: null });
      expect(sorted(second.site)).toEqual(sorted(recount.site));
      expect(second.site.get('quetzalcoatlus')).toBe(1);
      expect(sorted(second.site)).not.toEqual(sorted(first.site));

      // Without the last build's counts of a changed shard, every shard is summed again.
      await storeWordCounts(dir, 'v2', second);
      await rm(join(dir, 'words-changed.json'));
      const third = await siteWordCounts(model, shards, { dir, keys, previous: { keys: next, version: 'v2' } });
      expect(sorted(third.site)).toEqual(sorted(whole));
    } finally {
      await cleanup(dir);
    }
  });
});
