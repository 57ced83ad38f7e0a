import { CANONICAL_TABLES, CONTRACT, type CanonicalTable } from '../../data-model/contract';
import { ident } from '../../data-model/schema-ddl';
import type { Engine, Row } from '../../engine/types';
import { firstLine } from '../error-text';
import { formatOf, type SourceFile } from '../file-kinds';
import { convertFor, convertToCsv, readTextFor, releaseInput, type InputText, type ParquetDecoder } from '../read-input';
import { CONVERTED_CSV, fillRawRecords, stageDelimited, type Dialect, type ParserReject } from '../stage-delimited';
import { bomOf, headerNames, readRecords } from './decode';
import { canonicalMapping } from './canonical-mapping';
import { Params, SEP, TargetSql, targetSelect } from './sql-build';
import {
  columnsUsed, fileMatches, lookupRef, validateMapping, type LookupSpec, type MappingSpec, type SourceFormat, type TargetSpec,
} from './spec';

/**
 * Applies a mapping to one file: decode → stage as text through DuckDB's CSV reader (rows it
 * cannot read are kept as rejects) → route each row to its target table → read every value
 * the way the mapping says → exclusions, per-row checks, cross-table checks → insert, with
 * every row accounted for in load_log / load_issues:
 *
 *   rows read = rows loaded + rows rejected + rows excluded      (per file and per table)
 *
 * Rejected rows (severity 'rejected') could not be loaded: unreadable, a value that does not
 * read with the mapping's format, a missing required value, a negative amount, a duplicate
 * key, an unknown SKU (when products are loaded), a return dated before its order.
 * Excluded rows (severity 'excluded') are left out on purpose by a rule of the mapping, with
 * its reason (e.g. stock write-offs in an invoice file). Warnings (severity 'warning') are
 * loaded rows that look wrong: a date in the future, a return long after its order.
 * Rows the CSV reader could not read and rows no target takes are counted under the first
 * target's table. Line numbers are record numbers (header = 1 + skipped lines); they equal
 * physical lines unless an earlier cell held a line break.
 *
 * One transaction per file: a file that fails leaves every table as it was. The tables are
 * written unqualified, so the batch loader's shadow schema (search_path) works unchanged.
 *
 * Before routing, order-level cells are filled down (mapping.fillDown) and the mapping's
 * lookup files (options.lookupFiles, matched by name pattern) are joined on, one row per key;
 * a key a lookup lacks rejects the rows of the targets using it (unless onMissing is 'empty'),
 * and report.lookups says how each lookup file was read and used. With routing 'each' a row
 * can feed several tables: each table's accounting adds up, the file's totals add the tables.
 *
 * Lookup files are accounted for like loaded files, under table_name 'lookup:<name>': a row
 * that is a lookup entry counts as loaded; an unreadable row or one without a key is
 * rejected; a row repeating a key is excluded (the first row wins). Several files matching
 * a lookup's pattern are read as one list (in the order given: the first row of a key wins
 * across files) when each has the columns the mapping reads; one that lacks some is not
 * used, report.lookups[].notUsed says why, and its rows are counted as excluded with that
 * reason. A lookup file read by several mapped files of
 * a batch is accounted for once (the first time).
 */

/**
 * A file to import: its bytes or a source to read them from in pieces (a browser File, a path
 * in Node), decoded with mapping.source.encoding; or `text`, already decoded. CSV-like text is
 * read in pieces; Parquet and JSON (array of objects, {"list": [...]} or NDJSON) are
 * converted to CSV first, and the mapping's delimiter, quote, skipped lines and header
 * settings do not apply to them (the converted text has a header and standard quoting). A
 * .parquet or .json file whose content is not Parquet or JSON is read as text: the app's
 * mapping step hands such files over already converted.
 */
export type ImportFile = SourceFile;

export interface ApplyOptions {
  /** "Now" for future-date warnings (default: the current time). */
  now?: Date;
  /** Run everything, then roll back: nothing is kept (the mapping step's preview). */
  dryRun?: boolean;
  /** With dryRun: loaded rows returned per table (default 20). */
  previewRows?: number;
  /** Read only the first N data records (previews of big files). */
  maxRecords?: number;
  /** Files the mapping's lookups may read (a lookup reads every file whose name matches its pattern). */
  lookupFiles?: ImportFile[];
  /** Reads Parquet files (parquet-wasm's Node or browser build); without it a Parquet file is refused. */
  decodeParquet?: ParquetDecoder;
  /** Progress while the file is read: about how many records so far (its line breaks, less the header). */
  onRowsRead?: (rows: number) => void;
}

export interface TableAccount {
  table: CanonicalTable;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsExcluded: number;
  rowsWarned: number;
  /** Only for a target with expandToOrderLines: the return rows written for the rows loaded (one per order line). */
  rowsExpandedTo?: number;
}

/** How a lookup file was read and how well the mapped file's keys found it. */
export interface LookupReport {
  name: string;
  /** The files used, in the order read, joined with ', ' (several when several files match the pattern). */
  file: string;
  /**
   * Files matching the pattern that were not used, and why (only when there are any). Their
   * rows (rowsRead) are accounted for as excluded under 'lookup:<name>', with this reason.
   */
  notUsed?: { file: string; reason: string; rowsRead: number }[];
  /** Rows of the lookup files (unreadable ones included). */
  rowsRead: number;
  rowsUnreadable: number;
  /** Distinct keys. */
  keys: number;
  /** Rows repeating a key seen earlier in the lookup file: ignored (the first row wins). */
  duplicateKeyRows: number;
  /** Rows without a key: ignored. */
  emptyKeyRows: number;
  /** Distinct keys the mapped file used. */
  keysUsed: number;
  /** Rows of the mapped file whose key has a value the lookup file lacks. */
  rowsWithoutMatch: number;
}

export interface ReasonCount {
  table: CanonicalTable;
  severity: 'rejected' | 'excluded' | 'warning';
  /** The reason without the offending value ('bad date in order_date (expected ...)'). */
  reason: string;
  rows: number;
}

export interface ImportReport {
  file: string;
  mapping: string;
  preset: string | null;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  rowsExcluded: number;
  rowsWarned: number;
  tables: TableAccount[];
  reasons: ReasonCount[];
  /** Raw return reasons that no reason_map rule matches (they will count as 'unknown'). */
  unmappedReasons: { reasonRaw: string; rows: number }[];
  /** With dryRun: the first loaded rows of each table, as they would be stored. */
  preview?: Partial<Record<CanonicalTable, Row[]>>;
  /** The mapping's lookup files, in the mapping's order. */
  lookups?: LookupReport[];
  /** Set when the file could not be used at all; nothing from it was loaded. */
  error?: string;
  /** A canonical file's columns that the data contract does not know (ignored). */
  ignoredColumns?: string[];
}

