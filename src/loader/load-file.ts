import { CONTRACT, type CanonicalTable } from '../data-model/contract';
import type { FileLoadReport } from '../data-model/load-report';
import type { Engine } from '../engine/types';
import { canonicalTableOf, formatOf, type SourceFile } from './file-kinds';
import { applyMapping, type ImportReport, type ImportSql, type LookupReport, type ReasonCount, type TableAccount } from './import/apply';
import { canonicalSource } from './import/canonical-mapping';
import type { MappingSpec } from './import/spec';
import { detectFileEncoding, type ParquetDecoder } from './read-input';

/**
 * One file through the one ingest pipeline: decode → stage → check → type → load
 * (src/loader/import/apply.ts). A canonical file (named after its table) is the identity
 * mapping of that table; an export comes with its mapping. Both give the same report, and the
 * same row gets the same outcome and reason either way.
 */

export type { FileLoadReport };

/** One file's outcome in a batch. */
export interface BatchFileReport extends FileLoadReport {
  /** Rows left out on purpose by a rule of the mapping (0 for canonical files). */
  rowsExcluded: number;
  /** Rows repeating a key the mapping folds, merged into the key's first row (not errors). */
  rowsMerged: number;
  /**
   * How the file was read: as a canonical table file, through a mapping, or only by the
   * mappings' lookups ('lookup': not loaded into a table; rowsLoaded counts its lookup entries).
   */
  route: 'canonical' | 'mapping' | 'lookup';
  /** For a lookup-only file: the lookups that read it (empty when no mapping of the batch named it). */
  lookupOf?: string[];
  /** The mapping's name and preset (null for canonical files). */
  mapping: string | null;
  preset: string | null;
  /** Accounting per table the file filled (a mapping may fill several). */
  tables: TableAccount[];
  /** Rejections, exclusions and warnings grouped by reason (the offending value stripped). */
  reasons: ReasonCount[];
  /** Raw return reasons no reason_map rule knows (they count as 'unknown'). */
  unmappedReasons: { reasonRaw: string; rows: number }[];
  /** Other files of the batch the mapping looked values up in, and how well its keys found them. */
  lookups?: LookupReport[];
}

export interface LoadFileOptions {
  /** How to read an export; without it the file must be named after its canonical table. */
  mapping?: MappingSpec;
  lookupFiles?: SourceFile[];
  decodeParquet: ParquetDecoder;
  /** Data rows read so far (progress). */
  onRowsRead?: (rows: number) => void;
  now?: Date;
}

/** Loads one file into the (unqualified) canonical tables; never throws for a bad file. */
export async function loadFile(engine: Engine, sql: ImportSql, input: SourceFile, options: LoadFileOptions): Promise<BatchFileReport> {
  const { mapping, decodeParquet, onRowsRead, lookupFiles, now } = options;
  if (mapping) return fromImport(await applyMapping(engine, sql, input, mapping, { lookupFiles, decodeParquet, onRowsRead, now }), mapping);
  const table = canonicalTableOf(input.name);
  const format = formatOf(input.name);
  if (!table) return emptyReport({ name: input.name }, `${input.name}: not a canonical table name (expected one of ${Object.keys(CONTRACT).join(', ')})`);
  if (!format) return emptyReport({ name: input.name }, `${input.name}: unsupported file type (use .csv, .tsv, .parquet or .json)`);
  if ((format === 'parquet' || format === 'json') && !(await looksLike(input, format))) {
    return emptyReport({ name: input.name }, `${input.name}: cannot be read as ${format} (the file does not start like ${format === 'parquet' ? 'a Parquet file' : 'JSON'})`);
  }
  const encoding = format === 'csv' || format === 'tsv' ? await detectFileEncoding(input).catch(() => 'utf-8' as const) : 'utf-8';
  const r = await applyMapping(engine, sql, input, { canonical: table, source: canonicalSource(format, encoding) }, { decodeParquet, onRowsRead, now });
  return { ...fromImport(r, null), table, route: 'canonical', mapping: null, preset: null, ignoredColumns: r.ignoredColumns ?? [] };
}

