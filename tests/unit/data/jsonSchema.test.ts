import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../../src/data/jsonSchema.js';
import { repoRoot } from '../../helpers/site.js';

describe('jsonSchemaFiles', () => {
  const files = jsonSchemaFiles();

  it.each(Object.keys(files))('matches the published schema/%s (run `npm run schema` after changing the contract)', async (name) => {
    expect(await readFile(join(repoRoot, 'schema', name), 'utf8')).toBe(files[name]);
  });

  it('forbids unknown fields and requires the contract’s required fields', () => {
    const question = JSON.parse(files['question.schema.json'] ?? '{}') as { required: string[]; additionalProperties: boolean; properties: Record<string, { description?: string }> };
    expect(question.required).toEqual(['title', 'asked', 'topics', 'body']);
    expect(question.additionalProperties).toBe(false);
    expect(question.properties.asked?.description).toBe('When it was asked, `YYYY-MM-DD`.');
  });
});
