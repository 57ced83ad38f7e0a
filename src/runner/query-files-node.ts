import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { QuerySources } from './query-sources';

/**
 * The SQL files under queries/, read from disk (tests and the CLI): the models, the schema
 * files and the import engine's SQL (queries/import, see importSqlFrom), as the browser's
 * glob of queries/** has them.
 */
export function readQuerySources(dir = defaultQueriesDir()): QuerySources {
  const sources: QuerySources = {};
  for (const sub of ['', 'schema', 'import']) {
    for (const file of readdirSync(path.join(dir, sub))) {
      if (!file.endsWith('.sql')) continue;
      const key = (sub ? `${sub}/` : '') + file.replace(/\.sql$/, '');
      sources[key] = readFileSync(path.join(dir, sub, file), 'utf8');
    }
  }
  return sources;
}

export function defaultQueriesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../queries');
}
