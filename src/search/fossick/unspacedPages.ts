import { primaryLanguage } from '../../model/language.js';
import type { SiteModel } from '../../model/types.js';
import { hasUnspacedScript } from './segment.js';

const SEGMENTED_LANGUAGES = new Set(['zh', 'ja', 'th']);

/**
 * A filter for a shard's pages (output files relative to the site): the indexed pages whose
 * text needs its words split before Pagefind reads it. Decided from the model, so the other
 * pages are never read again, and only for the shards being indexed. None on a Chinese,
 * Japanese or Thai site, where Pagefind splits words itself.
 */
export function pagesNeedingSegmentation(model: SiteModel): (pages: readonly string[]) => string[] {
  if (SEGMENTED_LANGUAGES.has(primaryLanguage(model.site.language))) return () => [];
  const texts = new Map<string, () => string[]>();
  for (const q of model.questions) {
    texts.set(`${q.path}index.html`, () => [q.title, q.bodyText, ...q.topics.map((t) => t.name), ...q.answers.flatMap((a) => [a.headline, a.bodyText, a.expert.displayName, a.expert.specialty, a.expert.locationText])]);
  }
  for (const e of model.experts) texts.set(`${e.path}index.html`, () => [e.displayName, e.specialty, e.locationText, e.bioText]);
  return (pages) => pages.filter((page) => texts.get(page)?.().some(hasUnspacedScript) ?? false);
}
