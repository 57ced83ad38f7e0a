import { DuckDBAccessMode } from '@duckdb/duckdb-wasm';
import { copyTablesFromAttached } from './attached-copy';
import { startDuckDB } from './browser';
import { cleanError } from './browser-errors';
import { sqlString } from './sql-literal';
import { tableSlices } from './table-slices';
import type { Engine } from './types';

/*
 * Tables kept in the browser's origin-private file system (OPFS) as a DuckDB database file, and
 * read back into the page's in-memory DuckDB. Chosen over Parquet files by measurement (README,
 * "Decisions"): 1M order lines reopen in ~1.0–1.6 s against 2.2–4.8 s for Parquet, with no
 * Parquet codec to fetch, and DuckDB's own types kept exactly.
 *
 * DuckDB-WASM 1.32 cannot ATTACH a new opfs:// file ("exists, but it is not a valid DuckDB
 * database file"), but it can open one as its database and ATTACH an existing one. So a save
 * opens a second DuckDB on the new file and hands it the tables as Arrow, and a restore ATTACHes
 * the file read-only to the page's engine and copies the tables in.
 */

/** The files DuckDB keeps for the database file `name` (its write-ahead log next to it). */
export function opfsDatabaseFiles(name: string): string[] {
  return [name, `${name}.wal`];
}

/**
 * Writes `tables` of `source` into a new database file `name` of the origin-private storage,
 * created by `ddl` (the same columns and types) and, for `copied` tables, by the source's own
 * CREATE TABLE statements (duckdb_tables()). Throws when it cannot (storage full: the
 * browser's QuotaExceededError); the caller removes what was written.
 */
export async function saveTablesToOpfs(source: Pick<Engine, 'query' | 'queryArrowIPC'>, name: string, ddl: string, tables: readonly string[], copied: readonly string[] = []): Promise<void> {
  if (!source.queryArrowIPC) throw new Error('This engine cannot hand its tables over');
  const copiedDDL = copied.length === 0 ? [] : await source.query(
    // Table names of the schema SQL, not user values.
    `SELECT sql FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN (${copied.map(sqlString).join(', ')})`,
  );
  const { db, conn } = await startDuckDB({ path: `opfs://${name}`, accessMode: DuckDBAccessMode.READ_WRITE });
  try {
    await conn.query([ddl, ...copiedDDL.map((r) => String(r.sql))].join(';\n'));
    for (const t of [...tables, ...copied]) {
      for (const slice of await tableSlices(source, t)) {
        const ipc = await source.queryArrowIPC(slice);
        await conn.insertArrowFromIPCStream(ipc, { name: t, create: false });
      }
    }
    await conn.query('CHECKPOINT');
    await db.flushFiles();
  } catch (e) {
    throw cleanError(e);
  } finally {
    await conn.close().catch(() => undefined);
    // Ending the worker releases its OPFS access handles: the file can be read or removed.
    await db.terminate();
  }
}

/**
 * Replaces the rows of `tables` in the engine's main schema by those of the stored database
 * file `name`, in one transaction: a file that cannot be read leaves the tables as they were.
 */
export async function restoreTablesFromOpfs(target: Engine, name: string, tables: readonly string[]): Promise<void> {
  if (!target.withOpfsFiles) throw new Error("This engine cannot read the browser's storage");
  await target.withOpfsFiles(opfsDatabaseFiles(`opfs://${name}`), async () => {
    await target.exec(`ATTACH ${sqlString(`opfs://${name}`)} AS stored (READ_ONLY)`);
    try {
      await copyTablesFromAttached(target, 'stored', tables);
    } finally {
      await target.exec('DETACH stored');
    }
  });
}
