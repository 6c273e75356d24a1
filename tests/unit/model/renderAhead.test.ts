import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../../src/data/load.js';
import { buildModel, markdownFields } from '../../../src/model/buildModel.js';
import { MarkdownMemo, renderMarkdownAndText } from '../../../src/model/markdown.js';
import { buildModelAhead, renderAhead } from '../../../src/model/renderAhead.js';
import { demoData, fixturesDir } from '../../helpers/site.js';

describe('renderAhead', () => {
  it.each([
    ['the good fixture', join(fixturesDir, 'good')],
    ['the demo data', demoData],
  ])('renders every markdown field of %s that the model needs, in worker threads, as the model would', async (_name, dir) => {
    const data = await loadData(dir);
    for (const threads of [1, 2]) {
      const memo = new MarkdownMemo();
      await renderAhead(memo, markdownFields(data), threads);
      const ahead = new Set(memo.rendered);
      expect(ahead.size).toBeGreaterThan(0);
      const model = buildModel(data, { markdown: memo });
      // Nothing left for the model to render, and the same model as without rendering ahead.
      expect(memo.rendered).toEqual(ahead);
      expect(model).toEqual(buildModel(data));
    }
  });

  it('builds, through buildModelAhead, the model buildModel builds, with every field in the memo it is given', async () => {
    const data = await loadData(demoData);
    const memo = new MarkdownMemo();
    const model = await buildModelAhead(data, { markdown: memo });
    expect(model).toEqual(buildModel(data));
    expect(memo.rendered.size).toBeGreaterThan(0);
    expect(memo.unrendered(markdownFields(data))).toEqual([]);
  });

  it('gives each field what rendering it on this thread gives, at its heading offset', async () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ source: `# Part ${i}\n\nText *${i}*.\n\n## Detail\n\nMore.`, headingOffset: 1 + (i % 3) }));
    const memo = new MarkdownMemo();
    await renderAhead(memo, fields, 2);
    expect(memo.rendered.size).toBe(12);
    for (const { source, headingOffset } of fields) expect(memo.render(source, headingOffset)).toEqual(renderMarkdownAndText(source, headingOffset));
    expect(memo.rendered.size).toBe(12);
  });

  it('renders nothing that an earlier build rendered', async () => {
    const data = await loadData(join(fixturesDir, 'good'));
    const first = new MarkdownMemo();
    buildModel(data, { markdown: first });
    const second = new MarkdownMemo(first.used);
    await renderAhead(second, markdownFields(data), 1);
    expect(second.rendered.size).toBe(0);
  });

  it('renders each text once, however many fields hold it', () => {
    const memo = new MarkdownMemo();
    const fields = [
      { source: 'Same *text*.', headingOffset: 3 },
      { source: 'Same *text*.', headingOffset: 3 },
      { source: 'Same *text*.', headingOffset: 1 },
    ];
    expect(memo.unrendered(fields).map(({ source, headingOffset }) => [source, headingOffset])).toEqual([
      ['Same *text*.', 3],
      ['Same *text*.', 1],
    ]);
  });
});
