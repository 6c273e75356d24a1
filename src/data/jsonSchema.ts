/**
 * The data contract as JSON Schema (draft 2020-12), generated from the same zod schemas the
 * loader uses, so editors with the YAML language server check files as they are typed.
 * https://zod.dev/json-schema
 */
import { z } from 'zod';
import { fileKinds } from './schema.js';

/** The `schema/` folder's files: name → JSON text. */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of Object.values(fileKinds)) {
    const schema = z.toJSONSchema(kind.schema, { io: 'input', unrepresentable: 'any' });
    files[kind.jsonSchema] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}
