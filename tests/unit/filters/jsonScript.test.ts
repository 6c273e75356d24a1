import { describe, expect, it } from 'vitest';
import { jsonScript } from '../../../src/filters/jsonScript.js';

describe('jsonScript', () => {
  it.each([
    ['closing script tag', '</script><script>alert(1)</script>'],
    ['closing script tag, upper case', '</SCRIPT>'],
    ['HTML comment opener', '<!-- x'],
    ['HTML comment closer', '--> x'],
    ['script opener inside a comment', '<!--<script>'],
    ['ampersand entities', '&lt;b&gt; &amp;'],
    ['line separator U+2028', 'a\u2028b'],
    ['paragraph separator U+2029', 'a\u2029b'],
    ['quotes and backslashes', '"\\\'`'],
    ['non-ASCII', 'صحة 日本語 🙂'],
  ])('%s: escaped and round-trips', (_name, text) => {
    const value = { name: text, nested: [text, { text }] };
    const out = jsonScript(value);
    expect(out).not.toMatch(/[<>&\u2028\u2029]/);
    expect(out.toLowerCase()).not.toContain('</script');
    expect(out).not.toContain('<!--');
    expect(JSON.parse(out)).toEqual(value);
  });

  it('uses \\u escapes, not HTML entities', () => {
    expect(jsonScript('</script>')).toBe('"\\u003c/script\\u003e"');
    expect(jsonScript('<!--')).toBe('"\\u003c!--"');
    expect(jsonScript('a&b')).toBe('"a\\u0026b"');
    expect(jsonScript('\u2028\u2029')).toBe('"\\u2028\\u2029"');
  });

  it('leaves ordinary JSON untouched', () => {
    const value = { '@context': 'https://schema.org', count: 3, ok: true, none: null, list: [1, 'two'] };
    expect(jsonScript(value)).toBe(JSON.stringify(value));
  });

  it('is safe to evaluate as a JavaScript literal too', () => {
    const text = 'a\u2028b</script>';
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    expect(new Function(`return ${jsonScript(text)};`)()).toBe(text);
  });
});
