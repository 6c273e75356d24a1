import { convertHtmlToAbsoluteUrls } from '@11ty/eleventy-plugin-rss';

const RELATIVE_URL = /\s(?:href|src)="(?!https?:|mailto:)/;

/** Relative links in rendered markdown made absolute against `base`, as feed readers need. */
export async function absoluteUrls(html: string, base: string): Promise<string> {
  // Most answers link nowhere or only to absolute URLs: skip the HTML parse for them.
  if (!RELATIVE_URL.test(html)) return html;
  return (await convertHtmlToAbsoluteUrls(html, base, { closingSingleTag: 'slash' })) as string;
}
