import { describe, expect, it } from 'vitest';
import { isSafeLink, MarkdownMemo, markdownToText, renderMarkdown, renderMarkdownAndText, truncate } from '../../../src/model/markdown.js';

/** Every `href` value in a rendered fragment, entity-decoded enough for these tests. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

describe('renderMarkdown: raw HTML is shown as text', () => {
  it.each([
    ['script', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['img onerror', '<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['iframe', 'x <iframe src="https://e.org"></iframe>', '&lt;iframe src=&quot;https://e.org&quot;&gt;&lt;/iframe&gt;'],
    ['html block', '<div onclick="alert(1)">\nhi\n</div>', '&lt;div onclick=&quot;alert(1)&quot;&gt;'],
    ['svg onload', '"><svg onload=alert(1)>', '&quot;&gt;&lt;svg onload=alert(1)&gt;'],
  ])('%s', (_name, source, escaped) => {
    const html = renderMarkdown(source);
    expect(html).toContain(escaped);
    expect(html).not.toMatch(/<(script|img|iframe|svg|div)\b/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
  });
});

describe('renderMarkdown: unsafe link schemes are dropped', () => {
  it.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['JAVASCRIPT:', '[x](JAVASCRIPT:alert(1))'],
    ['entity-encoded colon', '[x](javascript&colon;alert(1))'],
    ['java<TAB>script: (not a link destination)', '[x](java\tscript:alert(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['file:', '[x](file:///etc/passwd)'],
    ['autolink javascript:', '<javascript:alert(1)>'],
    ['reference definition', '[a][r]\n\n[r]: javascript:alert(1)'],
  ])('%s', (_name, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toContain('<a');
    expect(hrefs(html)).toEqual([]);
  });

  it('keeps the literal text of a dropped link', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
  });

  it.each([
    ['angle-bracket destination with a tab', '[x](<java\tscript:alert(1)>)'],
    ['numeric entity for a tab', '[x](java&#9;script:alert(1))'],
  ])('%s never resolves to a javascript: URL', (_name, source) => {
    const html = renderMarkdown(source);
    for (const href of hrefs(html)) {
      // What a browser does with the href: resolve it against the page.
      const resolved = new URL(href, 'https://example.org/questions/q/');
      expect(resolved.protocol).toBe('https:');
      expect(resolved.origin).toBe('https://example.org');
    }
  });
});

describe('renderMarkdown: safe links are kept', () => {
  it.each([
    ['http', '[x](http://e.org/a)', 'http://e.org/a', true],
    ['https', '[x](https://e.org/a?b=1&c=2)', 'https://e.org/a?b=1&c=2', true],
    ['HTTPS upper case', '[x](HTTPS://e.org/)', 'HTTPS://e.org/', true],
    ['autolink', '<https://e.org/>', 'https://e.org/', true],
    ['mailto', '[x](mailto:a@b.org)', 'mailto:a@b.org', false],
    ['root-relative', '[x](/questions/a/)', '/questions/a/', false],
    ['relative', '[x](../b)', '../b', false],
    ['fragment', '[x](#answer-a)', '#answer-a', false],
  ])('%s', (_name, source, href, external) => {
    const html = renderMarkdown(source);
    expect(hrefs(html)).toEqual([href]);
    if (external) expect(html).toContain('rel="nofollow ugc noopener"');
    else expect(html).not.toContain('rel=');
  });
});

describe('isSafeLink', () => {
  it.each([
    ['javascript:alert(1)', false],
    ['JAVASCRIPT:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['  javascript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['vbscript:x', false],
    ['file:///etc/passwd', false],
    ['http://e.org', true],
    ['https://e.org', true],
    ['mailto:a@b.org', true],
    ['/a/b', true],
    ['../a', true],
    ['#x', true],
    ['?q=1', true],
  ])('%j -> %s', (url, safe) => {
    expect(isSafeLink(url)).toBe(safe);
  });
});

describe('renderMarkdown: images are disabled', () => {
  it('renders ![alt](url) as "!" and a link, never an <img>', () => {
    const html = renderMarkdown('![alt text](https://e.org/i.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('!<a href="https://e.org/i.png" rel="nofollow ugc noopener">alt text</a>');
  });

  it('a javascript: image is dropped entirely', () => {
    const html = renderMarkdown('![x](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(hrefs(html)).toEqual([]);
  });
});

describe('renderMarkdown: heading offset', () => {
  it.each([
    [0, '# a', 'h1'],
    [1, '# a', 'h2'],
    [2, '## a', 'h3'],
    [3, '# a', 'h4'],
    [3, '### a', 'h4'],
    [3, '###### a', 'h4'],
    [5, '## a', 'h6'],
  ])('offset %i: %j becomes <%s>', (offset, source, tag) => {
    expect(renderMarkdown(source, offset)).toBe(`<${tag}>a</${tag}>\n`);
  });

  it('never skips a level, whatever levels the author wrote', () => {
    expect(renderMarkdown('#### a\n\n# b\n\n### c\n\n###### d', 1)).toBe('<h2>a</h2>\n<h2>b</h2>\n<h3>c</h3>\n<h4>d</h4>\n');
  });

  it('defaults to an offset of 3', () => {
    expect(renderMarkdown('# a\n\n## b')).toBe('<h4>a</h4>\n<h5>b</h5>\n');
  });

  it('renderers for different offsets do not share state', () => {
    expect(renderMarkdown('# a', 1)).toBe('<h2>a</h2>\n');
    expect(renderMarkdown('# a', 2)).toBe('<h3>a</h3>\n');
    expect(renderMarkdown('# a', 1)).toBe('<h2>a</h2>\n');
  });
});

describe('markdownToText', () => {
  it.each([
    ['plain', 'hello world', 'hello world'],
    ['emphasis and code', 'some *emph* and `code`', 'some emph and code'],
    ['link text, not its URL', 'see [the guide](https://e.org/guide)', 'see the guide'],
    ['soft break', 'line one\nline two', 'line one line two'],
    ['paragraphs', 'one\n\ntwo', 'one two'],
    ['heading', '# Title\n\nbody', 'Title body'],
    ['list items', '- a\n- b', 'a b'],
    ['fenced code', '```\nlet x = 1;\n```', 'let x = 1;'],
    ['raw HTML as text', '<b>bold</b>', '<b>bold</b>'],
    ['collapses white space', '  a   \n\n\n   b  ', 'a b'],
    ['empty', '', ''],
  ])('%s', (_name, source, text) => {
    expect(markdownToText(source)).toBe(text);
  });
});

describe('truncate', () => {
  it.each([
    ['shorter than max', 'short', 10, 'short'],
    ['exactly max', 'exactly10!', 10, 'exactly10!'],
    ['cut at a word boundary', 'hello world foo bar', 12, 'hello world…'],
    ['no late space: hard cut', 'abcdefghijklmnop', 8, 'abcdefg…'],
    ['space too early: hard cut', 'a bcdefghijklmnop', 10, 'a bcdefgh…'],
    ['trailing space trimmed', 'abcdefg     hijklmnop', 10, 'abcdefg…'],
    ['astral characters count once', '😀😀😀😀😀😀', 4, '😀😀😀…'],
    ['exactly max astral characters', '😀😀😀😀', 4, '😀😀😀😀'],
    ['astral characters after the cut', 'abcdefgh😀', 5, 'abcd…'],
  ])('%s', (_name, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never exceeds max characters', () => {
    const text = 'lorem ipsum dolor sit amet '.repeat(20);
    for (const max of [5, 17, 40, 160, 200]) expect(truncate(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('renderMarkdownAndText', () => {
  it.each(['# Title\n\nSome *text* and a [link](https://example.org).', '- one\n- two\n\n```\ncode\n```', ''])('gives the same HTML and words as the separate functions for %j', (source) => {
    expect(renderMarkdownAndText(source, 2)).toEqual({ html: renderMarkdown(source, 2), text: markdownToText(source) });
  });
});

describe('MarkdownMemo', () => {
  it('renders each source once per heading offset and reuses what an earlier build rendered', () => {
    const first = new MarkdownMemo();
    const a = first.render('# Hi\n\nText.', 3);
    expect(first.render('# Hi\n\nText.', 3)).toBe(a);
    expect(first.render('# Hi\n\nText.', 1).html).toBe(renderMarkdown('# Hi\n\nText.', 1));
    expect(first.rendered.size).toBe(2);

    const second = new MarkdownMemo(first.used);
    expect(second.render('# Hi\n\nText.', 3)).toBe(a);
    expect(second.render('Other.', 3)).toEqual(renderMarkdownAndText('Other.', 3));
    expect([...second.rendered]).toHaveLength(1);
    expect([...second.used.keys()]).toHaveLength(2);
  });
});
