import { describe, expect, it } from 'vitest';
import { contractSchema } from '../../../src/data/jsonSchema.js';
import { shapeOf } from '../../../src/editor/config.js';
import { fromEditor, toEditor, withoutEmpty } from '../../../src/editor/formats.js';

describe('the editor’s file formats', () => {
  const topics = { sleep: { name: 'Sleep', description: 'Nights.' }, 'skin-care': { name: 'Skin care' } };

  it('shows topics.yaml as a list of topics with their ids, in the file’s order', () => {
    const shape = shapeOf(contractSchema('topics'));
    expect(toEditor(topics, shape, 'topics')).toEqual({ topics: [{ id: 'sleep', name: 'Sleep', description: 'Nights.' }, { id: 'skin-care', name: 'Skin care' }] });
  });

  it('writes the list back as the same map', () => {
    const shape = shapeOf(contractSchema('topics'));
    expect(fromEditor(toEditor(topics, shape, 'topics'), shape, 'topics')).toEqual(topics);
  });

  it('maps a record of plain values inside an object, such as interface labels', () => {
    const shape = { props: { labels: { record: null, objects: false } } };
    const site = { title: 'T', labels: { asked: 'Posée', answered: 'Répondue' } };
    const edited = toEditor(site, shape);
    expect(edited).toEqual({ title: 'T', labels: [{ id: 'asked', value: 'Posée' }, { id: 'answered', value: 'Répondue' }] });
    expect(fromEditor(edited, shape)).toEqual(site);
  });

  it('leaves files with no records as they are', () => {
    const question = { title: 'Q', asked: '2025-01-01', topics: ['sleep'], body: 'B', answers: [{ author: 'a', date: '2025-01-02', body: 'A' }] };
    const shape = shapeOf(contractSchema('question'));
    expect(shape).toBeNull();
    expect(fromEditor(toEditor(question, shape), shape)).toEqual(question);
  });

  it('writes keys in the contract’s order, nested ones too, whatever order the editor filled them in', () => {
    const edited = { topics: ['sleep'], title: 'Q', answers: [{ body: 'A', author: 'a', date: '2025-01-02' }], asked: '2025-01-01' };
    const order = ['title', 'asked', 'topics', 'body', 'answers', 'answers.author', 'answers.date', 'answers.title', 'answers.body'];
    const written = fromEditor(edited, null, undefined, order) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(['title', 'asked', 'topics', 'answers']);
    expect(Object.keys((written.answers as Record<string, unknown>[])[0] ?? {})).toEqual(['author', 'date', 'body']);
  });

  it('drops what the editor leaves empty, which the contract never holds, and keeps whitespace for the validator to refuse', () => {
    expect(withoutEmpty({ title: '   ', description: '', rating: { value: '', count: null }, answers: [], credentials: ['MD', ''] })).toEqual({ title: '   ', answers: [], credentials: ['MD'] });
  });
});
