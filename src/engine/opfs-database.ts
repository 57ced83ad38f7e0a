import { DuckDBAccessMode } from '@duckdb/duckdb-wasm';
import { addAttachment, releaseUnusedAttachments, showAttachedTables } from './attached-views';
import { startDuckDB } from './browser';
import { cleanError } from './browser-errors';
import { holdReadingLock } from './file-reading-lock';
import { sqlString } from './sql-literal';
import { tableSlices } from './table-slices';
import type { Engine } from './types';

/*
 * Tables kept in the browser's origin-private file system (OPFS) as a DuckDB database file, and
 * read in place by the page's in-memory DuckDB. Chosen over Parquet files by measurement (README,
 * "Decisions"): 1M order lines reopen in ~1.0–1.6 s against 2.2–4.8 s for Parquet, with no
 * Parquet codec to fetch, and DuckDB's own types kept exactly.
 *
 * DuckDB-WASM 1.32 cannot ATTACH a new opfs:// file ("exists, but it is not a valid DuckDB
 * database file"), but it can open one as its database and ATTACH an existing one. So a save
 * opens a second DuckDB on the new file and hands it the tables as Arrow, and a reopen attaches
 * a snapshot of the file read-only to the page's engine and reads the tables there.
 */

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

let attached = 0;

/**
 * Shows `tables` of the stored database file `name` as the engine's main tables, read in place:
 * the file (a snapshot of it, as a Blob) is attached read-only and each table becomes a view over
 * it, in one transaction (a file that cannot be read leaves the tables as they were). Nothing is
 * copied: at 1M order lines the copy into the page's compressed tables took 7–8 s of every
 * reopen (README, "Decisions"). While a view reads the file, a shared lock keeps it from being
 * removed (file-reading-lock.ts); the file is let go once nothing reads it any more
 * (releaseUnusedAttachments, after a load or when another data set opens).
 */
export async function openTablesFromOpfs(target: Engine, name: string, tables: readonly string[]): Promise<void> {
  if (!target.registerBlob) throw new Error("This engine cannot read the browser's storage");
  const alias = `kept_${++attached}`;
  const fileName = `${alias}.duckdb`;
  const release = await holdReadingLock(name);
  let registered = false;
  let attachedHere = false;
  try {
    const root = await navigator.storage.getDirectory();
    await target.registerBlob(fileName, await (await root.getFileHandle(name)).getFile());
    registered = true;
    // A save ends with CHECKPOINT, which empties the write-ahead log; one left non-empty is read too.
    const wal = await root.getFileHandle(`${name}.wal`).then((h) => h.getFile(), () => null);
    if (wal && wal.size > 0) await target.registerBlob(`${fileName}.wal`, wal);
    await target.exec(`ATTACH ${sqlString(fileName)} AS ${alias} (READ_ONLY)`);
    attachedHere = true;
    await showAttachedTables(target, alias, tables);
  } catch (e) {
    if (attachedHere) await target.exec(`DETACH ${alias}`).catch(() => undefined);
    if (registered) for (const f of [fileName, `${fileName}.wal`]) await target.dropFile(f).catch(() => undefined);
    release();
    throw cleanError(e);
  }
  addAttachment({ alias, fileName, release });
  // The data set shown before may have been read in place too: let its file go.
  await releaseUnusedAttachments(target);
}
