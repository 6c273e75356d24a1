/**
 * The pages answerpress builds, as Eleventy virtual templates. Each is a one-line template that
 * extends a page layout from `layouts/pages/`, so a site overrides any page by file name.
 * https://www.11ty.dev/docs/virtual-templates/
 */
export interface PageDefinition {
  /** Layout under `layouts/pages/`. */
  layout: string;
  data: Record<string, unknown>;
}

const one = (alias: string, data: string) => ({ data, size: 1, alias, addAllPagesToCollections: false });

/** Function permalinks: raw (a string permalink is HTML-escaped by Eleventy) and faster. */
const at = (alias: string) => (data: Record<string, { path: string }>) => `${data[alias]?.path ?? ''}index.html`;

export type PageName = 'home' | 'question' | 'listing' | 'experts' | 'expert' | 'topics' | 'search' | 'offline' | 'notFound' | 'sitemap' | 'robots' | 'feed';

export const pages: Record<PageName, PageDefinition> = {
  home: { layout: 'home.njk', data: { permalink: 'index.html' } },
  question: { layout: 'question.njk', data: { pagination: one('q', 'pageSet.questions'), permalink: at('q') } },
  listing: { layout: 'listing.njk', data: { pagination: one('listing', 'pageSet.listings'), permalink: at('listing') } },
  experts: { layout: 'experts.njk', data: { permalink: 'experts/index.html' } },
  expert: { layout: 'expert.njk', data: { pagination: one('expert', 'pageSet.experts'), permalink: at('expert') } },
  topics: { layout: 'topics.njk', data: { permalink: 'topics/index.html' } },
  search: { layout: 'search.njk', data: { permalink: 'search/index.html' } },
  offline: { layout: 'offline.njk', data: { permalink: 'offline/index.html' } },
  notFound: { layout: '404.njk', data: { permalink: '404.html' } },
  sitemap: { layout: 'sitemap.xml.njk', data: { permalink: 'sitemap.xml' } },
  robots: { layout: 'robots.txt.njk', data: { permalink: 'robots.txt' } },
  feed: { layout: 'feed.xml.njk', data: { permalink: 'feed.xml' } },
};
