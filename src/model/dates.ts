const formatters = new Map<string, Intl.DateTimeFormat>();
/** Formatted dates by language and date: a site has far fewer distinct dates than answers. */
const formatted = new Map<string, string>();

/** "March 14, 2025" in the site's language; UTC so a build machine's zone never shifts a day. */
export function formatDate(isoDate: string, language: string): string {
  const key = `${language} ${isoDate}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  let format = formatters.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    formatters.set(language, format);
  }
  const text = format.format(new Date(`${isoDate}T00:00:00Z`));
  formatted.set(key, text);
  return text;
}
