import { describe, expect, it } from 'vitest';
import { parseList, readDigest } from '../../../../src/search/fossick/htmlDigest.js';
import { normalizeContent } from '../../../../src/search/fossick/normalize.js';

const digestOf = (body: string) => readDigest(`<html lang="en"><body>${body}</body></html>`);

describe('readDigest', () => {
  // Pagefind's own parser tests (fossick/parser.rs), with the digests its 1.6.0 binary gives.
  it.each([
    ['<p>Weight one</p><p data-pagefind-weight="2">Weight two</p>', 'Weight one. ___PAGEFIND_WEIGHT___2 Weight two. ___END_PAGEFIND_WEIGHT___'],
    ['<p>Sentence one</p><br id="break" /><p id="pid">Sentence two</p>', 'Sentence one. ___PAGEFIND_ANCHOR___br:0:break ___PAGEFIND_ANCHOR___p:1:pid Sentence two.'],
    ['<p>Sentences should have periods</p><p>Unless one exists.</p><div>Or it ends with punctuation:</div><article>Except for \'quotes\'</article>', "Sentences should have periods. Unless one exists. Or it ends with punctuation: Except for 'quotes'."],
    ["<p>Inline tags like <span>span</span> and <b>bol</b><b>d</b> shouldn't have periods</p><p>And should n<i>o</i>t add any space.</p>", "Inline tags like span and bold shouldn't have periods. And should not add any space."],
    ['<p>Elements like:</p><form>Should <b>not</b> be indexed</form><p>forms</p><div> As well as <div data-pagefind-ignore="">Manually ignored <p>Elements</p></div>*crickets*</div>', 'Elements like: forms. As well as *crickets*.'],
    ['<h2 id="x">Hi</h2>', '___PAGEFIND_ANCHOR___h2:0:x ___PAGEFIND_AUTO_WEIGHT___6 Hi. ___END_PAGEFIND_WEIGHT___'],
    ['<dl><dt>Term</dt><dd>Definition</dd></dl>', 'TermDefinition'],
    ['<p>A &amp;amp; B &lt; C &nbsp</p>', 'A &amp; B < C &nbsp.'],
  ])('reads %s as %s', (body, digest) => {
    expect(digestOf(body).digest).toBe(digest);
  });

  it('keeps only the bodies once a page marks one, all of them in order', () => {
    const page = digestOf('<p>Before</p><main data-pagefind-body><p>First</p></main><aside>Between</aside><div data-pagefind-body><p>Second</p></div>');
    expect(page.digest).toBe('First. Second.');
    expect(page.hasBody).toBe(true);
  });

  it('reads meta, filters and sorts, inside ignored parts too but not inside excluded ones', () => {
    const page = readDigest(
      '<html lang="en-GB"><head><meta data-pagefind-meta="image[content]" content="/cat.jpg"><title>Tab title</title></head><body>' +
        '<h1>Hello <b>World</b></h1><span data-pagefind-filter="tag">Alpha</span><span data-pagefind-filter="tag:Beta, colour:red"></span>' +
        '<p data-pagefind-ignore><span data-pagefind-meta="author">Jane</span></p><div data-pagefind-ignore="all"><span data-pagefind-filter="gone:yes"></span></div>' +
        '<span data-pagefind-sort="rank:5"></span><img src="/hero.png" alt="A hero"></body></html>',
    );
    expect(Object.fromEntries(page.meta)).toEqual({ author: 'Jane', image: '/cat.jpg', title: 'Hello World' });
    expect(Object.fromEntries(page.filters)).toEqual({ tag: ['Alpha', 'Beta, colour:red'] });
    expect(Object.fromEntries(page.sort)).toEqual({ rank: '5' });
    expect(page.language).toBe('en-gb');
  });

  it('takes the first image after the title as the page image when none is given', () => {
    const page = digestOf('<img src="/before.png"><h1>Title</h1><p>Text</p><img src=" /hero  image.png " alt="A &amp;lt; hero">');
    expect(page.meta.get('image')).toBe('/hero image.png');
    expect(page.meta.get('image_alt')).toBe('A &lt; hero');
  });

  it('gives an anchor its own text and the text of inline elements in it, and its title', () => {
    const page = digestOf('<div id="d" data-pagefind-title="Da &amp; ta">Intro <p>para</p> <em>emph</em></div>');
    expect([...page.anchorText.values()]).toEqual(['Intro  emph']);
    expect([...page.anchorTitles.values()]).toEqual(['Da & ta']);
  });
});

describe('normalizeContent', () => {
  const reference = (text: string) => {
    const space = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
    return text
      .replace(new RegExp(`^[${space}]+|[${space}]+$`, 'g'), '')
      .replace(/(\n|\r\n)+/g, ' ')
      .replace(new RegExp(`[${space}]{2,}`, 'g'), ' ');
  };

  it('trims, turns line breaks into spaces and runs of white space into one, as its three regular expressions do', () => {
    const pieces = ['a', 'b', ' ', '\n', '\r', '\r\n', '\t', '\u00a0', '\u3000', '\u200b', 'x y', '\u2028', '\u0085', '\ufeff'];
    let seed = 1;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let n = 0; n < 20_000; n += 1) {
      let text = '';
      for (let i = Math.floor(next() * 8); i > 0; i -= 1) text += pieces[Math.floor(next() * pieces.length)];
      expect(normalizeContent(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('decodes character references once, and only those ending in a semicolon', () => {
    expect(normalizeContent('&amp;lt; &#65;&#x42; &amp &copy;')).toBe('&lt; AB &amp ©');
  });
});

describe('parseList', () => {
  it.each([
    ['a, b:c, d', ['a', 'b:c, d']],
    ['tag:Beta, colour:red', ['tag:Beta, colour:red']],
    ['cat[src], cat-alt[alt]', ['cat:/cat.png', 'cat-alt:A cat']],
    ['title', ['title']],
  ])('reads %s as %j', (input, list) => {
    expect(parseList(input, new Map([['src', '/cat.png'], ['alt', 'A cat']]))).toEqual(list);
  });
});
