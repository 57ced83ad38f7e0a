import { CANONICAL_TABLES, type CanonicalTable } from '../data-model/contract';
import { AUDIT_DDL, canonicalDDL } from '../data-model/schema-ddl';
import type { Row } from '../engine/types';
import type { ModelResult, Runner } from '../runner/runner';
import { firstLine } from './error-text';
import { blobSource, formatOf, type ByteSource, type SourceFile } from './file-kinds';
import { applyMapping, importSqlFrom, LOOKUP_TABLE_PREFIX, type ImportReport, type ImportSql, type ReasonCount, type TableAccount } from './import/apply';
import type { JoinCoverage } from './import/coverage';
import { fileMatches, type MappingSpec } from './import/spec';
import { emptyReport, loadFile, loadOrder, type BatchFileReport, type FileLoadReport } from './load-file';
import type { ParquetDecoder } from './read-input';

export { loadOrder, tablesOf, type BatchFileReport, type FileLoadReport } from './load-file';

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
  /** In memory, a browser File / Blob, a source read in pieces (a path in Node), or read when needed. */
  bytes: Uint8Array | Blob | ByteSource | (() => Promise<Uint8Array>);
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
  /**
   * Files of the batch that could not be used at all (each report has its `error`; their rows
   * count as read and rejected). Any of them keeps the previous data unless allowPartial.
   */
  refusedFiles: string[];
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
  /**
   * Replace the data even when some files of the batch could not be used (the user accepted the
   * partial batch: the page asks, the CLI takes --allow-partial). Default false: a batch
   * replaces the data only when every file in it is usable.
   */
  allowPartial?: boolean;
  /** "Now" for the future-date warnings (tests). */
  now?: Date;
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
  const refused = (reports: BatchFileReport[]) => reports.filter((r) => r.error && r.route !== 'lookup').map((r) => r.file);
  const kept = (reports: BatchFileReport[], problem: string, issues: Row[] = []): ReplaceResult => ({
    replaced: false, reports, problem, loadedFiles: [], refusedFiles: refused(reports), coverage, issues,
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
        : Promise.resolve(b instanceof Uint8Array ? { name, bytes: b } : { name, source: b instanceof Blob ? blobSource(b) : b });
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
        try {
          importSql ??= importSqlFrom(runner.sources);
        } catch (e) {
          reports[i] = emptyReport(file, `${file.name}: the import engine's SQL is missing (${firstLine(e)})`);
          continue;
        }
        const lookupFiles = file.mapping?.lookups?.length ? await lookupFilesFor(i, file.mapping) : undefined;
        reports[i] = await loadFile(engine, importSql, input, { mapping: file.mapping, lookupFiles, decodeParquet, onRowsRead, now: options.now });
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
    const unusable = refused(done());
    if (unusable.length > 0 && !options.allowPartial) {
      const issues = await engine.query(
        `SELECT table_name, source_file, line_number, severity, reason, raw FROM ${SHADOW}.load_issues
         ORDER BY source_file, line_number, severity LIMIT ${ISSUE_CAP}`,
      );
      return kept(done(), partialBatchProblem(done()), issues);
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
      refusedFiles: refused(all),
      coverage,
      issues: [],
    };
  } catch (e) {
    return kept(done(), `The data was kept as it was: loading stopped with an error (${firstLine(e)}).`);
  } finally {
    await engine.exec(`DROP SCHEMA IF EXISTS ${SHADOW} CASCADE`).catch(() => undefined);
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

/** Why a batch with a file that could not be used did not replace the data, naming the files. */
export function partialBatchProblem(reports: BatchFileReport[]): string {
  const bad = reports.filter((r) => r.error && r.route !== 'lookup');
  const rows = bad.reduce((n, r) => n + r.rowsRead, 0);
  const what = bad.map((r) => r.error).join('; ');
  return `${bad.length === 1 ? 'A file' : `${bad.length} files`} of this batch could not be used (${what})`
    + `${rows > 0 ? `; ${rows} row${rows === 1 ? '' : 's'} of ${bad.length === 1 ? 'it' : 'them'} not loaded` : ''}.`
    + ' The previous data was kept: load the batch again with the file fixed, or accept the batch without it.';
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
