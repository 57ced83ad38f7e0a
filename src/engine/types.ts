/** A plain result row: JS numbers, strings, booleans, Dates and nulls only (see rows.ts). */
export type Row = Record<string, unknown>;

/** How a query is run (Engine.query). */
export interface QueryOptions {
  /**
   * Called once the statement has been handed to the database and only its answer is awaited
   * (the page's worker runs what it is sent in order: the next query can be sent at once). An
   * engine that runs the statement before returning calls it never; the caller then goes on
   * once the answer is in.
   */
  onSent?: () => void;
}

/** A value that can be bound to a prepared statement parameter. */
export type BindValue = string | number | boolean | null;

/**
 * The one database surface the runner, the loader, the CLI and the app use.
 * Node (tests, CLI) and the browser (Web Worker) provide the same DuckDB-WASM build behind it.
 */
export interface Engine {
  /** Runs one statement with positional `?`/`$n` parameters and returns plain rows. */
  query(sql: string, params?: readonly BindValue[], options?: QueryOptions): Promise<Row[]>;
  /** Runs one or more statements without parameters (DDL, seeds). */
  exec(sql: string): Promise<void>;
  /** Makes bytes readable by SQL under `name` (read_csv('name')). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /** Makes a file on disk readable under `name` without reading it into JS (native engine only). */
  registerFilePath?(name: string, path: string): Promise<void>;
  /**
   * A file written piece by piece, then readable under `name` (native engine only: on disk, so
   * a file of any size is staged without ever being whole in memory).
   */
  createSpool?(name: string): Promise<Spool>;
  /** Makes a Blob (a File) readable by SQL under `name`, read piece by piece as SQL asks (browser only). */
  registerBlob?(name: string, blob: Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Creates or appends to `table` from an Arrow IPC stream. */
  insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
  /**
   * Makes temp table `table` of an Arrow IPC stream's cells as text (typedCellsSql: __line,
   * c1 ... cn, each value cast to VARCHAR) and returns the column names. Where DuckDB can take
   * Arrow (the browser's worker): typed data goes to the checks without being written out as CSV
   * text and read back. Absent elsewhere.
   */
  arrowToCells?(ipc: Uint8Array, table: string): Promise<string[]>;
  /** A query's result as an Arrow IPC stream (the browser's worker: moves whole tables between DuckDBs). */
  queryArrowIPC?(sql: string): Promise<Uint8Array>;
  /** Cancels the query that is running, if the engine supports it. */
  cancel?(): Promise<void>;
  close(): Promise<void>;
}

export interface Spool {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  /** Where it is on disk (for DuckDB's COPY ... TO). */
  path?: string;
}
