import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { arrowToRows } from './rows';
import { COMPRESSED_STORAGE_SQL } from './compressed-storage';
import { ENGINE_SETUP_SQL } from './setup';
import { keepsStatements, onlyReads, StatementCache } from './statement-cache';
import type { BindValue, Engine, Row } from './types';

/**
 * The browser's own DuckDB-WASM build (EH bundle), run synchronously in Node for tests and the CLI.
 * Instantiating compiles ~35 MB of wasm, so callers create one per test file / per CLI run.
 */
export async function createNodeEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castDecimalToDouble: true } });
  const conn = db.connect();
  // The browser's statement reuse (src/engine/statement-cache.ts), so tests run that path too.
  const statements = new StatementCache((sql: string) => wrap(() => conn.prepare(sql)), (stmt) => stmt.close());
  const engine: Engine = {
    async query(sql: string, params: readonly BindValue[] = []): Promise<Row[]> {
      const reads = onlyReads(sql);
      if (!keepsStatements(sql)) await statements.clear();
      if (params.length > 0 && reads) return statements.run(sql, (stmt) => wrap(() => arrowToRows(stmt.query(...params))));
      return wrap(() => {
        if (params.length === 0) return arrowToRows(conn.query(sql));
        const stmt = conn.prepare(sql);
        try {
          return arrowToRows(stmt.query(...params));
        } finally {
          stmt.close();
        }
      });
    },
    async exec(sql: string): Promise<void> {
      await statements.clear();
      wrap(() => conn.query(sql));
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
    async insertArrowIPC(): Promise<void> {
      // The blocking Node build accepts the stream but creates no table (duckdb-wasm #2170
      // family); the loader stages Parquet/JSON as CSV text instead, so nothing calls this.
      throw new Error('Arrow insert is not available in the Node build of DuckDB-WASM');
    },
    async close(): Promise<void> {
      await statements.clear();
      conn.close();
      db.reset();
    },
  };
  await engine.exec(ENGINE_SETUP_SQL);
  await engine.exec(COMPRESSED_STORAGE_SQL);
  return engine;
}

/** DuckDB-WASM errors carry the whole minified module in their stack; keep only the message. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(e instanceof Error ? e.message : String(e));
  }
}
