import { describe, expect, it } from 'vitest';
import type { LoadedData } from '../../../src/data/load.js';
import { qaPage } from '../../../src/filters/qaPage.js';
import { buildModel } from '../../../src/model/buildModel.js';
import type { Question, SiteInfo } from '../../../src/model/types.js';

function data(url: string): LoadedData {
  return {
    sourceHash: 'test',
    site: { id: 'site', file: 'site.yaml', data: { title: 'Ask & Learn', url } },
    topics: { id: 'topics', file: 'topics.yaml', data: { sleep: { name: 'Sleep' } } },
    experts: [
      {
        id: 'jane-doe',
        file: 'experts/jane-doe.yaml',
        data: {
          name: 'Jane Doe',
          credentials: ['MD', 'PhD'],
          specialty: 'Sleep Medicine',
          location: { city: 'Oslo', country: 'Norway' },
          rating: { value: 4.5, count: 10 },
        },
      },
      {
        id: 'sam-roe',
        file: 'experts/sam-roe.yaml',
        data: { name: 'Sam Roe', specialty: 'Dietitian', location: { city: 'Perth', region: 'WA' } },
      },
    ],
    questions: [
      {
        id: 'why-awake',
        file: 'questions/why-awake.yaml',
        data: {
          title: 'Why am I awake at 3 am?',
          asked: '2025-01-10',
          topics: ['sleep'],
          body: 'I wake up *every* night.',
          answers: [
            { author: 'jane-doe', date: '2025-01-11', title: 'Keep a schedule', body: 'Get up at the **same** time.', helpful: 7 },
            { author: 'sam-roe', date: '2025-01-12', body: 'Skip late coffee.' },
            { author: 'jane-doe', date: '2025-01-13', body: 'Also: daylight.', helpful: 0 },
          ],
        },
      },
      { id: 'no-answers', file: 'questions/no-answers.yaml', data: { title: 'Lonely?', asked: '2025-01-01', topics: ['sleep'], body: 'Anyone?' } },
    ],
  };
}

function pick(url: string, slug: string): { q: Question; site: SiteInfo } {
  const model = buildModel(data(url));
  const q = model.questions.find((question) => question.slug === slug);
  if (!q) throw new Error(slug);
  return { q, site: model.site };
}

interface Entity {
  '@type': string;
  [key: string]: unknown;
}

function mainEntity(ld: Record<string, unknown>): Entity & { suggestedAnswer: Entity[] } {
  return ld.mainEntity as Entity & { suggestedAnswer: Entity[] };
}

describe('qaPage', () => {
  const { q, site } = pick('https://example.org/', 'why-awake');
  const ld = qaPage(q, site);
  const question = mainEntity(ld);

  it('is a schema.org QAPage about a Question', () => {
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('QAPage');
    expect(question['@type']).toBe('Question');
    expect(question.name).toBe('Why am I awake at 3 am?');
    expect(question.text).toBe('I wake up every night.');
    expect(question.datePublished).toBe('2025-01-10');
    expect(question.url).toBe('https://example.org/questions/why-awake/');
    expect(question.author).toEqual({ '@type': 'Organization', name: 'Ask & Learn', url: 'https://example.org/' });
  });

  it('counts answers and lists each as a suggestedAnswer, in order', () => {
    expect(question.answerCount).toBe(3);
    expect(question.suggestedAnswer).toHaveLength(3);
    expect(question.suggestedAnswer.map((a) => a['@type'])).toEqual(['Answer', 'Answer', 'Answer']);
    expect(question.suggestedAnswer.map((a) => a.text)).toEqual(['Get up at the same time.', 'Skip late coffee.', 'Also: daylight.']);
    expect(question.suggestedAnswer.map((a) => a.datePublished)).toEqual(['2025-01-11', '2025-01-12', '2025-01-13']);
  });

  it('gives every answer an absolute URL with its anchor', () => {
    expect(question.suggestedAnswer.map((a) => a.url)).toEqual([
      'https://example.org/questions/why-awake/#answer-jane-doe',
      'https://example.org/questions/why-awake/#answer-sam-roe',
      'https://example.org/questions/why-awake/#answer-jane-doe-2',
    ]);
  });

  it('sets upvoteCount only when helpful is set (0 included)', () => {
    const [first, second, third] = question.suggestedAnswer;
    expect(first?.upvoteCount).toBe(7);
    expect(second).not.toHaveProperty('upvoteCount');
    expect(third?.upvoteCount).toBe(0);
  });

  it('describes the author as a Person with name, profile url and job title', () => {
    const [first, second] = question.suggestedAnswer;
    expect(first?.author).toEqual({
      '@type': 'Person',
      name: 'Jane Doe',
      url: 'https://example.org/experts/jane-doe/',
      jobTitle: 'Sleep Medicine',
      honorificSuffix: 'MD, PhD',
      address: { '@type': 'PostalAddress', addressLocality: 'Oslo', addressCountry: 'Norway' },
    });
    expect(second?.author).toEqual({
      '@type': 'Person',
      name: 'Sam Roe',
      url: 'https://example.org/experts/sam-roe/',
      jobTitle: 'Dietitian',
      address: { '@type': 'PostalAddress', addressLocality: 'Perth', addressRegion: 'WA' },
    });
  });

  it('an unanswered question has answerCount 0 and no suggested answers', () => {
    const lonely = pick('https://example.org/', 'no-answers');
    const entity = mainEntity(qaPage(lonely.q, lonely.site));
    expect(entity.answerCount).toBe(0);
    expect(entity.suggestedAnswer).toEqual([]);
  });

  it('survives JSON serialisation unchanged', () => {
    expect(JSON.parse(JSON.stringify(ld))).toEqual(ld);
  });
});

describe('qaPage under a base path', () => {
  const { q, site } = pick('https://example.org/docs/', 'why-awake');
  const question = mainEntity(qaPage(q, site));

  it('makes every URL absolute and keeps the base path exactly once', () => {
    expect(question.url).toBe('https://example.org/docs/questions/why-awake/');
    expect((question.author as Entity).url).toBe('https://example.org/docs/');
    expect(question.suggestedAnswer[1]?.url).toBe('https://example.org/docs/questions/why-awake/#answer-sam-roe');
    expect((question.suggestedAnswer[0]?.author as Entity).url).toBe('https://example.org/docs/experts/jane-doe/');
  });

  it('every URL in the JSON-LD parses as absolute https', () => {
    const found = JSON.stringify(qaPage(q, site)).match(/"url":"[^"]*"/g) ?? [];
    expect(found.length).toBe(1 + 1 + 3 * 2);
    for (const entry of found) {
      const url = new URL(JSON.parse(`{${entry}}`).url as string);
      expect(url.origin).toBe('https://example.org');
      expect(url.pathname.startsWith('/docs/')).toBe(true);
      expect(url.pathname).not.toContain('/docs/docs/');
    }
  });
});
