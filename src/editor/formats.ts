/**
 * How the web editor reads and writes our YAML files. The contract keeps some values as maps
 * of ids (topics.yaml; site `labels`), which Decap CMS has no widget for: the editor shows each
 * as a list of items carrying their id, and they are written back as maps. Values the editor
 * leaves empty are dropped, as the contract has no empty strings and an empty optional object
 * means "none". Runs in the browser (bundled into the admin script) and in tests.
 * https://decapcms.org/docs/custom-formats/
 */

/** Where in a file's value the maps of ids are; null where there are none. */
export type Shape =
  | { record: Shape; objects: boolean }
  | { items: Shape }
  | { props: Record<string, Shape> }
  | null;

const KEY = 'id';
const VALUE = 'value';

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A file's value as the editor edits it. A file that is one map is wrapped under `wrap`. */
export function toEditor(value: unknown, shape: Shape, wrap?: string): unknown {
  const edited = mapToLists(value, shape);
  return wrap ? { [wrap]: edited ?? [] } : edited;
}

/**
 * What the editor saved, as the file's value, its keys in `order`: the editor's field names,
 * nested ones dotted (`answers.author`), which is the contract's order.
 */
export function fromEditor(value: unknown, shape: Shape, wrap?: string, order: readonly string[] = []): unknown {
  const sorted = inOrder(value, order, '');
  const unwrapped = wrap ? (isPlain(sorted) ? sorted[wrap] : undefined) : sorted;
  const file = listsToMaps(withoutEmpty(unwrapped), shape);
  return file ?? (wrap ? {} : file);
}

function mapToLists(value: unknown, shape: Shape): unknown {
  if (!shape || value === undefined || value === null) return value;
  if ('record' in shape) {
    if (!isPlain(value)) return value;
    return Object.entries(value).map(([key, item]) => {
      const inner = mapToLists(item, shape.record);
      return shape.objects && isPlain(inner) ? { [KEY]: key, ...inner } : { [KEY]: key, [VALUE]: inner };
    });
  }
  if ('items' in shape) return Array.isArray(value) ? value.map((item) => mapToLists(item, shape.items)) : value;
  if (!isPlain(value)) return value;
  const out: Plain = { ...value };
  for (const [name, inner] of Object.entries(shape.props)) if (name in out) out[name] = mapToLists(out[name], inner);
  return out;
}

function listsToMaps(value: unknown, shape: Shape): unknown {
  if (!shape || value === undefined || value === null) return value;
  if ('record' in shape) {
    if (!Array.isArray(value)) return value;
    const out: Plain = {};
    for (const item of value) {
      if (!isPlain(item) || typeof item[KEY] !== 'string') continue;
      const { [KEY]: key, ...rest } = item;
      out[key as string] = listsToMaps(shape.objects ? rest : rest[VALUE], shape.record);
    }
    return out;
  }
  if ('items' in shape) return Array.isArray(value) ? value.map((item) => listsToMaps(item, shape.items)) : value;
  if (!isPlain(value)) return value;
  const out: Plain = { ...value };
  for (const [name, inner] of Object.entries(shape.props)) if (name in out) out[name] = listsToMaps(out[name], inner);
  return out;
}

/** Drops empty strings, nulls and the objects left empty by that, at any depth; lists stay. */
export function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty).filter((item) => item !== undefined);
  if (isPlain(value)) {
    const out: Plain = {};
    for (const [name, inner] of Object.entries(value)) {
      const kept = withoutEmpty(inner);
      if (kept !== undefined) out[name] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value === '' || value === null ? undefined : value;
}

/** Object keys in the order given (by dotted path), those not named after them as they were. */
export function inOrder(value: unknown, order: readonly string[], prefix: string): unknown {
  if (Array.isArray(value)) return value.map((item) => inOrder(item, order, prefix));
  if (!isPlain(value)) return value;
  const rank = (key: string) => {
    const at = order.indexOf(`${prefix}${key}`);
    return at === -1 ? order.length : at;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((key) => [key, inOrder(value[key], order, `${prefix}${key}.`)]));
}
