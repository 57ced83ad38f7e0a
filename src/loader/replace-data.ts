import { CANONICAL_TABLES } from '../data-model/contract';
import { AUDIT_DDL, canonicalDDL } from '../data-model/schema-ddl';
import type { Runner } from '../runner/runner';
import { canonicalTableOf } from './file-kinds';
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
 * Caveat: the app has one DuckDB connection. A query another part of the app sends while a
 * batch loads runs on that connection with the search_path set to `incoming`: the few models
 * that read canonical tables directly (not the derived ones) may then see the half-loaded
 * batch, until the data-changed event makes them run again. Callers that write tables
 * (assumptions) should wait for `whenIdle` first.
 */

/** A file of the batch; `bytes` may be read lazily (a browser File), which counts as the read step. */
export interface BatchFile {
  name: string;
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

export type ReplaceStep = 'reading' | 'loading' | 'checking' | 'replacing' | 'deriving' | 'done';

export interface ReplaceProgress {
  step: ReplaceStep;
  /** 1-based index of the file being read or loaded; 0 for the batch-wide steps. */
  fileIndex: number;
  fileCount: number;
  file: string | null;
}

export interface ReplaceResult {
  /** True when the batch is now the data. */
  replaced: boolean;
  /** One report per file, in the order given. */
  reports: FileLoadReport[];
  /** Why the previous data was kept (replaced = false), in plain words. */
  problem: string | null;
  /** Files whose rows are now in the tables (replaced = true). */
  loadedFiles: string[];
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

/** Loads `files` as the new data set if they hold usable order lines; otherwise keeps the data. */
export function replaceData(
  runner: Runner,
  files: BatchFile[],
  decodeParquet: ParquetDecoder,
  onProgress: (p: ReplaceProgress) => void = () => {},
): Promise<ReplaceResult> {
  return exclusive(runner, () => replaceNow(runner, files, decodeParquet, onProgress));
}

async function replaceNow(
  runner: Runner,
  files: BatchFile[],
  decodeParquet: ParquetDecoder,
  onProgress: (p: ReplaceProgress) => void,
): Promise<ReplaceResult> {
  const engine = runner.engine;
  const fileCount = files.length;
  const report = (step: ReplaceStep, fileIndex = 0, file: string | null = null) => onProgress({ step, fileIndex, fileCount, file });
  const kept = (reports: FileLoadReport[], problem: string): ReplaceResult => ({ replaced: false, reports, problem, loadedFiles: [] });

  if (fileCount === 0) return kept([], 'No files were given.');

  const reports: FileLoadReport[] = [];
  let rejectedTop = '';
  await engine.exec(`DROP SCHEMA IF EXISTS ${SHADOW} CASCADE; CREATE SCHEMA ${SHADOW}`);
  try {
    await engine.exec(`SET search_path = '${SHADOW}'`);
    try {
      await engine.exec(canonicalDDL());
      await engine.exec(AUDIT_DDL);
      for (const [i, file] of files.entries()) {
        report('reading', i + 1, file.name);
        let bytes: Uint8Array;
        try {
          bytes = typeof file.bytes === 'function' ? await file.bytes() : file.bytes;
        } catch (e) {
          reports.push(emptyReport(file.name, `${file.name}: the file could not be read (${messageOf(e)})`));
          continue;
        }
        report('loading', i + 1, file.name);
        reports.push(...(await loadCanonicalFiles(engine, [{ name: file.name, bytes }], decodeParquet)));
      }
    } finally {
      await engine.exec('RESET search_path');
    }

    report('checking');
    const orderLines = Number((await engine.query(`SELECT count(*) AS n FROM ${SHADOW}.order_lines`))[0]!.n);
    if (orderLines === 0) {
      const top = await engine.query(
        `SELECT reason, count(*) AS n FROM ${SHADOW}.load_issues WHERE table_name = 'order_lines' AND severity = 'rejected'
         GROUP BY reason ORDER BY n DESC, reason LIMIT 3`,
      );
      rejectedTop = top.map((r) => `${String(r.reason)} (${Number(r.n)})`).join('; ');
      return kept(reports, noOrderLinesProblem(reports, rejectedTop));
    }

    report('replacing');
    await swapIn(runner);
    report('done');
    return {
      replaced: true,
      reports,
      problem: null,
      loadedFiles: reports.filter((r) => !r.error && r.table !== null).map((r) => r.file),
    };
  } catch (e) {
    return kept(reports, `The data was kept as it was: loading stopped with an error (${messageOf(e)}).`);
  } finally {
    await engine.exec(`DROP SCHEMA IF EXISTS ${SHADOW} CASCADE`).catch(() => undefined);
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
        throw new Error(`the new data could not be prepared for the models (${messageOf(e)})`);
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

function emptyReport(file: string, error: string): FileLoadReport {
  return {
    file, table: canonicalTableOf(file), rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsWarned: 0, ignoredColumns: [], error,
  };
}

/** Why a batch without usable order lines was not taken, naming the order_lines files' fate. */
export function noOrderLinesProblem(reports: FileLoadReport[], topRejections = ''): string {
  const lines = reports.filter((r) => r.table === 'order_lines');
  const keep = 'The previous data was kept.';
  if (lines.length === 0) {
    return `No order_lines file in this batch: every data set needs one (named order_lines.csv, .tsv, .parquet or .json). ${keep}`;
  }
  const failed = lines.filter((r) => r.error);
  if (failed.length === lines.length) {
    return `The order lines could not be loaded (${failed.map((r) => r.error).join('; ')}). ${keep}`;
  }
  const read = lines.reduce((n, r) => n + r.rowsRead, 0);
  if (read === 0) return `The order_lines file holds no rows. ${keep}`;
  const why = topRejections ? `: ${topRejections}` : '';
  return `None of the ${read} order lines read could be loaded${why}. ${keep}`;
}

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
