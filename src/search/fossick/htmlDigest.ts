/**
 * Reads a page as Pagefind 1.6's HTML parser does: the text it indexes (the digest, with markers
 * for anchors and weights), its filters, meta, sorts and anchors' text. The rules follow
 * Pagefind's `fossick/parser.rs` and what its 1.6.0 binary writes; `pageRecord.ts` turns the
 * digest into words. Pagefind reads pages with a streaming rewriter that builds no tree, so
 * this reads them with a tokenizer that builds none either.
 * https://pagefind.app/docs/indexing/ · https://pagefind.app/docs/metadata/ · https://pagefind.app/docs/filtering/
 */
import { Tokenizer } from 'htmlparser2';
import { normalizeContent, trimWhiteSpace, WHITE_SPACE } from './normalize.js';

const ALL_SPACES = new RegExp(`[${WHITE_SPACE}]`, 'g');
/** A character after which a block's text gets a full stop: Rust's Unicode `\w`, quotes, `)`, `$` and `*`. */
const SENTENCE_CHAR = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}'")$*]$/u;

/** ASCII characters after which a sentence gets a full stop. */
const SENTENCE_ASCII = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'\")$*") SENTENCE_ASCII[c.charCodeAt(0)] = 1;

/** Whether `text` ends with a character after which a sentence gets a full stop. */
function endsSentence(text: string): boolean {
  if (text === '') return false;
  const last = text.charCodeAt(text.length - 1);
  if (last < 128) return SENTENCE_ASCII[last] === 1;
  // A character above U+FFFF ends with the second half of its pair.
  const char = last >= 0xdc00 && last <= 0xdfff && text.length > 1 ? text.slice(-2) : text.slice(-1);
  return SENTENCE_CHAR.test(char);
}
const ATTRIBUTE_REFERENCE = new RegExp(`^[${WHITE_SPACE}]*([^:[\\]]+)\\[(.+)\\][${WHITE_SPACE}]*$`);

