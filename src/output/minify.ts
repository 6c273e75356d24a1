/**
 * Scripts and stylesheets are published minified: comments and spaces are for whoever edits the
 * layouts, not for readers' connections. esbuild only rewrites syntax; it bundles nothing and keeps modules as modules.
 * https://esbuild.github.io/api/#transform
 */
import { transform } from 'esbuild';

/** `source` minified as a `.js` (an ES module or a classic script) or `.css` file; esbuild's error if it does not parse. */
export async function minify(source: string, loader: 'js' | 'css'): Promise<string> {
  const { code } = await transform(source, { loader, minify: true, target: 'es2022', legalComments: 'none', charset: 'utf8' });
  return code;
}

/** The minified form of a `.js` or `.css` asset named `name`. */
export async function minifyAsset(name: string, source: string): Promise<string> {
  try {
    return await minify(source, name.endsWith('.css') ? 'css' : 'js');
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
    const where = first?.location ? `:${first.location.line}:${first.location.column}` : '';
    throw new Error(`assets/${name}${where}: ${first?.text ?? String(error)}. Fix the syntax error in the layouts' asset.`, { cause: error });
  }
}