/** SQL files the import engine runs (keys as in QuerySources). */
export const IMPORT_SQL_FILES = ['import/import_macros', 'join_coverage'] as const;
export type ImportSql = Record<(typeof IMPORT_SQL_FILES)[number], string>;

/** The import SQL out of the app's query sources (the browser bundles queries/import/*.sql). */
export function importSqlFrom(sources: Record<string, string>): ImportSql {
  const out = {} as ImportSql;
  for (const f of IMPORT_SQL_FILES) {
    const text = sources[f];
    if (text === undefined) throw new Error(`missing queries/${f}.sql`);
    out[f] = text;
  }
  return out;
}

let counter = 0;

/** Engines (connections) that have the import macros: creating them costs a second or two in DuckDB-WASM. */
const withMacros = new WeakMap<Engine, string>();

/** The import macros (TEMP: they live as long as the connection), created once per engine and SQL text. */
async function createMacros(engine: Engine, sql: ImportSql): Promise<void> {
  if (withMacros.get(engine) === sql['import/import_macros']) return;
  await engine.exec(sql['import/import_macros']);
  withMacros.set(engine, sql['import/import_macros']);
}

/** A canonical file: the identity mapping of its table, made from the file's own header. */
export interface CanonicalRead {
  canonical: CanonicalTable;
  source: SourceFormat;
}

/**
 * Loads one file with a mapping (or as a canonical file: the identity mapping); never throws
 * for a bad file or mapping (see `error`). A file refused whole once its text is read (a
 * column the mapping needs is missing) still accounts for its rows: each is listed as
 * rejected with the reason, so rows read = rows rejected.
 */
export async function applyMapping(
  engine: Engine,
  sql: ImportSql,
  file: ImportFile,
  given: MappingSpec | CanonicalRead,
  options: ApplyOptions = {},
): Promise<ImportReport> {
  const canonical = given && 'canonical' in given ? given : null;
  let mapping = given as MappingSpec;
  const report: ImportReport = {
    file: file.name, mapping: canonical ? '' : (mapping?.name ?? ''), preset: canonical ? null : (mapping?.preset ?? null),
    rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsWarned: 0,
    tables: [], reasons: [], unmappedReasons: [],
  };
  if (!canonical) {
    const valid = validateMapping(mapping);
    if (!valid.ok) {
      report.error = `${file.name}: the mapping is not valid: ${valid.errors.join('; ')}`;
      await accountInvalid(engine, sql, file, mapping, options, report);
      return report;
    }
  }
  const source = canonical ? canonical.source : mapping.source;
  const headerLines = source.skipLines + (source.header ? 1 : 0);
  const onLines = options.onRowsRead && ((n: number) => options.onRowsRead!(Math.max(0, n - headerLines)));
  const prepared = await prepareFile(engine, file, source, { ...options, onLines });
  if ('error' in prepared) {
    report.error = `${file.name}: ${prepared.error}`;
    return report;
  }
  // Every text read so far: a spooled one (native engine) stays on disk until staged or released.
  const held: PreparedText[] = [prepared];
  const fail = async (error: string): Promise<ImportReport> => {
    report.error = `${file.name}: ${error}`;
    const table = canonical?.canonical ?? mapping.targets[0]?.table;
    if (table && !options.dryRun && options.maxRecords === undefined) {
      await accountRefused(engine, sql, prepared, table, error, options, report).catch(() => undefined);
    }
    await releaseTexts(engine, held);
    return report;
  };
  if (canonical) {
    const made = canonicalMapping(canonical.canonical, prepared.header, canonical.source);
    if ('error' in made) return fail(made.error);
    mapping = made.mapping;
    report.mapping = made.mapping.name;
    report.ignoredColumns = made.ignoredColumns;
  }
  const lookups: PreparedLookup[] = [];
  for (const [j, spec] of (mapping.lookups ?? []).entries()) {
    const candidates = (options.lookupFiles ?? []).filter((f) => fileMatches(f.name, spec.file));
    if (candidates.length === 0) {
      return fail(`the mapping reads lookup "${spec.name}" from a file named like "${spec.file}", and none was given`
        + (options.lookupFiles?.length ? ` (files given: ${options.lookupFiles.map((f) => f.name).join(', ')})` : ''));
    }
    const source: SourceFormat = { ...mapping.source, ...spec.source };
    const parts: LookupPart[] = [];
    for (const found of candidates) {
      const lp = await prepareFile(engine, found, source, { decodeParquet: options.decodeParquet });
      if ('error' in lp) return fail(`lookup file ${found.name}: ${lp.error}`);
      const part: LookupPart = { ...lp, file: found.name, columnMap: new Map() };
      held.push(part);
      parts.push(part);
    }
    // The first file names the lookup's columns (l<j>_c<k>); the others are matched to it by name.
    lookups.push({ index: j + 1, spec, source, ...parts[0]!, parts, unused: [], needed: new Set<number>() });
  }
  const resolved = resolveColumns(mapping, prepared, lookups);
  if ('error' in resolved) return fail(resolved.error);
  lookups.forEach(matchLookupParts);
  const id = ++counter;
  await createMacros(engine, sql);
  await engine.exec('BEGIN TRANSACTION');
  try {
    await run(engine, id, prepared, lookups, resolved.resolve, mapping, options, report);
    if (options.dryRun) await engine.exec('ROLLBACK');
    else await engine.exec('COMMIT');
  } catch (e) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    Object.assign(report, { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsWarned: 0, tables: [], reasons: [], unmappedReasons: [] });
    delete report.preview;
    delete report.lookups;
    report.error = `${file.name}: ${firstLine(e)}`;
  } finally {
    // Staging dropped the texts it read; a failure may have come before some were staged.
    await releaseTexts(engine, held);
    await dropTemps(engine, id);
  }
  return report;
}

/** Drops the spooled copies of texts that were not staged (staging drops its own); idempotent. */
async function releaseTexts(engine: Engine, texts: PreparedText[]): Promise<void> {
  for (const t of texts) {
    if (!t.registered) continue;
    const name = t.registered;
    t.registered = undefined;
    await releaseInput(engine, { registered: name });
  }
}

