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
