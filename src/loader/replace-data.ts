import { CANONICAL_TABLES, type CanonicalTable } from '../data-model/contract';
import { AUDIT_DDL, canonicalDDL } from '../data-model/schema-ddl';
import type { Row } from '../engine/types';
import type { ModelResult, Runner } from '../runner/runner';
import { firstLine } from './error-text';
import { blobSource, canonicalTableOf, formatOf, type SourceFile } from './file-kinds';
import { applyMapping, importSqlFrom, LOOKUP_TABLE_PREFIX, type ImportReport, type ImportSql, type LookupReport, type ReasonCount, type TableAccount } from './import/apply';
import type { JoinCoverage } from './import/coverage';
import { fileMatches, type MappingSpec } from './import/spec';
import { loadCanonicalFiles, type FileLoadReport } from './load-canonical';
import type { ParquetDecoder } from './stage-file';

/**
 * Replacing the data with a new batch of canonical files, all or nothing.
 *
 * The batch is loaded into a shadow schema first (`incoming`, with the canonical tables,
 * load_log and load_issues created there from the same DDL). The canonical loader writes to
 * unqualified table names, so while the batch loads the connection's search_path points at
 * `incoming` (temp tables, where the loader stages files, are always searched first; tables
 * `incoming` lacks, such as the derived ones, still resolve to `main`). The main tables are
 * not touched until the batch has proved usable, i.e. it loaded at least one order line.
 * Then, in one transaction, every canonical table, load_log and load_issues of `main` is
 * replaced by its `incoming` copy (tables the batch had no file for become empty: the batch
 * is the new data set) and the runner re-derives. If re-deriving fails, the previous tables,
 * copied aside to `outgoing` just before the swap, are put back.
 *
 * A batch that is not usable leaves everything as it was: data, load_log, load_issues.
 *
 * A file of the batch is either a canonical file (named after its table, loaded by the
 * canonical loader) or any export with a mapping (`BatchFile.mapping`, loaded by the import
 * engine's applyMapping into the same shadow schema: its cross-table checks, unknown SKU and
 * return before its order, see the batch's tables, not the data being replaced). Files load
 * in dependency order (products, order_lines, shipments, returns, reviews; a mapping by its
 * first table in that order) so those checks see what they check against; reports stay in
 * the order given. Every file's report accounts for its rows: read = loaded + rejected +
 * excluded, warnings apart. A lookup-only file (`BatchFile.lookupOnly`) is not loaded: it is
 * handed to the mappings whose lookups name it, and its report is its load_log row under
 * lookup:<name> (its entries count as loaded, rows without a key rejected, repeated keys
 * excluded). Before the batch is judged, join_coverage runs on it (how many
 * returns found their order, how many SKUs found their product).
 *
 * Caveat: the app has one DuckDB connection. A query another part of the app sends while a
 * batch loads runs on that connection with the search_path set to `incoming`: the few models
 * that read canonical tables directly (not the derived ones) may then see the half-loaded
 * batch, until the data-changed event makes them run again. Callers that write tables
 * (assumptions) should wait for `whenIdle` first.
 */

/**
 * A file of the batch. `bytes` may be read lazily (a function, which counts as the read step)
 * or be a browser File / Blob: then CSV-like files are read from it in pieces as they load,
 * never whole (Parquet and JSON are parsed whole), and progress counts the rows read.
 */
export interface BatchFile {
  name: string;
  bytes: Uint8Array | Blob | (() => Promise<Uint8Array>);
  /** The file's size in bytes, known before it is read (the browser's capacity check; a Blob says its own). */
  size?: number;
  /**
   * How to read a file that is not a canonical table file (a platform export): the mapping
   * step's spec. Without it the file must be named after its table.
   */
  mapping?: MappingSpec;
  /**
   * The file only serves the lookups of the batch's mappings (a categories or territories
   * list): it is handed to every mapping whose lookups name it and is not loaded itself. Its
   * report accounts for its rows as the lookups read them (load_log under lookup:<name>).
   */
  lookupOnly?: boolean;
}

export type ReplaceStep = 'reading' | 'loading' | 'checking' | 'replacing' | 'deriving' | 'done';

