/**
 * The files of `/admin/`: Decap CMS's script from its npm package (never a CDN), our editor
 * script bundled with js-yaml, and the page that loads them with the configuration generated
 * from the contract. Scripts carry a content hash in their names, as the site's own assets do;
 * Decap's lazily loaded chunks keep theirs, beside its script, where it looks for them.
 * https://decapcms.org/docs/install-decap-cms/
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild-wasm';
import { jsonScript } from '../filters/jsonScript.js';
import { publishedName } from '../output/assets.js';
import type { EditorPage } from './client.js';
import type { SiteInfo } from '../model/types.js';
import { editorConfig, type EditorConfig } from './config.js';

/** The folder of the site the editor is published at. */
export const ADMIN = 'admin';

/** Raised when the decap-cms package is not installed. */
export class EditorMissingError extends Error {
  constructor() {
    super('the web editor needs the decap-cms package: run `npm install decap-cms` in the site\'s folder');
    this.name = 'EditorMissingError';
  }
}

interface Scripts {
  /** File name under `admin/` → bytes. */
  files: Map<string, Uint8Array>;
  decap: string;
  editor: string;
}

let scripts: Promise<Scripts> | undefined;

/** Decap CMS's and our scripts, read and bundled once per process. */
export function editorScripts(): Promise<Scripts> {
  scripts ??= loadScripts();
  // A failure (no decap-cms yet) is not kept: installing it and saving again works.
  scripts.catch(() => (scripts = undefined));
  return scripts;
}

async function loadScripts(): Promise<Scripts> {
  let dist: string;
  try {
    dist = join(dirname(createRequire(import.meta.url).resolve('decap-cms/package.json')), 'dist');
  } catch (error) {
    throw Object.assign(new EditorMissingError(), { cause: error });
  }
  const files = new Map<string, Uint8Array>();
  const main = await readFile(join(dist, 'decap-cms.js'));
  const decap = publishedName('decap-cms.js', main);
  files.set(decap, main);
  // Its chunks and WebAssembly, which the main script loads from beside itself when needed.
  for (const name of (await readdir(dist)).sort()) {
    if (/^\d+\.decap-cms\.js$/.test(name) || name.endsWith('.wasm')) files.set(name, await readFile(join(dist, name)));
  }
  const bundled = await esbuild({
    entryPoints: [clientEntry()],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = bundled.outputFiles[0]?.contents;
  if (!code) throw new Error('bundling the editor script wrote nothing');
  const editor = publishedName('editor.js', code);
  files.set(editor, code);
  return { files, decap, editor };
}

/** The compiled client beside this module, or its TypeScript source when run from src/ (tests). */
function clientEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const compiled = join(here, 'client.js');
  return existsSync(compiled) ? compiled : join(here, 'client.ts');
}

export interface AdminPageOptions {
  editor: EditorConfig;
  /** Where `answerpress serve` renders a question with our layouts for its preview; none in a built site. */
  previewUrl?: string;
  /** The site's stylesheet URL, for the previews. */
  stylesheet: string;
  /** The site's title, for the page's. */
  title: string;
  language: string;
  /** The site's icon, so the browser does not ask for `/favicon.ico`. */
  icon: string;
}

/** `/admin/index.html`: Decap CMS, then our script, which starts it with the configuration. */
export function adminPage(options: AdminPageOptions, names: Pick<Scripts, 'decap' | 'editor'>): string {
  const page: EditorPage = { config: options.editor.config, formats: options.editor.formats, stylesheet: options.stylesheet, ...(options.previewUrl ? { previewUrl: options.previewUrl } : {}) };
  return `<!doctype html>
<html lang="${escapeAttribute(options.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Editor · ${escapeText(options.title)}</title>
<link rel="icon" href="${escapeAttribute(options.icon)}">
<script type="application/json" id="answerpress-editor">${jsonScript(page)}</script>
<script>window.CMS_MANUAL_INIT = true;</script>
</head>
<body>
<script src="${names.decap}"></script>
<script src="${names.editor}"></script>
</body>
</html>
`;
}

/** Writes `admin/` into a built site, replacing whatever the last build left there. */
export async function writeAdmin(siteDir: string, options: AdminPageOptions): Promise<void> {
  const { files, decap, editor } = await editorScripts();
  const dir = join(siteDir, ADMIN);
  // A folder of hard links to the last output: removed, never written through.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of files) await writeFile(join(dir, name), bytes);
  await writeFile(join(dir, 'index.html'), adminPage(options, { decap, editor }));
}

/**
 * Publishes the editor at `admin/` of a built site when `site.yaml` has `editor:`, committing to
 * its GitHub repository; removes what an earlier build published there when it no longer has.
 */
export async function publishEditor(siteDir: string, site: SiteInfo, assets: Record<string, string>): Promise<void> {
  if (!site.editor) {
    await rm(join(siteDir, ADMIN), { recursive: true, force: true });
    return;
  }
  const { repo, branch = 'main', folder = 'data', authUrl } = site.editor;
  const editor = editorConfig({ backend: { name: 'github', repo, branch, ...(authUrl ? { authUrl } : {}) }, folder: `${folder}/`, siteUrl: `${site.url}/` });
  await writeAdmin(siteDir, { editor, stylesheet: `${site.basePath}/assets/${assets['style.css']}`, title: site.title, language: site.language, icon: `${site.basePath}/favicon.svg` });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
