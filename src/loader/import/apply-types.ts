import type { CanonicalTable } from '../../data-model/contract';
import type { Row } from '../../engine/types';
import type { SourceFile } from '../file-kinds';
import type { ParquetDecoder } from '../read-input';
import type { SourceFormat } from './spec';

/** The shapes the import engine takes and gives (src/loader/import/apply.ts). */

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
  /** Rows repeating a key the mapping folds (duplicates 'first'): merged into the key's first row, not errors. */
  rowsMerged: number;
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
  severity: 'rejected' | 'merged' | 'excluded' | 'warning';
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
  /** Rows merged into an earlier row of the same key (see TableAccount.rowsMerged). */
  rowsMerged: number;
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
export const IMPORT_SQL_FILES = ['import/import_macros', 'import/row_checks', 'join_coverage'] as const;
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

/** A canonical file: the identity mapping of its table, made from the file's own header. */
export interface CanonicalRead {
  canonical: CanonicalTable;
  source: SourceFormat;
}

/** load_log / load_issues table_name of a lookup file's rows: 'lookup:<lookup name>'. */
export const LOOKUP_TABLE_PREFIX = 'lookup:';
