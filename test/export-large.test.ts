import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import type { Row } from '../src/engine/types';
import { buildExport } from '../src/export/export-file';
import { writeParquetNode } from '../src/export/parquet-node';
import { parseCsv } from './helpers/csv';

const N = 120_000;
const TRICKY = ['=HYPERLINK("http://x","y")', '+1', '-2', '@x'];

/** 120,000 rows like a drill-down's; every 1,000th row carries one of the formula-like cells. */
function generate(): Row[] {
  const rows: Row[] = new Array(N);
  for (let i = 0; i < N; i++) {
    rows[i] = {
      return_id: `R${i}`,
      customer_id: i % 1000 === 0 ? TRICKY[(i / 1000) % TRICKY.length]! : `C${i % 977}`,
      quantity: (i % 5) + 1,
      refund_amount: i % 7 === 0 ? null : -2 + (i % 100) / 4,
      requested_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
    };
  }
  return rows;
}

describe('exports of 120,000 rows', () => {
  const rows = generate();
  const columns = ['return_id', 'customer_id', 'quantity', 'refund_amount', 'requested_at'];
  const decode = (parts: (string | Uint8Array)[]) => parts.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p))).join('');

  it('CSV keeps every row and neutralises formula-like text, not negative numbers', async () => {
    const progress: number[] = [];
    const file = await buildExport('csv', rows, columns, { parquetWriter: writeParquetNode, onProgress: (f) => progress.push(f) });
    expect(file).toMatchObject({ extension: 'csv', rows: N });
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(1);
    const table = parseCsv(decode(file.parts));
    expect(table[0]).toEqual(columns);
    expect(table.length - 1).toBe(N);
    expect(table[N]![0]).toBe(`R${N - 1}`);
    // Row i is line i + 1 (after the header).
    expect(table[1]![1]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(table[1001]![1]).toBe("'+1");
    expect(table[2001]![1]).toBe("'-2");
    expect(table[3001]![1]).toBe("'@x");
    expect(table[2]![1]).toBe('C1');
    // refund_amount of row 1 is -2 + 1/4 = -1.75: a number, written as is.
    expect(table[2]![3]).toBe('-1.75');
    expect(table[1]![3]).toBe(''); // row 0: i % 7 === 0, NULL
    expect(table[5]![3]).toBe('-1'); // row 4: -2 + 4/4
  });

  it('Parquet keeps every row and the values as they were', async () => {
    const file = await buildExport('parquet', rows, columns, {
      parquetWriter: writeParquetNode,
      types: { refund_amount: 'double', requested_at: 'timestamp' },
    });
    expect(file).toMatchObject({ extension: 'parquet', rows: N });
    const table = tableFromIPC(readParquet(file.parts[0] as Uint8Array).intoIPCStream());
    expect(table.numRows).toBe(N);
    const last = table.get(N - 1)!.toJSON();
    expect(last.return_id).toBe(`R${N - 1}`);
    expect(Number(last.quantity)).toBe(((N - 1) % 5) + 1);
    expect(table.get(0)!.toJSON().customer_id).toBe('=HYPERLINK("http://x","y")'); // data, not a spreadsheet: kept as is
    expect(table.get(1)!.toJSON().refund_amount).toBe(-1.75);
    expect(table.get(0)!.toJSON().refund_amount).toBeNull();
    expect(Number(table.get(N - 1)!.toJSON().requested_at)).toBe(Date.UTC(2024, 0, 1) + (N - 1) * 60_000);
  });
});
