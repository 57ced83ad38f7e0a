import type { Engine, Row } from '../../engine/types';
import { fillRawRecords, stageDelimited, type Dialect, type ParserReject } from '../stage-delimited';
import type { ImportSql } from './apply-types';
import type { PreparedText } from './prepare';
import { SEP } from './sql-build';

/** Staging for the import engine: the macros, a file's cells as text, the temp tables' names and cleanup. */

let counter = 0;

/** A number for one import's temp tables (imp<id>_...). */
export const nextImportId = (): number => ++counter;

/** Engines (connections) that have the import macros: creating them costs a second or two in DuckDB-WASM. */
export const withMacros = new WeakMap<Engine, string>();

/**
 * The import macros: the value readers (import_macros.sql) and the row checks (row_checks.sql).
 * TEMP: they live as long as the connection; created once per engine and SQL text.
 */
export async function createMacros(engine: Engine, sql: ImportSql): Promise<void> {
  const text = `${sql['import/import_macros']};\n${sql['import/row_checks']}`;
  if (withMacros.get(engine) === text) return;
  await engine.exec(text);
  withMacros.set(engine, text);
}

/** A staged file's cells as read (untrimmed), kept until the end to give rows their raw text. */
export interface StagedCells {
  file: string;
  cells: string;
  columns: number;
  dialect: Dialect;
}

/**
 * Stages a prepared file into `table`: __line and c1 ... cn (see stageDelimited), trimmed
 * (imp_trim: Unicode spaces too), with empty cells and the source's null words as NULL. Without
 * null words `table` is a view over the cells, so the trimming happens inside the one statement
 * that reads the values instead of in a copy of the file. Rows the reader cannot read are
 * returned (they are not in the table); `staged` gets the cells for the raw text of rows listed.
 */
export async function stage(
  engine: Engine,
  table: string,
  prepared: PreparedText & { file?: string },
  nullValues: string[],
  staged: StagedCells[],
  fileName: string,
): Promise<ParserReject[]> {
  const read = `${table}_cells`;
  let rejects: ParserReject[];
  try {
    rejects = await stageDelimited(engine, read, prepared, prepared.dialect, prepared.header.length);
  } finally {
    // stageDelimited dropped the spooled text, read or not, and took the staged cells.
    prepared.registered = undefined;
    prepared.cells = undefined;
  }
  staged.push({ file: fileName, cells: read, columns: prepared.header.length, dialect: prepared.dialect });
  const cols = prepared.header.map((_, i) => `c${i + 1}`);
  if (nullValues.length === 0) {
    await engine.exec(`CREATE TEMP VIEW ${table} AS SELECT __line, ${cols.map((c) => `nullif(imp_trim(${c}), '') AS ${c}`).join(', ')} FROM ${read}`);
    return rejects;
  }
  // Null words are the mapping's (bound), which a view cannot hold: trimmed, then empty / null words made NULL.
  await engine.query(
    `CREATE TEMP TABLE ${table} AS SELECT __line, ${cols.map((c) => `imp_null(${c}, $1) AS ${c}`).join(', ')}
     FROM (SELECT __line, ${cols.map((c) => `imp_trim(${c}) AS ${c}`).join(', ')} FROM ${read})`,
    [nullValues.join(SEP)],
  );
  return rejects;
}

/** The raw text of every row listed in `issues`, rebuilt from its file's cells (only those rows). */
export async function fillRaw(engine: Engine, issues: string, staged: StagedCells[]): Promise<void> {
  for (const c of staged) await fillRawRecords(engine, issues, c.file, c.cells, c.columns, c.dialect);
}

export async function dropTemps(engine: Engine, id: number): Promise<void> {
  const rows = await engine
    .query(`SELECT table_name, table_type FROM information_schema.tables WHERE starts_with(table_name, $1)`, [`imp${id}_`])
    .catch(() => [] as Row[]);
  // Views first: they read the tables.
  for (const r of [...rows].sort((a, b) => (a.table_type === 'VIEW' ? 0 : 1) - (b.table_type === 'VIEW' ? 0 : 1))) {
    const name = String(r.table_name);
    const kind = r.table_type === 'VIEW' ? 'VIEW' : 'TABLE';
    if (/^imp\d+_\w+$/.test(name)) await engine.exec(`DROP ${kind} IF EXISTS ${name}`).catch(() => undefined);
  }
}

export function isoTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
