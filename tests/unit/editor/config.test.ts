import { describe, expect, it } from 'vitest';
import { contractSchema, type JsonSchema } from '../../../src/data/jsonSchema.js';
import { fileKinds, type FileKind } from '../../../src/data/schema.js';
import { editorConfig, field, labelOf, type CmsField } from '../../../src/editor/config.js';

const { config, formats } = editorConfig({ backend: { name: 'github', repo: 'acme/answers', branch: 'main' }, folder: 'data/', siteUrl: 'https://example.org/' });
const collections = config.collections as { name: string; folder?: string; files?: { name: string; file: string; fields: CmsField[] }[]; fields?: CmsField[]; format: string }[];

/** Each file kind's fields in the configuration, as Decap reads them. */
function fieldsOf(kind: Exclude<FileKind, 'synonyms'>): CmsField[] {
  const byKind: Record<Exclude<FileKind, 'synonyms'>, string> = { question: 'questions', expert: 'experts', topics: 'topics', site: 'settings' };
  const collection = collections.find((c) => c.name === byKind[kind]);
  if (!collection) throw new Error(`no collection for ${kind}`);
  return collection.fields ?? collection.files?.[0]?.fields ?? [];
}

/**
 * Walks a JSON Schema and the fields generated for it side by side, and returns every
 * disagreement: a property with no field, a field with no property, requiredness, hints,
 * widgets and bounds that differ.
 */
function disagreements(schema: JsonSchema, fields: CmsField[], path: string, optional = false): string[] {
  const problems: string[] = [];
  const properties = schema.properties ?? {};
  // Inside an optional object, the editor requires nothing: the validator checks those fields.
  const required = new Set(optional ? [] : (schema.required ?? []));
  for (const name of Object.keys(properties)) if (!fields.some((f) => f.name === name)) problems.push(`${path}${name}: in the contract, not in the editor`);
  for (const f of fields) {
    const property = properties[f.name];
    if (!property) {
      problems.push(`${path}${f.name}: in the editor, not in the contract`);
      continue;
    }
    problems.push(...agree(property, f, required.has(f.name), `${path}${f.name}`));
  }
  return problems;
}

function agree(property: JsonSchema, f: CmsField, required: boolean, path: string): string[] {
  const problems: string[] = [];
  if (f.required !== required) problems.push(`${path}: required ${required} in the contract, ${f.required} in the editor`);
  if (property.description && f.hint !== property.description) problems.push(`${path}: hint differs from the description`);
  const expected = widgetFor(property);
  if (f.widget !== expected && !(f.widget === 'relation' && (property.type === 'string' || property.type === 'array'))) problems.push(`${path}: widget ${f.widget}, expected ${expected}`);
  if (property.type === 'number' || property.type === 'integer') {
    if (f.value_type !== (property.type === 'integer' ? 'int' : 'float')) problems.push(`${path}: value_type ${String(f.value_type)}`);
    if (property.minimum !== undefined && f.min !== property.minimum) problems.push(`${path}: min ${String(f.min)} not ${property.minimum}`);
    if (property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER && f.max !== property.maximum) problems.push(`${path}: max ${String(f.max)} not ${property.maximum}`);
  }
  if (property.type === 'object' && property.properties) problems.push(...disagreements(property, f.fields ?? [], `${path}.`, !required));
  if (property.type === 'array' && property.items?.type === 'object' && property.items.properties && f.widget !== 'relation') problems.push(...disagreements(property.items, f.fields ?? [], `${path}[].`));
  if (property.type === 'array' && property.minItems && f.min !== property.minItems) problems.push(`${path}: at least ${property.minItems} items in the contract, ${String(f.min)} in the editor`);
  return problems;
}

function widgetFor(property: JsonSchema): string {
  if (property.type === 'object' && !property.properties && typeof property.additionalProperties === 'object') return 'list';
  if (property.const !== undefined || property.enum) return 'select';
  if (property.contentMediaType === 'text/markdown') return 'markdown';
  if (property.format === 'date') return 'datetime';
  if (property.contentMediaType?.startsWith('image/')) return 'image';
  return { number: 'number', integer: 'number', boolean: 'boolean', object: 'object', array: 'list' }[property.type ?? ''] ?? 'string';
}

