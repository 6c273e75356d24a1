/**
 * A page's URL as Pagefind derives it from the page's path in the site: `index.html` dropped,
 * and what a URL path cannot hold percent-encoded (`fossick/mod.rs`, `build_url`).
 */

/** C0 controls, DEL, space and `" # % < > ? \` { }`, and every byte of a character outside ASCII. */
const ENCODED = /[\x00-\x20"#%<>?`{}\x7f]|[^\x00-\x7f]/gu;

/** The URL of the page at `path`, relative to the site's root, with `/` between folders. */
export function pageUrl(path: string): string {
  const url = path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path === 'index.html' ? '' : path;
  return `/${url.replace(ENCODED, (c) => [...Buffer.from(c)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''))}`;
}
