import { describe, expect, it } from 'vitest';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { replaceData, type BatchFile } from '../../src/loader/replace-data';
import { csv, useEngine } from '../helpers/engine';

// The loader writes a file's rows in the file's order without sorting them (load-target.ts:
// the staged rows are in line order and DuckDB keeps insertion order). Whatever reads "the
// first line" by row position (order_first_line in schema/derive.sql) and every unsorted
// listing rely on it, so it is checked here on files whose keys are not in sorted order,
// with rejected rows in between, through the page's path (a batch swapped in).

const N = 3000;
/** A key order that is neither sorted nor reversed (a fixed permutation of 0..N-1). */
const order = Array.from({ length: N }, (_, i) => (i * 1237) % N);
const bad = (i: number) => i % 7 === 3;

const lines = order.map((k, i) => `O${k},${(k % 3) + 1},${bad(i) ? 'not a date' : '2025-02-01'},S${k % 5},1,10,EUR,web`);
const returns = order.slice(0, 900).map((k, i) => `R${k},O${k},${(k % 3) + 1},1,defective,${bad(i) ? 'NaN' : '10'}`);
const enc = (s: string) => new TextEncoder().encode(s);
const batch: BatchFile[] = [
  { name: 'products.csv', bytes: enc(csv('sku,category', 'S0,a', 'S1,a', 'S2,b', 'S3,b', 'S4,c')) },
  { name: 'order_lines.csv', bytes: enc(csv('order_id,line_id,order_date,sku,quantity,unit_price,currency,channel', ...lines)) },
  { name: 'returns.csv', bytes: enc(csv('return_id,order_id,line_id,quantity,reason,refund_amount', ...returns)) },
];

describe('rows load in file order', () => {
  const db = useEngine();

  it('order lines and returns keep their file order, rejected rows left out', async () => {
    const result = await replaceData(db.runner(), batch, decodeParquetNode, () => undefined, { allowPartial: true });
    expect(result.replaced).toBe(true);
    const q = (sql: string) => db.runner().engine.query(sql);
    const loadedLines = (await q('SELECT order_id, line_id FROM main.order_lines ORDER BY rowid')).map((r) => `${r.order_id}/${r.line_id}`);
    const expectedLines = order.filter((_, i) => !bad(i)).map((k) => `O${k}/${(k % 3) + 1}`);
    expect(loadedLines.length).toBe(N - order.filter((_, i) => bad(i)).length);
    expect(loadedLines).toEqual(expectedLines);
    const loadedReturns = (await q('SELECT return_id FROM main.returns ORDER BY rowid')).map((r) => String(r.return_id));
    // only the returns with a bad refund are rejected (one whose order line was rejected still loads)
    const expectedReturns = order.slice(0, 900).filter((_, i) => !bad(i)).map((k) => `R${k}`);
    expect(loadedReturns).toEqual(expectedReturns);
    // and the derived lines follow the same order (their first line of each order is the file's)
    const firstLines = await q('SELECT count(*) AS n FROM lines_enriched WHERE order_first_line');
    expect(Number(firstLines[0]!.n)).toBe(expectedLines.length);
  });
});
