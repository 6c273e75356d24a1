/** The package's pagination macro, rendered by Nunjucks from `layouts/macros/pagination.njk` as the pages call it. */
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { packageLayouts } from '../../../src/build.js';
import { shownPages } from '../../../src/model/buildModel.js';

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(packageLayouts), { autoescape: true });
const labels = { pagination: 'Pages', previousPage: 'Previous', nextPage: 'Next', pagesOmitted: 'Pages left out' };

function render(pageCount: number, current: number): string {
  const pages = Array.from({ length: pageCount }, (_, i) => ({ number: i + 1, url: `/questions/page/${i + 1}/` }));
  const listing = {
    pageCount,
    pageNumber: current,
    shownPages: shownPages(pages, current),
    previousUrl: current > 1 ? `/questions/page/${current - 1}/` : null,
    nextUrl: current < pageCount ? `/questions/page/${current + 1}/` : null,
  };
  return env.renderString('{% from "macros/pagination.njk" import pagination %}{{ pagination(listing, labels) }}', { listing, labels });
}

/** The list's items as a screen reader reads them (what is hidden from it left out), with the current page marked. */
const items = (html: string) =>
  [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map(([, item]) => {
    const text = (item as string).replace(/<span aria-hidden="true">.*?<\/span>/g, '').replace(/<[^>]+>/g, '');
    return (item as string).includes('aria-current="page"') ? `[${text}]` : text;
  });

describe('pagination macro', () => {
  it('shows the first and last pages, those near the current one, and a gap a screen reader reads for each run left out', () => {
    const html = render(250, 100);
    expect(items(html)).toEqual(['Previous', '1', 'Pages left out', '98', '99', '[100]', '101', '102', 'Pages left out', '250', 'Next']);
    expect(html).toContain('<nav class="pagination" aria-label="Pages">');
    expect(html).toContain('<a href="/questions/page/100/" aria-current="page">100</a>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
    // On screen an ellipsis; to a screen reader, the label.
    expect(html).toContain('<li class="gap"><span aria-hidden="true">…</span><span class="visually-hidden">Pages left out</span></li>');
  });

  it('shows every page of a short listing, and nothing for a single page', () => {
    expect(items(render(5, 1))).toEqual(['[1]', '2', '3', '4', '5', 'Next']);
    expect(render(1, 1).trim()).toBe('');
  });
});
