import type { SiteModel } from '../model/types.js';
import { hasUnspacedScript } from './segment.js';

const SEGMENTED_LANGUAGES = new Set(['zh', 'ja', 'th']);

/**
 * Output files (relative to the site) of indexed pages whose text needs its words split before
 * Pagefind reads it. Decided from the model, so the other pages are never read again. None on
 * a Chinese, Japanese or Thai site, where Pagefind splits words itself.
 */
export function pagesNeedingSegmentation(model: SiteModel): string[] {
  if (SEGMENTED_LANGUAGES.has(model.site.language.split('-')[0]?.toLowerCase() ?? '')) return [];
  const files: string[] = [];
  for (const q of model.questions) {
    const texts = [q.title, q.bodyText, ...q.topics.map((t) => t.name), ...q.answers.flatMap((a) => [a.headline, a.bodyText, a.expert.displayName, a.expert.specialty, a.expert.locationText])];
    if (texts.some(hasUnspacedScript)) files.push(`${q.path}index.html`);
  }
  for (const e of model.experts) {
    if ([e.displayName, e.specialty, e.locationText, e.bioText].some(hasUnspacedScript)) files.push(`${e.path}index.html`);
  }
  return files;
}
