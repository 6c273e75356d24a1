/**
 * Scripts written without spaces between words. Pagefind's indexer splits words on white space
 * (and only segments these scripts when the whole page is in Chinese, Japanese or Thai), so a
 * Japanese question on an English site would be one giant "word". We insert spaces
 * at the word boundaries ICU finds before the text reaches the indexer. Hair spaces (U+200A),
 * because Pagefind drops zero-width spaces but splits words on any Unicode white space; the
 * served HTML is never changed.
 */
// Thai, CJK symbols and punctuation, kana, CJK ideographs (and extensions), fullwidth forms.
// Ranges rather than \p{Script=…}: this runs over every indexed page and ranges are far faster.
const RANGES = '\\u0e00-\\u0e7f\\u3000-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u{20000}-\\u{2fa1f}';
const UNSPACED = new RegExp(`[${RANGES}]+`, 'gu');
const ANY_UNSPACED = new RegExp(`[${RANGES}]`, 'u');

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function hasUnspacedScript(text: string): boolean {
  return ANY_UNSPACED.test(text);
}

/** `東京都でパン` → `東京\u200a都\u200aで\u200aパン`; other text is left exactly as it was. */
export function segmentUnspaced(text: string): string {
  return text.replace(UNSPACED, (run) => {
    const words: string[] = [];
    for (const { segment } of segmenter.segment(run)) words.push(segment);
    return words.join('\u200a');
  });
}
