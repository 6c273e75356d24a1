import { describe, expect, it } from 'vitest';
import { PAGEFIND_VERSION } from '../../../../src/search/format/pagefindFormat.js';
import { resolveChunkNames, SCRIPT_PATCHES, widenQuerySegmentation } from '../../../../src/search/runtime/patches.js';

describe('the patches to Pagefind’s scripts', () => {
  it('were each taken from the Pagefind version this package writes for', () => {
    expect(SCRIPT_PATCHES.map((patch) => patch.pagefind)).toEqual(SCRIPT_PATCHES.map(() => PAGEFIND_VERSION));
  });

  it('widen query segmentation to Chinese, Japanese and Thai text on any site, and refuse a script without the check', () => {
    const patched = widenQuerySegmentation('if(needsWordSegmentation(trueLanguage)){split(term)}') as string;
    expect(patched).toContain('\\p{Script=Han}');
    expect(widenQuerySegmentation('split(term)')).toBeNull();
  });
});

describe('resolveChunkNames', () => {
  const script = [
    'let entry_json=await entry_response.json();this.languages=entry_json.languages;this.loadedVersion=entry_json.version;',
    'async loadChunk(hash){return this._loadGenericChunk(`${this.basePath}index/${hash}.pf_index`,"load_index_chunk");}',
  ].join('');

  /** The URL the patched script fetches for chunk `hash`, given the entry file's JSON. */
  function chunkUrl(entry: Record<string, unknown>, hash: string): string {
    const patched = resolveChunkNames(script) as string;
    const keep = patched.slice(patched.indexOf('this.languages'), patched.indexOf('this.loadedVersion'));
    const url = (patched.match(/`\$\{this\.basePath\}index\/[^`]*`/) as RegExpMatchArray)[0];
    const run = new Function('entry_json', 'hash', `this.basePath='/pagefind/';${keep}return ${url};`) as (this: object, entry: unknown, hash: string) => string;
    return run.call({}, entry, hash);
  }

  it('makes Pagefind’s script fetch chunks from the entry file’s folder', () => {
    expect(chunkUrl({ languages: {}, index_folder: '0123abcdef' }, '01f')).toBe('/pagefind/index/0123abcdef/01f.pf_index');
  });

  it('keeps Pagefind’s layout for a bundle whose entry names no folder', () => {
    expect(chunkUrl({ languages: {} }, 'en_1a2b3c4')).toBe('/pagefind/index/en_1a2b3c4.pf_index');
  });

  it('refuses a script that fetches chunks some other way', () => {
    expect(resolveChunkNames('this.languages=entry_json.languages;fetch(`index/${id}.pf_index`)')).toBeNull();
  });
});
