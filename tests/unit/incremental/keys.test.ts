import { describe, expect, it } from 'vitest';
import type { LoadedData } from '../../../src/data/load.js';
import type { QuestionData } from '../../../src/data/schema.js';
import { outputKeys, type KeyContext } from '../../../src/incremental/keys.js';
import { buildModel } from '../../../src/model/buildModel.js';
import { planShards } from '../../../src/search/index/shards.js';

type Questions = Record<string, QuestionData>;

const base: Questions = {
  'q-a': { title: 'A', asked: '2024-01-01', topics: ['t'], body: 'Alpha.', answers: [{ author: 'e1', date: '2024-01-02', body: 'One.' }] },
  'q-b': { title: 'B', asked: '2024-02-01', topics: ['t'], body: 'Beta.' },
  'q-c': { title: 'C', asked: '2024-03-01', topics: ['u'], body: 'Gamma.' },
};

function keysOf(questions: Questions, expertName = 'Eve One', context: Partial<KeyContext> = {}) {
  const data: LoadedData = {
    sourceHash: 'x',
    site: { id: 'site', file: 'site.yaml', data: { title: 'S', url: 'https://example.org/' } },
    topics: { id: 'topics', file: 'topics.yaml', data: { t: { name: 'T' }, u: { name: 'U' } } },
    experts: [{ id: 'e1', file: 'experts/e1.yaml', data: { name: expertName, specialty: 'GP', location: { city: 'Oslo' } } }],
    questions: Object.entries(questions).map(([id, q]) => ({ id, file: `questions/${id}.yaml`, data: q })),
  };
  const model = buildModel(data);
  // A file's hash stands for its content, as loadData computes it.
  const fileHashes = new Map([...data.experts, ...data.questions].map((f) => [f.file, JSON.stringify(f.data)]));
  const shards = planShards(model, 1);
  return { keys: outputKeys(model, shards, { templates: 't', assets: {}, customTemplates: false, fileHashes, ...context }), shards };
}

const shardOfPage = (shards: ReturnType<typeof keysOf>['shards'], page: string) => shards.findIndex((s) => s.pages.includes(page));

describe('outputKeys', () => {
  it('gives the same keys for the same inputs', () => {
    expect(keysOf(base).keys).toEqual(keysOf(base).keys);
  });

  it('changes the key of a question whose file changed, and of its shard, but not of other questions', () => {
    const before = keysOf(base);
    const after = keysOf({ ...base, 'q-c': { ...base['q-c'], body: 'Gamma, edited.' } as QuestionData });
    expect(after.keys.pages.get('questions/q-c/index.html')).not.toBe(before.keys.pages.get('questions/q-c/index.html'));
    expect(after.keys.pages.get('questions/q-a/index.html')).toBe(before.keys.pages.get('questions/q-a/index.html'));
    const shard = shardOfPage(after.shards, 'questions/q-c/index.html');
    expect(after.keys.shards[shard]).not.toBe(before.keys.shards[shard]);
  });

  it('re-renders a page whose related questions changed without re-indexing it', () => {
    const before = keysOf(base);
    // B's title shows in A's related list only.
    const after = keysOf({ ...base, 'q-b': { ...base['q-b'], title: 'B renamed' } as QuestionData });
    expect(after.keys.pages.get('questions/q-a/index.html')).not.toBe(before.keys.pages.get('questions/q-a/index.html'));
    const shardA = shardOfPage(after.shards, 'questions/q-a/index.html');
    const shardB = shardOfPage(after.shards, 'questions/q-b/index.html');
    expect(shardA).not.toBe(shardB);
    expect(after.keys.shards[shardA]).toBe(before.keys.shards[shardA]);
    expect(after.keys.shards[shardB]).not.toBe(before.keys.shards[shardB]);
  });

  it('changes the pages that show an expert when the expert changes', () => {
    const before = keysOf(base).keys;
    const after = keysOf(base, 'Eve Two').keys;
    expect(after.pages.get('questions/q-a/index.html')).not.toBe(before.pages.get('questions/q-a/index.html'));
    expect(after.pages.get('experts/e1/index.html')).not.toBe(before.pages.get('experts/e1/index.html'));
    expect(after.pages.get('questions/q-c/index.html')).toBe(before.pages.get('questions/q-c/index.html'));
  });

  it('changes every key when the templates change, and follows whole pages when the site has its own', () => {
    const before = keysOf(base).keys;
    const after = keysOf(base, 'Eve One', { templates: 'other' }).keys;
    for (const [page, key] of after.pages) expect(key).not.toBe(before.pages.get(page));
    const custom = keysOf({ ...base, 'q-b': { ...base['q-b'], title: 'B renamed' } as QuestionData }, 'Eve One', { customTemplates: true });
    const plain = keysOf(base, 'Eve One', { customTemplates: true });
    const shardA = shardOfPage(custom.shards, 'questions/q-a/index.html');
    expect(custom.keys.shards[shardA]).not.toBe(plain.keys.shards[shardA]);
  });
});
