import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { arrowToRows } from '../src/engine/rows';
import { exportFileName } from '../src/export/export-file';
import { inferColumnType, rowsToArrowTable, toParquet } from '../src/export/parquet';
import { writeParquetNode } from '../src/export/parquet-node';

const readBack = (bytes: Uint8Array): Table => tableFromIPC(readParquet(bytes).intoIPCStream());

const ROWS = [
  {
    return_id: 'R1', customer_id: '=HYPERLINK("x")', quantity: 2, refund_amount: 10.5, pickup_failed: true,
    order_date: new Date('2024-01-10T00:00:00Z'), requested_at: new Date('2024-01-15T08:30:05Z'), comment: 'Größe passt nicht, “zu klein”',
  },
  {
    return_id: 'R2', customer_id: null, quantity: null, refund_amount: -2, pickup_failed: false,
    order_date: null, requested_at: new Date('2024-02-29T00:00:00Z'), comment: null,
  },
  {
    return_id: 'R3', customer_id: 'C3', quantity: 0, refund_amount: null, pickup_failed: null,
    order_date: new Date('1999-12-31T00:00:00Z'), requested_at: null, comment: '',
  },
];
const COLUMNS = Object.keys(ROWS[0]!);

describe('Parquet export', () => {
  it('writes rows that read back with the same values, nulls and dates', async () => {
    const bytes = await toParquet(ROWS, COLUMNS, writeParquetNode, { types: { refund_amount: 'double', requested_at: 'timestamp' } });
    expect(Array.from(bytes.slice(0, 4))).toEqual([0x50, 0x41, 0x52, 0x31]); // "PAR1"
    const table = readBack(bytes);
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => f.name)).toEqual(COLUMNS);
    expect(Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]))).toMatchObject({
      return_id: expect.stringMatching(/Utf8/),
      quantity: 'Int64',
      refund_amount: 'Float64',
      pickup_failed: 'Bool',
      order_date: expect.stringMatching(/Date/),
      requested_at: expect.stringMatching(/Timestamp/),
    });
    expect(arrowToRows(table)).toEqual(ROWS);
  });

  it('infers types from the values, and writes an empty table with its columns', async () => {
    expect(inferColumnType(ROWS, 'quantity')).toBe('int');
    expect(inferColumnType(ROWS, 'refund_amount')).toBe('double');
    expect(inferColumnType(ROWS, 'order_date')).toBe('date');
    expect(inferColumnType(ROWS, 'requested_at')).toBe('timestamp');
    expect(inferColumnType(ROWS, 'pickup_failed')).toBe('bool');
    expect(inferColumnType(ROWS, 'comment')).toBe('string');
    expect(inferColumnType([{ x: null }], 'x')).toBe('string');
    expect(inferColumnType([{ x: 1 }, { x: 'a' }], 'x')).toBe('string');
    const inferred = arrowToRows(readBack(await toParquet(ROWS, COLUMNS, writeParquetNode)));
    expect(inferred).toEqual(ROWS);
    const empty = readBack(await toParquet([], ['a', 'b'], writeParquetNode, { types: { a: 'double' } }));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toEqual(['a', 'b']);
  });

  it('builds the Arrow table without evaluating code (the page CSP forbids it)', async () => {
    const real = globalThis.Function;
    const forbidden = new Proxy(real, {
      construct: () => {
        throw new Error('new Function is forbidden by the CSP');
      },
      apply: () => {
        throw new Error('Function() is forbidden by the CSP');
      },
    });
    globalThis.Function = forbidden;
    let ipc: Uint8Array;
    try {
      ipc = tableToIPC(await rowsToArrowTable(ROWS, COLUMNS), 'stream');
    } finally {
      globalThis.Function = real;
    }
    expect(arrowToRows(tableFromIPC(ipc))).toEqual(ROWS);
  });

  it('names files returns-insight-<kind>-<day>', () => {
    const day = new Date(2025, 2, 7, 23, 59);
    expect(exportFileName('returns', 'csv', day)).toBe('returns-insight-returns-2025-03-07.csv');
    expect(exportFileName('leakage', 'parquet', day)).toBe('returns-insight-leakage-2025-03-07.parquet');
    expect(exportFileName('a/b c', 'csv', day)).toBe('returns-insight-a-b-c-2025-03-07.csv');
  });
});

describe('Parquet export with a note', () => {
  it('carries the note (personal data) as the file metadata', async () => {
    const { buildExport } = await import('../src/export/export-file');
    const note = 'Customer ids are personal data: shown as given, never sent anywhere.';
    const file = await buildExport('parquet', ROWS, COLUMNS, { parquetWriter: writeParquetNode, note });
    const { ParquetFile } = await import('parquet-wasm');
    const pf = await ParquetFile.fromFile(new Blob([file.parts[0] as BlobPart]));
    expect(pf.metadata().fileMetadata().keyValueMetadata().get('note')).toBe(note);
    expect(readBack(file.parts[0] as Uint8Array).numRows).toBe(ROWS.length);
  });
});
