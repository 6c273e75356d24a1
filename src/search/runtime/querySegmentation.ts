/**
 * Pagefind's browser code splits a query into words with `Intl.Segmenter` only when the whole
 * index is Chinese, Japanese or Thai. Our indexer splits those scripts on any site (see
 * `segment.ts`), so the query must be split the same way: a Japanese question typed on an
 * English site ("東京の病院") becomes "東京 の 病院" and matches. The check is widened in the
 * two files that run queries (`runtime.ts`); a Pagefind release that changes the code fails the
 * build loudly rather than quietly losing CJK search.
 */
const CALL = 'if(needsWordSegmentation(trueLanguage)){';
const WIDENED =
  'if(needsWordSegmentation(trueLanguage)||/[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}]/u.test(term)){';

/** One of Pagefind's query-running scripts with its segmentation check widened; null when it has no such check. */
export function widenQuerySegmentation(code: string): string | null {
  return code.includes(CALL) ? code.replace(CALL, WIDENED) : null;
}