interface PreparedText {
  /** UTF-8, LF line ends (Parquet and JSON converted to CSV). */
  bytes: Uint8Array;
  /** Or, with the native engine, the name the text was spooled to on disk. */
  registered?: string;
  /** How the text is written: the mapping's source format, or CONVERTED_CSV for Parquet and JSON. */
  dialect: Dialect;
  header: string[];
  /** Source column name → staged column (c1 ...); loose keys (trimmed, lower case) start with \u0000. */
  columnOf: Map<string, string>;
}

/** One file read for a lookup. */
interface LookupPart extends PreparedText {
  file: string;
  /** Column number in the lookup's first file → the same column's number in this file. */
  columnMap: Map<number, number>;
}

interface PreparedLookup extends PreparedText {
  /** 1-based: its columns are staged as l<index>_c<k>. */
  index: number;
  spec: LookupSpec;
  /** The first file's name (its columns name the lookup's). */
  file: string;
  source: SourceFormat;
  /** Column numbers (k of c<k>) the mapping reads, the key included. */
  needed: Set<number>;
  /** The files read as one list, in order (the first one included). */
  parts: LookupPart[];
  /** Files matching the pattern that lack a column the mapping reads: not looked up in, only counted (see accountUnusedParts). */
  unused: (LookupPart & { reason: string })[];
}

/**
 * Splits a lookup's files into those read (every column the mapping reads found by name) and
 * those left out, and fills each part's column map.
 */
function matchLookupParts(lk: PreparedLookup): void {
  const used: LookupPart[] = [];
  for (const part of lk.parts) {
    const missing: string[] = [];
    for (const k of lk.needed) {
      const c = lookupColumn(part, lk.header[k - 1]!);
      if (c) part.columnMap.set(k, Number(c.slice(1)));
      else missing.push(lk.header[k - 1]!);
    }
    if (missing.length === 0) used.push(part);
    else lk.unused.push(Object.assign(part, { reason: `it has no ${missing.map((n) => `"${n}"`).join(', ')} column, which the mapping reads` }));
  }
  lk.parts = used;
}

/** How a lookup is named in messages: its files, joined. */
const lookupFileNames = (lk: PreparedLookup) => lk.parts.map((p) => p.file).join(', ');

/**
 * A file read for staging: its text (only the first maxRecords records when given) and its
 * header names under the source format.
 */
async function prepareFile(
  engine: Engine,
  file: ImportFile,
  source: SourceFormat,
  options: { maxRecords?: number; decodeParquet?: ParquetDecoder; onLines?: (lines: number) => void },
): Promise<PreparedText | { error: string }> {
  const converted = await convertedFormat(file);
  const dialect: Dialect = converted ? CONVERTED_CSV : source;
  const { delimiter, quote, skipLines, header } = dialect;
  const need = skipLines + 1 + (options.maxRecords ?? 0);
  const cutAt = (text: string) => {
    const records = readRecords(text, delimiter, quote, need);
    return records.length >= need ? records[records.length - 1]!.end : null;
  };
  let input: InputText;
  try {
    input = converted && options.maxRecords === undefined
      ? await convertFor(engine, file, converted, options.decodeParquet)
      : converted
        ? await convertToCsv(file, converted, options.decodeParquet)
        : await readTextFor(engine, file, source.encoding, { onLines: options.onLines, cutAt: options.maxRecords === undefined ? undefined : cutAt });
  } catch (e) {
    return { error: converted ? `cannot be read as ${converted} (${firstLine(e)})` : `the file could not be decoded as ${source.encoding} (${firstLine(e)})` };
  }
  const headRecord = readRecords(input.head, delimiter, quote, skipLines + 1)[skipLines];
  if (!headRecord) {
    await releaseInput(engine, input);
    return { error: 'the file is empty' };
  }
  let bytes = input.bytes;
  if (converted && options.maxRecords !== undefined) {
    const cut = cutAt(input.head);
    if (cut !== null) bytes = new TextEncoder().encode(input.head.slice(0, cut));
  }
  const names = header ? headerNames(headRecord.cells) : headRecord.cells.map((_, i) => `column${i + 1}`);
  const columnOf = new Map<string, string>();
  names.forEach((n, i) => columnOf.set(n, `c${i + 1}`));
  // Looser match for names that differ only in case or surrounding spaces.
  names.forEach((n, i) => {
    const k = n.trim().toLowerCase();
    if (!columnOf.has(`\u0000${k}`)) columnOf.set(`\u0000${k}`, `c${i + 1}`);
  });
  return { bytes, registered: input.registered, dialect, header: names, columnOf };
}

const lookupColumn = (t: PreparedText, name: string) => t.columnOf.get(name) ?? t.columnOf.get(`\u0000${name.trim().toLowerCase()}`);

/**
 * Where every column name the mapping uses is staged: c<k> for the file's own columns,
 * l<j>_c<k> for lookup j's. Lists the names that are found nowhere.
 */
function resolveColumns(
  mapping: MappingSpec,
  main: PreparedText,
  lookups: PreparedLookup[],
): { resolve: (name: string) => string } | { error: string } {
  const resolve = (name: string): string | undefined => {
    const own = lookupColumn(main, name);
    if (own) return own;
    const ref = lookupRef(mapping, name, main.header);
    if (!ref) return undefined;
    const lk = lookups.find((l) => l.spec === ref.lookup)!;
    const c = lookupColumn(lk, ref.column);
    if (!c) return undefined;
    lk.needed.add(Number(c.slice(1)));
    return `l${lk.index}_${c}`;
  };
  const missingOwn: string[] = [];
  const missingLookup = new Map<PreparedLookup, string[]>();
  for (const name of columnsUsed(mapping)) {
    if (resolve(name)) continue;
    const ref = lookupRef(mapping, name, main.header);
    if (ref) {
      const lk = lookups.find((l) => l.spec === ref.lookup)!;
      missingLookup.set(lk, [...(missingLookup.get(lk) ?? []), ref.column]);
    } else missingOwn.push(name);
  }
  for (const lk of lookups) {
    const key = lookupColumn(lk, lk.spec.key);
    if (key) lk.needed.add(Number(key.slice(1)));
    else missingLookup.set(lk, [lk.spec.key, ...(missingLookup.get(lk) ?? [])]);
  }
  const list = (names: string[]) => `column${names.length > 1 ? 's' : ''} ${names.map((m) => `"${m}"`).join(', ')}`;
  const problems: string[] = [];
  if (missingOwn.length > 0) {
    problems.push(`the file has no ${list(missingOwn)} (its columns: ${main.header.map((n) => `"${n}"`).join(', ')})`);
  }
  for (const [lk, names] of missingLookup) {
    problems.push(`${lk.file} (lookup ${lk.spec.name}) has no ${list(names)} (its columns: ${lk.header.map((n) => `"${n}"`).join(', ')})`);
  }
  if (problems.length > 0) return { error: problems.join('; ') };
  return { resolve: (name) => resolve(name)! };
}

