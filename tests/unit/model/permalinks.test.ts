import { describe, expect, it } from 'vitest';
import { answerAnchors, paths, urlFor } from '../../../src/model/permalinks.js';

describe('answerAnchors', () => {
  it.each([
    [[], []],
    [['a'], ['answer-a']],
    [['a', 'b'], ['answer-a', 'answer-b']],
    [['a', 'a'], ['answer-a', 'answer-a-2']],
    [['a', 'b', 'a', 'a', 'b'], ['answer-a', 'answer-b', 'answer-a-2', 'answer-a-3', 'answer-b-2']],
  ])('%j -> %j', (authors, anchors) => {
    expect(answerAnchors(authors)).toEqual(anchors);
  });

  it('gives every answer on a page a distinct anchor', () => {
    const authors = ['x', 'y', 'x', 'y', 'x', 'z', 'x'];
    const anchors = answerAnchors(authors);
    expect(anchors).toHaveLength(authors.length);
    expect(new Set(anchors).size).toBe(authors.length);
  });
});

describe('paths', () => {
  it.each([
    ['home', paths.home(), ''],
    ['questions page 1', paths.questionsPage(1), 'questions/'],
    ['questions page 2', paths.questionsPage(2), 'questions/page/2/'],
    ['questions page 13', paths.questionsPage(13), 'questions/page/13/'],
    ['question', paths.question('my-slug'), 'questions/my-slug/'],
    ['experts', paths.experts(), 'experts/'],
    ['expert', paths.expert('jane-doe'), 'experts/jane-doe/'],
    ['topics', paths.topics(), 'topics/'],
    ['topic page 1', paths.topicPage('sleep', 1), 'topics/sleep/'],
    ['topic page 3', paths.topicPage('sleep', 3), 'topics/sleep/page/3/'],
    ['search', paths.search(), 'search/'],
    ['offline', paths.offline(), 'offline/'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('every path except home ends in a slash and has no leading slash', () => {
    const all = [
      paths.questionsPage(1),
      paths.questionsPage(4),
      paths.question('q'),
      paths.experts(),
      paths.expert('e'),
      paths.topics(),
      paths.topicPage('t', 1),
      paths.topicPage('t', 2),
      paths.search(),
      paths.offline(),
    ];
    for (const path of all) {
      expect(path.endsWith('/')).toBe(true);
      expect(path.startsWith('/')).toBe(false);
    }
  });
});

describe('urlFor', () => {
  it.each([
    ['', '', '/'],
    ['', 'questions/', '/questions/'],
    ['/docs', '', '/docs/'],
    ['/docs', 'questions/a/', '/docs/questions/a/'],
    ['/a/b', 'experts/x/', '/a/b/experts/x/'],
  ])('base %j + %j = %j', (base, path, url) => {
    expect(urlFor(base, path)).toBe(url);
  });
});
