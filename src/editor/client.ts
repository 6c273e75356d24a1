/**
 * The web editor's script, run by `/admin/` after Decap CMS's: it registers our YAML format for
 * each kind of file, the question preview, and starts Decap CMS with the configuration the page
 * carries (generated from the contract by config.ts). Bundled with js-yaml by publish.ts.
 * https://decapcms.org/docs/custom-formats/
 * https://decapcms.org/docs/customization/
 */
import { CORE_SCHEMA, dump, load } from 'js-yaml';
import { fromEditor, toEditor, type Shape } from './formats.js';

/** What `/admin/index.html` hands this script. */
export interface EditorPage {
  config: Record<string, unknown>;
  formats: Record<string, { shape: Shape; wrap?: string }>;
  /** The site's stylesheet, for the previews. */
  stylesheet: string;
  /** Under `answerpress serve`: where a question is rendered by the site's own layouts. */
  previewUrl?: string;
}

interface Immutable {
  getIn(path: (string | number)[]): unknown;
  toJS?(): unknown;
}

interface PreviewProps {
  entry: Immutable & { get(key: string): unknown };
  widgetFor(name: string): unknown;
  widgetsFor(name: string): { map<T>(fn: (item: Immutable) => T): { toArray?(): T[] } & Iterable<T> };
  fieldsMetaData?: Immutable;
}

/** A React class component as Decap's `createClass` takes it. */
interface Component<State> {
  props: PreviewProps;
  state: State;
  setState(state: Partial<State>): void;
}

type ClassSpec<State> = {
  render(this: Component<State>): unknown;
  getInitialState?(this: Component<State>): State;
  componentDidMount?(this: Component<State>): void;
  componentDidUpdate?(this: Component<State>, previous: PreviewProps): void;
  componentWillUnmount?(this: Component<State>): void;
};

type H = (tag: string, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

interface Cms {
  registerCustomFormat(name: string, extension: string, format: { fromFile(text: string): unknown; toFile(value: unknown, order?: string[]): string }): void;
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(collection: string, component: unknown): void;
  init(options: { config: Record<string, unknown> }): void;
}

declare global {
  interface Window {
    CMS: Cms;
    CMS_MANUAL_INIT?: boolean;
    h: H;
    createClass<State>(spec: ClassSpec<State>): unknown;
  }
}

/** Our reader's schema (data/yaml.ts): dates stay strings, so they are written without quotes; long lines stay whole, as people write them. */
const YAML = { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true };

function start(): void {
  const element = document.getElementById('answerpress-editor');
  if (!element?.textContent) throw new Error('answerpress: /admin/ has no editor configuration');
  const page = JSON.parse(element.textContent) as EditorPage;
  const { CMS } = window;
  for (const [name, { shape, wrap }] of Object.entries(page.formats)) {
    CMS.registerCustomFormat(name, 'yaml', {
      fromFile: (text) => toEditor(load(text, { schema: CORE_SCHEMA }) ?? {}, shape, wrap),
      // Decap hands the fields' order with the value: the contract's order, kept in the file.
      toFile: (value, order) => dump(fromEditor(value, shape, wrap, order) ?? {}, YAML),
    });
  }
  CMS.registerPreviewStyle(page.stylesheet);
  const question = page.formats['answerpress-question'];
  CMS.registerPreviewTemplate('questions', page.previewUrl && question ? renderedPreview(page.previewUrl, question.shape) : questionPreview());
  CMS.init({ config: page.config });
}

interface RenderedState {
  html: string;
  issues: string[];
  height: number;
}

/**
 * A question rendered by `answerpress serve` with the site's own layouts, from what the editor
 * holds, a moment after each change; what the validator would refuse is listed instead.
 */
function renderedPreview(url: string, shape: Shape): unknown {
  const requests = new WeakMap<object, { timer?: ReturnType<typeof setTimeout>; sequence: number; gone?: boolean }>();
  const of = (component: object) => {
    let request = requests.get(component);
    if (!request) requests.set(component, (request = { sequence: 0 }));
    return request;
  };
  async function load(this: Component<RenderedState>): Promise<void> {
    const request = of(this);
    const sequence = ++request.sequence;
    const value = (this.props.entry.getIn(['data']) as Immutable | undefined)?.toJS?.() ?? {};
    const slug = this.props.entry.get('slug');
    const body = JSON.stringify({ slug: typeof slug === 'string' && slug ? slug : 'editor-preview', raw: dump(fromEditor(value, shape) ?? {}, YAML) });
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const reply = (await response.json()) as { html?: string; issues?: string[]; error?: string };
      if (sequence !== request.sequence || request.gone) return;
      this.setState(reply.html ? { html: reply.html, issues: [] } : { issues: reply.issues ?? [reply.error ?? 'the preview failed'] });
    } catch (error) {
      if (!request.gone) this.setState({ issues: [`the preview failed: ${String(error)}`] });
    }
  }
  const schedule = (component: Component<RenderedState>) => {
    const request = of(component);
    clearTimeout(request.timer);
    request.timer = setTimeout(() => void load.call(component), 300);
  };
  return window.createClass<RenderedState>({
    getInitialState: () => ({ html: '', issues: [], height: 0 }),
    componentDidMount() {
      schedule(this);
    },
    componentDidUpdate(previous) {
      if (previous.entry !== this.props.entry) schedule(this);
    },
    componentWillUnmount() {
      const request = of(this);
      request.gone = true;
      clearTimeout(request.timer);
    },
    render() {
      const h = window.h;
      const { html, issues, height } = this.state;
      if (issues.length > 0) {
        return h('div', { className: 'wrap', role: 'status' }, h('p', null, 'Not valid yet; the page cannot be shown:'), h('pre', { style: { whiteSpace: 'pre-wrap' } }, issues.join('\n')));
      }
      // Until the first rendering arrives, the page in the layouts' markup.
      if (!html) return questionMarkup(this.props);
      return h('iframe', {
        title: 'Preview',
        srcDoc: html,
        // No scripts run in it; the same origin lets its height be read, so it is not cut off.
        sandbox: 'allow-same-origin',
        style: { display: 'block', width: '100%', border: 0, height: height ? `${height}px` : '100vh' },
        onLoad: (event: { currentTarget: HTMLIFrameElement }) => {
          const rendered = event.currentTarget.contentDocument?.documentElement.scrollHeight ?? 0;
          if (rendered && rendered !== height) this.setState({ height: rendered });
        },
      });
    },
  });
}