const DEPENDENCY_ORDER: CanonicalTable[] = ['products', 'order_lines', 'shipments', 'returns', 'reviews'];

/** A staged file's cells as read (untrimmed), kept until the end to give rows their raw text. */
interface StagedCells {
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
async function stage(
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
    // stageDelimited dropped the spooled text, read or not.
    prepared.registered = undefined;
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

/**
 * 'parquet' or 'json' when the file is one by name and content (Parquet's PAR1 magic; JSON
 * starting with [ or {), else null: read as delimited text.
 */
async function convertedFormat(file: ImportFile): Promise<'parquet' | 'json' | null> {
  const format = formatOf(file.name);
  if ((format !== 'parquet' && format !== 'json') || file.text !== undefined) return null;
  const start = file.bytes?.subarray(0, 64) ?? (file.source ? await file.source.read(0, 64) : new Uint8Array());
  if (format === 'parquet') return start.length >= 4 && new TextDecoder().decode(start.subarray(0, 4)) === 'PAR1' ? 'parquet' : null;
  const text = new TextDecoder().decode(start.subarray(bomOf(start) === 'utf-8' ? 3 : 0)).trimStart();
  return text.startsWith('[') || text.startsWith('{') ? 'json' : null;
}

async function run(
  engine: Engine,
  id: number,
  prepared: PreparedText,
  lookups: PreparedLookup[],
  resolver: (name: string) => string,
  mapping: MappingSpec,
  options: ApplyOptions,
  report: ImportReport,
): Promise<void> {
  let src = `imp${id}_src`;
  const issues = `imp${id}_issues`;
  const staged: StagedCells[] = [];
  const parserRejects = await stage(engine, src, prepared, mapping.source.nullValues, staged, report.file);
  await engine.exec(
    `CREATE TEMP TABLE ${issues} (table_name VARCHAR, source_file VARCHAR, line_number BIGINT, severity VARCHAR, reason VARCHAR, raw VARCHAR)`,
  );

  // Order-level cells written on an order's first row only: filled down within the group.
  if (mapping.fillDown) {
    const g = `s.${resolver(mapping.fillDown.groupBy)}`;
    const cols = [...new Set(mapping.fillDown.columns.map(resolver))].filter((c) => /^c\d+$/.test(c));
    const replace = cols.map((c) =>
      `CASE WHEN ${g} IS NULL THEN s.${c} ELSE coalesce(s.${c}, last_value(s.${c} IGNORE NULLS) OVER (PARTITION BY ${g} ORDER BY s.__line ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) END AS ${c}`);
    if (replace.length > 0) {
      await engine.exec(`CREATE TEMP TABLE imp${id}_filled AS SELECT * REPLACE (${replace.join(', ')}) FROM ${src} s ORDER BY s.__line`);
      src = `imp${id}_filled`;
    }
  }

  // Lookups: each lookup file staged, one row per key, joined on.
  if (lookups.length > 0) {
    const selects: string[] = [];
    const joins: string[] = [];
    const refOf = (name: string) => {
      const c = resolver(name);
      const m = /^l(\d+)_(c\d+)$/.exec(c);
      return m ? `lk${m[1]}.${c}` : `s.${c}`;
    };
    for (const lk of lookups) {
      const j = lk.index;
      const st = await stageLookup(engine, id, lk, issues, options.now ?? new Date(), staged);
      const notUsed = await accountUnusedParts(engine, id, lk, issues, options.now ?? new Date(), staged);
      const on = refOf(lk.spec.on);
      selects.push(...[...lk.needed].sort((a, b) => a - b).map((k) => `lk${j}.l${j}_c${k}`));
      selects.push(`${on} AS __on${j}`, `(${on} IS NOT NULL AND lk${j}.__k IS NULL) AS __miss${j}`);
      joins.push(`LEFT JOIN imp${id}_lk${j} lk${j} ON lk${j}.__k = ${on}`);
      (report.lookups ??= []).push({
        name: lk.spec.name, file: lookupFileNames(lk), ...(notUsed.length > 0 ? { notUsed } : {}),
        ...st, keysUsed: 0, rowsWithoutMatch: 0,
      });
    }
    await engine.exec(`CREATE TEMP TABLE imp${id}_joined AS SELECT s.*, ${selects.join(', ')} FROM ${src} s ${joins.join(' ')} ORDER BY s.__line`);
    src = `imp${id}_joined`;
    for (const lk of lookups) {
      const j = lk.index;
      const [m] = await engine.query(
        `SELECT count(DISTINCT __on${j}) FILTER (WHERE NOT __miss${j}) AS used, count(*) FILTER (WHERE __miss${j}) AS missed FROM ${src}`,
      );
      const entry = report.lookups![lk.index - 1]!;
      entry.keysUsed = Number(m!.used);
      entry.rowsWithoutMatch = Number(m!.missed);
    }
  }

  // Route: with 'first', the first target whose `when` holds takes the row; with 'each',
  // every target whose `when` holds does.
  const each = mapping.routing === 'each';
  const routeParams = new Params();
  const routeSql = new TargetSql(routeParams, resolver, true);
  const routeCols = each
    ? mapping.targets.map((t, i) => `${t.when ? routeSql.test(t.when) : 'true'} AS __t${i}`).join(', ')
    : `CASE ${mapping.targets.map((t, i) => `WHEN ${t.when ? routeSql.test(t.when) : 'true'} THEN ${i}`).join(' ')} END AS __target`;
  // One target taking every row: a view (the rows are read once, by that target's statement).
  const everyRow = !each && mapping.targets.length === 1 && !mapping.targets[0]!.when;
  if (everyRow) await engine.exec(`CREATE TEMP VIEW imp${id}_routed AS SELECT s.*, 0 AS __target FROM ${src} s`);
  else await engine.query(`CREATE TEMP TABLE imp${id}_routed AS SELECT s.*, ${routeCols} FROM ${src} s`, routeParams.values);
  const taken = (i: number) => (each ? `__t${i}` : `__target = ${i}`);
  const untaken = each ? `NOT (${mapping.targets.map((_, i) => `__t${i}`).join(' OR ')})` : '__target IS NULL';

  const file = report.file;
  const firstTable = mapping.targets[0]!.table;
  const accounts = new Map<CanonicalTable, TableAccount>();
  for (const t of mapping.targets) {
    accounts.set(t.table, { table: t.table, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsWarned: 0 });
  }
  const firstAccount = accounts.get(firstTable)!;

  // Unreadable rows and rows no target takes: accounted under the first target's table.
  for (const r of parserRejects) {
    await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [
      firstTable, file, r.line, r.reason, r.raw,
    ]);
  }
  firstAccount.rowsRead += parserRejects.length;
  firstAccount.rowsRejected += parserRejects.length;
  const unrouted = await engine.query(
    `INSERT INTO ${issues} SELECT $1, $2, __line, 'excluded', 'taken by no target of the mapping', NULL
     FROM imp${id}_routed WHERE ${untaken} RETURNING 1`,
    [firstTable, file],
  );
  firstAccount.rowsRead += unrouted.length;
  firstAccount.rowsExcluded += unrouted.length;

  const hasProducts = Number((await engine.query('SELECT count(*) AS n FROM products'))[0]!.n) > 0;
  const order = [...mapping.targets.entries()].sort(
    (a, b) => DEPENDENCY_ORDER.indexOf(a[1].table) - DEPENDENCY_ORDER.indexOf(b[1].table),
  );
  for (const [i, target] of order) {
    const misses = lookupMisses(mapping, target, lookups, resolver);
    await loadTarget(engine, id, i, taken(i), target, mapping, resolver, misses, hasProducts, options, report, accounts.get(target.table)!);
  }

  report.tables = mapping.targets.map((t) => accounts.get(t.table)!);
  for (const k of ['rowsRead', 'rowsLoaded', 'rowsRejected', 'rowsExcluded', 'rowsWarned'] as const) {
    report[k] = report.tables.reduce((s, a) => s + a[k], 0);
  }
  // The raw text of every row listed, rebuilt from its file's cells (only those rows).
  for (const c of staged) await fillRawRecords(engine, issues, c.file, c.cells, c.columns, c.dialect);
  await engine.exec(`INSERT INTO load_issues SELECT * FROM ${issues} ORDER BY table_name, line_number, severity`);
  for (const a of report.tables) {
    await engine.query(`INSERT INTO load_log VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP))`, [
      a.table, file, a.rowsRead, a.rowsLoaded, a.rowsRejected, a.rowsExcluded, a.rowsWarned,
      isoTimestamp(options.now ?? new Date()),
    ]);
  }
  const reasons = await engine.query(
    `SELECT table_name, severity, regexp_replace(reason, ':\\s*".*$', '') AS reason, count(*) AS n
     FROM ${issues} WHERE NOT starts_with(table_name, $1) GROUP BY ALL ORDER BY table_name, severity, n DESC, reason`,
    [LOOKUP_TABLE_PREFIX],
  );
  report.reasons = reasons.map((r) => ({
    table: r.table_name as CanonicalTable, severity: r.severity as ReasonCount['severity'], reason: String(r.reason), rows: Number(r.n),
  }));
}

/** load_log / load_issues table_name of a lookup file's rows: 'lookup:<lookup name>'. */
export const LOOKUP_TABLE_PREFIX = 'lookup:';

/**
 * Stages a lookup's files as one list and keeps the first row of each key in imp<id>_lk<j>
 * (__k, l<j>_c<k> ...). Each file's rows are accounted for under 'lookup:<name>' (see the
 * header), unless an earlier import of the batch already did.
 */
async function stageLookup(
  engine: Engine,
  id: number,
  lk: PreparedLookup,
  issues: string,
  now: Date,
  staged: StagedCells[],
): Promise<Pick<LookupReport, 'rowsRead' | 'rowsUnreadable' | 'keys' | 'duplicateKeyRows' | 'emptyKeyRows'>> {
  const j = lk.index;
  const all = `imp${id}_lk${j}all`;
  const needed = [...lk.needed].sort((a, b) => a - b);
  const key = Number(lookupColumn(lk, lk.spec.key)!.slice(1));
  const unreadable: (ParserReject & { part: number })[] = [];
  const selects: string[] = [];
  for (const [n, part] of lk.parts.entries()) {
    const name = `imp${id}_lk${j}f${n}`;
    const rejects = await stage(engine, name, part, lk.source.nullValues, staged, part.file);
    unreadable.push(...rejects.map((r) => ({ part: n, ...r })));
    const cols = needed.map((k) => `c${part.columnMap.get(k)!} AS l${j}_c${k}`);
    selects.push(`SELECT ${n} AS __f, __line, c${part.columnMap.get(key)!} AS __k, ${cols.join(', ')} FROM ${name}`);
  }
  // __first: where the key was first seen (file number, line); the entry is the row found there.
  await engine.exec(
    `CREATE TEMP TABLE ${all} AS SELECT *, CASE WHEN __k IS NOT NULL THEN
       first_value({f: __f, line: __line}) OVER (PARTITION BY __k ORDER BY __f, __line) END AS __first
     FROM (${selects.join(' UNION ALL ')})`,
  );
  await engine.exec(
    `CREATE TEMP TABLE imp${id}_lk${j} AS SELECT __k, ${needed.map((k) => `l${j}_c${k}`).join(', ')} FROM ${all}
     WHERE __first.f = __f AND __first.line = __line`,
  );
  const table = `${LOOKUP_TABLE_PREFIX}${lk.spec.name}`;
  const names = lk.parts.map((p) => p.file);
  for (const [n, file] of names.entries()) {
    if (await accountedBefore(engine, table, file)) continue;
    const mine = unreadable.filter((r) => r.part === n);
    for (const r of mine) {
      await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [table, file, r.line, r.reason, r.raw]);
    }
    // A row without its key cannot be looked up (rejected); a repeated key is left out by the
    // lookup's rule, the first row wins (excluded), naming where that first row is.
    const flagged = await engine.query(
      `INSERT INTO ${issues}
         SELECT $1, $2, __line,
           CASE WHEN __k IS NULL THEN 'rejected' ELSE 'excluded' END,
           CASE WHEN __k IS NULL THEN $3
             ELSE $4 || __k || '" (first ' || CASE WHEN __first.f = __f THEN '' ELSE 'in ' || string_split($5, chr(31))[__first.f + 1] || ' ' END
                  || 'on line ' || __first.line || ')' END,
           NULL
         FROM ${all} WHERE __f = $6 AND (__k IS NULL OR __first.f <> __f OR __first.line <> __line)
         RETURNING severity`,
      [table, file, `missing ${lk.spec.key} (a lookup row needs its key)`, `${lk.spec.key} repeated (only the first row is used): "`, names.join('\u001f'), n],
    );
    const [r] = await engine.query(`SELECT count(*) AS n FROM ${all} WHERE __f = $1`, [n]);
    const read = Number(r!.n) + mine.length;
    const excluded = flagged.filter((f) => f.severity === 'excluded').length;
    const rejected = flagged.length - excluded + mine.length;
    await logLookupFile(engine, table, file, { read, rejected, excluded }, now);
  }
  const [st] = await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __k IS NULL) AS empty_keys, count(DISTINCT __k) AS keys FROM ${all}`,
  );
  return {
    rowsRead: Number(st!.n) + unreadable.length, rowsUnreadable: unreadable.length,
    keys: Number(st!.keys), duplicateKeyRows: Number(st!.n) - Number(st!.empty_keys) - Number(st!.keys), emptyKeyRows: Number(st!.empty_keys),
  };
}

/**
 * Files that matched a lookup's pattern but lack a column the mapping reads: each is staged
 * only to count its rows, which are excluded under 'lookup:<name>' with the reason (an
 * unreadable row stays rejected with its own), so the file's rows read still add up. Once per
 * batch, like the used files.
 */
async function accountUnusedParts(
  engine: Engine,
  id: number,
  lk: PreparedLookup,
  issues: string,
  now: Date,
  stagedCells: StagedCells[],
): Promise<{ file: string; reason: string; rowsRead: number }[]> {
  const table = `${LOOKUP_TABLE_PREFIX}${lk.spec.name}`;
  const out: { file: string; reason: string; rowsRead: number }[] = [];
  for (const [n, part] of lk.unused.entries()) {
    const staged = `imp${id}_lk${lk.index}u${n}`;
    const unreadable = await stage(engine, staged, part, lk.source.nullValues, stagedCells, part.file);
    const [c] = await engine.query(`SELECT count(*) AS n FROM ${staged}`);
    const readable = Number(c!.n);
    out.push({ file: part.file, reason: part.reason, rowsRead: readable + unreadable.length });
    if (await accountedBefore(engine, table, part.file)) continue;
    for (const r of unreadable) {
      await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [table, part.file, r.line, r.reason, r.raw]);
    }
    await engine.query(`INSERT INTO ${issues} SELECT $1, $2, __line, 'excluded', $3, NULL FROM ${staged}`, [
      table, part.file, `lookup file not used: ${part.reason}`,
    ]);
    await logLookupFile(engine, table, part.file, { read: readable + unreadable.length, rejected: unreadable.length, excluded: readable }, now);
  }
  return out;
}

/** A lookup file read by an earlier import of the batch is accounted for once, the first time. */
async function accountedBefore(engine: Engine, table: string, file: string): Promise<boolean> {
  return (await engine.query('SELECT 1 FROM load_log WHERE table_name = $1 AND source_file = $2 LIMIT 1', [table, file])).length > 0;
}

/** A lookup file's load_log row: its entries count as loaded (read − rejected − excluded). */
async function logLookupFile(engine: Engine, table: string, file: string, n: { read: number; rejected: number; excluded: number }, now: Date): Promise<void> {
  await engine.query(`INSERT INTO load_log VALUES ($1, $2, $3, $4, $5, $6, 0, CAST($7 AS TIMESTAMP))`, [
    table, file, n.read, n.read - n.rejected - n.excluded, n.rejected, n.excluded, isoTimestamp(now),
  ]);
}

/**
 * The lookups whose missing keys reject a target's rows: those it reads a column of (and the
 * lookups those are chained from), unless onMissing is 'empty'. Earlier lookups first.
 */
function lookupMisses(
  mapping: MappingSpec,
  target: TargetSpec,
  lookups: PreparedLookup[],
  resolver: (name: string) => string,
): { index: number; message: string }[] {
  if (lookups.length === 0) return [];
  const used = new Set<number>();
  const add = (name: string) => {
    const m = /^l(\d+)_c\d+$/.exec(resolver(name));
    if (m && !used.has(Number(m[1]))) {
      used.add(Number(m[1]));
      add(lookups[Number(m[1]) - 1]!.spec.on);
    }
  };
  columnsUsed({ ...mapping, targets: [target], fillDown: undefined, lookups: undefined }).forEach(add);
  return lookups
    .filter((l) => used.has(l.index) && (l.spec.onMissing ?? 'reject') === 'reject')
    .map((l) => ({ index: l.index, message: `${l.spec.on} not found in ${lookupFileNames(l)} (lookup ${l.spec.name}): "` }));
}

