/**
 * The data contract as JSON Schema (draft 2020-12), generated from the same zod schemas the
 * loader uses, so editors with the YAML language server check files as they are typed.
 * https://zod.dev/json-schema
 */
import { z } from 'zod';
import { fileKinds, type FileKind } from './schema.js';

/** The part of JSON Schema the contract uses. */
export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  format?: string;
  contentMediaType?: string;
  const?: unknown;
  enum?: unknown[];
}

/** One file kind's schema as JSON Schema. */
export function contractSchema(kind: FileKind): JsonSchema {
  return z.toJSONSchema(fileKinds[kind].schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The `schema/` folder's files: name → JSON text. */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [kind, { jsonSchema }] of Object.entries(fileKinds)) {
    files[jsonSchema] = `${JSON.stringify(contractSchema(kind as FileKind), null, 2)}\n`;
  }
  return files;
}
