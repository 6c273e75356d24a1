import { describe, expect, it } from 'vitest';
import type { LoadedData } from '../../../src/data/load.js';
import type { ExpertData, QuestionData, SiteData, TopicsData } from '../../../src/data/schema.js';
import { buildModel, initialsOf, shownPages } from '../../../src/model/buildModel.js';
import type { SiteModel } from '../../../src/model/types.js';

const experts: Record<string, ExpertData> = {
  'zoe-adams': {
    name: 'Zoe Adams',
    credentials: ['MD', 'FACS'],
    specialty: 'Neurologist',
    location: { city: 'Boston', region: 'Massachusetts', country: 'USA' },
    rating: { value: 4.9, count: 75 },
    bio: 'Treats **migraine**.',
    website: 'https://zoe.example.org/',
  },
  'al-baker': {
    name: 'Al Baker',
    specialty: 'Dermatologist',
    location: { city: 'Leeds', country: 'UK' },
  },
};

const topics: TopicsData = {
  neuro: { name: 'Neurology', description: 'Brains.' },
  skin: { name: 'Skin' },
  empty: { name: 'Nothing yet' },
};

const questions: Record<string, QuestionData> = {
  'q-oldest': { title: 'Oldest', asked: '2024-01-01', topics: ['neuro'], body: 'Old body.' },
  'q-mid-b': {
    title: 'Mid B',
    asked: '2024-06-01',
    topics: ['neuro', 'skin'],
    body: 'Mid *b* body.',
    answers: [{ author: 'al-baker', date: '2025-02-01', body: 'Late answer.' }],
  },
  'q-mid-a': {
    title: 'Mid A',
    asked: '2024-06-01',
    topics: ['skin'],
    body: 'Mid a body.',
    answers: [
      { author: 'zoe-adams', date: '2024-06-02', title: 'First', body: 'One.', helpful: 3 },
      { author: 'al-baker', date: '2024-06-03', body: 'Two.', helpful: 0 },
      { author: 'zoe-adams', date: '2024-06-05', body: 'Three.' },
    ],
  },
  'q-newest': {
    title: 'Newest',
    asked: '2024-09-01',
    topics: ['neuro'],
    body: '# Heading\n\nNewest body.',
    answers: [{ author: 'zoe-adams', date: '2024-09-02', body: 'Four.' }],
  },
  'q-single': { title: 'Single', asked: '2024-03-01', topics: ['neuro'], body: 'Single body.' },
};

function loaded(site: Partial<SiteData> = {}, only?: string[]): LoadedData {
  return {
    sourceHash: 'test',
    site: { id: 'site', file: 'site.yaml', data: { title: 'Test Site', url: 'https://example.org/', ...site } },
    topics: { id: 'topics', file: 'topics.yaml', data: topics },
    experts: Object.entries(experts).map(([id, data]) => ({ id, file: `experts/${id}.yaml`, data })),
    questions: Object.entries(questions)
      .filter(([id]) => !only || only.includes(id))
      .map(([id, data]) => ({ id, file: `questions/${id}.yaml`, data })),
  };
}

