/**
 * What each output is made from, as a hash: a page's key changes exactly when its rendered
 * HTML can, and a shard's key exactly when what the indexer reads from its pages can. An
 * incremental build renders the pages and indexes the shards whose keys changed.
 */
import { hash as digest } from 'node:crypto';
import type { SiteModel } from '../model/types.js';
import type { Shard } from '../search/index/shards.js';

export interface KeyContext {
  /** Hash of the package and every layout folder searched (see `output/fingerprint.ts`). */
  templates: string;
  assets: Record<string, string>;
  /** Content hash of each data file, by path relative to the data folder. */
  fileHashes: ReadonlyMap<string, string>;
  /**
   * The site overrides templates, so what its question and expert pages index is unknown:
   * their index keys then cover the whole page, not just the parts our templates index.
   */
  customTemplates: boolean;
}

export interface OutputKeys {
  /** Output file (relative to the site) of every question, expert and listing page → its key. */
  pages: Map<string, string>;
  /** By shard id. */
  shards: string[];
}

/** The key of shard `id`, which every shard planned has. */
export function shardKey(keys: OutputKeys, id: number): string {
  const key = keys.shards[id];
  if (key === undefined) throw new Error(`no key for search shard ${id}`);
  return key;
}

const hash = (...parts: string[]): string => digest('sha256', parts.join('\0'), 'hex').slice(0, 32);

/**
 * What a page is made from, hashed. A question's model is made from its own file, the cards of
 * its answers' experts, its topics and the site (`buildQuestion`); its page adds the related
 * questions, which our template leaves out of the index. An expert's profile is made from its
 * own file and the links to its answers, each made from the answer's question (file and
 * experts' cards) and its anchor; our template indexes the profile only. Files count by their
 * content hash; model objects shared between pages (cards, topics, question summaries) are
 * serialized and hashed once.
 */
export function outputKeys(model: SiteModel, shards: readonly Shard[], context: KeyContext): OutputKeys {
  const site = JSON.stringify(model.site);
  const pageBase = hash(context.templates, site, JSON.stringify(context.assets));
  const indexBase = hash(context.templates, site, String(shards.length));
  const fileHash = (file: string) => context.fileHashes.get(file) ?? '';
  // Objects shared between pages (an expert's card is on every page they answer) are hashed
  // once; pages hash their digests, not their text.
  const digests = new WeakMap<object, string>();
  const once = (value: object): string => {
    let known = digests.get(value);
    if (known === undefined) {
      known = hash(JSON.stringify(value));
      digests.set(value, known);
    }
    return known;
  };
  const pages = new Map<string, string>();
  const indexed = new Map<string, string>();
  const questionOwn = new Map<string, string>();
  for (const question of model.questions) {
    const file = `${question.path}index.html`;
    const own = hash(fileHash(question.file), ...question.answers.map((answer) => once(answer.expert)), ...question.topics.map(once));
    questionOwn.set(question.url, own);
    const page = hash(pageBase, own, ...question.related.map(once));
    pages.set(file, page);
    indexed.set(file, context.customTemplates ? page : hash(indexBase, own));
  }
  for (const expert of model.experts) {
    const file = `${expert.path}index.html`;
    // The photo's URLs name its content: a photo replaced under the same path changes them.
    const own = hash(fileHash(expert.file), expert.id, JSON.stringify(expert.photo));
    const answers = expert.answers.map((link) => `${questionOwn.get(link.questionUrl) ?? once(link)} ${link.url}`);
    const page = hash(pageBase, own, ...answers);
    pages.set(file, page);
    indexed.set(file, context.customTemplates ? page : hash(indexBase, own));
  }
  for (const listing of model.listings) {
    pages.set(`${listing.path}index.html`, hash(pageBase, JSON.stringify({ ...listing, items: undefined, topic: undefined }), listing.topic ? once(listing.topic) : '', ...listing.items.map(once)));
  }
  return {
    pages,
    shards: shards.map((shard) => hash(indexBase, String(shard.id), ...shard.pages.map((page) => `${page} ${indexed.get(page) ?? ''}`))),
  };
}
