import { describe, expect, it } from 'vitest';
import { loadData } from '../../../src/data/load.js';
import { answerExcerpt, buildModel, markdownFields } from '../../../src/model/buildModel.js';
import { MarkdownMemo } from '../../../src/model/markdown.js';
import { outlineQuestions, withoutOutlinedAnswers } from '../../../src/model/outlines.js';
import type { SiteModel } from '../../../src/model/types.js';
import { demoData } from '../../helpers/site.js';

/** The model with every answer's body emptied: what outlining leaves of an outlined question. */
function withoutBodies(model: SiteModel, outlined: (slug: string) => boolean): unknown {
  const strip = (question: SiteModel['questions'][number]) => (outlined(question.slug) ? { ...question, answers: question.answers.map((answer) => ({ ...answer, bodyHtml: '', bodyText: '' })) } : question);
  return { ...model, questions: model.questions.map(strip), feed: model.feed.map(strip) };
}

describe('outlined questions', () => {
  it('give the model every page needs but their own: the same experts, listings and related questions, and no answer bodies', async () => {
    const data = await loadData(demoData);
    const whole = buildModel(data);
    // Every other question is outlined, as a part outlines those of the shards it does not build.
    const kept = new Set(data.questions.filter((_, i) => i % 2 === 0).map(({ id }) => id));
    for (const threads of [0, 1]) {
      const outlines = await outlineQuestions(data, (slug) => kept.has(slug), threads);
      expect([...outlines.keys()].sort()).toEqual(data.questions.map(({ id }) => id).filter((id) => !kept.has(id)).sort());
      const lean = withoutOutlinedAnswers(data, outlines);
      const memo = new MarkdownMemo();
      const model = buildModel(lean, { markdown: memo, outlines });
      expect(model.experts).toEqual(whole.experts);
      expect(model.listings).toEqual(whole.listings);
      expect(model).toEqual(withoutBodies(whole, (slug) => outlines.has(slug)));
      const answers = model.questions.filter((q) => outlines.has(q.slug)).flatMap((q) => q.answers);
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.every((answer) => answer.excerpt !== '' && answer.bodyHtml === '' && answer.bodyText === '')).toBe(true);
    }
  });

  it('are let go of: their answers\' bodies are neither in the data left nor among the fields to render', async () => {
    const data = await loadData(demoData);
    const at = data.questions.findIndex(({ data: q }) => (q.answers?.length ?? 0) > 0);
    const outlined = data.questions[at]?.id as string;
    const outlines = await outlineQuestions(data, (slug) => slug !== outlined, 0);
    const lean = withoutOutlinedAnswers(data, outlines);
    const bodies = new Set(data.questions[at]?.data.answers?.map((answer) => answer.body));
    expect(bodies.size).toBeGreaterThan(0);
    expect(lean.questions[at]?.data.answers?.every((answer) => answer.body === '')).toBe(true);
    expect([...markdownFields(lean, outlines)].some((field) => bodies.has(field.source))).toBe(false);
    expect([...(lean.files?.values() ?? [])].every((known) => known.value === undefined)).toBe(true);
    // The data it was made from is unchanged.
    expect(data.questions[at]?.data.answers?.every((answer) => bodies.has(answer.body))).toBe(true);
  });

  it('refuse an outline that misses an answer, rather than render a page without it', async () => {
    const data = await loadData(demoData);
    const question = data.questions.find(({ data: q }) => (q.answers?.length ?? 0) > 1);
    expect(question).toBeDefined();
    const outlines = new Map([[question?.id as string, ['only one excerpt']]]);
    expect(() => buildModel(withoutOutlinedAnswers(data, outlines), { outlines })).toThrow(/has no excerpt for answer 2/);
  });
});

describe('an answer excerpt', () => {
  it('holds no view of the whole answer it was cut from', async () => {
    const { setFlagsFromString } = await import('node:v8');
    const { runInNewContext } = await import('node:vm');
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const body = 'Water deeply once a week, and more often in a heat wave. '.repeat(100_000);
    collect();
    const before = process.memoryUsage().heapUsed;
    const excerpts = Array.from({ length: 4 }, (_, i) => answerExcerpt(`${i} ${body}`));
    // V8 keeps the text a regular expression last ran on: let that be a short one.
    /short/.exec('short');
    collect();
    expect(excerpts[0]).toMatch(/^0 Water deeply once a week.*…$/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(2 * 1024 ** 2);
  });
});
