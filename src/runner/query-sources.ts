/**
 * SQL file texts keyed by their path under queries/ without `.sql`:
 * `kpis`, `return_rate_by`, `schema/derive` ... The browser fills this with Vite's
 * import.meta.glob, Node reads the same files from disk.
 */
export type QuerySources = Record<string, string>;

/** Schema files run at engine start, in order; derive runs again after every load. */
export const SCHEMA_SETUP_FILES = [
  'schema/reason_taxonomy',
  'schema/reason_map',
  'schema/macros',
  'schema/derive',
  'schema/filters',
  'schema/kpi_values',
] as const;
/**
 * Rule macros only a few models use (leakage, abuse signals), created the first time such a
 * model runs rather than at start: each takes a few hundred milliseconds to create in the
 * browser, before the first dashboard could show.
 */
export const ON_DEMAND_SCHEMA_FILES = ['schema/leakage_rules', 'schema/abuse_rules'] as const;
export const DERIVE_FILE = 'schema/derive';

export function modelNames(sources: QuerySources): string[] {
  return Object.keys(sources)
    .filter((k) => !k.includes('/'))
    .sort();
}

/** The tables derive.sql builds (each `CREATE OR REPLACE TABLE name`), in its order. */
export function derivedTables(sources: QuerySources): string[] {
  const text = sources[DERIVE_FILE] ?? '';
  return [...text.matchAll(/^CREATE OR REPLACE TABLE\s+(\w+)/gim)].map((m) => m[1]!);
}

/** The text of a schema file (`schema/derive` ...), or a clear error when it is not there. */
export function scriptText(sources: QuerySources, file: string): string {
  const text = sources[file];
  if (text === undefined) throw new Error(`Missing queries/${file}.sql`);
  return text;
}
