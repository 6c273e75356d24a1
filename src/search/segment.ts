/**
 * Scripts written without spaces between words. Pagefind's indexer splits words on white space
 * (and only segments these scripts when the whole page is in Chinese, Japanese or Thai), so a
 * Japanese question on an English site would be one giant "word". We insert spaces
 * at the word boundaries ICU finds before the text reaches the indexer. Hair spaces (U+200A),
 * because Pagefind drops zero-width spaces but splits words on any Unicode white space; the
 * served HTML is never changed.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\u3000-\u303f\u30fc\uff00-\uffef]+/gu;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export function hasUnspacedScript(text: string): boolean {
  UNSPACED.lastIndex = 0;
  return UNSPACED.test(text);
}

/** `東京都でパン` → `東京\u200a都\u200aで\u200aパン`; other text is left exactly as it was. */
export function segmentUnspaced(text: string): string {
  return text.replace(UNSPACED, (run) => {
    const words: string[] = [];
    for (const { segment } of segmenter.segment(run)) words.push(segment);
    return words.join('\u200a');
  });
}