/** Parquet's PAR1 magic; JSON's [ or { (after a BOM and spaces). A file that cannot be read at all is left to the load to report. */
async function looksLike(input: SourceFile, format: 'parquet' | 'json'): Promise<boolean> {
  if (input.text !== undefined) return format === 'json' && /^\s*[[{]/.test(input.text);
  const start = await (input.bytes ? Promise.resolve(input.bytes.subarray(0, 64)) : input.source ? input.source.read(0, 64) : Promise.resolve(new Uint8Array())).catch(() => null);
  if (start === null) return true;
  const text = new TextDecoder().decode(start).replace(/^\uFEFF/, '').trimStart();
  return format === 'parquet' ? text.startsWith('PAR1') : text.startsWith('[') || text.startsWith('{');
}

/** A report with no rows: a file that could not be used (`error`), or a lookup-only file no lookup read. */
export function emptyReport(file: { name: string; mapping?: MappingSpec; lookupOnly?: boolean }, error?: string): BatchFileReport {
  const route: BatchFileReport['route'] = file.lookupOnly ? 'lookup' : file.mapping ? 'mapping' : 'canonical';
  const out: BatchFileReport = {
    file: file.name, table: route === 'lookup' ? null : (tablesOf(file)[0] ?? null), rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0,
    ignoredColumns: [], route, mapping: file.mapping?.name ?? null, preset: file.mapping?.preset ?? null, tables: [], reasons: [], unmappedReasons: [],
  };
  if (route === 'lookup') out.lookupOf = [];
  if (error !== undefined) out.error = error;
  return out;
}

/** The import engine's report as a batch file report (its first table stands for the file). */
function fromImport(r: ImportReport, mapping: MappingSpec | null): BatchFileReport {
  const out: BatchFileReport = {
    file: r.file, table: r.tables[0]?.table ?? mapping?.targets[0]?.table ?? null,
    rowsRead: r.rowsRead, rowsLoaded: r.rowsLoaded, rowsRejected: r.rowsRejected, rowsExcluded: r.rowsExcluded, rowsMerged: r.rowsMerged, rowsWarned: r.rowsWarned,
    ignoredColumns: [], route: 'mapping', mapping: r.mapping || (mapping?.name ?? null), preset: r.preset,
    tables: r.tables, reasons: r.reasons, unmappedReasons: r.unmappedReasons,
  };
  if (r.lookups && r.lookups.length > 0) out.lookups = r.lookups;
  if (r.error) out.error = r.error;
  return out;
}

/** Load order: what later checks look up first (products before lines, lines before returns). */
const LOAD_ORDER: CanonicalTable[] = ['products', 'order_lines', 'shipments', 'returns', 'reviews'];

/** The tables a file fills (a mapping's targets; a canonical file's table; [] when neither). */
export function tablesOf(file: { name: string; mapping?: MappingSpec }): CanonicalTable[] {
  if (file.mapping) return file.mapping.targets.map((t) => t.table);
  const t = canonicalTableOf(file.name);
  return t ? [t] : [];
}

/** Indices of `files` in load order: by the earliest table each fills, stable; unknown files last. */
export function loadOrder(files: { name: string; mapping?: MappingSpec }[]): number[] {
  const rank = (f: { name: string; mapping?: MappingSpec }) => {
    const ranks = tablesOf(f).map((t) => LOAD_ORDER.indexOf(t));
    return ranks.length === 0 ? LOAD_ORDER.length : Math.min(...ranks);
  };
  return files.map((f, i) => ({ i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.i);
}

/**
 * Loads files into the current tables, in load order (no batch: what is loaded stays, a bad
 * file leaves the tables as they were). Reports in the order given.
 */
export async function loadFiles(
  engine: Engine,
  sql: ImportSql,
  files: SourceFile[],
  decodeParquet: ParquetDecoder,
): Promise<BatchFileReport[]> {
  const reports = new Array<BatchFileReport>(files.length);
  for (const i of loadOrder(files)) reports[i] = await loadFile(engine, sql, files[i]!, { decodeParquet });
  return reports;
}
