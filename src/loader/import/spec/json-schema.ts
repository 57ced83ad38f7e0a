import { z } from 'zod';
import { CANONICAL_TABLES, CONTRACT } from '../../../data-model/contract';
import { MappingSpecSchema, TargetSpecSchema } from './schema';
import { DateFormatSchema } from './schema-values';

// The published JSON Schema of a mapping (schema/mapping.schema.json, written by
// `npm run schema`), made from the same zod schema as the validator. Rules that JSON Schema can
// say are added here: each table's own columns and required columns, and that a date format
// must be written (null is an open question). The other rules between fields are the loader's.

/** Not a web address: nothing fetches it; editors find the file through a mapping's "$schema" path. */
export const MAPPING_SCHEMA_ID = 'urn:returns-insight:mapping:1';

type Json = Record<string, unknown>;

/** What the columns of one table's target must look like. */
function columnsOf(table: (typeof CANONICAL_TABLES)[number], expand: boolean): Json {
  const spec = CONTRACT[table];
  const skip = expand ? ['quantity', 'sku', 'line_id'] : [];
  return {
    type: 'object',
    propertyNames: { enum: spec.columns.map((c) => c.name) },
    properties: Object.fromEntries(spec.columns.map((c) => [c.name, { description: `${c.type.toLowerCase()}${c.required ? ', required' : ''}: ${c.description}` }])),
    required: spec.columns.filter((c) => c.required && !skip.includes(c.name)).map((c) => c.name),
  };
}

function tableRules(): Json[] {
  return CANONICAL_TABLES.map((table) => {
    const then: Json = { properties: { columns: columnsOf(table, false) } };
    if (table !== 'returns') then.properties = { ...(then.properties as Json), expandToOrderLines: { const: false } };
    const rule: Json = { if: { properties: { table: { const: table } }, required: ['table'] }, then };
    if (table === 'returns') {
      rule.then = {
        if: { properties: { expandToOrderLines: { const: true } }, required: ['expandToOrderLines'] },
        then: { properties: { columns: { ...columnsOf(table, true), required: [...(columnsOf(table, true).required as string[]), 'order_id'] } } },
        else: then,
      };
    }
    return rule;
  });
}

/** The JSON Schema (draft 2020-12) of a mapping file. */
export function mappingJsonSchema(): Json {
  const schema = z.toJSONSchema(MappingSpecSchema, {
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.zodSchema === TargetSpecSchema) ctx.jsonSchema.allOf = tableRules();
      if (ctx.zodSchema === DateFormatSchema) {
        ctx.jsonSchema.type = 'string';
        delete ctx.jsonSchema.anyOf;
      }
    },
  }) as Json;
  const { $schema, ...rest } = schema;
  return { $schema, $id: MAPPING_SCHEMA_ID, title: 'returns-insight mapping', ...rest };
}

/** The file's text: two-space indent and a final newline. */
export function mappingJsonSchemaText(): string {
  return JSON.stringify(mappingJsonSchema(), null, 2) + '\n';
}
