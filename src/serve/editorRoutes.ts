/**
 * `/admin/` under `answerpress serve`: the web editor, always, saving through our local backend
 * into the data folder (whatever `site.yaml` says about publishing it), and the backend itself.
 */
import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { editorConfig } from '../editor/config.js';
import { ADMIN, adminPage, editorScripts } from '../editor/publish.js';
import type { SiteInfo } from '../model/types.js';
import { EditorBackend } from './editorBackend.js';
import { renderQuestionPage } from './editorPreview.js';

export const EDITOR_API = '/__answerpress/editor/api/v1';
/** Where the editor asks for a question rendered by our layouts. */
export const EDITOR_PREVIEW = '/__answerpress/editor/preview';

export interface EditorRoutesOptions {
  dataDir: string;
  /** The built site, for its stylesheet's name. */
  outDir: string;
  /** The site's own layouts, for previews. */
  layoutsDir?: string;
  /** The site as the last good build saw it. */
  site: () => SiteInfo;
}

export class EditorRoutes {
  readonly #backend: EditorBackend;
  readonly #options: EditorRoutesOptions;

  constructor(options: EditorRoutesOptions) {
    this.#options = options;
    this.#backend = new EditorBackend(options.dataDir);
  }

  /** Handles the editor's routes; true when the request was one of them. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const site = this.#options.site();
    const admin = `${site.basePath}/${ADMIN}`;
    if (path === EDITOR_PREVIEW && req.method === 'POST') {
      void this.#backend.preview(req, res, (data, slug) => renderQuestionPage(data, slug, { outDir: this.#options.outDir, ...(this.#options.layoutsDir ? { layoutsDir: this.#options.layoutsDir } : {}) }));
      return true;
    }
    if (path === EDITOR_API) {
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'POST' }).end();
        return true;
      }
      void this.#backend.handle(req, res);
      return true;
    }
    if (path === admin) {
      res.writeHead(302, { location: `${admin}/` }).end();
      return true;
    }
    if (!path.startsWith(`${admin}/`)) return false;
    void this.#serve(path.slice(admin.length + 1), site, res);
    return true;
  }

  async #serve(name: string, site: SiteInfo, res: ServerResponse): Promise<void> {
    try {
      const scripts = await editorScripts();
      if (name === '' || name === 'index.html') {
        const editor = editorConfig({ backend: { name: 'proxy', proxyUrl: EDITOR_API }, folder: '', siteUrl: `${site.basePath}/` });
        const page = adminPage({ editor, previewUrl: EDITOR_PREVIEW, stylesheet: await this.#stylesheet(site), title: site.title, language: site.language, icon: `${site.basePath}/favicon.svg` }, scripts);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(page);
        return;
      }
      const bytes = scripts.files.get(name);
      if (!bytes) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
      res.end(bytes);
    } catch (error) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`answerpress: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The built site's stylesheet, whose name carries its content hash. */
  async #stylesheet(site: SiteInfo): Promise<string> {
    const names = await readdir(join(this.#options.outDir, 'assets')).catch(() => [] as string[]);
    const name = names.find((file) => /^style\.[0-9a-f]+\.css$/.test(file)) ?? 'style.css';
    return `${site.basePath}/assets/${name}`;
  }
}