/** A question in the markup of layouts/pages/question.njk, styled by the site's stylesheet. */
function questionPreview(): unknown {
  return window.createClass({
    render() {
      return questionMarkup(this.props);
    },
  });
}

function questionMarkup(props: PreviewProps): unknown {
  const h = window.h;
  const { entry } = props;
  const text = (path: (string | number)[]) => {
    const value = entry.getIn(['data', ...path]);
    return typeof value === 'string' ? value : '';
  };
  // widgetsFor gives a list's items only when the entry holds a list.
  const listed = (entry.getIn(['data', 'answers']) as Immutable | undefined)?.toJS?.();
  const answers = Array.isArray(listed) && listed.length > 0 ? [...iterate(props.widgetsFor('answers'))] : [];
  const count = answers.length;
  return h(
    'main',
    { id: 'main' },
    h(
      'div',
      { className: 'wrap' },
      h(
        'article',
        { className: 'question' },
        h('h1', null, text(['title'])),
        h('p', { className: 'question-meta' }, 'Asked ', h('time', { dateTime: text(['asked']) }, text(['asked']))),
        h('div', { className: 'prose question-body' }, props.widgetFor('body')),
      ),
      h(
        'section',
        { className: 'answers' },
        h('h2', null, count === 1 ? '1 expert answer' : `${count} expert answers`),
        ...answers.map((answer, i) => {
          const data = answer.getIn(['data']) as Immutable | undefined;
          const field = (name: string) => {
            const value = data?.getIn([name]);
            return typeof value === 'string' ? value : '';
          };
          const author = field('author');
          const name = expertName(props.fieldsMetaData, author) ?? author;
          return h(
            'article',
            { className: 'answer', key: String(i) },
            h('h3', { className: 'answer-title' }, field('title') || `Answer from ${name}`),
            h('div', { className: 'prose' }, answer.getIn(['widgets', 'body'])),
            h(
              'footer',
              { className: 'answer-footer' },
              h('div', { className: 'expert-card' }, h('p', { className: 'expert-name' }, name)),
              h('p', { className: 'answer-meta' }, 'Answered ', h('time', { dateTime: field('date') }, field('date'))),
            ),
          );
        }),
      ),
    ),
  );
}

function iterate(list: { map<T>(fn: (item: Immutable) => T): { toArray?(): T[] } & Iterable<T> } | undefined): Iterable<Immutable> {
  if (!list) return [];
  const mapped = list.map((item) => item);
  return mapped.toArray ? mapped.toArray() : mapped;
}

/** The name the relation widget loaded for an expert id, wherever in the entry's metadata it keeps it. */
function expertName(meta: Immutable | undefined, id: string): string | undefined {
  const find = (value: unknown, depth: number): string | undefined => {
    if (!value || typeof value !== 'object' || depth > 6) return undefined;
    const record = value as Record<string, unknown>;
    const expert = (record.experts as Record<string, { name?: unknown }> | undefined)?.[id];
    if (typeof expert?.name === 'string') return expert.name;
    for (const inner of Object.values(record)) {
      const found = find(inner, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return find(meta?.toJS?.(), 0);
}

start();
