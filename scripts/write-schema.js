// Writes schema/*.json from the zod schemas (run by `npm run schema`; a test checks they match).
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from '../dist/data/jsonSchema.js';

for (const [name, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(`../schema/${name}`, import.meta.url), text);
}
