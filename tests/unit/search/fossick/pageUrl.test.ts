import { describe, expect, it } from 'vitest';
import { pageUrl } from '../../../../src/search/fossick/pageUrl.js';

describe('pageUrl', () => {
  it.each([
    ['index.html', '/'],
    ['questions/botox-dose/index.html', '/questions/botox-dose/'],
    ['about.html', '/about.html'],
    ['about/index.htm', '/about/index.htm'],
    ['sub dir/Müsli/index.html', '/sub%20dir/M%C3%BCsli/'],
    ['100%#?.html', '/100%25%23%3F.html'],
    ["it's/index.html", "/it's/"],
  ])('gives %s the URL %s', (path, url) => {
    expect(pageUrl(path)).toBe(url);
  });
});
