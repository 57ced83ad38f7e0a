import { CONTRACT, type CanonicalTable, type ColumnSpec } from '../data-model/contract';
import { ident } from '../data-model/schema-ddl';
import type { Engine } from '../engine/types';
import { castExpr, FUTURE_AFTER, RATING_OUT_OF_RANGE } from './canonical-cast';
import type { OpenedFile } from './stage-file';
import { sqlString } from '../engine/sql-literal';

let counter = 0;

/**
 * The fast path for a clean canonical file: DuckDB's reader converts each column to its type
 * while reading, straight into the (empty) canonical table, like a plain
 * `INSERT ... FROM read_csv(...)`. The full path instead stages every cell as text, checks
 * every row and keeps line numbers and raw text for the ones it rejects or warns about, which
 * costs several times as much on a million rows.
 *
 * The fast path only keeps its result when it is sure the full path would load exactly the
 * same rows with the same values and report nothing: no row the reader could not read or
 * convert, no required value missing, no negative where none is allowed, no rating outside
 * 1-5, no repeated key, no date that could be in the future, and no text with a leading or
 * trailing space or empty (the full path trims them). Anything else, or any doubt, rolls the
 * insert back and returns false: the caller then runs the full path, which gives every
 * rejected row its line, raw text and reason. It runs only when the table is empty (checks
 * against rows already loaded need the full path), in its own transaction.
 *
 * `source`: the staged column (c1 ... cn, in header order) each contract column is read from.
 * The file's text stays registered (opened.input.registered) for the full path.
 */
export async function tryFastLoad(
  engine: Engine,
  table: CanonicalTable,
  opened: OpenedFile,
  source: Map<string, string>,
): Promise<number | null> {
  const spec = CONTRACT[table];
  const [existing] = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  if (Number(existing!.n) > 0) return null;
  const { input, dialect, columns } = opened;
  let file = input.registered;
  if (!file) {
    file = `fast_${++counter}.csv`;
    await engine.registerFile(file, input.bytes);
    // Registered bytes belong to the engine now (in the browser the buffer moves to its worker).
    Object.assign(input, { registered: file, bytes: new Uint8Array() });
  }
  const readAs = new Map<string, string>();
  for (const col of spec.columns) {
    const src = source.get(col.name);
    if (src !== undefined) readAs.set(src, readerType(col));
  }
  const colDefs = columns.map((_, i) => `'c${i + 1}': '${readAs.get(`c${i + 1}`) ?? 'VARCHAR'}'`).join(', ');
  const names = spec.columns.map((c) => ident(c.name)).join(', ');
  const values = spec.columns.map((c) => insertExpr(c, source.get(c.name))).join(', ');
  const doubts = spec.columns.flatMap((c) => (source.has(c.name) ? doubtsAbout(c, ident(c.name)) : []));
  if (table === 'reviews') doubts.push(RATING_OUT_OF_RANGE('rating'));
  const key = spec.key.map(ident).join(', ');

  await engine.exec('BEGIN TRANSACTION');
  try {
    // Without ignore_errors: a row the reader cannot read or convert stops the fast path.
    await engine.query(
      `INSERT INTO ${ident(table)} (${names}) SELECT ${values}
       FROM read_csv(${sqlString(file)}, auto_detect = false, header = $1, skip = $2, columns = {${colDefs}},
         delim = $3, quote = $4, escape = $4, null_padding = false, strict_mode = true)`,
      [dialect.header, dialect.skipLines, dialect.delimiter, dialect.quote],
    );
    // Repeated keys are found by their hashes (an integer each, so a fraction of the work on
    // text keys): two different keys with the same hash only send the file to the full path.
    const [check] = await engine.query(
      `SELECT EXISTS (SELECT 1 FROM ${ident(table)} WHERE ${doubts.length ? doubts.join(' OR ') : 'false'})
         OR (SELECT count(DISTINCT hash(${key})) < count(*) FROM ${ident(table)}) AS doubt,
         (SELECT count(*) FROM ${ident(table)}) AS n`,
    );
    if (!check!.doubt) {
      await engine.exec('COMMIT');
      return Number(check!.n);
    }
  } catch {
    // The full path finds and reports what stopped the reader.
  }
  await engine.exec('ROLLBACK');
  return null;
}

/** The reader converts to the column's type itself; a date is read as an instant, as the full path does. */
function readerType(col: ColumnSpec): string {
  if (col.type === 'DATE') return 'TIMESTAMP';
  if (col.type === 'BOOLEAN') return 'VARCHAR';
  return col.type;
}

function insertExpr(col: ColumnSpec, src: string | undefined): string {
  if (src === undefined) return 'NULL';
  if (col.type === 'DATE') return `CAST(${src} AS DATE)`;
  if (col.type === 'BOOLEAN') {
    // error() aborts the insert: an unknown spelling is the full path's "bad boolean" reject.
    return `CASE WHEN ${src} IS NULL THEN NULL ELSE coalesce(${castExpr(src, col)}, error('not a boolean')) END`;
  }
  return src;
}

/** Conditions on a loaded value under which the full path could have done otherwise. */
function doubtsAbout(col: ColumnSpec, v: string): string[] {
  const doubts: string[] = [];
  if (col.required) doubts.push(`${v} IS NULL`);
  if (col.type === 'VARCHAR') doubts.push(`prefix(${v}, ' ')`, `suffix(${v}, ' ')`, `${v} = ''`);
  if (col.nonNegative) doubts.push(`${v} < 0`);
  if (col.type === 'TIMESTAMP') doubts.push(`${v} > ${FUTURE_AFTER}`);
  // Only the day is kept: a day after today could have been read from a later instant.
  if (col.type === 'DATE') doubts.push(`CAST(${v} AS TIMESTAMP) + INTERVAL 1 DAY > ${FUTURE_AFTER}`);
  return doubts;
}
