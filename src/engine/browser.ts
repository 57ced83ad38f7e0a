import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
// Both files are emitted into the app's own build and served from its origin: no CDN, and the
// EH bundle only (every browser we target has wasm exceptions; one bundle = one code path).
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { arrowToRows } from './rows';
import { COMPRESSED_STORAGE_SQL, PLAIN_CATALOG } from './compressed-storage';
import { ENGINE_SETUP_SQL } from './setup';
import type { BindValue, Engine, QueryOptions, Row } from './types';
import { cleanError } from './browser-errors';
import { typedCellsSql } from './typed-cells';
import { keepsStatements, onlyReads, StatementCache } from './statement-cache';

let shared: Promise<Engine> | null = null;
let arrowTables = 0;

/**
 * The one DuckDB of the page, created on first use. Every query runs in DuckDB's Web Worker,
 * so a slow model never freezes the UI. A failed start is not cached, so a retry can work.
 */
export function getEngine(): Promise<Engine> {
  if (!shared) {
    shared = createBrowserEngine().catch((e: unknown) => {
      shared = null;
      throw cleanError(e);
    });
  }
  return shared;
}

/**
 * A DuckDB in its own Web Worker, opened with `config` (in memory by default). The page's engine
 * is one; src/engine/opfs-database.ts opens another on a database file in the browser's storage.
 */
export async function startDuckDB(config: duckdb.DuckDBConfig = {}): Promise<{ db: duckdb.AsyncDuckDB; conn: duckdb.AsyncDuckDBConnection }> {
  const worker = new Worker(new URL('./duckdb-worker.ts', import.meta.url), { type: 'module' });
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await db.instantiate(wasmUrl);
    // DECIMAL → DOUBLE so money arrives as JS numbers (rows.ts expects plain numbers).
    await db.open({ ...config, query: { castDecimalToDouble: true } });
  } catch (e) {
    await db.terminate();
    throw e;
  }
  const conn = await db.connect();
  await conn.query(ENGINE_SETUP_SQL);
  return { db, conn };
}

async function createBrowserEngine(): Promise<Engine> {
  const { db, conn } = await startDuckDB();
  await conn.query(COMPRESSED_STORAGE_SQL);
  const statements = new StatementCache((sql: string) => conn.prepare(sql), (stmt) => stmt.close());
  const engine: Engine = {
    async query(sql: string, params: readonly BindValue[] = [], options: QueryOptions = {}): Promise<Row[]> {
      // conn.query and stmt.query post their message to the worker before they first wait.
      const sent = <T>(answer: Promise<T>) => (options.onSent?.(), answer);
      return guard(async () => {
        const reads = onlyReads(sql);
        if (!keepsStatements(sql)) await statements.clear();
        if (params.length === 0) return arrowToRows(await sent(conn.query(sql)));
        if (reads) return statements.run(sql, async (stmt) => arrowToRows(await sent(stmt.query(...params))));
        const stmt = await conn.prepare(sql);
        try {
          return arrowToRows(await stmt.query(...params));
        } finally {
          await stmt.close();
        }
      });
    },
    async exec(sql: string): Promise<void> {
      await statements.clear();
      await guard(() => conn.query(sql));
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      // The buffer is transferred to the worker (detached here): callers pass bytes they no
      // longer need, which is how the loader uses it.
      await guard(() => db.registerFileBuffer(name, bytes));
    },
    async registerBlob(name: string, blob: Blob): Promise<void> {
      // Read by the worker piece by piece (FileReaderSync) as queries need them: never copied whole.
      await guard(() => db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true));
    },
    async dropFile(name: string): Promise<void> {
      await guard(() => db.dropFile(name));
    },
    async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
      if (create) await statements.clear();
      await guard(() => conn.insertArrowFromIPCStream(ipc, { name: table, create }));
    },
    async arrowToCells(ipc: Uint8Array, table: string): Promise<string[]> {
      await statements.clear();
      return guard(async () => {
        // The typed rows go to the plain in-memory catalog, not the compressed store the app's
        // tables live in (compressing them would be wasted: written once, read once). Arrow's
        // insert makes no TEMPORARY tables.
        const typed = `arrow_cells_${++arrowTables}`;
        await conn.insertArrowFromIPCStream(ipc, { name: typed, schema: PLAIN_CATALOG, create: true });
        try {
          const columns = arrowToRows(await conn.query(`DESCRIBE ${PLAIN_CATALOG}.${typed}`)).map((c) => String(c.column_name));
          await conn.query(typedCellsSql(table, columns, `${PLAIN_CATALOG}.${typed}`));
          return columns;
        } finally {
          await conn.query(`DROP TABLE IF EXISTS ${PLAIN_CATALOG}.${typed}`);
        }
      });
    },
    async queryArrowIPC(sql: string): Promise<Uint8Array> {
      if (!onlyReads(sql)) await statements.clear();
      return guard(async () => tableToIPC(await conn.query(sql), 'stream'));
    },
    // No cancel(): every query goes through conn.query / prepared.query, which the worker runs
    // to completion in one message; cancelSent only stops streamed (send) queries. Superseded
    // results are dropped by the app instead (see src/app/latest-only.ts).
    async close(): Promise<void> {
      await statements.clear();
      await conn.close();
      await db.terminate();
      shared = null;
    },
  };
  return engine;
}

async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw cleanError(e);
  }
}
