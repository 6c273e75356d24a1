// Writes the references generated from the code (run by `npm run schema`; tests check they
// match): schema/*.json from the zod schemas, docs/labels.md from the interface word sets.
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from '../dist/data/jsonSchema.js';
import { labelsTable } from '../dist/data/labels/table.js';

for (const [name, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(`../schema/${name}`, import.meta.url), text);
}
writeFileSync(new URL('../docs/labels.md', import.meta.url), labelsTable());
