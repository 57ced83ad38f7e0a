import type { Engine } from '../engine/types';
import { sqlString } from '../engine/sql-literal';

/**
 * Runs `fn` with unqualified table names resolving to `schema` first (tables it lacks still
 * resolve to the engine's own), then puts the engine's search path back as it was. Not RESET:
 * that would point back at DuckDB's default catalog, and the page's engine keeps its tables in a
 * compressed catalog of its own (src/engine/compressed-storage.ts).
 */
export async function withSearchPath<T>(engine: Engine, schema: string, fn: () => Promise<T>): Promise<T> {
  const before = String((await engine.query(`SELECT current_setting('search_path') AS p`))[0]!.p);
  // A schema name of the loader's own (the mapping preview's), not a user value.
  await engine.exec(`SET search_path = ${sqlString(schema)}`);
  try {
    return await fn();
  } finally {
    await engine.exec(`SET search_path = ${sqlString(before)}`);
  }
}
