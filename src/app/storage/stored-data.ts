import { AUDIT_DDL, canonicalDDL } from '../../data-model/schema-ddl';
import { openTablesFromOpfs, saveTablesToOpfs } from '../../engine/opfs-database';
import type { Engine } from '../../engine/types';
import { DATA_SET_TABLES } from '../../data-model/schema-ddl';
import { markLoadEnded, recordKept, slotFile, type StoredEntry } from './stored-index';

/*
 * A kept data set's tables: written into its slot's database file, and read back. This needs a
 * database (DuckDB in its worker) and the loader's table list, so it is loaded only when data is
 * kept or opened; the index of kept data sets is src/app/storage/stored-index.ts.
 */

/** The data set's tables to write: the loaded ones, and the derived ones with what derived them. */
export interface KeptTables {
  derived: readonly string[];
  derivedBy: string;
}

/**
 * Writes the engine's data set (and its derived tables) into `slot`, then adds it to the index
 * as the data set that opens next time. If writing fails (storage full), the slot's files are
 * removed and the data sets kept before stay as they were; the error is thrown on.
 */
export async function keepData(engine: Pick<Engine, 'query' | 'queryArrowIPC'>, slot: string, entry: Pick<StoredEntry, 'name' | 'sourceLabel' | 'reports'>, tables: KeptTables): Promise<StoredEntry> {
  let fingerprint: string;
  try {
    fingerprint = await contentFingerprint(engine);
    await saveTablesToOpfs(engine, slotFile(slot), `${canonicalDDL()}\n${AUDIT_DDL}`, DATA_SET_TABLES, tables.derived);
  } catch (e) {
    await markLoadEnded().catch(() => undefined);
    throw e;
  }
  const stored: StoredEntry = { ...entry, slot, savedAt: new Date().toISOString(), fingerprint, derivedBy: tables.derivedBy };
  await recordKept(stored);
  return stored;
}

/** Six hex digits of an md5 of the load log (files, row counts, load times): what a link names. */
async function contentFingerprint(engine: Pick<Engine, 'query'>): Promise<string> {
  const [row] = await engine.query(
    `SELECT substr(md5(coalesce(string_agg(concat_ws('|', table_name, source_file, rows_read, rows_loaded, rows_rejected, rows_excluded,
       rows_warned, rows_merged, loaded_at), ';' ORDER BY table_name, source_file, loaded_at), '')), 1, 6) AS f FROM main.load_log`,
  );
  return String(row!.f);
}

/**
 * Reads the stored data set into the engine's tables, and its derived tables when `derivedBy`
 * equals those it was stored with; whether it did (if not, the caller derives).
 */
export async function restoreData(engine: Engine, entry: StoredEntry, derived: KeptTables): Promise<boolean> {
  const withDerived = entry.derivedBy !== undefined && entry.derivedBy === derived.derivedBy;
  await openTablesFromOpfs(engine, slotFile(entry.slot), withDerived ? [...DATA_SET_TABLES, ...derived.derived] : DATA_SET_TABLES);
  return withDerived;
}