async function loadTarget(
  engine: Engine,
  id: number,
  index: number,
  takenBy: string,
  target: TargetSpec,
  mapping: MappingSpec,
  resolver: (name: string) => string,
  misses: { index: number; message: string }[],
  hasProducts: boolean,
  options: ApplyOptions,
  report: ImportReport,
  account: TableAccount,
): Promise<void> {
  const table = target.table;
  const spec = CONTRACT[table];
  const params = new Params();
  const builder = new TargetSql(params, resolver);
  const routed = `(SELECT * FROM imp${id}_routed WHERE ${takenBy})`;
  const lookupReject = misses.length === 0
    ? null
    : `CASE ${misses.map((m) => `WHEN s.__miss${m.index} THEN ${params.p(m.message)} || s.__on${m.index} || '"'`).join(' ')} END`;
  const { sql: select, checks, columns } = targetSelect(target, builder, params, routed, lookupReject);
  const t = `imp${id}_t${index}`;
  const issues = `imp${id}_issues`;
  const file = report.file;
  // Values read, exclusions and per-row checks in one statement (all parameters bound).
  await engine.query(
    `CREATE TEMP TABLE ${t} AS SELECT *, CASE WHEN __exclude IS NOT NULL THEN NULL ${checks.join(' ')} END AS __reject
     FROM (${select})`,
    params.values,
  );

  // Cross-row and cross-table checks, on the rows that passed the per-row checks.
  const opts = mapping.checks ?? {};
  const mapped = new Set(columns.map((c) => c.name));
  const eligible = `__exclude IS NULL AND __reject IS NULL`;
  const ok = (alias: string) => `${alias}.__exclude IS NULL AND ${alias}.__reject IS NULL`;
  const expand = target.expandToOrderLines === true;
  if (spec.key.every((k) => mapped.has(k))) {
    const key = spec.key.map(ident).join(', ');
    const keyText = (alias: string) => spec.key.map((k) => `${alias}.${ident(k)}`).join(` || ' + ' || `);
    const keep = target.duplicates === 'first';
    // 'first': later rows are left out (excluded), else rejected as duplicates.
    const column = keep ? '__exclude' : '__reject';
    const label = keep ? `${spec.key.join(' + ')} repeated (only the first row is kept): "` : `duplicate ${spec.key.join(' + ')}: "`;
    // Within the file: the first occurrence loads, later ones are rejected (or excluded). Keys
    // are counted by their hashes first (an integer each): only a file where two rows may share
    // a key pays for the window over every row.
    const [h] = await engine.query(`SELECT count(DISTINCT hash(${key})) < count(*) AS maybe FROM ${t} WHERE ${eligible}`);
    if (h!.maybe) await engine.query(
      `UPDATE ${t} SET ${column} = $1 || ${keyText(t)} || '" (first on line ' || d.first_line || ')'
       FROM (SELECT __line AS l, min(__line) OVER (PARTITION BY ${key}) AS first_line FROM ${t} WHERE ${eligible}) d
       WHERE ${t}.__line = d.l AND d.l > d.first_line`,
      [label],
    );
    // Already in the table (loaded from an earlier file).
    await engine.query(
      `UPDATE ${t} SET ${column} = $1 || ${keyText(t)} || '" (already loaded)'
       FROM (SELECT DISTINCT ${key} FROM ${table}) e
       WHERE ${spec.key.map((k) => `e.${ident(k)} = ${t}.${ident(k)}`).join(' AND ')} AND ${ok(t)}`,
      [keep ? `${spec.key.join(' + ')} already loaded (only the first row is kept): "` : label],
    );
  }
  if (expand) {
    // A returned order: its lines must be loaded, and none of its expanded returns yet.
    await engine.exec(
      `UPDATE ${t} SET __reject = 'order has no loaded order lines: "' || order_id || '"'
       WHERE ${eligible} AND order_id NOT IN (SELECT order_id FROM order_lines)`,
    );
    await engine.exec(
      `UPDATE ${t} SET __reject = 'duplicate return_id: "' || ${t}.return_id || '|' || d.line_id || '" (already loaded)'
       FROM (SELECT x.__line AS l, min(ol.line_id) AS line_id FROM ${t} x JOIN order_lines ol USING (order_id)
             JOIN returns r ON r.return_id = x.return_id || '|' || ol.line_id GROUP BY x.__line) d
       WHERE ${t}.__line = d.l AND ${ok(t)}`,
    );
  }
  const warnings: { sql: string; params: (string | number | boolean | null)[] }[] = [];
  // Default warn: a sale of a SKU the product file lacks happened (the catalogue is incomplete);
  // it loads, is listed, and join_coverage counts it. A mapping may say reject.
  const unknownSku = opts.unknownSku ?? 'warn';
  if (hasProducts && mapped.has('sku') && table !== 'products' && table !== 'shipments' && unknownSku !== 'ignore' && !expand) {
    const msg = `'unknown SKU: "' || sku || '" (not among the products loaded)'`;
    const cond = `sku IS NOT NULL AND sku NOT IN (SELECT sku FROM products WHERE sku IS NOT NULL)`;
    if (unknownSku === 'reject') await engine.exec(`UPDATE ${t} SET __reject = ${msg} WHERE ${eligible} AND ${cond}`);
    else warnings.push({ sql: `SELECT __line, ${msg} AS msg FROM ${t} WHERE ${eligible} AND ${cond}`, params: [] });
  }
  if (table === 'returns' && mapped.has('order_id')) {
    const dates = ['requested_at', 'received_at', 'refunded_at'].filter((c) => mapped.has(c));
    if (dates.length > 0) {
      const rd = (alias: string) => `CAST(coalesce(${dates.map((c) => `${alias}.${ident(c)}`).join(', ')}) AS DATE)`;
      const orders = `(SELECT order_id, min(order_date) AS od FROM order_lines GROUP BY order_id)`;
      const before = (alias: string) =>
        `'return dated before its order: "' || strftime(${rd(alias)}, '%Y-%m-%d') || '" (order date ' || strftime(o.od, '%Y-%m-%d') || ')'`;
      if ((opts.returnBeforeOrder ?? 'reject') === 'reject') {
        await engine.exec(
          `UPDATE ${t} SET __reject = ${before(t)} FROM ${orders} o
           WHERE o.order_id = ${t}.order_id AND ${rd(t)} < o.od AND ${ok(t)}`,
        );
      } else {
        warnings.push({ sql: `SELECT r.__line, ${before('r')} AS msg FROM ${t} r JOIN ${orders} o USING (order_id) WHERE ${ok('r')} AND ${rd('r')} < o.od`, params: [] });
      }
      warnings.push({
        sql: `SELECT r.__line, 'return ' || date_diff('day', o.od, ${rd('r')}) || ' days after its order: "' || strftime(${rd('r')}, '%Y-%m-%d')
                || '" (order date ' || strftime(o.od, '%Y-%m-%d') || ')' AS msg
              FROM ${t} r JOIN ${orders} o USING (order_id) WHERE ${ok('r')} AND date_diff('day', o.od, ${rd('r')}) > $1`,
        params: [opts.lateReturnDays ?? 730],
      });
    }
  }
  const now = isoTimestamp(options.now ?? new Date());
  for (const c of columns.filter((x) => x.type === 'DATE' || x.type === 'TIMESTAMP')) {
    warnings.push({
      sql: `SELECT __line, $1 || strftime(${ident(c.name)}, '%Y-%m-%d') || '"' AS msg FROM ${t}
            WHERE ${eligible} AND ${ident(c.name)} > CAST($2 AS TIMESTAMP) + to_days(CAST($3 AS INTEGER))`,
      params: [`${c.name} is in the future: "`, now, opts.futureDays ?? 1],
    });
  }

  // Write: the rows, their issues, the accounting.
  const names = columns.map((c) => ident(c.name)).join(', ');
  if (expand) {
    // One return per order line of the returned order; the line gives sku and quantity
    // (unless the row has its own) and the line id.
    const cols = [...new Set([...columns.map((c) => c.name), 'line_id', 'sku', 'quantity'])];
    const value = (c: string) => {
      if (c === 'return_id') return `x.return_id || '|' || ol.line_id`;
      if (c === 'line_id') return 'ol.line_id';
      if (c === 'sku' || c === 'quantity') return mapped.has(c) ? `coalesce(x.${c}, ol.${c})` : `ol.${c}`;
      return `x.${ident(c)}`;
    };
    const written = await engine.query(
      `INSERT INTO ${table} (${cols.map(ident).join(', ')}) SELECT ${cols.map(value).join(', ')}
       FROM ${t} x JOIN order_lines ol USING (order_id) WHERE ${ok('x')} ORDER BY x.__line, ol.line_id RETURNING 1`,
    );
    account.rowsExpandedTo = (account.rowsExpandedTo ?? 0) + written.length;
  } else {
    await engine.exec(`INSERT INTO ${table} (${names}) SELECT ${names} FROM ${t} WHERE ${eligible} ORDER BY __line`);
  }
  await engine.query(
    `INSERT INTO ${issues} SELECT $1, $2, __line, CASE WHEN __exclude IS NOT NULL THEN 'excluded' ELSE 'rejected' END,
       coalesce(__exclude, __reject), NULL FROM ${t} WHERE __exclude IS NOT NULL OR __reject IS NOT NULL`,
    [table, file],
  );
  const warnedLines = new Set<number>();
  for (const w of warnings) {
    const k = w.params.length;
    const rows = await engine.query(
      `INSERT INTO ${issues} SELECT $${k + 1}, $${k + 2}, __line, 'warning', msg, NULL FROM (${w.sql}) RETURNING line_number`,
      [...w.params, table, file],
    );
    rows.forEach((r) => warnedLines.add(Number(r.line_number)));
  }
  const counts = (await engine.query(
    `SELECT count(*) AS n, count(*) FILTER (WHERE __exclude IS NOT NULL) AS excluded,
            count(*) FILTER (WHERE __exclude IS NULL AND __reject IS NOT NULL) AS rejected FROM ${t}`,
  ))[0]!;
  const read = Number(counts.n);
  const excluded = Number(counts.excluded);
  const rejected = Number(counts.rejected);
  account.rowsRead += read;
  account.rowsExcluded += excluded;
  account.rowsRejected += rejected;
  account.rowsLoaded += read - excluded - rejected;
  account.rowsWarned += warnedLines.size;

  if (table === 'returns' && mapped.has('reason_raw')) {
    const unmapped = await engine.query(
      `SELECT reason_raw, count(*) AS n FROM ${t} r WHERE ${ok('r')} AND reason_raw IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM reason_map m WHERE (m.match_kind = 'exact'
               AND m.pattern = trim(regexp_replace(lower(trim(r.reason_raw)), '[^a-z0-9]+', '_', 'g'), '_'))
            OR (m.match_kind = 'regex' AND regexp_matches(lower(r.reason_raw), m.pattern)))
       GROUP BY reason_raw ORDER BY n DESC, reason_raw`,
    );
    report.unmappedReasons.push(...unmapped.map((r) => ({ reasonRaw: String(r.reason_raw), rows: Number(r.n) })));
  }
  if (options.dryRun) {
    report.preview ??= {};
    report.preview[table] = await engine.query(
      `SELECT __line AS line, ${names} FROM ${t} WHERE ${eligible} ORDER BY __line LIMIT $1`,
      [options.previewRows ?? 20],
    );
  }
}

