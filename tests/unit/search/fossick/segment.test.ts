import { describe, expect, it } from 'vitest';
import { hasUnspacedScript, segmentUnspaced } from '../../../../src/search/fossick/segment.js';

/**
 * The separator put between words: a hair space (U+200A). Pagefind drops zero-width spaces
 * (U+200B) but splits words on any Unicode white space (see src/search/segment.ts).
 */
const SEP = '\u200a';

describe('segmentUnspaced', () => {
  it.each([
    ['Japanese', '東京都でパンを食べる', ['東京', '都', 'で', 'パン', 'を', '食べる']],
    ['Chinese', '我喜欢学习中文', ['我', '喜欢', '学习', '中文']],
  ])('%s gets a separator at word boundaries', (_name, text, words) => {
    expect(segmentUnspaced(text)).toBe(words.join(SEP));
  });

  it.each([
    ['Latin', 'Hello world, how are you?'],
    ['Arabic', 'مرحبا بالعالم، كيف حالك؟'],
    ['Hebrew', 'שלום עולם'],
    ['Korean (spaced)', '한국어 텍스트'],
    ['Cyrillic', 'Привет, мир'],
    ['markup', '<div class="x" data-pagefind-body>text</div>'],
    ['empty', ''],
  ])('%s is left exactly as it was', (_name, text) => {
    expect(segmentUnspaced(text)).toBe(text);
  });

  it.each([
    'パンを食べると肌荒れしますか？毎朝パンを食べています。',
    '睡眠不足は頭痛の原因になりますか',
    '我每天早上三点醒来，怎么办？',
    'สวัสดีครับ ยินดีต้อนรับ',
  ])('only inserts separators, and splits %j into several words', (text) => {
    const out = segmentUnspaced(text);
    expect(out.replaceAll(SEP, '')).toBe(text);
    expect(out.split(SEP).length).toBeGreaterThan(2);
    expect(out).not.toContain(SEP + SEP);
    expect(out).not.toContain('\u200b');
  });

  it('segments only the unspaced runs of mixed text', () => {
    const text = '<h1 class="title">Question: 東京都でパンを食べる and more</h1>';
    const out = segmentUnspaced(text);
    expect(out).toBe(`<h1 class="title">Question: 東京${SEP}都${SEP}で${SEP}パン${SEP}を${SEP}食べる and more</h1>`);
  });

  it('never puts a separator next to the surrounding text', () => {
    const out = segmentUnspaced('abc東京都でパンを食べるxyz');
    expect(out.startsWith(`abc${SEP}`)).toBe(false);
    expect(out.endsWith(`${SEP}xyz`)).toBe(false);
    expect(out.startsWith('abc東京')).toBe(true);
    expect(out.endsWith('食べるxyz')).toBe(true);
  });

  it('leaves a single word alone', () => {
    expect(segmentUnspaced('コーヒー')).toBe('コーヒー');
  });
});

describe('hasUnspacedScript', () => {
  it.each([
    ['Japanese kana', 'ひらがな', true],
    ['Katakana', 'コーヒー', true],
    ['Han', '漢字', true],
    ['Chinese', '中文', true],
    ['Thai', 'สวัสดี', true],
    ['mixed', 'mixed 日本語 text', true],
    ['Latin', 'Hello world', false],
    ['Arabic', 'مرحبا', false],
    ['Hebrew', 'שלום', false],
    ['Korean', '한국어', false],
    ['empty', '', false],
  ])('%s -> %s', (_name, text, expected) => {
    expect(hasUnspacedScript(text)).toBe(expected);
  });

  it('gives the same answer on repeated calls (no global-regex state leaks)', () => {
    for (let i = 0; i < 5; i += 1) {
      expect(hasUnspacedScript('x 日本語')).toBe(true);
      expect(hasUnspacedScript('日本語')).toBe(true);
    }
    segmentUnspaced('日本語 と 中文');
    expect(hasUnspacedScript('日本語')).toBe(true);
  });
});