function byId<T extends { slug?: string; id?: string }>(items: T[], key: string): T {
  const found = items.find((item) => item.slug === key || item.id === key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}

describe('buildModel: questions', () => {
  const model = buildModel(loaded());

  it('orders questions newest first, then by slug', () => {
    expect(model.questions.map((q) => q.slug)).toEqual(['q-newest', 'q-mid-a', 'q-mid-b', 'q-single', 'q-oldest']);
  });

  it('fills in a question', () => {
    const q = byId(model.questions, 'q-mid-a');
    expect(q.url).toBe('/questions/q-mid-a/');
    expect(q.path).toBe('questions/q-mid-a/');
    expect(q.file).toBe('questions/q-mid-a.yaml');
    expect(q.askedText).toBe('June 1, 2024');
    expect(q.answerCount).toBe(3);
    expect(q.answerCountText).toBe('3 expert answers');
    expect(q.topics).toEqual([{ id: 'skin', name: 'Skin', url: '/topics/skin/' }]);
    expect(q.bodyText).toBe('Mid a body.');
    expect(q.updated).toBe('2024-06-05');
  });

  it('says "1 expert answer" and "0 expert answers"', () => {
    expect(byId(model.questions, 'q-newest').answerCountText).toBe('1 expert answer');
    expect(byId(model.questions, 'q-oldest').answerCountText).toBe('0 expert answers');
    expect(byId(model.questions, 'q-oldest').answers).toEqual([]);
  });

  it('renders question markdown with headings below the h1', () => {
    expect(byId(model.questions, 'q-newest').bodyHtml).toContain('<h2>Heading</h2>');
  });

  it('keeps answers in file order with distinct anchors', () => {
    const answers = byId(model.questions, 'q-mid-a').answers;
    expect(answers.map((a) => a.anchor)).toEqual(['answer-zoe-adams', 'answer-al-baker', 'answer-zoe-adams-2']);
    expect(answers.map((a) => a.url)).toEqual([
      '/questions/q-mid-a/#answer-zoe-adams',
      '/questions/q-mid-a/#answer-al-baker',
      '/questions/q-mid-a/#answer-zoe-adams-2',
    ]);
  });

  it('uses the title as headline, or "Answer from <name>"', () => {
    const [first, second] = byId(model.questions, 'q-mid-a').answers;
    expect(first?.headline).toBe('First');
    expect(first?.hasTitle).toBe(true);
    expect(second?.headline).toBe('Answer from Al Baker');
    expect(second?.hasTitle).toBe(false);
  });

  it('helpful: null when absent, text only when above zero', () => {
    const [first, second, third] = byId(model.questions, 'q-mid-a').answers;
    expect(first?.helpful).toBe(3);
    expect(first?.helpfulText).toBe('3 readers found this helpful');
    expect(second?.helpful).toBe(0);
    expect(second?.helpfulText).toBeNull();
    expect(third?.helpful).toBeNull();
    expect(third?.helpfulText).toBeNull();
  });

  it('builds expert cards with display name, location text and rating', () => {
    const [first, second] = byId(model.questions, 'q-mid-a').answers;
    expect(first?.expert).toMatchObject({
      id: 'zoe-adams',
      displayName: 'Zoe Adams, MD, FACS',
      locationText: 'Boston, Massachusetts',
      url: '/experts/zoe-adams/',
      rating: { value: 4.9, count: 75, text: '4.9 out of 5 stars, 75 reviews', percent: 98 },
    });
    expect(second?.expert).toMatchObject({ displayName: 'Al Baker', locationText: 'Leeds, UK', rating: null, region: null });
  });

  it('related questions share topics and never include the question itself', () => {
    const newest = byId(model.questions, 'q-newest');
    expect(newest.related.map((r) => r.slug)).toEqual(['q-mid-b', 'q-single', 'q-oldest']);
    for (const q of model.questions) expect(q.related.map((r) => r.slug)).not.toContain(q.slug);
    expect(byId(model.questions, 'q-mid-a').related.map((r) => r.slug)).toEqual(['q-mid-b']);
  });

  it('latest lists the newest questions', () => {
    expect(model.latest.map((q) => q.slug)).toEqual(model.questions.map((q) => q.slug));
    expect(buildModel(loaded(), { latestCount: 2 }).latest.map((q) => q.slug)).toEqual(['q-newest', 'q-mid-a']);
  });

  it('site.updated is the newest date anywhere', () => {
    expect(model.updated).toBe('2025-02-01');
  });
});

describe('buildModel: feed', () => {
  it('orders the feed by last update (asked or answered), newest first', () => {
    const model = buildModel(loaded());
    expect(model.feed.map((q) => [q.slug, q.updated])).toEqual([
      ['q-mid-b', '2025-02-01'],
      ['q-newest', '2024-09-02'],
      ['q-mid-a', '2024-06-05'],
      ['q-single', '2024-03-01'],
      ['q-oldest', '2024-01-01'],
    ]);
  });

  it('caps the feed at feedCount', () => {
    expect(buildModel(loaded(), { feedCount: 2 }).feed.map((q) => q.slug)).toEqual(['q-mid-b', 'q-newest']);
  });
});

describe('buildModel: listings', () => {
  const model = buildModel(loaded(), { pageSize: 2 });
  const all = model.listings.filter((l) => l.kind === 'questions');

  it('paginates every question, newest first', () => {
    expect(all.map((l) => l.path)).toEqual(['questions/', 'questions/page/2/', 'questions/page/3/']);
    expect(all.map((l) => l.items.map((i) => i.slug))).toEqual([['q-newest', 'q-mid-a'], ['q-mid-b', 'q-single'], ['q-oldest']]);
    for (const l of all) expect(l.pageCount).toBe(3);
  });

  it('links previous and next pages', () => {
    expect(all.map((l) => [l.previousUrl, l.nextUrl])).toEqual([
      [null, '/questions/page/2/'],
      ['/questions/', '/questions/page/3/'],
      ['/questions/page/2/', null],
    ]);
    expect(all[1]?.pages).toEqual([
      { number: 1, url: '/questions/' },
      { number: 2, url: '/questions/page/2/' },
      { number: 3, url: '/questions/page/3/' },
    ]);
  });

  it('shows every page of a short listing, and of a long one the first, the last and those near the page, with gaps', () => {
    expect(all[1]?.shownPages).toEqual(all[1]?.pages);
    const long = buildModel(loaded(), { pageSize: 1 }).listings.filter((l) => l.kind === 'questions');
    expect(long).toHaveLength(5);
    // A gap of one page shows the page.
    expect(long.map((l) => l.shownPages.map((p) => p?.number ?? '…').join(' '))).toEqual(Array(5).fill('1 2 3 4 5'));
    const pages = Array.from({ length: 5000 }, (_, i) => ({ number: i + 1 }));
    const shown = (current: number) => shownPages(pages, current).map((p) => p?.number ?? '…').join(' ');
    expect(shown(1)).toBe('1 2 3 … 5000');
    expect(shown(4)).toBe('1 2 3 4 5 6 … 5000');
    expect(shown(5)).toBe('1 2 3 4 5 6 7 … 5000');
    expect(shown(6)).toBe('1 … 4 5 6 7 8 … 5000');
    expect(shown(2500)).toBe('1 … 2498 2499 2500 2501 2502 … 5000');
    expect(shown(4996)).toBe('1 … 4994 4995 4996 4997 4998 4999 5000');
    expect(shown(5000)).toBe('1 … 4998 4999 5000');
  });

  it('titles later pages with their number', () => {
    expect(all.map((l) => l.title)).toEqual(['All questions', 'All questions (page 2 of 3)', 'All questions (page 3 of 3)']);
    expect(all.map((l) => l.heading)).toEqual(['All questions', 'All questions', 'All questions']);
  });

  it('one page when the questions fit', () => {
    const single = buildModel(loaded()).listings.filter((l) => l.kind === 'questions');
    expect(single).toHaveLength(1);
    expect(single[0]).toMatchObject({ pageCount: 1, previousUrl: null, nextUrl: null, path: 'questions/' });
  });

  it('builds topic listings, paginated, in topics.yaml order', () => {
    const topicListings = model.listings.filter((l) => l.kind === 'topic');
    expect(topicListings.map((l) => l.path)).toEqual([
      'topics/neuro/',
      'topics/neuro/page/2/',
      'topics/skin/',
      'topics/empty/',
    ]);
    expect(topicListings[0]?.items.map((i) => i.slug)).toEqual(['q-newest', 'q-mid-b']);
    expect(topicListings[1]?.items.map((i) => i.slug)).toEqual(['q-single', 'q-oldest']);
    expect(topicListings[1]?.previousUrl).toBe('/topics/neuro/');
    expect(topicListings[2]?.items.map((i) => i.slug)).toEqual(['q-mid-a', 'q-mid-b']);
    expect(topicListings[0]?.topic?.id).toBe('neuro');
  });

  it('an empty topic still gets one empty page', () => {
    const empty = model.listings.find((l) => l.path === 'topics/empty/');
    expect(empty).toMatchObject({ pageCount: 1, items: [], title: 'Nothing yet' });
  });

  it('topics count their questions, newest first', () => {
    expect(model.topics.map((t) => [t.id, t.questionCount, t.questionSlugs])).toEqual([
      ['neuro', 4, ['q-newest', 'q-mid-b', 'q-single', 'q-oldest']],
      ['skin', 2, ['q-mid-a', 'q-mid-b']],
      ['empty', 0, []],
    ]);
    expect(model.topics[0]?.description).toBe('Brains.');
    expect(model.topics[1]?.description).toBe('');
  });
});

describe('buildModel: experts', () => {
  const model = buildModel(loaded());

  it('sorts experts by name', () => {
    expect(model.experts.map((e) => e.id)).toEqual(['al-baker', 'zoe-adams']);
  });

  it("lists an expert's answers newest first", () => {
    const zoe = byId(model.experts, 'zoe-adams');
    expect(zoe.answers.map((a) => [a.date, a.url])).toEqual([
      ['2024-09-02', '/questions/q-newest/#answer-zoe-adams'],
      ['2024-06-05', '/questions/q-mid-a/#answer-zoe-adams-2'],
      ['2024-06-02', '/questions/q-mid-a/#answer-zoe-adams'],
    ]);
    expect(zoe.answers[2]).toMatchObject({ questionTitle: 'Mid A', questionUrl: '/questions/q-mid-a/', headline: 'First' });
    expect(byId(model.experts, 'al-baker').answers.map((a) => a.date)).toEqual(['2025-02-01', '2024-06-03']);
  });

  it('renders the bio and keeps the website', () => {
    const zoe = byId(model.experts, 'zoe-adams');
    expect(zoe.bioHtml).toContain('<strong>migraine</strong>');
    expect(zoe.bioText).toBe('Treats migraine.');
    expect(zoe.website).toBe('https://zoe.example.org/');
    expect(zoe.path).toBe('experts/zoe-adams/');
    const al = byId(model.experts, 'al-baker');
    expect(al.bioHtml).toBe('');
    expect(al.website).toBeNull();
    expect(al.description).toBe('Al Baker, Dermatologist in Leeds, UK.');
  });
});

describe('buildModel: site', () => {
  it('defaults: no base path, English, left to right', () => {
    const { site } = buildModel(loaded());
    expect(site).toMatchObject({ url: 'https://example.org', basePath: '', language: 'en', dir: 'ltr', editUrl: null });
  });

  it.each([
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['ar-EG', 'rtl'],
    ['fa', 'rtl'],
    ['en', 'ltr'],
    ['ja', 'ltr'],
    ['fr-CA', 'ltr'],
  ])('language %s is %s', (language, dir) => {
    expect(buildModel(loaded({ language })).site.dir).toBe(dir);
  });

  it('renders the disclaimer', () => {
    const { site } = buildModel(loaded({ disclaimer: '**Not** advice.' }));
    expect(site.disclaimerHtml).toContain('<strong>Not</strong> advice.');
    expect(site.disclaimerText).toBe('Not advice.');
  });

  it('substitutes {path} in editUrl with the data file path', () => {
    const model = buildModel(loaded({ editUrl: 'https://git.example.org/edit/main/data/{path}?ref={path}' }));
    expect(byId(model.questions, 'q-mid-a').editUrl).toBe(
      'https://git.example.org/edit/main/data/questions/q-mid-a.yaml?ref=questions/q-mid-a.yaml',
    );
    expect(buildModel(loaded()).questions[0]?.editUrl).toBeNull();
  });
});

describe('buildModel: base path', () => {
  const model = buildModel(loaded({ url: 'https://example.org/docs/' }), { pageSize: 2 });

  /** Every `url`/`Url` string anywhere in the model. */
  function urls(value: unknown, key = '', found: string[] = []): string[] {
    if (typeof value === 'string' && /url$/i.test(key)) found.push(value);
    else if (Array.isArray(value)) for (const item of value) urls(item, key, found);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) urls(v, k, found);
    return found;
  }

  it('splits the site URL into origin and base path', () => {
    expect(model.site.url).toBe('https://example.org/docs');
    expect(model.site.basePath).toBe('/docs');
  });

  it('prefixes every page URL with the base path', () => {
    const all = urls({ ...model, site: undefined });
    expect(all.length).toBeGreaterThan(30);
    for (const url of all) expect(url).toMatch(/^\/docs\//);
  });

  it('paths stay relative to the output folder', () => {
    expect(model.questions[0]?.path).toBe('questions/q-newest/');
    expect(model.listings[1]?.path).toBe('questions/page/2/');
    expect(model.listings[1]?.previousUrl).toBe('/docs/questions/');
    expect(model.questions[0]?.answers[0]?.url).toBe('/docs/questions/q-newest/#answer-zoe-adams');
  });

  it('a deeper base path without a trailing slash', () => {
    const deep = buildModel(loaded({ url: 'https://example.org/a/b' }));
    expect(deep.site.basePath).toBe('/a/b');
    expect(deep.questions[0]?.url).toBe('/a/b/questions/q-newest/');
    expect(deep.experts[0]?.url).toBe('/a/b/experts/al-baker/');
    expect(deep.topics[0]?.url).toBe('/a/b/topics/neuro/');
  });
});

describe('buildModel: purity', () => {
  it('gives equal models for equal data', () => {
    const a: SiteModel = buildModel(loaded());
    const b: SiteModel = buildModel(loaded());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('does not depend on the order of the files', () => {
    const data = loaded();
    const reversed: LoadedData = { ...data, questions: [...data.questions].reverse(), experts: [...data.experts].reverse() };
    expect(JSON.stringify(buildModel(reversed))).toBe(JSON.stringify(buildModel(data)));
  });

  it('works with no questions at all', () => {
    const model = buildModel(loaded({}, []));
    expect(model.questions).toEqual([]);
    expect(model.listings.filter((l) => l.kind === 'questions')).toHaveLength(1);
    expect(model.feed).toEqual([]);
  });
});

describe('initialsOf', () => {
  it.each([
    ['Elena Marsh', 'EM'],
    ['Dr. Elena Marsh', 'EM'],
    ['Cher', 'C'],
    ['María José de la Cruz', 'MC'],
    ['élodie durand', 'ÉD'],
    ['Dr.', 'D'],
  ])('%s -> %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});