describe('the editor configuration', () => {
  it.each(['question', 'expert', 'site'] as const)('has exactly the %s contract’s fields, with its requiredness, hints, widgets and bounds', (kind) => {
    expect(disagreements(contractSchema(kind), fieldsOf(kind), `${kind}: `)).toEqual([]);
  });

  it('would report a field dropped, made optional or given the wrong bounds', () => {
    const [name, ...rest] = fieldsOf('expert');
    const rating = rest.find((f) => f.name === 'rating') as CmsField;
    const wrong = [{ ...(name as CmsField), required: false }, ...rest.filter((f) => f !== rating && f.name !== 'bio'), { ...rating, fields: rating.fields?.map((f) => ({ ...f, max: 10 })) }];
    expect(disagreements(contractSchema('expert'), wrong, '')).toEqual(['bio: in the contract, not in the editor', 'name: required true in the contract, false in the editor', 'rating.value: max 10 not 5']);
  });

  it('requires nothing inside an optional object, so that an expert with no rating can be saved', () => {
    const rating = fieldsOf('expert').find((f) => f.name === 'rating');
    expect(rating?.required).toBe(false);
    expect(rating?.fields?.map((f) => f.required)).toEqual([false, false]);
    const location = fieldsOf('expert').find((f) => f.name === 'location');
    expect(location?.fields?.find((f) => f.name === 'city')?.required).toBe(true);
  });

  it('edits topics.yaml, a map of topic ids, as a list of topics with their ids', () => {
    const schema = contractSchema('topics');
    const [list] = fieldsOf('topics');
    expect(list).toMatchObject({ name: 'topics', widget: 'list' });
    const [id, ...rest] = list?.fields ?? [];
    expect(id).toMatchObject({ name: 'id', required: true, pattern: [schema.propertyNames?.pattern, expect.any(String)] });
    expect(disagreements(schema.additionalProperties as JsonSchema, rest, 'topics.*.')).toEqual([]);
    expect(formats['answerpress-topics']).toEqual({ shape: { record: null, objects: true }, wrap: 'topics' });
  });

  it('covers every file kind of the contract but synonyms.yaml, a list of lists edited as YAML', () => {
    expect(Object.keys(formats).sort()).toEqual(Object.keys(fileKinds).filter((kind) => kind !== 'synonyms').map((kind) => `answerpress-${kind}`).sort());
    for (const collection of collections) expect(formats[collection.format]).toBeDefined();
  });

  it('offers authors from the experts and topics from topics.yaml, searchable by name', () => {
    const question = fieldsOf('question');
    expect(question.find((f) => f.name === 'topics')).toMatchObject({ widget: 'relation', collection: 'topics', value_field: 'topics.*.id', search_fields: ['topics.*.name'], multiple: true, min: 1 });
    const answers = question.find((f) => f.name === 'answers');
    expect(answers?.fields?.find((f) => f.name === 'author')).toMatchObject({ widget: 'relation', collection: 'experts', value_field: '{{slug}}', search_fields: ['name'] });
  });

  it('keeps questions and experts in their folders with slugs made as ours are', () => {
    expect(collections.find((c) => c.name === 'questions')).toMatchObject({ folder: 'data/questions', slug: '{{slug}}', identifier_field: 'title', summary: '{{title}}' });
    expect(collections.find((c) => c.name === 'experts')).toMatchObject({ folder: 'data/experts', slug: '{{slug}}', identifier_field: 'name' });
    expect(config.slug).toEqual({ encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' });
    expect(config.backend).toEqual({ name: 'github', repo: 'acme/answers', branch: 'main' });
  });

  it('turns a field added to the contract into a widget with no change here', () => {
    const theme: JsonSchema = { type: 'object', description: 'Colours.', properties: { accent: { type: 'string', pattern: '^#[0-9a-f]{6}$', description: 'Accent.' } }, required: ['accent'] };
    expect(field('theme', theme, false, 'theme')).toMatchObject({ widget: 'object', required: false, hint: 'Colours.', fields: [{ name: 'accent', widget: 'string', required: false, hint: 'Accent.' }] });
    expect(field('photo', { type: 'string', contentMediaType: 'image/*', description: 'A portrait.' }, false, 'photo')).toMatchObject({ widget: 'image', required: false, hint: 'A portrait.' });
    const labels: JsonSchema = { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } };
    expect(field('labels', labels, false, 'labels')).toMatchObject({ widget: 'list', fields: [{ name: 'id' }, { name: 'value', widget: 'string' }] });
  });

  it.each([
    ['offlineBudget', 'Offline budget'],
    ['editUrl', 'Edit url'],
    ['title', 'Title'],
  ])('labels %s as %s', (name, label) => {
    expect(labelOf(name)).toBe(label);
  });
});
