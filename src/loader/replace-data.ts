import type { CanonicalTable } from '../data-model/contract';
import { AUDIT_DDL, canonicalDDL, DATA_SET_TABLES } from '../data-model/schema-ddl';
import { dropRelationSQL, mainViews, releaseUnusedAttachments } from '../engine/attached-views';
import { execInTransaction } from '../engine/transaction';
import type { Row } from '../engine/types';
import type { RunHere } from '../runner/data-lock';
import type { Runner } from '../runner/runner';
import { firstLine } from './error-text';
import { joinCoverage, keepAnswersAhead } from './load-answers';
import { blobSource, formatOf, type SourceFile } from './file-kinds';
import { importSqlFrom, LOOKUP_TABLE_PREFIX, type ImportSql, type ReasonCount } from './import/apply';
import type { JoinCoverage } from './import/coverage';
import { fileMatches, type MappingSpec } from './import/spec';
import { ISSUE_CAP, type BatchFile, type ReplaceOptions, type ReplaceProgress, type ReplaceResult, type ReplaceStep } from './batch-types';
import { noOrderLinesProblem, partialBatchProblem } from './batch-problems';
import { emptyReport, loadFile, loadOrder, type BatchFileReport } from './load-file';
import type { ParquetDecoder } from './read-input';

export { loadOrder, tablesOf, type BatchFileReport, type FileLoadReport } from './load-file';
export type { BatchFile, ReplaceOptions, ReplaceProgress, ReplaceResult, ReplaceStep } from './batch-types';
export { ISSUE_CAP } from './batch-types';
export type { JoinCoverage } from './import/coverage';
export { noOrderLinesProblem, partialBatchProblem } from './batch-problems';
export { previewMapping, type MappingPreview, type MappingPreviewOptions } from './preview-mapping';

/**
 * Replacing the data with a new batch of files (canonical files and exports with their mappings), all or nothing.
 *
 * The tables of the data in use (every canonical table, load_log and load_issues) are renamed
 * aside (replaced_<table>) and made anew, empty, and the batch loads straight into them: no
 * copy of the new rows is made, and no copy of the old ones (a rename moves no data; at 1M
 * order lines, copying the batch in took about 3 s and held the batch twice). The cross-table
 * checks (unknown SKU, return before its order) see only the batch. The batch becomes the data
 * only once it has proved usable: it loaded at least one order line, and every file in it could
 * be used (or the caller accepted the batch without those: allowPartial). Tables the batch had
 * no file for stay empty: the batch is the new data set. Then the runner re-derives. Otherwise,
 * and if re-deriving fails, the new tables are dropped and the previous ones renamed back (and
 * re-derived in the second case). Nothing else can read the tables meanwhile: see the lock below.
 *
 * A batch that is not usable leaves everything as it was: data, load_log, load_issues.
 *
 * A file of the batch is either a canonical file (named after its table: the identity mapping
 * of that table) or any export with a mapping (`BatchFile.mapping`); both load through the one
 * pipeline (loadFile → applyMapping) into the same fresh tables (its cross-table checks, unknown SKU and
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
 * The app has one DuckDB connection: the whole replace runs under the runner's one lock
 * (Runner.exclusive), so model queries wait meanwhile and anything else that writes tables
 * (assumptions, currency settings, a preview) runs before or after it, never in between.
 */

/** About how many data records a delimited text holds: its line breaks, less the header. */
export function approxRecords(bytes: Uint8Array, headerLines = 1): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) n++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 10) n++;
  return Math.max(0, n - headerLines);
}


/** The tables of the data in use while a batch loads, under this prefix (see above). */
const PREVIOUS = 'replaced_';
/** How ALTER names a relation: a view is renamed by ALTER VIEW. */
const kind = (name: string, views: ReadonlySet<string>) => (views.has(name) ? 'VIEW' : 'TABLE');

