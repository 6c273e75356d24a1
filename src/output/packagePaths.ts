/** Where the installed package's own files are, wherever it runs from (dist/output/ here). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The package's own layouts, the fallback for every template a site does not override. */
export const packageLayouts = join(packageRoot, 'layouts');
