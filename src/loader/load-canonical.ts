import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../data-model/contract';
import { ident } from '../data-model/schema-ddl';
import type { Engine } from '../engine/types';
import { canonicalTableOf, type SourceFile } from './file-kinds';
import { stageFile, type ParquetDecoder } from './stage-file';

export interface FileLoadReport {
  file: string;
  table: CanonicalTable | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsWarned: number;
  /** Set when the file could not be used at all; nothing from it was loaded. */
  error?: string;
  /** Columns of the file the contract does not know (ignored). */
  ignoredColumns: string[];
}

/**
 * Loads canonical files (named after their table) into the canonical tables.
 * Every row read ends up loaded or in load_issues with its line, raw text and reason;
 * a file that cannot be read leaves the tables as they were.
 */
export async function loadCanonicalFiles(
  engine: Engine,
  files: SourceFile[],
  decodeParquet: ParquetDecoder,
  onLines?: (file: string, lines: number) => void,
): Promise<FileLoadReport[]> {
  const reports: FileLoadReport[] = [];
  for (const file of files) {
    const table = canonicalTableOf(file.name);
    const report: FileLoadReport = {
      file: file.name, table, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsWarned: 0, ignoredColumns: [],
    };
    reports.push(report);
    if (!table) {
      report.error = `${file.name}: not a canonical table name (expected one of ${Object.keys(CONTRACT).join(', ')})`;
      continue;
    }
    // One transaction per file: a file that fails half-way leaves the tables as they were.
    await engine.exec('BEGIN TRANSACTION');
    try {
      await loadOne(engine, file, table, decodeParquet, report, onLines && ((n) => onLines(file.name, n)));
      await engine.exec('COMMIT');
    } catch (e) {
      await engine.exec('ROLLBACK');
      report.error = e instanceof Error ? e.message : String(e);
      Object.assign(report, { rowsLoaded: 0, rowsRejected: 0, rowsWarned: 0 });
    }
  }
  return reports;
}

async function loadOne(
  engine: Engine,
  file: SourceFile,
  table: CanonicalTable,
  decodeParquet: ParquetDecoder,
  report: FileLoadReport,
  onLines?: (lines: number) => void,
): Promise<void> {
  const staged = await stageFile(engine, file, decodeParquet, onLines);
  const spec = CONTRACT[table];
  // Staged columns are c1 ... cn, in header order; the first of a repeated name is used.
  const byLower = new Map<string, string>();
  staged.columns.forEach((c, i) => {
    if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), `c${i + 1}`);
  });
  const source = new Map<string, string>();
  for (const col of spec.columns) {
    const found = byLower.get(col.name);
    if (found !== undefined) source.set(col.name, found);
  }
  const missingRequired = spec.columns.filter((c) => c.required && !source.has(c.name)).map((c) => c.name);
  if (missingRequired.length > 0) {
    await engine.exec(`DROP TABLE IF EXISTS ${staged.table}`);
    throw new Error(`${file.name}: missing required column${missingRequired.length > 1 ? 's' : ''} ${missingRequired.join(', ')}`);
  }
  const known = new Set(source.values());
  report.ignoredColumns = staged.columns.filter((c, i) => !known.has(`c${i + 1}`) && !/^column\d+$/.test(c));

  const value = (col: ColumnSpec): string => {
    const src = source.get(col.name);
    return src === undefined ? 'NULL' : `nullif(trim(${ident(src)}), '')`;
  };
  const checks: string[] = [];
  for (const col of spec.columns) {
    if (!source.has(col.name)) continue;
    const v = value(col);
    if (col.required) checks.push(`WHEN ${v} IS NULL THEN 'missing ${col.name}'`);
    if (col.type !== 'VARCHAR') {
      checks.push(
        `WHEN ${v} IS NOT NULL AND ${castExpr(v, col)} IS NULL THEN 'bad ${col.type.toLowerCase()} in ${col.name}: "' || ${v} || '"'`,
      );
    }
    if (col.nonNegative) checks.push(`WHEN ${castExpr(v, col)} < 0 THEN 'negative ${col.name}'`);
  }
  if (table === 'reviews') checks.push(`WHEN ${castExpr(value(spec.columns.find((c) => c.name === 'rating')!), { type: 'INTEGER' } as ColumnSpec)} NOT BETWEEN 1 AND 5 THEN 'rating outside 1-5'`);
  const keyExpr = spec.key.map((k) => value(spec.columns.find((c) => c.name === k)!)).join(', ');
  // Qualified with the staging alias `s`: unqualified, the name would bind to `e` itself.
  const keyMatch = spec.key.map((k) => `e.${ident(k)} = nullif(trim(s.${ident(source.get(k)!)}), '')`).join(' AND ');
  checks.push(`WHEN row_number() OVER (PARTITION BY ${keyExpr} ORDER BY __line) > 1 THEN 'duplicate ${spec.key.join(' + ')}'`);
  checks.push(`WHEN EXISTS (SELECT 1 FROM ${table} e WHERE ${keyMatch}) THEN 'duplicate ${spec.key.join(' + ')} (already loaded)'`);

  const checked = `${staged.table}_checked`;
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE ${checked} AS SELECT *, CASE ${checks.join(' ')} END AS __reject FROM ${staged.table} s`,
  );
  const cols = spec.columns.map((c) => ident(c.name)).join(', ');
  const casts = spec.columns.map((c) => castExpr(value(c), c)).join(', ');
  await engine.exec(`INSERT INTO ${table} (${cols}) SELECT ${casts} FROM ${checked} WHERE __reject IS NULL`);
  await engine.query(
    `INSERT INTO load_issues SELECT ?, ?, __line, 'rejected', __reject, __raw FROM ${checked} WHERE __reject IS NOT NULL`,
    [table, file.name],
  );
  for (const r of staged.parserRejects) {
    await engine.query(`INSERT INTO load_issues VALUES (?, ?, ?, 'rejected', ?, ?)`, [table, file.name, r.line, r.reason, r.raw]);
  }
  const counts = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __reject IS NULL) AS ok FROM ${checked}`,
  );
  const n = Number(counts[0]!.n);
  report.rowsLoaded = Number(counts[0]!.ok);
  report.rowsRejected = n - report.rowsLoaded + staged.parserRejects.length;
  report.rowsRead = n + staged.parserRejects.length;
  report.rowsWarned = await addWarnings(engine, table, file.name, checked, value);
  await engine.query(`INSERT INTO load_log VALUES (?, ?, ?, ?, ?, 0, ?, CAST(current_timestamp AS TIMESTAMP))`, [
    table, file.name, report.rowsRead, report.rowsLoaded, report.rowsRejected, report.rowsWarned,
  ]);
  await engine.exec(`DROP TABLE IF EXISTS ${checked}; DROP TABLE IF EXISTS ${staged.table}`);
}

