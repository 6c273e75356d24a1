import { join } from 'node:path';
import { formatDataError } from '../../src/cli/format.js';
import { DataError } from '../../src/errors/DataError.js';
import { startDevServer, type DevServer } from '../../src/serve/watch.js';

/**
 * `answerpress serve` as the CLI starts it, over the data folder `data`, writing into `root/out`,
 * rebuilding 100 ms after a change; its log lines go to `log`.
 */
export function startServe(data: string, root: string, log: (text: string) => void = () => undefined): Promise<DevServer> {
  return startDevServer({
    dataDir: data,
    outDir: join(root, 'out'),
    debounceMs: 100,
    log,
    formatError: (error) => (error instanceof DataError ? formatDataError(error, data, 'text').split('\n') : [String(error)]),
  });
}
