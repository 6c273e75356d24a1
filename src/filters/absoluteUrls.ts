import { convertHtmlToAbsoluteUrls } from '@11ty/eleventy-plugin-rss';

/** Relative links in rendered markdown made absolute against `base`, as feed readers need. */
export async function absoluteUrls(html: string, base: string): Promise<string> {
  if (!html) return '';
  return (await convertHtmlToAbsoluteUrls(html, base, { closingSingleTag: 'slash' })) as string;
}
