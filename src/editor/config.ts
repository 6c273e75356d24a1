/**
 * The web editor's configuration, generated from the data contract's JSON Schema (the one
 * `schema/` publishes), so that a field added to the contract appears in the editor with its
 * type, bounds, requiredness and hint, and the two are never written twice.
 * https://decapcms.org/docs/configuration-options/
 * https://decapcms.org/docs/widgets/
 */
import type { FileKind } from '../data/schema.js';
import { contractSchema, type JsonSchema } from '../data/jsonSchema.js';
import type { Shape } from './formats.js';

/** A Decap CMS field: the name, the widget and the widget's own options. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required: boolean;
  hint?: string;
  fields?: CmsField[];
  field?: CmsField;
  [option: string]: unknown;
}

export interface CmsCollection {
  name: string;
  label: string;
  format: string;
  extension: 'yaml';
  [option: string]: unknown;
}

/** Where the collections' files are and how the editor saves them. */
export type Backend =
  /** `answerpress serve`'s own endpoint, which validates and writes into the data folder. */
  | { name: 'proxy'; proxyUrl: string }
  | { name: 'github'; repo: string; branch: string; authUrl?: string };

export interface EditorConfigOptions {
  backend: Backend;
  /** The data folder's path in the repository the backend reads, `data/`; empty when its root is the data folder. */
  folder: string;
  /** The published site, for the editor's link to it. */
  siteUrl: string;
}

export interface EditorConfig {
  /** Handed to `CMS.init({ config })`. */
  config: Record<string, unknown>;
  /** Each collection's file format: the records the editor shows as lists (see formats.ts). */
  formats: Record<string, { shape: Shape; wrap?: string }>;
}

/**
 * Fields whose values are ids of other files. The validator checks the same references
 * (data/references.ts); the editor offers them as choices searchable by name.
 */
const RELATIONS: Partial<Record<FileKind, Record<string, Record<string, unknown>>>> = {
  question: {
    topics: { widget: 'relation', collection: 'topics', file: 'topics', value_field: 'topics.*.id', search_fields: ['topics.*.name'], display_fields: ['topics.*.name'], multiple: true },
    'answers.author': { widget: 'relation', collection: 'experts', value_field: '{{slug}}', search_fields: ['name'], display_fields: ['name'] },
  },
};

/** A record's key, as the list the editor shows it as holds it. */
export const RECORD_KEY = 'id';
/** A record of plain values: each list item holds the key and this field. */
export const RECORD_VALUE = 'value';

/** The largest integer zod writes as the bound of `.int()`: no bound a person would enter. */
const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

export function editorConfig(options: EditorConfigOptions): EditorConfig {
  const formats: EditorConfig['formats'] = {};
  const folder = (name: string) => `${options.folder}${name}`;
  /** A collection of one kind of file, its fields and format generated from the kind's schema. */
  const collection = (kind: FileKind, name: string, label: string, rest: Record<string, unknown>): CmsCollection => {
    const schema = contractSchema(kind);
    const format = `answerpress-${kind}`;
    formats[format] = { shape: shapeOf(schema) };
    const fields = fieldsOf(kind, schema, formats[format]);
    // A single file (site.yaml, topics.yaml) is a collection of one file.
    const where = typeof rest.file === 'string' ? { files: [{ name: kind, label, file: folder(rest.file), fields }] } : { fields };
    const { file: _, ...options } = rest;
    return { name, label, format, extension: 'yaml', description: schema.description, ...options, ...where };
  };
  const collections = [
    collection('question', 'questions', 'Questions', {
      label_singular: 'Question',
      folder: folder('questions'),
      create: true,
      delete: true,
      slug: '{{slug}}',
      identifier_field: 'title',
      summary: '{{title}}',
      sortable_fields: ['title', 'asked'],
    }),
    collection('expert', 'experts', 'Experts', {
      label_singular: 'Expert',
      folder: folder('experts'),
      create: true,
      delete: true,
      slug: '{{slug}}',
      identifier_field: 'name',
      summary: '{{name}}',
      sortable_fields: ['name'],
    }),
    collection('topics', 'topics', 'Topics', { file: 'topics.yaml', delete: false }),
    collection('site', 'settings', 'Site settings', { file: 'site.yaml', delete: false }),
  ];

  const backend =
    options.backend.name === 'proxy'
      ? { name: 'proxy', proxy_url: options.backend.proxyUrl, branch: 'main' }
      : { name: 'github', repo: options.backend.repo, branch: options.backend.branch, ...(options.backend.authUrl ? { base_url: options.backend.authUrl } : {}) };
  return {
    config: {
      backend,
      load_config_file: false,
      publish_mode: 'simple',
      site_url: options.siteUrl,
      display_url: options.siteUrl,
      // Files the contract points to by a path inside the data folder (photos, the logo) are
      // uploaded there and written as that path.
      media_folder: folder('photos'),
      public_folder: 'photos',
      // Slugs as the contract wants them: lowercase ASCII words joined by single hyphens.
      slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
      collections,
    },
    formats,
  };
}

