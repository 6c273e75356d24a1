/**
 * Pagefind's browser code splits a query into words with `Intl.Segmenter` only when the whole
 * index is Chinese, Japanese or Thai. Our indexer splits those scripts on any site (see
 * `segment.ts`), so the query must be split the same way: a Japanese question typed on an
 * English site ("東京の病院") becomes "東京 の 病院" and matches. The check is widened in the
 * two files that run queries; a Pagefind release that changes the code fails the build loudly
 * rather than quietly losing CJK search.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildError } from '../errors/BuildError.js';

const CALL = 'if(needsWordSegmentation(trueLanguage)){';
const WIDENED =
  'if(needsWordSegmentation(trueLanguage)||/[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}]/u.test(term)){';

/** The scripts of Pagefind's bundle that run queries. */
export const RUNTIME_SCRIPTS = ['pagefind.js', 'pagefind-worker.js'];

export async function widenQuerySegmentation(bundleDir: string): Promise<void> {
  for (const name of RUNTIME_SCRIPTS) {
    const file = join(bundleDir, name);
    const code = await readFile(file, 'utf8');
    if (!code.includes(CALL)) {
      throw new BuildError('index', `${name} has no query segmentation check to widen; this Pagefind version is not supported`);
    }
    await writeFile(file, code.replace(CALL, WIDENED));
  }
}
