import { CANONICAL_TABLES, CONTRACT } from './contract';

/** Quotes an identifier for SQL (identifiers come from the contract or a file header). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** CREATE TABLE statements for the canonical tables, built from the data contract. */
export function canonicalDDL(): string {
  return CANONICAL_TABLES.map((t) => {
    const cols = CONTRACT[t].columns.map((c) => `${ident(c.name)} ${c.type}`).join(', ');
    return `CREATE OR REPLACE TABLE ${t} (${cols});`;
  }).join('\n');
}

/** The tables a data set consists of: what a batch replaces, and what the app keeps in the browser's storage. */
export const DATA_SET_TABLES = [...CANONICAL_TABLES, 'load_log', 'load_issues'] as const;

/**
 * Every file load is accounted for: load_log has one row per file with
 * rows_read = rows_loaded + rows_merged + rows_excluded + rows_rejected, and load_issues keeps
 * each rejected, merged, excluded or suspicious row with its line number, raw text and reason.
 * rows_merged (last, so older positional writers stay valid) counts rows repeating a key the
 * mapping folds into its first row.
 */
export const AUDIT_DDL = `
CREATE OR REPLACE TABLE load_log (
  table_name VARCHAR, source_file VARCHAR, rows_read BIGINT, rows_loaded BIGINT,
  rows_rejected BIGINT, rows_excluded BIGINT, rows_warned BIGINT, loaded_at TIMESTAMP,
  rows_merged BIGINT DEFAULT 0);
CREATE OR REPLACE TABLE load_issues (
  table_name VARCHAR, source_file VARCHAR, line_number BIGINT, severity VARCHAR,
  reason VARCHAR, raw VARCHAR);
`;

/** How many non-null values each canonical column holds (for "needs column X"). */
export function columnPresenceSQL(): string {
  // One scan per table (then unpivoted), not one per column: ~60 scans of the order lines
  // cost a noticeable share of every load.
  return CANONICAL_TABLES.map((t) => {
    const cols = CONTRACT[t].columns;
    const counts = cols.map((c) => `count(${ident(c.name)}) AS ${ident(c.name)}`).join(', ');
    const names = cols.map((c) => `'${c.name}'`).join(', ');
    const values = cols.map((c) => `c.${ident(c.name)}`).join(', ');
    return `SELECT '${t}' AS table_name, unnest([${names}]) AS column_name, unnest([${values}]) AS non_null FROM (SELECT ${counts} FROM ${t}) c`;
  }).join('\nUNION ALL\n');
}