/** A collection's fields; a file that is one record (topics.yaml) is a list under the kind's collection name. */
function fieldsOf(kind: FileKind, schema: JsonSchema, format: { shape: Shape; wrap?: string }): CmsField[] {
  const relations = RELATIONS[kind] ?? {};
  if (isRecord(schema)) {
    format.wrap = kind;
    return [field(kind, schema, true, '', relations)];
  }
  return propertiesOf(schema, '', relations);
}

/**
 * An object's properties as fields. Inside an optional object (an expert's `rating`, the site's
 * `editor`) none is required: Decap would demand them even when the object is left out, so the
 * validator, which requires them only when the object is given, is the one to check them.
 */
function propertiesOf(schema: JsonSchema, path: string, relations: Record<string, Record<string, unknown>>, optional = false): CmsField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => field(name, property, !optional && required.has(name), path ? `${path}.${name}` : name, relations));
}

/** One field of the contract as the widget that edits it. */
export function field(name: string, schema: JsonSchema, required: boolean, path: string, relations: Record<string, Record<string, unknown>> = {}): CmsField {
  const base: CmsField = { name, label: labelOf(name), widget: 'string', required, ...(schema.description ? { hint: schema.description } : {}) };
  const relation = relations[path];
  if (relation) {
    const multiple = schema.type === 'array';
    return { ...base, ...relation, ...(multiple && schema.minItems ? { min: schema.minItems } : {}), ...(multiple && schema.maxItems ? { max: schema.maxItems } : {}) };
  }
  if (isRecord(schema)) {
    const value = schema.additionalProperties as JsonSchema;
    const key = field(RECORD_KEY, { type: 'string', description: schema.propertyNames?.description }, true, '');
    key.label = 'Id';
    if (schema.propertyNames?.pattern) key.pattern = [schema.propertyNames.pattern, 'Use lowercase letters, digits and single hyphens, e.g. skin-care.'];
    const fields = value.type === 'object' && value.properties ? propertiesOf(value, `${path}.*`, relations) : [field(RECORD_VALUE, value, true, `${path}.*`, relations)];
    return { ...base, widget: 'list', label_singular: labelOf(singular(name)), fields: [key, ...fields], summary: `{{fields.${RECORD_KEY}}}` };
  }
  if (schema.const !== undefined || schema.enum) {
    const options = schema.enum ?? [schema.const];
    return { ...base, widget: 'select', options };
  }
  switch (schema.type) {
    case 'boolean':
      return { ...base, widget: 'boolean' };
    case 'number':
    case 'integer':
      return {
        ...base,
        widget: 'number',
        value_type: schema.type === 'integer' ? 'int' : 'float',
        ...(schema.minimum !== undefined ? { min: schema.minimum } : {}),
        ...(schema.maximum !== undefined && schema.maximum < SAFE_INTEGER ? { max: schema.maximum } : {}),
        ...(schema.type === 'number' ? { step: 0.1 } : {}),
      };
    case 'object':
      return { ...base, widget: 'object', collapsed: false, fields: propertiesOf(schema, path, relations, !required) };
    case 'array': {
      const items = schema.items ?? {};
      const list = { ...base, widget: 'list', label_singular: labelOf(singular(name)), ...(schema.minItems ? { min: schema.minItems } : {}), ...(schema.maxItems ? { max: schema.maxItems } : {}) };
      if (items.type === 'object' && items.properties) {
        const fields = propertiesOf(items, path, relations);
        const title = fields.find((f) => f.widget === 'string');
        // Open, so that an answer is edited where it is read, not behind a toggle.
        return { ...list, fields, collapsed: false, ...(title ? { summary: `{{fields.${title.name}}}` } : {}) };
      }
      return { ...list, field: field(singular(name), items, true, path, relations) };
    }
    default:
      if (schema.contentMediaType === 'text/markdown') return { ...base, widget: 'markdown', sanitize_preview: true };
      // A path inside the data folder to an image (a photo, the logo), marked `image/*`: chosen
      // or uploaded in the media library, under photos/.
      if (schema.contentMediaType?.startsWith('image/')) return { ...base, widget: 'image', choose_url: false };
      if (schema.format === 'date') return { ...base, widget: 'datetime', format: 'YYYY-MM-DD', date_format: 'YYYY-MM-DD', time_format: false, picker_utc: true };
      return base;
  }
}

/** Where a value holds records (maps of ids), which the editor shows as lists; null where none is. */
export function shapeOf(schema: JsonSchema): Shape {
  if (isRecord(schema)) {
    const value = schema.additionalProperties as JsonSchema;
    return { record: shapeOf(value), objects: value.type === 'object' };
  }
  if (schema.type === 'array' && schema.items) {
    const items = shapeOf(schema.items);
    return items ? { items } : null;
  }
  if (schema.type === 'object' && schema.properties) {
    const props: Record<string, Shape> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      const shape = shapeOf(property);
      if (shape) props[name] = shape;
    }
    return Object.keys(props).length > 0 ? { props } : null;
  }
  return null;
}

/** A map of ids to values: an object whose keys are not fixed. */
function isRecord(schema: JsonSchema): boolean {
  return schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object';
}

/** `offlineBudget` → `Offline budget`. */
export function labelOf(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}
