/**
 * Markdown from data, rendered with markdown-it (CommonMark). Raw HTML is shown as text
 * (`html: false`), only http(s), mailto and relative links survive, and images are disabled:
 * `![alt](url)` reads as "!" followed by a link, so data can never load remote resources.
 * https://github.com/markdown-it/markdown-it/blob/master/docs/security.md
 */
import { hash } from 'node:crypto';
import MarkdownIt from 'markdown-it';

type Markdown = InstanceType<typeof MarkdownIt>;

const SAFE_SCHEME = /^(https?:|mailto:)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Relative URLs and http(s)/mailto only: no `javascript:`, `data:`, `vbscript:` or `file:`. */
export function isSafeLink(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = url.trim().replace(/[\u0000-\u0020]/g, '');
  return SAFE_SCHEME.test(compact) || !HAS_SCHEME.test(compact);
}

function createRenderer(headingOffset: number): Markdown {
  const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
  md.disable('image');
  md.validateLink = isSafeLink;
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const token = tokens[i];
    const href = String(token?.attrGet('href') ?? '');
    // Links written by contributors are not endorsements.
    if (token && /^https?:/i.test(href)) token.attrSet('rel', 'nofollow ugc noopener');
    return defaultLinkOpen(tokens, i, options, env, self);
  };
  // Headings from data sit below the page's own (h1 title, h2 sections, h3 answers) and never
  // skip a level, whatever the author wrote: the page outline stays in order.
  md.core.ruler.push('heading_levels', (state) => {
    let previous = headingOffset;
    const open: number[] = [];
    for (const token of state.tokens) {
      if (token.type === 'heading_open') {
        const wanted = Number(String(token.tag).slice(1)) + headingOffset;
        const level = Math.min(6, Math.max(headingOffset + 1, Math.min(wanted, previous + 1)));
        token.tag = `h${level}`;
        open.push(level);
        previous = level;
      } else if (token.type === 'heading_close') {
        token.tag = `h${open.pop() ?? headingOffset + 1}`;
      }
    }
  });
  return md;
}

const renderers = new Map<number, Markdown>();

function renderer(headingOffset: number): Markdown {
  let md = renderers.get(headingOffset);
  if (!md) {
    md = createRenderer(headingOffset);
    renderers.set(headingOffset, md);
  }
  return md;
}

type Tokens = ReturnType<Markdown['parse']>;

/** HTML for a markdown field; headings are pushed down by `headingOffset` levels. */
export function renderMarkdown(source: string, headingOffset = 3): string {
  return renderer(headingOffset).render(source);
}

/** The words of a markdown field without markup, for descriptions, feeds and JSON-LD. */
export function markdownToText(source: string): string {
  return tokensToText(renderer(3).parse(source, {}));
}

/** Both forms of a markdown field from one parse: the HTML and the plain words. */
export function renderMarkdownAndText(source: string, headingOffset = 3): { html: string; text: string } {
  const md = renderer(headingOffset);
  const env = {};
  const tokens = md.parse(source, env);
  return { html: md.renderer.render(tokens, md.options, env), text: tokensToText(tokens) };
}

export interface RenderedMarkdown {
  html: string;
  text: string;
}

/**
 * Rendered markdown by heading offset and a digest of the source, carried from one build to the
 * next so that unchanged text is not parsed again. The digest keeps the carried memo to the
 * rendered forms (the sources are in the data already) and its keys short. `used` holds what
 * this build rendered or reused: the memo for the next build.
 */
export class MarkdownMemo {
  readonly used = new Map<string, RenderedMarkdown>();
  /** Keys of what this build had to render itself. */
  readonly rendered = new Set<string>();

  constructor(private readonly previous: ReadonlyMap<string, RenderedMarkdown> = new Map()) {}

  render(source: string, headingOffset: number): RenderedMarkdown {
    const key = memoKey(source, headingOffset);
    let result = this.used.get(key) ?? this.previous.get(key);
    if (!result) {
      result = renderMarkdownAndText(source, headingOffset);
      this.rendered.add(key);
    }
    this.used.set(key, result);
    return result;
  }

  /** The fields, once each, that neither this build nor the one before has rendered. */
  unrendered(fields: Iterable<MarkdownField>): (MarkdownField & { key: string })[] {
    const found = new Map<string, MarkdownField & { key: string }>();
    for (const field of fields) {
      const key = memoKey(field.source, field.headingOffset);
      if (!found.has(key) && !this.used.has(key) && !this.previous.has(key)) found.set(key, { ...field, key });
    }
    return [...found.values()];
  }

  /** Takes in what was rendered elsewhere (another thread) for this build under `key`. */
  adopt(key: string, result: RenderedMarkdown): void {
    this.used.set(key, result);
    this.rendered.add(key);
  }
}

/** A markdown field of the data and the heading offset it is rendered at. */
export interface MarkdownField {
  source: string;
  headingOffset: number;
}

function memoKey(source: string, headingOffset: number): string {
  return `${headingOffset}:${hash('sha256', source, 'base64url')}`;
}

function tokensToText(tokens: Tokens): string {
  const parts: string[] = [];
  for (const block of tokens) {
    if (block.type === 'inline') {
      for (const child of block.children ?? []) {
        if (child.type === 'text' || child.type === 'code_inline') parts.push(child.content);
        else if (child.type === 'softbreak' || child.type === 'hardbreak') parts.push(' ');
      }
    } else if (block.type === 'code_block' || block.type === 'fence') {
      parts.push(block.content);
    } else if (block.type.endsWith('_close') && block.block) {
      parts.push(' ');
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Without surrogates among the first `max` units, characters are units: keep `max - 1`.
  if (max > 0 && !SURROGATE.test(text.slice(0, max))) return cutAtWord(text.slice(0, max - 1), max);
  // Characters are code points, so a cut never splits a surrogate pair; only the first `max`
  // are visited, which keeps this linear in `max` rather than in the text's length.
  let end = 0;
  let cutAt = 0;
  for (let count = 0; count < max; count += 1) {
    if (end >= text.length) return text;
    if (count === max - 1) cutAt = end;
    const unit = text.charCodeAt(end);
    end += unit >= 0xd800 && unit <= 0xdbff && end + 1 < text.length ? 2 : 1;
  }
  if (end >= text.length) return text;
  return cutAtWord(text.slice(0, cutAt), max);
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** `cut`, shortened to its last word boundary when that keeps most of it, with an ellipsis. */
function cutAtWord(cut: string, max: number): string {
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