/**
 * Kept but suspicious: dates in the future. (Cross-table checks live in data_quality.sql.)
 * Columns are found and read as the load reads them (names matched trimmed and in any case,
 * values trimmed); a row with several future dates counts once.
 */
async function addWarnings(
  engine: Engine,
  table: CanonicalTable,
  fileName: string,
  checked: string,
  value: (col: ColumnSpec) => string,
): Promise<number> {
  const dateCols = CONTRACT[table].columns.filter((c) => (c.type === 'DATE' || c.type === 'TIMESTAMP') && value(c) !== 'NULL');
  const warned = new Set<number>();
  for (const col of dateCols) {
    const v = value(col);
    const rows = await engine.query(
      `INSERT INTO load_issues SELECT ?, ?, __line, 'warning', ? || ' is in the future: ' || ${v}, __raw
       FROM ${checked} WHERE __reject IS NULL AND TRY_CAST(${v} AS TIMESTAMP) > CAST(current_timestamp AS TIMESTAMP) + INTERVAL 1 DAY
       RETURNING line_number`,
      [table, fileName, col.name],
    );
    rows.forEach((r) => warned.add(Number(r.line_number)));
  }
  return warned.size;
}

function castExpr(v: string, col: Pick<ColumnSpec, 'type'>): string {
  if (col.type === 'VARCHAR') return v;
  if (col.type === 'BOOLEAN') {
    return `CASE lower(${v}) WHEN 'true' THEN true WHEN 't' THEN true WHEN '1' THEN true WHEN 'yes' THEN true WHEN 'y' THEN true
      WHEN 'false' THEN false WHEN 'f' THEN false WHEN '0' THEN false WHEN 'no' THEN false WHEN 'n' THEN false END`;
  }
  if (col.type === 'INTEGER') return `TRY_CAST(${v} AS INTEGER)`;
  if (col.type === 'DATE') return `TRY_CAST(TRY_CAST(${v} AS TIMESTAMP) AS DATE)`;
  return `TRY_CAST(${v} AS ${col.type})`;
}
