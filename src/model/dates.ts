const formatters = new Map<string, Intl.DateTimeFormat>();

/** "March 14, 2025" in the site's language; UTC so a build machine's zone never shifts a day. */
export function formatDate(isoDate: string, language: string): string {
  let format = formatters.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    formatters.set(language, format);
  }
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}
