import type { Engine } from '../engine/types';
import { firstLine } from './error-text';
import type { Quote } from './import/spec';
import type { InputText } from './read-input';
import { sqlString } from '../engine/sql-literal';

/** How a delimited text is written (the mapping's source format; canonical CSV/TSV fixed ones). */
export interface Dialect {
  delimiter: string;
  /** '' = cells are never quoted. */
  quote: Quote;
  /** Records above the header. */
  skipLines: number;
  header: boolean;
}

/** A record the CSV reader could not read: its line, why, and its text. */
export interface ParserReject {
  line: number;
  reason: string;
  raw: string;
}

/** Parquet and JSON converted to text are in this dialect (arrow-to-csv.ts), and typed cells (typedCellsSql) are read as if they were. */
export const CONVERTED_CSV: Dialect = { delimiter: ',', quote: '"', skipLines: 0, header: true };

let counter = 0;

/**
 * Reads UTF-8, LF text with DuckDB's CSV reader into temp table `table`: __line (record
 * number; the header is record skipLines + 1) and c1 ... c<columns>, every cell as text
 * exactly as read (an empty cell is NULL). The record's text is not kept: fillRawRecords gives
 * it back from the cells for the few rows that need it (rejected, excluded, warned), which
 * spares building it for every row. Rows the reader cannot read (too many or too few cells, an
 * unterminated quote ...) are not in the table: they are returned, so the caller lists them,
 * and the good rows keep their own record numbers. All settings are bound parameters.
 *
 * An unterminated quote makes the reader take everything up to the next quote, often the rest
 * of the file, as one cell: a stray quote would swallow every following line into one
 * "rejected row". So only the line holding it is rejected, and the text after that line is
 * read again on its own (and so on for the next stray quote).
 */
export async function stageDelimited(
  engine: Engine,
  table: string,
  text: Pick<InputText, 'bytes' | 'registered' | 'cells'>,
  dialect: Dialect,
  columns: number,
): Promise<ParserReject[]> {
  // Cells staged from typed data already (InputText.cells): taken as they are, under this name.
  if (text.cells) {
    await engine.exec(`ALTER TABLE ${text.cells} RENAME TO ${table}`);
    return [];
  }
  const vfile = text.registered ?? `staged_${++counter}.csv`;
  if (!text.registered) await engine.registerFile(vfile, text.bytes);
  try {
    return await stageFrom(engine, table, vfile, dialect, columns, dialect.skipLines);
  } finally {
    await engine.dropFile(vfile);
  }
}