/** Loads `files` as the new data set if they hold usable order lines; otherwise keeps the data. */
export function replaceData(
  runner: Runner,
  files: BatchFile[],
  decodeParquet: ParquetDecoder,
  onProgress: (p: ReplaceProgress) => void = () => {},
  options: ReplaceOptions = {},
): Promise<ReplaceResult> {
  // Model queries wait meanwhile: the connection points at the batch's tables for most of it.
  return runner.exclusive((runHere) => replaceNow(runner, runHere, files, decodeParquet, onProgress, options));
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
  await setAside();
  // The tables in main are final: the batch derived, or the previous tables back.
  let settled = false;
  let dropped = false;
  try {
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

    const orderLines = Number((await engine.query(`SELECT count(*) AS n FROM main.order_lines`))[0]!.n);
    if (orderLines === 0) {
      const top = await engine.query(
        `SELECT reason, count(*) AS n FROM main.load_issues WHERE table_name = 'order_lines' AND severity = 'rejected'
         GROUP BY reason ORDER BY n DESC, reason LIMIT 3`,
      );
      rejectedTop = top.map((r) => `${String(r.reason)} (${Number(r.n)})`).join('; ');
      const issues = await engine.query(
        `SELECT table_name, source_file, line_number, severity, reason, raw FROM main.load_issues
         ORDER BY source_file, line_number, severity LIMIT ${ISSUE_CAP}`,
      );
      return kept(done(), noOrderLinesProblem(done(), rejectedTop), issues);
    }
    const unusable = refused(done());
    if (unusable.length > 0 && !options.allowPartial) {
      const issues = await engine.query(
        `SELECT table_name, source_file, line_number, severity, reason, raw FROM main.load_issues
         ORDER BY source_file, line_number, severity LIMIT ${ISSUE_CAP}`,
      );
      return kept(done(), partialBatchProblem(done()), issues);
    }

    report('replacing');
    await deriveOrPutBack(runner);
    // Schema changes before the answers ahead: they drop the statements those leave prepared for the next view.
    await dropPrevious();
    if (options.macrosAhead) await runner.createRuleMacros();
    // The coverage was counted on these very tables (as the batch): the Data page's join
    // coverage is that answer, not a second pass over them (0.5 s at 1M order lines, which the
    // first page opened right after a load waited for).
    if (coverage) runner.keepAnswer('join_coverage', {}, coverage as unknown as Row[]);
    await keepAnswersAhead(runner, runHere, options.answerAhead);
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
    if (!settled) settled = await putBack().then(() => true, () => false);
    // The previous tables are dropped only once nothing can need them (never after a failed put back).
    if (settled) await dropPrevious();
  }

  /** Drops the previous data's tables, once the swap or the put back settled. */
  async function dropPrevious(): Promise<void> {
    if (dropped) return;
    dropped = true;
    const aside = DATA_SET_TABLES.map((t) => `${PREVIOUS}${t}`);
    const views = await mainViews(engine, aside).catch(() => new Set<string>());
    await engine.exec(aside.map((t) => dropRelationSQL(t, views)).join('\n')).catch(() => undefined);
    // A kept data set read in place that nothing shows any more: its file is let go.
    await releaseUnusedAttachments(engine).catch(() => undefined);
  }

  /** A file's load_issues grouped by table, severity and reason (the offending value stripped). */
  async function reasonsOf(file: string): Promise<ReasonCount[]> {
    const rows = await engine.query(
      `SELECT table_name, severity, regexp_replace(reason, ':\\s*".*$', '') AS reason, count(*) AS n FROM main.load_issues
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
      `SELECT table_name, rows_read, rows_loaded, rows_rejected, rows_excluded FROM main.load_log
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

  /**
   * Renames the tables in use aside and makes them anew, empty (one transaction). A replaced_
   * table left from an earlier batch exists only if putting it back failed then; the tables in
   * use have been the ones shown since, so that leftover goes.
   */
  async function setAside(): Promise<void> {
    // A table read in place from a kept data set is a view (src/engine/attached-views.ts): renamed as one.
    const views = await mainViews(engine, [...DATA_SET_TABLES, ...DATA_SET_TABLES.map((t) => `${PREVIOUS}${t}`)]);
    const rename = DATA_SET_TABLES.map((t) => `${dropRelationSQL(`${PREVIOUS}${t}`, views)} ALTER ${kind(t, views)} main.${t} RENAME TO ${PREVIOUS}${t};`).join('\n');
    await execInTransaction(engine, `${rename}\n${canonicalDDL()}\n${AUDIT_DDL}`);
  }

  /** Drops the batch's tables and renames the previous ones back (one transaction). */
  async function putBack(): Promise<void> {
    const views = await mainViews(engine, DATA_SET_TABLES.map((t) => `${PREVIOUS}${t}`));
    await execInTransaction(engine, DATA_SET_TABLES.map((t) => `DROP TABLE main.${t}; ALTER ${kind(`${PREVIOUS}${t}`, views)} main.${PREVIOUS}${t} RENAME TO ${t};`).join('\n'));
  }

  async function deriveOrPutBack(r: Runner): Promise<void> {
    report('deriving');
    try {
      await r.refresh();
      settled = true;
    } catch (e) {
      await putBack();
      settled = true;
      await r.refresh();
      throw new Error(`the new data could not be prepared for the models (${firstLine(e)})`);
    }
  }
}