/**
 * A file refused whole after its text was read: every row it holds is listed as rejected with
 * the reason (and unreadable rows with theirs), so that its rows count as read and refused.
 */
async function accountRefused(
  engine: Engine,
  sql: ImportSql,
  prepared: PreparedText,
  table: CanonicalTable,
  error: string,
  options: ApplyOptions,
  report: ImportReport,
): Promise<void> {
  const id = ++counter;
  const issues = `imp${id}_issues`;
  await createMacros(engine, sql);
  try {
    const staged: StagedCells[] = [];
    const unreadable = await stage(engine, `imp${id}_src`, prepared, [], staged, report.file);
    await engine.exec(
      `CREATE TEMP TABLE ${issues} (table_name VARCHAR, source_file VARCHAR, line_number BIGINT, severity VARCHAR, reason VARCHAR, raw VARCHAR)`,
    );
    for (const r of unreadable) {
      await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [table, report.file, r.line, r.reason, r.raw]);
    }
    await engine.query(`INSERT INTO ${issues} SELECT $1, $2, __line, 'rejected', $3, NULL FROM imp${id}_src`, [
      table, report.file, `file not loaded: ${error}`,
    ]);
    for (const c of staged) await fillRawRecords(engine, issues, c.file, c.cells, c.columns, c.dialect);
    const [n] = await engine.query(`SELECT count(*) AS n FROM ${issues}`);
    const rows = Number(n!.n);
    await engine.exec(`INSERT INTO load_issues SELECT * FROM ${issues} ORDER BY line_number`);
    await engine.query(`INSERT INTO load_log VALUES ($1, $2, $3, 0, $3, 0, 0, CAST($4 AS TIMESTAMP))`, [
      table, report.file, rows, isoTimestamp(options.now ?? new Date()),
    ]);
    Object.assign(report, { rowsRead: rows, rowsRejected: rows });
    report.tables = [{ table, rowsRead: rows, rowsLoaded: 0, rowsRejected: rows, rowsExcluded: 0, rowsWarned: 0 }];
    report.reasons = [{ table, severity: 'rejected', reason: `file not loaded: ${error}`, rows: rows - unreadable.length }];
  } finally {
    await dropTemps(engine, id);
  }
}

