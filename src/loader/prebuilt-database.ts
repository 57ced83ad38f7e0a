import { mainViews, releaseUnusedAttachments, viewsToTablesSQL } from '../engine/attached-views';
import type { FileLoadReport } from '../data-model/load-report';
import { sqlString } from '../engine/sql-literal';
import { execInTransaction } from '../engine/transaction';
import { derivedTables } from '../runner/query-sources';
import type { Runner } from '../runner/runner';
import { DATA_SET_TABLES } from '../data-model/schema-ddl';

/*
 * A data set in its loaded form: a DuckDB database file holding the canonical tables, the load
 * audit and the derived tables, as the loader and derive.sql made them, plus the files' load
 * reports. The build writes one for the bundled demo data (src/build/demo-database.ts, the same
 * DuckDB-WASM build in Node), and the page copies it in instead of parsing the CSV files and
 * deriving (src/app/session.ts): the load and the derive are done once, at build time.
 */

/** The one-row table holding the load reports (JSON), shown on the Data page as after a load. */
const REPORTS_TABLE = 'prebuilt_load_reports';
const ALIAS = 'prebuilt';

/** The tables a prebuilt database holds: the data set, then what derive.sql builds from it. */
export function prebuiltTables(runner: Runner): string[] {
  return [...DATA_SET_TABLES, ...derivedTables(runner.sources)];
}

/**
 * Writes the runner's loaded and derived data, with `reports`, into a new database file `path`
 * (a path the engine can create: a file on disk in Node).
 */
export async function writePrebuiltDatabase(runner: Runner, path: string, reports: readonly FileLoadReport[]): Promise<void> {
  const engine = runner.engine;
  await engine.exec(`ATTACH ${sqlString(path)} AS ${ALIAS}`);
  try {
    const copies = prebuiltTables(runner).map((t) => `CREATE TABLE ${ALIAS}.${t} AS SELECT * FROM main.${t};`);
    await engine.exec(copies.join('\n'));
    await engine.query(`CREATE TABLE ${ALIAS}.${REPORTS_TABLE} AS SELECT CAST(? AS VARCHAR) AS reports`, [JSON.stringify(reports)]);
    // DuckDB-WASM 1.32 in Node does not fold the write-ahead log into the file here (the file
    // keeps an empty catalog, the WAL holds the tables): the file and its WAL (`path`.wal) are
    // the database together, and a reader is given both.
    await engine.exec(`CHECKPOINT ${ALIAS}`);
  } finally {
    await engine.exec(`DETACH ${ALIAS}`);
  }
}

/** A prebuilt database: its file and, when there is one, its write-ahead log (bytes of each). */
export interface PrebuiltFiles {
  database: Uint8Array;
  wal: Uint8Array | null;
}

/**
 * Replaces the runner's data by that of a prebuilt database (its bytes are handed to the
 * engine: the caller no longer needs them) and returns the load reports it holds. The derived
 * tables come with the data: nothing is parsed or derived here (nor need the runner have derived
 * its empty tables at init: see Runner.init's `deriveLater`); attaching replays the WAL.
 * Built by another version of the SQL, its tables would not match: the copy then fails and
 * the data stays as it was.
 */
export async function openPrebuiltDatabase(runner: Runner, name: string, files: PrebuiltFiles): Promise<FileLoadReport[]> {
  const engine = runner.engine;
  const names = files.wal ? [name, `${name}.wal`] : [name];
  try {
    await engine.registerFile(name, files.database);
    if (files.wal) await engine.registerFile(`${name}.wal`, files.wal);
    await engine.exec(`ATTACH ${sqlString(name)} AS ${ALIAS} (READ_ONLY)`);
    try {
      await copyTables(runner);
      const [row] = await engine.query(`SELECT reports FROM ${ALIAS}.${REPORTS_TABLE}`);
      await runner.adoptCopiedTables();
      return JSON.parse(String(row?.reports ?? '[]')) as FileLoadReport[];
    } finally {
      await engine.exec(`DETACH ${ALIAS}`);
    }
  } finally {
    for (const n of names) await engine.dropFile(n).catch(() => undefined);
  }
}

/**
 * The data set's tables refilled and the derived tables made anew from the attached copy, in
 * one transaction (if any copy fails, every table stays as it was). Made anew: a runner set up
 * with `deriveLater` (Runner.init) has no derived tables yet, nothing derived on empty tables.
 */
async function copyTables(runner: Runner): Promise<void> {
  const engine = runner.engine;
  const derived = derivedTables(runner.sources);
  // Tables read in place from a kept data set are views (src/engine/attached-views.ts): made tables again.
  const unview = await viewsToTablesSQL(engine, ALIAS, DATA_SET_TABLES);
  // column_presence too: adoptCopiedTables makes it anew.
  const derivedViews = await mainViews(engine, [...derived, 'column_presence']);
  const refill = DATA_SET_TABLES.map((t) => `DELETE FROM main.${t}; INSERT INTO main.${t} BY NAME SELECT * FROM ${ALIAS}.${t};`);
  const remake = derived.map((t) => `${derivedViews.has(t) ? `DROP VIEW main.${t}; ` : ''}CREATE OR REPLACE TABLE main.${t} AS SELECT * FROM ${ALIAS}.${t};`);
  const presence = derivedViews.has('column_presence') ? 'DROP VIEW main.column_presence;' : '';
  await execInTransaction(engine, [unview, ...refill, ...remake, presence].join('\n'));
  await releaseUnusedAttachments(engine);
}
