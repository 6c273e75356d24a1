import { describe, expect, it } from 'vitest';
import { compareNewest, relatedQuestions, type RelatableQuestion } from '../../../src/model/related.js';

const q = (slug: string, asked: string, ...topics: string[]): RelatableQuestion => ({ slug, asked, topics });

describe('relatedQuestions', () => {
  it('ranks by topics in common first, even over newer questions', () => {
    const questions = [
      q('me', '2025-01-01', 'a', 'b', 'c'),
      q('one-shared-newest', '2025-06-01', 'a'),
      q('two-shared', '2024-01-01', 'a', 'b'),
      q('three-shared-oldest', '2020-01-01', 'a', 'b', 'c'),
    ];
    expect(relatedQuestions(questions).get('me')).toEqual(['three-shared-oldest', 'two-shared', 'one-shared-newest']);
  });

  it('breaks ties by newest asked', () => {
    const questions = [q('me', '2025-01-01', 'a'), q('old', '2023-01-01', 'a'), q('new', '2025-05-01', 'a'), q('mid', '2024-01-01', 'a')];
    expect(relatedQuestions(questions).get('me')).toEqual(['new', 'mid', 'old']);
  });

  it('breaks ties of shared topics and date by slug', () => {
    const questions = [q('me', '2025-01-01', 'a'), q('c', '2024-01-01', 'a'), q('a', '2024-01-01', 'a'), q('b', '2024-01-01', 'a')];
    expect(relatedQuestions(questions).get('me')).toEqual(['a', 'b', 'c']);
  });

  it('does not depend on the input order', () => {
    const questions = [
      q('me', '2025-01-01', 'a', 'b'),
      q('x', '2024-01-01', 'a'),
      q('y', '2024-01-01', 'b'),
      q('z', '2024-02-01', 'a', 'b'),
      q('w', '2023-01-01', 'b'),
    ];
    const forward = relatedQuestions(questions);
    const backward = relatedQuestions([...questions].reverse());
    for (const { slug } of questions) expect(backward.get(slug)).toEqual(forward.get(slug));
    expect(forward.get('me')).toEqual(['z', 'x', 'y', 'w']);
  });

  it('honours the limit (default 5)', () => {
    const questions = [q('me', '2025-01-01', 't'), ...Array.from({ length: 9 }, (_, i) => q(`o${i}`, `2024-01-0${i + 1}`, 't'))];
    expect(relatedQuestions(questions).get('me')).toEqual(['o8', 'o7', 'o6', 'o5', 'o4']);
    expect(relatedQuestions(questions, 2).get('me')).toEqual(['o8', 'o7']);
    expect(relatedQuestions(questions, 0).get('me')).toEqual([]);
  });

  it('never lists a question as related to itself', () => {
    const questions = [q('a', '2025-01-01', 't', 'u'), q('b', '2025-01-02', 't', 'u'), q('c', '2025-01-03', 'u')];
    const related = relatedQuestions(questions, 10);
    for (const { slug } of questions) {
      expect(related.get(slug)).not.toContain(slug);
      expect(related.get(slug)?.length).toBe(2);
    }
  });

  it('a question listing a topic twice neither relates to itself nor double-counts', () => {
    const questions = [q('me', '2025-01-01', 'a', 'a'), q('aa', '2020-01-01', 'a'), q('ab', '2025-01-01', 'a', 'b')];
    expect(relatedQuestions(questions).get('me')).toEqual(['ab', 'aa']);
  });

  it('questions without shared topics are not related', () => {
    const questions = [q('a', '2025-01-01', 'x'), q('b', '2025-01-01', 'y')];
    const related = relatedQuestions(questions);
    expect(related.get('a')).toEqual([]);
    expect(related.get('b')).toEqual([]);
  });

  it('has an entry for every question', () => {
    const questions = [q('a', '2025-01-01', 'x'), q('b', '2025-01-01', 'y'), q('c', '2025-01-01', 'x')];
    expect([...relatedQuestions(questions).keys()].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('compareNewest', () => {
  it.each([
    [{ asked: '2025-01-02', slug: 'a' }, { asked: '2025-01-01', slug: 'a' }, -1],
    [{ asked: '2025-01-01', slug: 'a' }, { asked: '2025-01-02', slug: 'a' }, 1],
    [{ asked: '2025-01-01', slug: 'a' }, { asked: '2025-01-01', slug: 'b' }, -1],
    [{ asked: '2025-01-01', slug: 'b' }, { asked: '2025-01-01', slug: 'a' }, 1],
    [{ asked: '2025-01-01', slug: 'a' }, { asked: '2025-01-01', slug: 'a' }, 0],
  ])('%j vs %j -> %i', (a, b, sign) => {
    expect(Math.sign(compareNewest(a, b))).toBe(sign);
  });
});

describe('relatedQuestions against counting every pair', () => {
  /** The ranking by definition: every other question, by topics in common, newest, slug. */
  function reference(questions: readonly RelatableQuestion[], limit: number): Map<string, string[]> {
    return new Map(
      questions.map((question) => {
        const own = new Set(question.topics);
        const ranked = questions
          .filter((other) => other !== question)
          .map((other) => ({ other, shared: [...new Set(other.topics)].filter((topic) => own.has(topic)).length }))
          .filter(({ shared }) => shared > 0)
          .sort((a, b) => b.shared - a.shared || compareNewest(a.other, b.other));
        return [question.slug, ranked.slice(0, limit).map(({ other }) => other.slug)];
      }),
    );
  }

  it('ranks as the definition does, on sites of many shapes', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const [size, topics, most, days] of [[40, 2, 2, 2], [200, 6, 4, 5], [600, 20, 6, 30]] as const) {
      const questions = Array.from({ length: size }, (_, i) => ({
        slug: `q-${Math.floor(random() * size)}-${i}`,
        asked: `2024-01-${String(1 + Math.floor(random() * days)).padStart(2, '0')}`,
        topics: Array.from({ length: Math.floor(random() * (most + 1)) }, () => `t${Math.floor(random() * topics)}`),
      }));
      for (const limit of [1, 5, 9]) expect(relatedQuestions(questions, limit)).toEqual(reference(questions, limit));
    }
  });
});
