/**
 * The editor's preview of a question under `answerpress serve`: the page rendered by our own
 * layouts (the site's, then the package's) from the data as the editor holds it, exactly as the
 * build renders it. Scripts are left out: the preview is a picture of the page.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedData } from '../data/load.js';
import { render } from '../eleventy/render.js';
import { buildModelAhead } from '../model/renderAhead.js';
import { layoutSearchPath } from '../output/packagePaths.js';

export interface PreviewOptions {
  /** The built site, whose assets the page links to. */
  outDir: string;
  layoutsDir?: string;
}

/** The question page for `slug` in `data`, without its scripts. */
export async function renderQuestionPage(data: LoadedData, slug: string, options: PreviewOptions): Promise<string> {
  const model = await buildModelAhead(data);
  const question = model.questions.find((q) => q.slug === slug);
  if (!question) throw new Error(`no question ${slug} to preview`);
  const scratch = await mkdtemp(join(tmpdir(), 'answerpress-preview-'));
  try {
    const out = join(scratch, 'out');
    await render(out, scratch, {
      model,
      layoutDirs: layoutSearchPath(options.layoutsDir),
      assets: await publishedAssets(options.outDir),
      searchCacheTag: '',
      searchScript: '',
      only: ['question'],
      pageSet: { questions: [question], experts: [], listings: [] },
    });
    const html = await readFile(join(out, `${question.path.replace(/^\//, '')}index.html`), 'utf8');
    return html.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The built site's assets by their names before hashing: `style.css` → `style.1a2b3c4d5e.css`. */
async function publishedAssets(outDir: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const name of await readdir(join(outDir, 'assets')).catch(() => [] as string[])) {
    const hashed = /^(.+)\.[0-9a-f]{10}(\.[a-z]+)$/.exec(name);
    names[hashed ? `${hashed[1]}${hashed[2]}` : name] = name;
  }
  return names;
}
