/**
 * A build that would take most of the live site's questions away stops: a commit that deletes or
 * moves the questions by mistake (a bad merge, a renamed folder) must not publish an empty site.
 * The live site is the output folder as the last build left it.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from '../errors/BuildError.js';

/** The share of the live question pages a build may remove before it stops. */
const MAX_REMOVED_SHARE = 0.5;

/** The slugs of the question pages in a built site (`questions/<slug>/index.html`, not the listing's `page/`). */
export async function liveQuestionSlugs(siteDir: string): Promise<string[]> {
  const dir = join(siteDir, 'questions');
  const names = await readdir(dir).catch(() => [] as string[]);
  const slugs: string[] = [];
  for (const name of names) {
    if (name === 'page') continue;
    if (await stat(join(dir, name, 'index.html')).then((info) => info.isFile(), () => false)) slugs.push(name);
  }
  return slugs;
}

/**
 * The slugs of the question pages among a site's page files (relative to the site, as the
 * build cache lists the live output's): the same as `liveQuestionSlugs` finds on disk, without
 * a look at every folder.
 */
export function questionSlugsOf(pages: Iterable<string>): string[] {
  const slugs: string[] = [];
  for (const page of pages) {
    const slug = /^questions\/([^/]+)\/index\.html$/.exec(page)?.[1];
    if (slug !== undefined && slug !== 'page') slugs.push(slug);
  }
  return slugs;
}

/**
 * @throws {BuildError} when more than half of the `live` question pages (their slugs, from
 * `liveQuestionSlugs` or `questionSlugsOf`) have no question in `slugs`, saying how many.
 */
export function checkShrink(live: readonly string[], outDirName: string, slugs: Iterable<string>): void {
  if (live.length === 0) return;
  const kept = new Set(slugs);
  const removed = live.filter((slug) => !kept.has(slug)).length;
  if (removed <= live.length * MAX_REMOVED_SHARE) return;
  throw new BuildError(
    'shrink',
    `this build would remove ${removed} of the ${live.length} question pages published in ${outDirName} (${live.length - removed} would be left). ` +
      'If questions were deleted or moved by mistake, restore them; if the removal is intended, build again with --allow-shrink.',
  );
}
