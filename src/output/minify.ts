/**
 * Scripts and stylesheets are published minified: comments and spaces are for whoever edits the
 * layouts, not for readers' connections. esbuild only rewrites syntax and keeps modules as
 * modules, except that a script importing one of the package's browser modules
 * (`answerpress/search-query`) has it bundled in. Its WebAssembly build is used, the same
 * minifier with the same output as the native one, because it has no install script: a site
 * owner's `npm install` then runs none of this package's dependencies' scripts (npm 11 asks to
 * approve each).
 * https://esbuild.github.io/api/#transform https://esbuild.github.io/api/#alias
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop, transform, version } from 'esbuild-wasm';

/** esbuild's version: what minified output depends on besides its input. */
export const MINIFIER_VERSION = version;

/** The package's modules a layouts script may import, and where they are (TypeScript in the repository, JavaScript once compiled). */
const BROWSER_MODULES: Record<string, string> = {
  'answerpress/search-query': fileURLToPath(new URL('../search/query/index', import.meta.url)),
};
const IMPORTS_PACKAGE = /\bfrom\s*['"]answerpress\//;

/**
 * Starts esbuild's service, a child process that compiles its WebAssembly once: called when a
 * build starts, so that the compile runs while the data loads rather than before the first asset.
 */
export function startMinifier(): void {
  transform('', { loader: 'js' }).catch(() => undefined);
}

/**
 * Ends esbuild's service. A process that exits with it still starting would have it print a
 * broken pipe's stack trace to the terminal; the CLI calls this before it returns.
 */
export async function stopMinifier(): Promise<void> {
  await stop();
}

/** `source` minified as a `.js` (an ES module or a classic script) or `.css` file; esbuild's error if it does not parse. */
export async function minify(source: string, loader: 'js' | 'css'): Promise<string> {
  const { code } = await transform(source, { loader, minify: true, target: 'es2022', legalComments: 'none', charset: 'utf8' });
  return code;
}

/** `source` bundled with the package's browser modules it imports, minified, as one ES module; and the files it took in. */
async function bundle(source: string): Promise<MinifiedAsset> {
  const workingDir = process.cwd();
  const result = await build({
    absWorkingDir: workingDir,
    stdin: { contents: source, loader: 'js', resolveDir: workingDir },
    alias: BROWSER_MODULES,
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    target: 'es2022',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  // The metafile names the files read relative to the working folder; `<stdin>` is the source.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((input) => input !== '<stdin>')
    .map((input) => resolve(workingDir, input))
    .sort();
  return { code: result.outputFiles[0]?.text ?? '', inputs };
}

/** Whether the asset `name` is bundled with the package's modules it imports, rather than minified alone. */
export function isBundled(name: string, source: string): boolean {
  return name.endsWith('.js') && IMPORTS_PACKAGE.test(source);
}

/** An asset minified, and the other files a bundle took in (none for an asset minified alone). */
export interface MinifiedAsset {
  code: string;
  /** Absolute paths, sorted. */
  inputs: string[];
}

/** The minified form of a `.js` or `.css` asset named `name`, with the files a bundled script took in. */
export async function minifyAsset(name: string, source: string): Promise<MinifiedAsset> {
  try {
    if (isBundled(name, source)) return await bundle(source);
    return { code: await minify(source, name.endsWith('.css') ? 'css' : 'js'), inputs: [] };
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
    const where = first?.location ? `:${first.location.line}:${first.location.column}` : '';
    throw new Error(`assets/${name}${where}: ${first?.text ?? String(error)}. Fix the syntax error in the layouts' asset.`, { cause: error });
  }
}