export interface ReplaceProgress {
  step: ReplaceStep;
  /** 1-based position of the file being read or loaded (in load order); 0 for the batch-wide steps. */
  fileIndex: number;
  fileCount: number;
  file: string | null;
  /** Data rows read so far: by the files already loaded, plus those of the current file read so far. */
  rowsRead?: number;
  /** About how many records the current file holds (line breaks counted once read; null for Parquet / JSON). */
  fileRows?: number | null;
}

/** One file's outcome: the canonical loader's report plus what the import engine adds. */
export interface BatchFileReport extends FileLoadReport {
  /** Rows left out on purpose by a rule of the mapping (0 for canonical files). */
  rowsExcluded: number;
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

export type { JoinCoverage } from './import/coverage';

export interface ReplaceResult {
  /** True when the batch is now the data. */
  replaced: boolean;
  /** One report per file, in the order given. */
  reports: BatchFileReport[];
  /** Why the previous data was kept (replaced = false), in plain words. */
  problem: string | null;
  /** Files whose rows are now in the tables (replaced = true). */
  loadedFiles: string[];
  /** How the batch's tables join (join_coverage on the batch); null when it could not run. */
  coverage: JoinCoverage[] | null;
  /**
   * The load_issues rows of a refused batch (up to ISSUE_CAP, by file and line), so its
   * rejects can still be downloaded; empty when the batch replaced the data (its rows are in
   * load_issues: rejected_rows lists them).
   */
  issues: Row[];
}

/** Most load_issues rows a refused batch hands back. */
export const ISSUE_CAP = 100_000;

/** Load order: what later checks look up first (products before lines, lines before returns). */
const LOAD_ORDER: CanonicalTable[] = ['products', 'order_lines', 'shipments', 'returns', 'reviews'];

/** The tables a batch file fills (a mapping's targets; a canonical file's table; [] when neither). */
export function tablesOf(file: Pick<BatchFile, 'name' | 'mapping'>): CanonicalTable[] {
  if (file.mapping) return file.mapping.targets.map((t) => t.table);
  const t = canonicalTableOf(file.name);
  return t ? [t] : [];
}

/** Indices of `files` in load order: by the earliest table each fills, stable; unknown files last. */
export function loadOrder(files: Pick<BatchFile, 'name' | 'mapping'>[]): number[] {
  const rank = (f: Pick<BatchFile, 'name' | 'mapping'>) => {
    const ranks = tablesOf(f).map((t) => LOAD_ORDER.indexOf(t));
    return ranks.length === 0 ? LOAD_ORDER.length : Math.min(...ranks);
  };
  return files.map((f, i) => ({ i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.i);
}

/** About how many data records a delimited text holds: its line breaks, less the header. */
export function approxRecords(bytes: Uint8Array, headerLines = 1): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) n++;
  return Math.max(0, n - headerLines);
}

const SHADOW = 'incoming';
const ASIDE = 'outgoing';
const SWAPPED_TABLES = [...CANONICAL_TABLES, 'load_log', 'load_issues'] as const;

const queues = new WeakMap<Runner, Promise<unknown>>();

/**
 * Runs `fn` after every replace (and every other `exclusive` call) on this runner has finished,
 * and makes later ones wait for it: one batch at a time on the one connection.
 */
export function exclusive<T>(runner: Runner, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(runner) ?? Promise.resolve();
  const run = before.then(fn, fn);
  queues.set(
    runner,
    run.catch(() => undefined),
  );
  return run;
}

/** Resolves when no replace is running or queued on this runner. */
export async function whenIdle(runner: Runner): Promise<void> {
  let current: Promise<unknown> | undefined;
  while (current !== queues.get(runner)) {
    current = queues.get(runner);
    await current;
  }
}

export interface ReplaceOptions {
  /** The import engine's SQL (queries/import/*.sql). Default: from the runner's query sources. */
  importSql?: ImportSql;
}

/** Loads `files` as the new data set if they hold usable order lines; otherwise keeps the data. */
export function replaceData(
  runner: Runner,
  files: BatchFile[],
  decodeParquet: ParquetDecoder,
  onProgress: (p: ReplaceProgress) => void = () => {},
  options: ReplaceOptions = {},
): Promise<ReplaceResult> {
  // Model queries wait meanwhile: the connection points at the batch's tables for most of it.
  return exclusive(runner, () => runner.withQueriesHeld((runHere) => replaceNow(runner, runHere, files, decodeParquet, onProgress, options)));
}

export interface MappingPreviewOptions extends ReplaceOptions {
  /** The other files of the batch, for the mapping's lookups. */
  lookupFiles?: { name: string; bytes?: Uint8Array; text?: string }[];
  /** Data records of the file the preview reads (default 200). */
  maxRecords?: number;
  /** Loadable rows returned per table (default 20). */
  previewRows?: number;
  /** "Now" for the future-date warnings (default: the current time). */
  now?: Date;
}

export interface MappingPreview {
  /**
   * applyMapping's dry run on the first records: their accounting (read = loaded + rejected +
   * excluded), the reasons, and `preview`: the first rows of each table exactly as they would
   * be stored. `error` when the file or mapping cannot be used at all.
   */
  report: ImportReport;
  /** The refused, excluded and warned rows among those records, by line (table_name, line_number, severity, reason, raw). */
  issues: Row[];
}

const PREVIEW = 'preview_import';

/**
 * The mapping step's preview: the first records of one file through the mapping, on their
 * own. It runs in an empty scratch schema (like a batch), so the rows already loaded play no
 * part: no "already loaded" duplicates and no unknown SKUs against the data being replaced;
 * checks against the other files of a batch run when the batch loads. The dry run gives the
 * rows as they would be stored (with their line); a second, real run in the scratch schema
 * gives each refused, excluded or warned row with its reason (a dry run rolls those back).
 * Nothing remains afterwards. Queued with the replaces (one statement stream).
 */
export function previewMapping(
  runner: Runner,
  file: { name: string; bytes?: Uint8Array; text?: string },
  mapping: MappingSpec,
  options: MappingPreviewOptions = {},
): Promise<MappingPreview> {
  // Model queries wait meanwhile: the connection points at the preview's tables.
  return exclusive(runner, () => runner.withQueriesHeld(async () => {
    const engine = runner.engine;
    const sql = options.importSql ?? importSqlFrom(runner.sources);
    const opts = { maxRecords: options.maxRecords ?? 200, now: options.now, lookupFiles: options.lookupFiles };
    await engine.exec(`DROP SCHEMA IF EXISTS ${PREVIEW} CASCADE; CREATE SCHEMA ${PREVIEW}`);
    try {
      await engine.exec(`SET search_path = '${PREVIEW}'`);
      try {
        await engine.exec(canonicalDDL());
        await engine.exec(AUDIT_DDL);
        const report = await applyMapping(engine, sql, file, mapping, { ...opts, dryRun: true, previewRows: options.previewRows ?? 20 });
        if (report.error) return { report, issues: [] };
        const real = await applyMapping(engine, sql, file, mapping, opts);
        const issues = real.error
          ? []
          : await engine.query(
              `SELECT table_name, line_number, severity, reason, raw FROM ${PREVIEW}.load_issues ORDER BY line_number, severity, table_name LIMIT 500`,
            );
        return { report, issues };
      } finally {
        await engine.exec('RESET search_path');
      }
    } finally {
      await engine.exec(`DROP SCHEMA IF EXISTS ${PREVIEW} CASCADE`).catch(() => undefined);
    }
  }));
}

async function replaceNow(
  runner: Runner,
  runHere: RunHere,
  files: BatchFile[],
  decodeParquet: ParquetDecoder,
  onProgress: (p: ReplaceProgress) => void,
  options: ReplaceOptions,
): Promise<ReplaceResult> {
  const engine = runner.engine;
  // Lookup-only files are read by the mappings' lookups, not loaded: no step of their own.
  const order = loadOrder(files).filter((i) => !files[i]!.lookupOnly);
  const fileCount = order.length;
  let rowsRead = 0;
  const report = (step: ReplaceStep, fileIndex = 0, file: string | null = null, fileRows: number | null = null) =>
    onProgress({ step, fileIndex, fileCount, file, rowsRead, fileRows });
  let coverage: JoinCoverage[] | null = null;
  const kept = (reports: BatchFileReport[], problem: string, issues: Row[] = []): ReplaceResult => ({
    replaced: false, reports, problem, loadedFiles: [], coverage, issues,
  });

  if (files.length === 0) return kept([], 'No files were given.');

  const reports: BatchFileReport[] = new Array<BatchFileReport>(fileCount);
  // Each file is read once; a mapping's lookups may read files of the batch loaded later.
  const read = new Map<number, Promise<SourceFile>>();
  const fileOf = (i: number): Promise<SourceFile> => {
    let p = read.get(i);
    if (!p) {
      const { name, bytes: b } = files[i]!;
      p = typeof b === 'function'
        ? b().then((bytes) => ({ name, bytes }))
        : Promise.resolve(b instanceof Uint8Array ? { name, bytes: b } : { name, source: blobSource(b) });
      read.set(i, p);
    }
    return p;
  };
  /** The other files of the batch a mapping's lookups name (those that can be read). */
  const lookupFilesFor = async (i: number, mapping: MappingSpec) => {
    const out: SourceFile[] = [];
    for (const [j, f] of files.entries()) {
      if (j === i || !(mapping.lookups ?? []).some((l) => fileMatches(f.name, l.file))) continue;
      try {
        out.push(await fileOf(j));
      } catch {
        // unreadable: reported on its own line; the mapping then says the lookup is missing
      }
    }
    return out;
  };
  const done = () => reports.filter((r): r is BatchFileReport => r !== undefined);
  let importSql: ImportSql | null = options.importSql ?? null;
  let rejectedTop = '';
  await engine.exec(`DROP SCHEMA IF EXISTS ${SHADOW} CASCADE; CREATE SCHEMA ${SHADOW}`);
  try {
    await engine.exec(`SET search_path = '${SHADOW}'`);
    try {
      await engine.exec(canonicalDDL());
      await engine.exec(AUDIT_DDL);
      for (const [k, i] of order.entries()) {
        const file = files[i]!;
        report('reading', k + 1, file.name);
        let input: SourceFile;
        try {
          input = await fileOf(i);
        } catch (e) {
          reports[i] = emptyReport(file, `${file.name}: the file could not be read (${firstLine(e)})`);
          continue;
        }
        const format = formatOf(file.name);
        const headerLines = file.mapping ? file.mapping.source.skipLines + (file.mapping.source.header ? 1 : 0) : 1;
        // Known up front for bytes in memory; a File read in pieces reports its rows as they are read.
        const fileRows = input.bytes && (file.mapping || format === 'csv' || format === 'tsv') ? approxRecords(input.bytes, headerLines) : null;
        report('loading', k + 1, file.name, fileRows);
        const onRowsRead = (n: number) => onProgress({ step: 'loading', fileIndex: k + 1, fileCount, file: file.name, rowsRead: rowsRead + n, fileRows });
        if (file.mapping) {
          try {
            importSql ??= importSqlFrom(runner.sources);
          } catch (e) {
            reports[i] = emptyReport(file, `${file.name}: the import engine's SQL is missing (${firstLine(e)})`);
            continue;
          }
          const lookupFiles = file.mapping.lookups?.length ? await lookupFilesFor(i, file.mapping) : undefined;
          reports[i] = fromImport(await applyMapping(engine, importSql, input, file.mapping, { lookupFiles, decodeParquet, onRowsRead }), file.mapping);
        } else {
          const [r] = await loadCanonicalFiles(engine, [input], decodeParquet, (_f, lines) => onRowsRead(Math.max(0, lines - 1)));
          reports[i] = await fromCanonical(r!);
        }
        rowsRead += reports[i]!.rowsRead;
      }
      for (const [i, file] of files.entries()) if (file.lookupOnly) reports[i] = await lookupOnlyReport(i);
      report('checking');
      coverage = await joinCoverage(runner, runHere);
    } finally {
      await engine.exec('RESET search_path');
    }

    const orderLines = Number((await engine.query(`SELECT count(*) AS n FROM ${SHADOW}.order_lines`))[0]!.n);
    if (orderLines === 0) {
      const top = await engine.query(
        `SELECT reason, count(*) AS n FROM ${SHADOW}.load_issues WHERE table_name = 'order_lines' AND severity = 'rejected'
         GROUP BY reason ORDER BY n DESC, reason LIMIT 3`,
      );
      rejectedTop = top.map((r) => `${String(r.reason)} (${Number(r.n)})`).join('; ');
      const issues = await engine.query(
        `SELECT table_name, source_file, line_number, severity, reason, raw FROM ${SHADOW}.load_issues
         ORDER BY source_file, line_number, severity LIMIT ${ISSUE_CAP}`,
      );
      return kept(done(), noOrderLinesProblem(done(), rejectedTop), issues);
    }

    report('replacing');
    await swapIn(runner);
    report('done');
    const all = done();
    return {
      replaced: true,
      reports: all,
      problem: null,
      loadedFiles: all.filter((r) => !r.error && r.table !== null).map((r) => r.file),
      coverage,
      issues: [],
    };
  } catch (e) {
    return kept(done(), `The data was kept as it was: loading stopped with an error (${firstLine(e)}).`);
  } finally {
    await engine.exec(`DROP SCHEMA IF EXISTS ${SHADOW} CASCADE`).catch(() => undefined);
  }

  /** The canonical loader's report, with the batch report's fields (reasons from load_issues). */
  async function fromCanonical(r: FileLoadReport): Promise<BatchFileReport> {
    const out: BatchFileReport = {
      ...r, rowsExcluded: 0, route: 'canonical', mapping: null, preset: null,
      tables: r.table && !r.error
        ? [{ table: r.table, rowsRead: r.rowsRead, rowsLoaded: r.rowsLoaded, rowsRejected: r.rowsRejected, rowsExcluded: 0, rowsWarned: r.rowsWarned }]
        : [],
      reasons: [], unmappedReasons: [],
    };
    if (!r.error && r.rowsRejected + r.rowsWarned > 0) out.reasons = await reasonsOf(r.file);
    return out;
  }

  /** A file's load_issues grouped by table, severity and reason (the offending value stripped). */
  async function reasonsOf(file: string): Promise<ReasonCount[]> {
    const rows = await engine.query(
      `SELECT table_name, severity, regexp_replace(reason, ':\\s*".*$', '') AS reason, count(*) AS n FROM ${SHADOW}.load_issues
       WHERE source_file = $1 GROUP BY ALL ORDER BY table_name, severity, n DESC, reason`,
      [file],
    );
    return rows.map((x) => ({
      table: x.table_name as CanonicalTable, severity: x.severity as ReasonCount['severity'], reason: String(x.reason), rows: Number(x.n),
    }));
  }

  /**
   * A lookup-only file's report: its rows as the mappings' lookups accounted for them in
   * load_log (under lookup:<name>, once per lookup name; the first name's row when several
   * lookups read it). Not named by any mapping's lookups: nothing read, nothing used.
   */
  async function lookupOnlyReport(i: number): Promise<BatchFileReport> {
    const file = files[i]!;
    const logged = await engine.query(
      `SELECT table_name, rows_read, rows_loaded, rows_rejected, rows_excluded FROM ${SHADOW}.load_log
       WHERE source_file = $1 AND starts_with(table_name, $2) ORDER BY table_name`,
      [file.name, LOOKUP_TABLE_PREFIX],
    );
    if (logged.length === 0) {
      const unreadable = await fileOf(i).then(() => null, (e: unknown) => firstLine(e));
      return emptyReport(file, unreadable === null ? undefined : `${file.name}: the file could not be read (${unreadable})`);
    }
    const first = logged[0]!;
    return {
      ...emptyReport(file),
      rowsRead: Number(first.rows_read), rowsLoaded: Number(first.rows_loaded), rowsRejected: Number(first.rows_rejected), rowsExcluded: Number(first.rows_excluded),
      lookupOf: logged.map((r) => String(r.table_name).slice(LOOKUP_TABLE_PREFIX.length)),
      reasons: (await reasonsOf(file.name)).filter((r) => (r.table as string) === String(first.table_name)),
    };
  }

  async function swapIn(r: Runner): Promise<void> {
    const copyAside = SWAPPED_TABLES.map((t) => `CREATE TABLE ${ASIDE}.${t} AS SELECT * FROM main.${t};`).join('\n');
    await engine.exec(`DROP SCHEMA IF EXISTS ${ASIDE} CASCADE; CREATE SCHEMA ${ASIDE};\n${copyAside}`);
    try {
      await moveInto('main', SHADOW);
      report('deriving');
      try {
        await r.refresh();
      } catch (e) {
        // The new tables do not derive: put the previous ones back and derive those again.
        await moveInto('main', ASIDE);
        await r.refresh();
        throw new Error(`the new data could not be prepared for the models (${firstLine(e)})`);
      }
    } finally {
      await engine.exec(`DROP SCHEMA IF EXISTS ${ASIDE} CASCADE`).catch(() => undefined);
    }
  }

  /** Replaces the rows of every swapped table of `target` by those of `source`, atomically. */
  async function moveInto(target: string, source: string): Promise<void> {
    const statements = SWAPPED_TABLES.map(
      (t) => `DELETE FROM ${target}.${t}; INSERT INTO ${target}.${t} BY NAME SELECT * FROM ${source}.${t};`,
    ).join('\n');
    try {
      await engine.exec(`BEGIN TRANSACTION;\n${statements}\nCOMMIT;`);
    } catch (e) {
      await engine.exec('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
}

/** A report with no rows: a file that could not be used (`error`), or a lookup-only file no lookup read. */
function emptyReport(file: Pick<BatchFile, 'name' | 'mapping' | 'lookupOnly'>, error?: string): BatchFileReport {
  const route: BatchFileReport['route'] = file.lookupOnly ? 'lookup' : file.mapping ? 'mapping' : 'canonical';
  const out: BatchFileReport = {
    file: file.name, table: route === 'lookup' ? null : (tablesOf(file)[0] ?? null), rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsWarned: 0,
    ignoredColumns: [], route, mapping: file.mapping?.name ?? null, preset: file.mapping?.preset ?? null, tables: [], reasons: [], unmappedReasons: [],
  };
  if (route === 'lookup') out.lookupOf = [];
  if (error !== undefined) out.error = error;
  return out;
}

/** The import engine's report as a batch file report (its first table stands for the file). */
function fromImport(r: ImportReport, mapping: MappingSpec): BatchFileReport {
  const out: BatchFileReport = {
    file: r.file, table: r.tables[0]?.table ?? mapping.targets[0]?.table ?? null,
    rowsRead: r.rowsRead, rowsLoaded: r.rowsLoaded, rowsRejected: r.rowsRejected, rowsExcluded: r.rowsExcluded, rowsWarned: r.rowsWarned,
    ignoredColumns: [], route: 'mapping', mapping: r.mapping || mapping.name, preset: r.preset,
    tables: r.tables, reasons: r.reasons, unmappedReasons: r.unmappedReasons,
  };
  if (r.lookups && r.lookups.length > 0) out.lookups = r.lookups;
  if (r.error) out.error = r.error;
  return out;
}

type RunHere = (model: string) => Promise<ModelResult>;

/** join_coverage on whatever the search_path points at (the batch); null when it cannot run. */
async function joinCoverage(runner: Runner, runHere: RunHere): Promise<JoinCoverage[] | null> {
  if (!runner.modelNames.includes('join_coverage')) return null;
  try {
    const res = await runHere('join_coverage');
    return res.status === 'ok' ? (res.rows as unknown as JoinCoverage[]) : null;
  } catch {
    return null;
  }
}

/** Why a batch without usable order lines was not taken, naming the order_lines files' fate. */
export function noOrderLinesProblem(reports: (FileLoadReport & { tables?: TableAccount[] })[], topRejections = ''): string {
  const fills = (r: FileLoadReport & { tables?: TableAccount[] }) =>
    r.table === 'order_lines' || (r.tables ?? []).some((t) => t.table === 'order_lines');
  const lines = reports.filter(fills);
  const keep = 'The previous data was kept.';
  if (lines.length === 0) {
    return `No order_lines file in this batch: every data set needs order lines (a file named order_lines.csv, .tsv, .parquet or .json, or an export mapped to order_lines). ${keep}`;
  }
  const failed = lines.filter((r) => r.error);
  if (failed.length === lines.length) {
    return `The order lines could not be loaded (${failed.map((r) => r.error).join('; ')}). ${keep}`;
  }
  const lineRows = (r: FileLoadReport & { tables?: TableAccount[] }) =>
    r.tables && r.tables.length > 0 ? r.tables.filter((t) => t.table === 'order_lines').reduce((n, t) => n + t.rowsRead, 0) : r.rowsRead;
  const read = lines.reduce((n, r) => n + lineRows(r), 0);
  if (read === 0) return `The order_lines file holds no rows. ${keep}`;
  const why = topRejections ? `: ${topRejections}` : '';
  return `None of the ${read} order lines read could be loaded${why}. ${keep}`;
}
