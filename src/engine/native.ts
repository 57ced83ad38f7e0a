import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENGINE_SETUP_SQL } from '../engine/setup';
import type { BindValue, Engine, Row, Spool } from '../engine/types';
import { sqlString } from './sql-literal';

/**
 * Native DuckDB (@duckdb/node-api 1.4.3-r.x, the same DuckDB version as the browser's
 * DuckDB-WASM 1.32.0) behind the project's Engine interface, so the one Runner and the app's
 * loader run on it unchanged. The benchmark's reference, and the CLI's `--engine native` for
 * data too large for a browser: with a database file and a memory limit DuckDB spills to disk
 * instead of holding everything in RAM, and files are read from their paths, not copied.
 *
 * @duckdb/node-api is not a dependency of the project (its lock entries break `npm ci` here;
 * the bench installs it with `npm install --no-save`): it is imported by a computed name so the
 * typecheck and the app's bundle never see it, and typed here by the few members used.
 *
 * Differences from DuckDB-WASM, made to match it:
 * - extension autoloading off (ENGINE_SETUP_SQL), TimeZone UTC (the native build has ICU,
 *   the browser's does not; models must not depend on it).
 * - registerFile writes the bytes to a private temp folder on `file_search_path`, so
 *   `read_csv('upload_1.csv')` finds them as in the browser's virtual file system.
 * - parameters are bound as DuckDB-WASM binds them (numbers as DOUBLE, NULL as VARCHAR);
 * - values come back as the browser's rows do (src/engine/rows.ts): BIGINT/HUGEINT as JS
 *   numbers, DECIMAL as doubles, DATE/TIMESTAMP as Dates (epoch ms inside lists/structs).
 */

interface NativeReader {
  getRowObjectsJS(): Record<string, unknown>[];
}
interface NativeConnection {
  run(sql: string, values?: unknown[], types?: unknown[]): Promise<unknown>;
  runAndReadAll(sql: string, values?: unknown[], types?: unknown[]): Promise<NativeReader>;
  interrupt(): void;
  closeSync(): void;
}
interface NativeInstance {
  connect(): Promise<NativeConnection>;
  closeSync(): void;
}
interface NodeApi {
  DuckDBInstance: { create(path?: string, options?: Record<string, string>): Promise<NativeInstance> };
  DOUBLE: unknown;
  VARCHAR: unknown;
  BOOLEAN: unknown;
}

export const NODE_API_PACKAGE = '@duckdb/node-api';
/** The node-api release on DuckDB 1.4.3, the version inside DuckDB-WASM 1.32.0. */
export const NODE_API_VERSION = '1.4.3-r.3';
export const NODE_API_INSTALL = `npm install --no-save ${NODE_API_PACKAGE}@${NODE_API_VERSION}`;

export async function loadNodeApi(): Promise<NodeApi> {
  const name = NODE_API_PACKAGE;
  try {
    return (await import(/* @vite-ignore */ name)) as NodeApi;
  } catch {
    throw new Error(`native DuckDB (${NODE_API_PACKAGE}) is not installed; install it with: ${NODE_API_INSTALL}`);
  }
}

export interface NativeEngineOptions {
  /** DuckDB worker threads; omitted = DuckDB's default (one per core). */
  threads?: number;
  /** e.g. '4GB'; omitted = DuckDB's default (80% of RAM). */
  memoryLimit?: string;
  /** A database file: tables live on disk (bounded memory); omitted = in memory. */
  databaseFile?: string;
  /** Where operators spill when they pass the memory limit; default: DuckDB's (next to the database). */
  tempDirectory?: string;
}

export interface NativeEngine extends Engine {
  /** The folder registered files are written to (on DuckDB's file_search_path). */
  readonly fileDir: string;
}

export async function createNativeEngine(options: NativeEngineOptions = {}): Promise<NativeEngine> {
  const api = await loadNodeApi();
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  const instance = await api.DuckDBInstance.create(options.databaseFile ?? ':memory:', config);
  const conn = await instance.connect();
  const fileDir = mkdtempSync(path.join(tmpdir(), 'ri-native-'));
  const engine: NativeEngine = {
    fileDir,
    async query(sql: string, params: readonly BindValue[] = []): Promise<Row[]> {
      // Bound as DuckDB-WASM binds them: every number as DOUBLE, NULL as a VARCHAR NULL.
      const types = params.map((p) => (typeof p === 'number' ? api.DOUBLE : typeof p === 'boolean' ? api.BOOLEAN : api.VARCHAR));
      const reader = await wrap(() => (params.length === 0 ? conn.runAndReadAll(sql) : conn.runAndReadAll(sql, [...params], types)));
      return reader.getRowObjectsJS().map(plainRow);
    },
    async exec(sql: string): Promise<void> {
      await wrap(() => conn.run(sql));
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      writeFileSync(path.join(fileDir, safeName(name)), bytes);
    },
    async registerFilePath(name: string, file: string): Promise<void> {
      // A link, not a copy: a 5 GB export is read by DuckDB from where it lies.
      symlinkSync(path.resolve(file), path.join(fileDir, safeName(name)));
    },
    async createSpool(name: string): Promise<Spool> {
      const file = path.join(fileDir, safeName(name));
      const handle = await open(file, 'w');
      return {
        path: file,
        async write(bytes: Uint8Array) {
          await handle.write(bytes);
        },
        async close() {
          await handle.close();
        },
      };
    },
    async dropFile(name: string): Promise<void> {
      rmSync(path.join(fileDir, safeName(name)), { force: true });
    },
    async insertArrowIPC(): Promise<void> {
      // The loader stages Parquet/JSON as CSV text (see src/loader/read-input.ts); nothing calls this.
      throw new Error('Arrow insert is not available in the native engine');
    },
    async cancel(): Promise<void> {
      conn.interrupt();
    },
    async close(): Promise<void> {
      conn.closeSync();
      instance.closeSync();
      rmSync(fileDir, { recursive: true, force: true });
    },
  };
  await engine.exec(ENGINE_SETUP_SQL);
  await engine.exec(`SET TimeZone = 'UTC'; SET file_search_path = ${sqlString(fileDir)}`);
  return engine;
}

function safeName(name: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`Unsupported virtual file name "${name}"`);
  return name;
}

/** The browser's row shape (src/engine/rows.ts): no BigInt anywhere. */
function plainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) out[key] = plainValue(row[key]);
  return out;
}

function plainValue(v: unknown, nested = false): unknown {
  if (typeof v === 'bigint') return Number(v);
  // rows.ts turns nested values into JSON: a Date inside a list or struct is epoch milliseconds.
  if (v instanceof Date) return nested ? v.getTime() : v;
  if (Array.isArray(v)) return v.map((x) => plainValue(x, true));
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plainValue(x, true);
    return o;
  }
  return v;
}

async function wrap<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw new Error(e instanceof Error ? e.message : String(e));
  }
}
