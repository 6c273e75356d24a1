import { dateToRfc3339 } from '@11ty/eleventy-plugin-rss';

/** `2025-03-14` as an Atom (RFC 3339) timestamp at midnight UTC. */
export function atomDate(isoDate: string): string {
  return dateToRfc3339(new Date(`${isoDate}T00:00:00Z`)) as string;
}