/** Blocks whose text is kept apart from their neighbours' with a space and, after a word, a full stop. */
const SENTENCE_BLOCKS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'div', 'ul', 'li', 'article', 'section']);
/** Elements whose text counts toward the anchor around them. */
const INLINE = new Set(['a', 'abbr', 'acronym', 'b', 'bdo', 'big', 'br', 'button', 'cite', 'code', 'dfn', 'em', 'i', 'img', 'input', 'kbd', 'label', 'map', 'object', 'output', 'q', 'samp', 'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'textarea', 'time', 'tt', 'var']);
/** Elements never indexed, though their filters and meta count. */
const REMOVED = new Set(['head', 'style', 'script', 'noscript', 'label', 'form', 'svg', 'footer', 'nav', 'iframe', 'template']);
/** Elements without an end tag. */
const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const HEADING_WEIGHTS: Record<string, string> = { h1: '7', h2: '6', h3: '5', h4: '4', h5: '3', h6: '2' };

export const ANCHOR_MARKER = '___PAGEFIND_ANCHOR___';
export const WEIGHT_MARKER = '___PAGEFIND_WEIGHT___';
export const AUTO_WEIGHT_MARKER = '___PAGEFIND_AUTO_WEIGHT___';
export const END_WEIGHT_MARKER = '___END_PAGEFIND_WEIGHT___';

/** What indexing reads of a page, before its digest is split into words. */
export interface PageDigest {
  digest: string;
  /** By name, in code point order when written; values in the order their elements ended. */
  filters: Map<string, string[]>;
  meta: Map<string, string>;
  sort: Map<string, string>;
  /** An anchor's text and its `data-pagefind-title`, by the anchor's key (`counter:id`). */
  anchorText: Map<string, string>;
  anchorTitles: Map<string, string>;
  /** The page's `<html lang>`, lowercased; empty if none. */
  language: string;
  /** Whether the page marks its indexed part with `data-pagefind-body`. */
  hasBody: boolean;
}

const enum Status {
  Indexing,
  /** Not indexed; filters and meta count. */
  Ignored,
  /** Not indexed, nor any filter or meta inside. */
  Excluded,
  Body,
  /** Holds a body element: only bodies' text is kept. */
  ParentOfBody,
}

/**
 * An open element. Its text is not a string of its own: every node's text is a run of
 * `DigestReader.pieces`, which only grows at its end (text always goes to the deepest open
 * node), so a child's text follows its parent's and handing it up costs nothing.
 */
interface Node {
  tag: string;
  /** Where its text starts in the pieces, and the piece kept for what its end puts before it (−1: none). */
  from: number;
  mark: number;
  status: Status;
  parent: Node | null;
  filter: string[] | null;
  meta: string[] | null;
  defaultMeta: string[] | null;
  sort: string[] | null;
  weight: string | null;
  anchorIds: string[] | null;
}

export function readDigest(html: string): PageDigest {
  return new DigestReader(html).read();
}

class DigestReader {
  private readonly pieces: string[] = [];
  private readonly root: Node = node('', Status.Indexing, null);
  private current = this.root;
  /** Open elements, for matching end tags. */
  private readonly open: Node[] = [];
  private readonly filters = new Map<string, string[]>();
  private readonly meta = new Map<string, string>();
  private readonly defaultMeta = new Map<string, string>();
  private readonly sort = new Map<string, string>();
  private readonly anchorText = new Map<string, string>();
  private readonly anchorTitles = new Map<string, string>();
  private anchorCounter = 0;
  private language = '';
  /** Depth inside `<html>`: elements and text outside it are not read. */
  private inHtml = 0;
  private tag = '';
  private attributes = new Map<string, string>();
  private attributeName = '';
  private attributeValue = '';

  constructor(private readonly html: string) {}

  read(): PageDigest {
    const html = this.html;
    const tokenizer = new Tokenizer(
      { decodeEntities: false },
      {
        onopentagname: (start, end) => {
          this.tag = html.slice(start, end).toLowerCase();
          // Read while the tag starts, and never kept.
          this.attributes.clear();
        },
        onattribname: (start, end) => {
          this.attributeName = html.slice(start, end).toLowerCase();
          this.attributeValue = '';
        },
        onattribdata: (start, end) => {
          this.attributeValue += html.slice(start, end);
        },
        onattribend: () => {
          // The first of two attributes of one name counts, as in browsers.
          if (!this.attributes.has(this.attributeName)) this.attributes.set(this.attributeName, this.attributeValue);
        },
        onopentagend: () => this.start(this.tag, this.attributes, !VOID.has(this.tag)),
        onselfclosingtag: () => this.start(this.tag, this.attributes, false),
        onclosetag: (start, end) => this.end(html.slice(start, end).toLowerCase()),
        ontext: (start, end) => {
          if (this.inHtml > 0) this.text(html.slice(start, end));
        },
        onattribentity: () => undefined,
        ontextentity: () => undefined,
        oncdata: () => undefined,
        oncomment: () => undefined,
        ondeclaration: () => undefined,
        onprocessinginstruction: () => undefined,
        onend: () => undefined,
      },
    );
    tokenizer.write(html);
    tokenizer.end();
    return this.finish();
  }

  private start(tag: string, attributes: Map<string, string>, hasEnd: boolean): void {
    if (tag === 'html') {
      this.inHtml += 1;
      const lang = attributes.get('lang');
      if (lang !== undefined) this.language = lang.toLowerCase();
    } else if (this.inHtml === 0) {
      return;
    }
    const parent = this.current;
    const ignore = attributes.get('data-pagefind-ignore');
    let status = Status.Indexing;
    if (attributes.has('data-pagefind-body')) status = Status.Body;
    else if (ignore !== undefined) status = ['', 'index', 'true'].includes(ignore.toLowerCase()) ? Status.Ignored : Status.Excluded;

    let anchorId: string | null = null;
    const id = attributes.get('id');
    if (status !== Status.Excluded && status !== Status.Ignored && id !== undefined) {
      // Anchors outside a body are not kept once a body is found.
      if (!(parent.status === Status.ParentOfBody && status !== Status.Body)) {
        const elementId = id.replace(ALL_SPACES, '');
        this.pieces.push(` ${ANCHOR_MARKER}${tag}:${this.anchorCounter}:${elementId} `);
        anchorId = `${this.anchorCounter}:${elementId}`;
        this.anchorCounter += 1;
      }
    }
    const title = attributes.get('data-pagefind-title');
    if (anchorId !== null && title !== undefined) {
      const normalized = normalizeContent(title);
      if (normalized) this.anchorTitles.set(anchorId, normalized);
    }
    if (status !== Status.Excluded) {
      const indexAttributes = attributes.get('data-pagefind-index-attrs');
      if (indexAttributes !== undefined) {
        for (const name of indexAttributes.split(',')) {
          let value = attributes.get(name.trim().toLowerCase()) ?? '';
          if (endsSentence(value)) value += '.';
          this.pieces.push(` ${value} `);
        }
      }
      if (tag === 'br') this.pieces.push(' ');
    }

    const anchorIds = parent.anchorIds && INLINE.has(tag) ? [...parent.anchorIds] : null;
    const weight = attributes.get('data-pagefind-weight') ?? null;
    // Blocks, headings and weighted elements put a space or a marker before their text when they end.
    const mark = hasEnd && (SENTENCE_BLOCKS.has(tag) || weight !== null || HEADING_WEIGHTS[tag] !== undefined) ? this.pieces.push('') - 1 : -1;
    const child: Node = {
      tag,
      from: this.pieces.length,
      mark,
      status: parent.status === Status.Excluded ? Status.Excluded : status,
      parent,
      filter: parseList(attributes.get('data-pagefind-filter'), attributes),
      meta: parseList(attributes.get('data-pagefind-meta'), attributes),
      defaultMeta: parseList(attributes.get('data-pagefind-default-meta'), attributes),
      sort: parseList(attributes.get('data-pagefind-sort'), attributes),
      weight,
      anchorIds: anchorId === null ? anchorIds : [...(anchorIds ?? []), anchorId],
    };
    // Elements never indexed are ignored whatever their own attributes say, as Pagefind's
    // handler for them runs after the one that made the node.
    if (REMOVED.has(tag)) child.status = Status.Ignored;
    this.current = child;

    if (hasEnd) {
      this.open.push(child);
      return;
    }
    this.current = parent;
    if (child.status === Status.Excluded) return;
    this.collect(child);
    if (tag === 'img' && !this.meta.has('auto_image') && (this.meta.has('auto_title') || this.meta.has('title'))) {
      const src = attributes.get('src');
      if (src !== undefined) {
        this.meta.set('auto_image', src);
        const alt = attributes.get('alt');
        if (alt !== undefined) this.meta.set('auto_image_alt', alt);
      }
    }
  }

  private end(tag: string): void {
    const at = this.open.findLastIndex((open) => open.tag === tag);
    if (at < 0) return;
    // Elements left open inside it end with it.
    while (this.open.length > at) this.close(this.open.pop() as Node);
    if (tag === 'html') this.inHtml -= 1;
  }

  private close(node: Node): void {
    const parent = node.parent as Node;
    this.current = parent;
    const first = startOf(node);
    if (node.status === Status.Excluded) {
      this.pieces.length = first;
      return;
    }
    this.collect(node);
    const { tag } = node;
    if (tag === 'h1' && !this.meta.has('auto_title')) {
      const value = this.valueOf(node);
      if (trimWhiteSpace(value) !== '') this.meta.set('auto_title', normalizeContent(value));
    }
    if (tag === 'title' && !this.meta.has('auto_page_title')) this.meta.set('auto_page_title', normalizeContent(this.valueOf(node)));
    if (node.status === Status.Ignored || (parent.status === Status.ParentOfBody && !isBody(node))) {
      this.pieces.length = first;
      return;
    }

    let before = '';
    let after = '';
    if (SENTENCE_BLOCKS.has(tag)) {
      before = ' ';
      after = `${this.endsSentence(node) ? '.' : ''} `;
    }
    const heading = HEADING_WEIGHTS[tag];
    if (node.weight !== null) {
      before = ` ${WEIGHT_MARKER}${node.weight} ${before}`;
      after = `${after} ${END_WEIGHT_MARKER} `;
    } else if (heading !== undefined) {
      before = ` ${AUTO_WEIGHT_MARKER}${heading} ${before}`;
      after = `${after} ${END_WEIGHT_MARKER} `;
    }
    if (node.mark >= 0) this.pieces[node.mark] = before;
    if (after) this.pieces.push(after);
    if (isBody(node)) this.bodyEnded(parent, first);
  }

  /** A body's text, from piece `first`, replaces whatever its parent read before it, unless that was a body too. */
  private bodyEnded(parent: Node, first: number): void {
    if (parent.status !== Status.ParentOfBody) this.pieces.splice(parent.from, first - parent.from);
    parent.status = Status.ParentOfBody;
  }

  /** A node's text so far. */
  private valueOf(node: Node): string {
    return this.pieces.slice(node.from).join('');
  }

  /** Whether a node's text, a space before it, ends where a sentence gets a full stop. */
  private endsSentence(node: Node): boolean {
    for (let i = this.pieces.length - 1; i >= node.from; i -= 1) {
      const piece = this.pieces[i] as string;
      if (piece !== '') return endsSentence(piece);
    }
    return false;
  }

  private text(chunk: string): void {
    const node = this.current;
    this.pieces.push(chunk);
    if (node.status === Status.Ignored || node.status === Status.Excluded || node.anchorIds === null) return;
    for (const id of node.anchorIds) this.anchorText.set(id, (this.anchorText.get(id) ?? '') + chunk);
  }

  /** Applies an ended element's filters, sorts and meta: filters add values, the others replace them. */
  private collect(node: Node): void {
    if (node.filter === null && node.sort === null && node.meta === null && node.defaultMeta === null) return;
    const value = this.valueOf(node);
    for (const entry of node.filter ?? []) {
      const pair = attributePair(value, entry);
      if (!pair) continue;
      const values = this.filters.get(pair[0]) ?? [];
      values.push(normalizeContent(pair[1]));
      this.filters.set(pair[0], values);
    }
    for (const [list, target] of [
      [node.sort, this.sort],
      [node.meta, this.meta],
      [node.defaultMeta, this.defaultMeta],
    ] as const) {
      for (const entry of list ?? []) {
        const pair = attributePair(value, entry);
        if (pair) target.set(pair[0], pair[1]);
      }
    }
  }

  private finish(): PageDigest {
    // Elements never closed hand their text up as they are, and ignored ones none.
    for (let node = this.current; node.parent; node = node.parent) {
      const parent = node.parent;
      const first = startOf(node);
      if (parent.status === Status.ParentOfBody || node.status === Status.Ignored || node.status === Status.Excluded) this.pieces.length = first;
      else if (isBody(node)) this.bodyEnded(parent, first);
    }
    const meta = this.meta;
    const image = meta.get('auto_image');
    if (image !== undefined) {
      const alt = meta.get('auto_image_alt') ?? '';
      meta.delete('auto_image');
      meta.delete('auto_image_alt');
      if (!meta.has('image')) {
        meta.set('image', normalizeContent(image));
        meta.set('image_alt', normalizeContent(alt));
      }
    }
    for (const key of ['auto_title', 'auto_page_title']) {
      const title = meta.get(key);
      if (title === undefined) continue;
      meta.delete(key);
      if (!meta.has('title')) meta.set('title', title);
    }
    const merged = new Map([...this.defaultMeta, ...meta]);
    return {
      digest: normalizeContent(this.pieces.join('')),
      filters: this.filters,
      meta: merged,
      sort: this.sort,
      anchorText: this.anchorText,
      anchorTitles: this.anchorTitles,
      language: this.language,
      hasBody: this.root.status === Status.ParentOfBody,
    };
  }
}

/** The first piece of a node's text, with what its end puts before it. */
function startOf(node: Node): number {
  return node.mark >= 0 ? node.mark : node.from;
}

/** Whether a node is a body, or holds one. */
function isBody(node: Node): boolean {
  return node.status === Status.Body || node.status === Status.ParentOfBody;
}

function node(tag: string, status: Status, parent: Node | null): Node {
  return { tag, from: 0, mark: -1, status, parent, filter: null, meta: null, defaultMeta: null, sort: null, weight: null, anchorIds: null };
}

/**
 * A `data-pagefind-filter`, `-meta` or `-sort` value as a list of `key` or `key:value` entries:
 * everything after the first colon is one value, commas before it separate keys, and `key[attr]`
 * takes the value of the element's attribute `attr`.
 */
export function parseList(input: string | undefined, attributes: ReadonlyMap<string, string>): string[] | null {
  if (input === undefined) return null;
  const colon = input.indexOf(':');
  if (colon >= 0) {
    const list = parseList(input.slice(0, colon), attributes) as string[];
    if (list.length > 0) list[list.length - 1] += `:${input.slice(colon + 1)}`;
    return list;
  }
  return input.split(',').map((raw) => {
    const chunk = trimWhiteSpace(raw);
    const reference = ATTRIBUTE_REFERENCE.exec(chunk);
    return reference ? `${reference[1]}:${attributes.get((reference[2] as string).toLowerCase()) ?? ''}` : chunk;
  });
}

/** An entry's key and value: `key:value`, or a bare key whose value is the element's text. */
function attributePair(text: string, entry: string): [string, string] | null {
  const colon = entry.indexOf(':');
  if (colon >= 0) return [entry.slice(0, colon), normalizeContent(entry.slice(colon + 1))];
  return text === '' ? null : [entry, normalizeContent(text)];
}