/** Reads `vfile` into `table` (created); `base` is added to the reader's record numbers. */
async function stageFrom(
  engine: Engine,
  table: string,
  vfile: string,
  dialect: Dialect,
  columns: number,
  base: number,
): Promise<ParserReject[]> {
  const { delimiter, quote, skipLines, header } = dialect;
  const colDefs = Array.from({ length: columns }, (_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ');
  const rejects = `${table}_rejects`;
  const headerLines = header ? 1 : 0;
  try {
    await engine.query(
      `CREATE TEMP TABLE ${table} AS SELECT CAST(row_number() OVER () + ${headerLines + base} AS BIGINT) AS __line, *
       FROM read_csv(${sqlString(vfile)}, auto_detect = false, header = $1, skip = $2,
         columns = {${colDefs}}, delim = $3, quote = $4, escape = $4, ignore_errors = true, store_rejects = true,
         rejects_scan = '${table}_scan', rejects_table = '${rejects}', null_padding = false, strict_mode = true)`,
      [header, skipLines, delimiter, quote],
    );
  } catch (e) {
    throw new Error(`cannot be read as delimited text (${firstLine(e)})`);
  }
  const bad = await engine.query(
    `SELECT line, any_value(error_type) AS error_type, any_value(csv_line) AS raw,
       bool_or(error_type = 'UNQUOTED VALUE') AS stray_quote, min(line_byte_position) AS at
     FROM ${rejects} GROUP BY line ORDER BY line`,
  );
  if (bad.length > 0) {
    // Records the reader skipped shift the numbering: the k-th good record sits after every
    // rejected record r_i (i-th in order) with r_i - i - headerLines good records before it.
    // (The reader's line numbers count from the first line after the skipped ones.)
    await engine.query(
      `UPDATE ${table} SET __line = __line + (SELECT count(*) FROM
         (SELECT line - row_number() OVER (ORDER BY line) - ${headerLines} AS good_before FROM (SELECT DISTINCT line FROM ${rejects})) r
         WHERE r.good_before < ${table}.__line - $1)`,
      [headerLines + base],
    );
  }
  await engine.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${table}_scan`);
  const stray = bad.find((r) => r.stray_quote === true);
  const before = stray ? bad.filter((r) => Number(r.line) < Number(stray.line)) : bad;
  const out = before.map((r) => ({
    line: Number(r.line) + base,
    reason: `unreadable row (${String(r.error_type).toLowerCase().replace(/_/g, ' ')})`,
    raw: String(r.raw ?? '').replace(/^\n/, ''),
  }));
  if (!stray) return out;
  return [...out, ...(await restAfterStrayQuote(engine, table, vfile, dialect, columns, Number(stray.line) + base, Number(stray.at)))];
}

/**
 * The line at byte `at` (record `line`) holds an unterminated quote: it is rejected on its own,
 * whatever the reader made of the text after it is dropped, and that text is read again as
 * records line + 1, line + 2 ... (no header).
 */
async function restAfterStrayQuote(
  engine: Engine,
  table: string,
  vfile: string,
  dialect: Dialect,
  columns: number,
  line: number,
  at: number,
): Promise<ParserReject[]> {
  await engine.query(`DELETE FROM ${table} WHERE __line >= $1`, [line]);
  // The file's bytes, read back from the engine (in the browser they live in DuckDB's worker).
  const [file] = await engine.query(`SELECT content FROM read_blob(${sqlString(vfile)})`);
  const bytes = file!.content as Uint8Array;
  // The reader's byte position may point at the line's start or just after it: the line starts after the line break before it.
  const start = bytes.lastIndexOf(10, Math.max(0, at - 1)) + 1;
  const nl = bytes.indexOf(10, start);
  const end = nl < 0 ? bytes.length : nl;
  const own: ParserReject = { line, reason: 'unreadable row (unterminated quote)', raw: new TextDecoder().decode(bytes.subarray(start, end)) };
  if (nl < 0 || nl + 1 >= bytes.length) return [own];
  const restFile = `${vfile}_rest`;
  const restTable = `${table}_rest`;
  await engine.registerFile(restFile, bytes.slice(nl + 1));
  try {
    const more = await stageFrom(engine, restTable, restFile, { ...dialect, header: false, skipLines: 0 }, columns, line);
    await engine.exec(`INSERT INTO ${table} SELECT * FROM ${restTable}; DROP TABLE ${restTable}`);
    return [own, ...more];
  } finally {
    await engine.dropFile(restFile);
  }
}

/**
 * Fills `raw` of the rows of `issues` (table_name, source_file, line_number, severity, reason,
 * raw) from `file` that have none, from the staged cells of that file (see stageDelimited):
 * the cells joined by the file's delimiter, quoted where they hold the delimiter, the quote or
 * a line break. Only the rows listed are rebuilt.
 */
export async function fillRawRecords(
  engine: Engine,
  issues: string,
  file: string,
  cells: string,
  columns: number,
  dialect: Pick<Dialect, 'delimiter' | 'quote'>,
): Promise<void> {
  const cols = Array.from({ length: columns }, (_, i) => `c${i + 1}`);
  // $1 delimiter, $2 quote: a cell is quoted back only where the file had to quote it.
  const rawCell = (c: string) =>
    `CASE WHEN $2 <> '' AND (contains(${c}, $1) OR contains(${c}, $2) OR contains(${c}, chr(10)))
       THEN $2 || replace(${c}, $2, $2 || $2) || $2 ELSE coalesce(${c}, '') END`;
  await engine.query(
    `UPDATE ${issues} SET raw = r.raw
     FROM (SELECT __line, concat_ws($1, ${cols.map(rawCell).join(', ')}) AS raw FROM ${cells}
           WHERE __line IN (SELECT line_number FROM ${issues} WHERE source_file = $3 AND raw IS NULL)) r
     WHERE ${issues}.source_file = $3 AND ${issues}.line_number = r.__line AND ${issues}.raw IS NULL`,
    [dialect.delimiter, dialect.quote, file],
  );
}