/**
 * A file whose mapping is not valid is not loaded, but when the mapping says how to read it
 * (a valid source format) and which table it was for, its rows are still read and listed as
 * rejected, like any file refused whole.
 */
async function accountInvalid(engine: Engine, sql: ImportSql, file: ImportFile, mapping: MappingSpec, options: ApplyOptions, report: ImportReport): Promise<void> {
  const table = mapping?.targets?.[0]?.table;
  if (options.dryRun || options.maxRecords !== undefined || !table || !CANONICAL_TABLES.includes(table)) return;
  const valid = validateMapping(mapping);
  // Errors name their place (source.delimiter: ...): the file can be read when none is the source's.
  if (valid.ok || valid.errors.some((e) => e.startsWith('source'))) return;
  const source = mapping.source;
  const prepared = await prepareFile(engine, file, source, { decodeParquet: options.decodeParquet }).catch(() => ({ error: '' }));
  if ('error' in prepared) return;
  // A mapping that maps nothing to required columns: the rows' reason is the canonical file's own.
  const missing = valid.errors.map((e) => /^targets\[0\]\.columns: \w+\.(\w+) is required and not mapped$/.exec(e)?.[1]);
  const reason = missing.every((m) => m !== undefined)
    ? `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
    : report.error!.slice(file.name.length + 2);
  try {
    await accountRefused(engine, sql, prepared, table, reason, options, report);
  } catch {
    // Counting is a courtesy here: the error stands either way.
  } finally {
    await releaseTexts(engine, [prepared]);
  }
}

async function dropTemps(engine: Engine, id: number): Promise<void> {
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

function isoTimestamp(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}
