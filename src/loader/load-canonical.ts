import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../data-model/contract';
import { ident } from '../data-model/schema-ddl';
import type { Engine } from '../engine/types';
import { canonicalTableOf, type SourceFile } from './file-kinds';
import { castExpr, FUTURE_AFTER, RATING_OUT_OF_RANGE } from './canonical-cast';
import { tryFastLoad } from './fast-load';
import { releaseInput } from './read-input';
import { openFile, stageOpened, type ParquetDecoder, type StagedFile } from './stage-file';

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

export interface LoadOptions {
  /** false: always the full path (tests compare the two paths); default true. */
  fastPath?: boolean;
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
  options: LoadOptions = {},
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
    try {
      await loadOne(engine, file, table, decodeParquet, report, onLines && ((n) => onLines(file.name, n)), options.fastPath ?? true);
    } catch (e) {
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
  onLines: ((lines: number) => void) | undefined,
  fastPath: boolean,
): Promise<void> {
  const opened = await openFile(engine, file, decodeParquet, onLines);
  const spec = CONTRACT[table];
  // Staged columns are c1 ... cn, in header order; the first of a repeated name is used.
  const byLower = new Map<string, string>();
  opened.columns.forEach((c, i) => {
    if (!byLower.has(c.toLowerCase())) byLower.set(c.toLowerCase(), `c${i + 1}`);
  });
  const source = new Map<string, string>();
  for (const col of spec.columns) {
    const found = byLower.get(col.name);
    if (found !== undefined) source.set(col.name, found);
  }
  const missingRequired = spec.columns.filter((c) => c.required && !source.has(c.name)).map((c) => c.name);
  if (missingRequired.length > 0) {
    await releaseInput(engine, opened.input);
    throw new Error(`${file.name}: missing required column${missingRequired.length > 1 ? 's' : ''} ${missingRequired.join(', ')}`);
  }
  const known = new Set(source.values());
  report.ignoredColumns = opened.columns.filter((c, i) => !known.has(`c${i + 1}`) && !/^column\d+$/.test(c));

  const fast = fastPath ? await tryFastLoad(engine, table, opened, source).catch(async (e: unknown) => {
    await releaseInput(engine, opened.input);
    throw e;
  }) : null;
  if (fast !== null) {
    await releaseInput(engine, opened.input);
    Object.assign(report, { rowsRead: fast, rowsLoaded: fast, rowsRejected: 0, rowsWarned: 0 });
    await logLoad(engine, table, file.name, report);
    return;
  }
  // One transaction per file: a file that fails half-way leaves the tables as they were.
  await engine.exec('BEGIN TRANSACTION');
  try {
    await checkAndLoad(engine, file.name, table, await stageOpened(engine, file.name, opened), source, report);
    await engine.exec('COMMIT');
  } catch (e) {
    await engine.exec('ROLLBACK');
    throw e;
  }
}

/** The full path: every staged row checked, loaded or listed with its line, raw text and reason. */
async function checkAndLoad(
  engine: Engine,
  fileName: string,
  table: CanonicalTable,
  staged: StagedFile,
  source: Map<string, string>,
  report: FileLoadReport,
): Promise<void> {
  const spec = CONTRACT[table];
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
  if (table === 'reviews') checks.push(`WHEN ${RATING_OUT_OF_RANGE(castExpr(value(spec.columns.find((c) => c.name === 'rating')!), { type: 'INTEGER' }))} THEN 'rating outside 1-5'`);
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
    [table, fileName],
  );
  for (const r of staged.parserRejects) {
    await engine.query(`INSERT INTO load_issues VALUES (?, ?, ?, 'rejected', ?, ?)`, [table, fileName, r.line, r.reason, r.raw]);
  }
  const counts = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __reject IS NULL) AS ok FROM ${checked}`,
  );
  const n = Number(counts[0]!.n);
  report.rowsLoaded = Number(counts[0]!.ok);
  report.rowsRejected = n - report.rowsLoaded + staged.parserRejects.length;
  report.rowsRead = n + staged.parserRejects.length;
  report.rowsWarned = await addWarnings(engine, table, fileName, checked, value);
  await logLoad(engine, table, fileName, report);
  await engine.exec(`DROP TABLE IF EXISTS ${checked}; DROP TABLE IF EXISTS ${staged.table}`);
}

async function logLoad(engine: Engine, table: CanonicalTable, fileName: string, report: FileLoadReport): Promise<void> {
  await engine.query(`INSERT INTO load_log VALUES (?, ?, ?, ?, ?, 0, ?, CAST(current_timestamp AS TIMESTAMP))`, [
    table, fileName, report.rowsRead, report.rowsLoaded, report.rowsRejected, report.rowsWarned,
  ]);
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
       FROM ${checked} WHERE __reject IS NULL AND TRY_CAST(${v} AS TIMESTAMP) > ${FUTURE_AFTER}
       RETURNING line_number`,
      [table, fileName, col.name],
    );
    rows.forEach((r) => warned.add(Number(r.line_number)));
  }
  return warned.size;
}
