import {
  Bool,
  DateDay,
  Float64,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  type Vector,
} from 'apache-arrow';
import type { Row } from '../engine/types';
import { yieldToEventLoop } from './csv';

/**
 * Plain rows (see src/engine/rows.ts: strings, numbers, booleans, Dates, nulls) → Parquet
 * bytes. The rows become an Arrow table here (one typed column per output column), then
 * parquet-wasm writes it: `parquet-node.ts` in Node, `parquet-browser.ts` in the browser
 * (the same wasm the loader reads Parquet with, served from the app's own files).
 */

/** Column types of an export. Dates at midnight UTC are days; other Dates are timestamps. */
export type ExportColumnType = 'string' | 'double' | 'int' | 'bool' | 'date' | 'timestamp';

/**
 * Arrow IPC stream in, Parquet file out (parquet-wasm's Table.fromIPCStream + writeParquet).
 * `metadata` becomes the file's key/value metadata (e.g. the personal-data note of an export).
 */
export type ParquetWriter = (arrowIpcStream: Uint8Array, metadata?: Record<string, string>) => Promise<Uint8Array> | Uint8Array;

export interface ParquetOptions {
  /** Types per column; columns not listed are inferred from their values (inferColumnType). */
  types?: Partial<Record<string, ExportColumnType>>;
  /** Called after each column is converted (done columns, total columns). */
  onProgress?: (done: number, total: number) => void;
  /** Key/value metadata written into the file. */
  metadata?: Record<string, string>;
}

export async function toParquet(rows: Row[], columns: string[], writer: ParquetWriter, options: ParquetOptions = {}): Promise<Uint8Array> {
  const table = await rowsToArrowTable(rows, columns, options);
  return writer(tableToIPC(table, 'stream'), options.metadata);
}

/** The Arrow table of the rows, column by column (pausing between columns for the page to breathe). */
export async function rowsToArrowTable(rows: Row[], columns: string[], options: ParquetOptions = {}): Promise<Table> {
  const vectors: Record<string, Vector> = {};
  for (let c = 0; c < columns.length; c++) {
    const name = columns[c]!;
    const type = options.types?.[name] ?? inferColumnType(rows, name);
    vectors[name] = columnVector(rows, name, type);
    options.onProgress?.(c + 1, columns.length);
    if (rows.length > 20_000 && c < columns.length - 1) await yieldToEventLoop();
  }
  return new Table(vectors);
}

/**
 * The type of a column from its values: the first non-null value decides the family; numbers
 * are integers only when every value is a whole number within 2^53 (a money column that happens
 * to hold whole amounts is then written as integers: pass `types` when it matters); Dates are
 * days when every one of them is at midnight UTC. An all-null column is a string column.
 */
export function inferColumnType(rows: Row[], column: string): ExportColumnType {
  let kind: 'string' | 'number' | 'bool' | 'date' | null = null;
  let allInts = true;
  let allMidnight = true;
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    if (kind === null) {
      kind = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : v instanceof Date ? 'date' : 'string';
    }
    if (kind === 'number') {
      if (typeof v !== 'number') return 'string';
      if (allInts && !Number.isSafeInteger(v)) allInts = false;
    } else if (kind === 'date') {
      if (!(v instanceof Date)) return 'string';
      if (allMidnight && v.getTime() % 86_400_000 !== 0) allMidnight = false;
    } else if (kind === 'bool' && typeof v !== 'boolean') return 'string';
  }
  if (kind === 'number') return allInts ? 'int' : 'double';
  if (kind === 'date') return allMidnight ? 'date' : 'timestamp';
  if (kind === 'bool') return 'bool';
  return 'string';
}

/**
 * One Arrow column straight from typed arrays and a validity bitmap. (Arrow's value builders
 * compile their null check with `new Function`, which the app's Content-Security-Policy
 * forbids, so they are not used.)
 */
function columnVector(rows: Row[], column: string, type: ExportColumnType): Vector {
  const n = rows.length;
  const valid = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  const values = new Array<unknown>(n);
  const convert = CONVERT[type];
  for (let i = 0; i < n; i++) {
    const raw = rows[i]![column];
    const v = raw === null || raw === undefined ? null : convert(raw);
    values[i] = v;
    if (v === null) nullCount++;
    else valid[i >> 3]! |= 1 << (i & 7);
  }
  const common = { length: n, nullCount, nullBitmap: valid };
  switch (type) {
    case 'double': {
      const data = new Float64Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = values[i] as number;
      return makeVector(makeData({ type: new Float64(), ...common, data }));
    }
    case 'int': {
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = BigInt(values[i] as number);
      return makeVector(makeData({ type: new Int64(), ...common, data }));
    }
    case 'timestamp': {
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = BigInt(values[i] as number);
      return makeVector(makeData({ type: new TimestampMillisecond(), ...common, data }));
    }
    case 'date': {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) if (values[i] !== null) data[i] = Math.floor((values[i] as number) / 86_400_000);
      return makeVector(makeData({ type: new DateDay(), ...common, data }));
    }
    case 'bool': {
      const data = new Uint8Array(Math.ceil(n / 8));
      for (let i = 0; i < n; i++) if (values[i] === true) data[i >> 3]! |= 1 << (i & 7);
      return makeVector(makeData({ type: new Bool(), ...common, data }));
    }
    default: {
      const encoder = new TextEncoder();
      const encoded = new Array<Uint8Array | null>(n);
      const valueOffsets = new Int32Array(n + 1);
      let size = 0;
      for (let i = 0; i < n; i++) {
        const bytes = values[i] === null ? null : encoder.encode(values[i] as string);
        encoded[i] = bytes;
        size += bytes?.length ?? 0;
        valueOffsets[i + 1] = size;
      }
      const data = new Uint8Array(size);
      for (let i = 0; i < n; i++) {
        const bytes = encoded[i];
        if (bytes) data.set(bytes, valueOffsets[i]!);
      }
      return makeVector(makeData({ type: new Utf8(), ...common, valueOffsets, data }));
    }
  }
}

const toNumber = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : v instanceof Date ? v.getTime() : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Values as the column arrays take them (numbers, epoch ms, booleans, strings); a value that does not fit its type becomes null. */
const CONVERT: Record<ExportColumnType, (v: unknown) => unknown> = {
  string: (v) => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)),
  double: (v) => toNumber(v),
  int: (v) => {
    const n = toNumber(v);
    return n === null || !Number.isSafeInteger(n) ? null : n;
  },
  bool: (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : null),
  date: (v) => toNumber(v instanceof Date ? v : new Date(String(v))),
  timestamp: (v) => toNumber(v instanceof Date ? v : new Date(String(v))),
};
