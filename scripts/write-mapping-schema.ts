// `npm run schema`: writes schema/mapping.schema.json from the mapping's zod schema (the same
// one the loader validates with). test/import/mapping-schema-file.test.ts fails when the
// committed file is not what this writes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mappingJsonSchemaText } from '../src/loader/import/spec/json-schema';

export const MAPPING_SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'mapping.schema.json');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(MAPPING_SCHEMA_FILE, mappingJsonSchemaText());
  console.log(`Wrote ${path.relative(process.cwd(), MAPPING_SCHEMA_FILE)}`);
}
