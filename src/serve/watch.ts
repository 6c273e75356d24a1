/**
 * `answerpress serve`: build, serve on loopback, and rebuild when the data or layouts change. An
 * edit to question files is shown at once (`preview.ts`), and the build that brings the rest of
 * the site, the search index and the offline files up to date follows; the built site is swapped
 * in whole, so the server never shows a half-written one.
 * A rebuild that fails keeps the last good site served; its errors go to the terminal and, as an
 * overlay, to every open page.
 */
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build.js';
import { DataError } from '../errors/DataError.js';
import { layoutSearchPath } from '../output/packagePaths.js';
import { EditorRoutes } from './editorRoutes.js';
import { previewQuestions, questionEdits, type PreviewBase } from './preview.js';
import { CLIENT_TAG, LiveReload } from './liveReload.js';
import { assertPortFree, serveSite, type RunningServer } from './server.js';
import { watchTree, type TreeWatcher } from './watchTree.js';

export interface DevServerOptions extends BuildOptions {
  port?: number;
  host?: string;
  /** Milliseconds of quiet after a change before rebuilding. Default: 150. */
  debounceMs?: number;
  /** Turns errors into report lines (the CLI's `path:line:col: message`). */
  formatError: (error: unknown) => string[];
  log: (text: string) => void;
  /** Called after each rebuild, for tests. */
  onBuild?: (result: BuildResult | Error) => void;
}

export interface DevServer {
  url: string;
  /** The web editor, which saves into the data folder. */
  editorUrl: string;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const live = new LiveReload();
  // A taken port is said before a build the server could not show.
  await assertPortFree(options.port, options.host);
  const dataDir = resolve(options.dataDir ?? 'data');
  const first = await build({ ...options, readData: true });
  if (!first.model || !first.assets) throw new Error('the first build returned no model');
  const basePath = first.model.site.basePath;
  let base: PreviewBase = { model: first.model, assets: first.assets, layoutDirs: layoutSearchPath(options.layoutsDir), dataDir, scratchDir: tmpdir() };
  // Previewed pages, each with the change it shows, until a build that read that change is in.
  const previews = new Map<string, { html: string; change: number }>();
  const editor = new EditorRoutes({ dataDir, outDir: first.outDir, ...(options.layoutsDir ? { layoutsDir: options.layoutsDir } : {}), site: () => ({ ...base.model.site, basePath }) });
  const server: RunningServer = await serveSite({
    root: first.outDir,
    port: options.port,
    host: options.host,
    inject: CLIENT_TAG,
    basePath,
    overlay: (file) => previews.get(file)?.html,
    before: (req, res) => live.handle(req, res, basePath) || editor.handle(req, res),
  });

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  /** Changes seen, counted; and the last change every finished build had read. */
  let changes = 0;
  let built = 0;
  /** The data files changed since the last preview; `other` when a change was not one of them. */
  let edited = new Set<string>();
  let other = false;
  let previewing: Promise<void> = Promise.resolve();

  const settle = (through: number): void => {
    built = Math.max(built, through);
    for (const [file, page] of previews) if (page.change <= through) previews.delete(file);
  };
  const rebuild = async (): Promise<void> => {
    const start = performance.now();
    const through = changes;
    try {
      const result = await build({ ...options, readData: true });
      if (result.model && result.assets) base = { ...base, model: result.model, assets: result.assets };
      settle(through);
      options.log(`Rebuilt in ${((performance.now() - start) / 1000).toFixed(2)} s.`);
      live.send({ type: 'reload' });
      options.onBuild?.(result);
    } catch (error) {
      // The last good site is served as it is, without the pages previewed from the bad data.
      settle(through);
      const lines = options.formatError(error);
      options.log(lines.join('\n'));
      live.send({ type: 'errors', lines });
      options.onBuild?.(error instanceof Error ? error : new Error(String(error)));
      if (!(error instanceof DataError)) options.log('The last good site is still being served.');
    }
  };
  /** The edited question pages, shown at once, while the build that follows may still be running. */
  const preview = async (files: string[], change: number): Promise<void> => {
    const start = performance.now();
    const pages = await previewQuestions(base, files).catch(() => null);
    // A build that read the change finished first: it shows more than the preview would.
    if (!pages || closed || built >= change) return;
    for (const [file, html] of pages) previews.set(file, { html, change });
    live.send({ type: 'reload' });
    options.log(`Previewed ${pages.size === 1 ? 'the edited page' : `${pages.size} edited pages`} in ${((performance.now() - start) / 1000).toFixed(2)} s; the rest of the site follows.`);
  };
  const startBuild = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = rebuild().finally(() => {
      running = null;
      if (again && !closed) {
        again = false;
        startBuild();
      }
    });
  };
  const schedule = (file: string | undefined, inData: boolean): void => {
    if (closed) return;
    if (inData && file) edited.add(file);
    else other = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      changes += 1;
      const files = other ? null : questionEdits([...edited]);
      edited = new Set();
      other = false;
      if (files) {
        const change = changes;
        previewing = previewing.then(() => preview(files, change));
      }
      startBuild();
    }, options.debounceMs ?? 150);
  };

  const watchers: TreeWatcher[] = [
    watchTree(options.dataDir ?? 'data', (file) => schedule(file, true), options.log),
    ...(options.layoutsDir ? [watchTree(options.layoutsDir, (file) => schedule(file, false), options.log)] : []),
  ];
  return {
    url: `${server.url}${basePath}/`,
    editorUrl: `${server.url}${basePath}/admin/`,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await previewing;
      await running;
      live.close();
      await server.close();
    },
  };
}
