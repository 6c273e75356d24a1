/**
 * `answerpress serve`: build, serve on loopback, and rebuild when the data or layouts change.
 * A rebuild that fails keeps the last good site served; its errors go to the terminal and, as an
 * overlay, to every open page.
 */
import { resolve } from 'node:path';
import { build, type BuildOptions, type BuildResult } from '../build.js';
import { DataError } from '../errors/DataError.js';
import { EditorRoutes } from './editorRoutes.js';
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
  const first = await build({ ...options, readData: true });
  if (!first.model) throw new Error('the first build returned no model');
  const basePath = first.model.site.basePath;
  let site = first.model.site;
  const editor = new EditorRoutes({ dataDir: resolve(options.dataDir ?? 'data'), outDir: first.outDir, ...(options.layoutsDir ? { layoutsDir: options.layoutsDir } : {}), site: () => site });
  const server: RunningServer = await serveSite({
    root: first.outDir,
    port: options.port,
    host: options.host,
    inject: CLIENT_TAG,
    basePath,
    before: (req, res) => live.handle(req, res, basePath) || editor.handle(req, res),
  });

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const rebuild = async (): Promise<void> => {
    const start = performance.now();
    try {
      const result = await build({ ...options, readData: true });
      if (result.model) site = { ...result.model.site, basePath };
      options.log(`Rebuilt in ${((performance.now() - start) / 1000).toFixed(2)} s.`);
      live.send({ type: 'reload' });
      options.onBuild?.(result);
    } catch (error) {
      const lines = options.formatError(error);
      options.log(lines.join('\n'));
      live.send({ type: 'errors', lines });
      options.onBuild?.(error instanceof Error ? error : new Error(String(error)));
      if (!(error instanceof DataError)) options.log('The last good site is still being served.');
    }
  };
  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = rebuild().finally(() => {
        running = null;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, options.debounceMs ?? 150);
  };

  const watchers: TreeWatcher[] = [options.dataDir ?? 'data', ...(options.layoutsDir ? [options.layoutsDir] : [])].map((dir) => watchTree(dir, schedule, options.log));
  return {
    url: `${server.url}${basePath}/`,
    editorUrl: `${server.url}${basePath}/admin/`,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await running;
      live.close();
      await server.close();
    },
  };
}
