import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultQueriesDir } from '../../runner/query-files-node';
import { IMPORT_SQL_FILES, type ImportSql } from './apply';

/**
 * The import SQL read from disk (tests and the CLI). The browser gets the same files from
 * its bundled query sources (import.meta.glob covers queries/import/*.sql): importSqlFrom.
 */
export function readImportSql(dir = defaultQueriesDir()): ImportSql {
  const out = {} as ImportSql;
  for (const f of IMPORT_SQL_FILES) out[f] = readFileSync(path.join(dir, `${f}.sql`), 'utf8');
  return out;
}
