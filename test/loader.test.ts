import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { readImportSql } from '../src/loader/import/node';
import { loadFiles } from '../src/loader/load-file';
import { decodeParquetNode } from '../src/loader/parquet-node';
import { csv, useEngine } from './helpers/engine';

const enc = (s: string) => new TextEncoder().encode(s);
const LINES_HEADER = 'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region';

describe('canonical loader', () => {
  const db = useEngine();
  const count = async (t: string) => Number((await db.runner().engine.query(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  const reset = async () => {
    for (const t of ['order_lines', 'products', 'returns', 'reviews', 'shipments', 'load_log', 'load_issues']) {
      await db.runner().engine.exec(`DELETE FROM ${t}`);
    }
  };

  it('accounts for every row: loaded or rejected with line and reason', async () => {
    await reset();
    const text = csv(
      LINES_HEADER,
      'O1,1,2024-01-05,A,2,10.5,EUR,web,C1,DE', // ok
      'O1,2,2024-01-05,B,1,20,EUR,web,C1,DE', // ok
      'O3,1,notadate,A,1,10,EUR,app,C2,FR', // line 4: bad date
      'O3,2,2024-02-01,A,-1,10,EUR,app,C2,FR', // line 5: negative quantity
      'O1,1,2024-02-01,A,1,10,EUR,app,C2,FR', // line 6: duplicate key
      'O4,1,2024-02-01,,1,10,EUR,app,C2,FR', // line 7: missing sku
      'O5,1,2024-02-01,A,1,10,EUR,app,C2,FR,extra', // line 8: too many columns
    );
    const [r] = await loadFiles(db.runner().engine, readImportSql(), [{ name: 'order_lines.csv', bytes: enc(text) }], decodeParquetNode);
    expect(r).toMatchObject({ rowsRead: 7, rowsLoaded: 2, rowsRejected: 5 });
    expect(await count('order_lines')).toBe(2);
    const issues = await db.runner().engine.query('SELECT line_number, reason FROM load_issues ORDER BY line_number');
    expect(issues).toEqual([
      { line_number: 4, reason: 'bad date in order_date (expected ISO 8601 (year-month-day)): "notadate"' },
      { line_number: 5, reason: 'negative quantity: "-1"' },
      { line_number: 6, reason: 'duplicate order_id + line_id: "O1 + 1" (first on line 2)' },
      { line_number: 7, reason: 'missing sku' },
      { line_number: 8, reason: 'unreadable row (too many columns)' },
    ]);
  });

  it('reads TSV, JSON (array and NDJSON) and Parquet into the same tables', async () => {
    await reset();
    const arrow = tableFromArrays({ sku: ['A', 'B'], category: ['shoes', 'home'], unit_cost: Float64Array.from([4, 9]) });
    const parquet = writeParquet(WasmTable.fromIPCStream(tableToIPC(arrow, 'stream')));
    const reports = await loadFiles(db.runner().engine, readImportSql(),
      [
        { name: 'order_lines.tsv', bytes: enc('order_id\tline_id\torder_date\tsku\tquantity\tunit_price\nO1\t1\t2024-01-01\tA\t1\t5\n') },
        { name: 'products.parquet', bytes: parquet },
        { name: 'reviews.json', bytes: enc('[{"review_id":"V1","sku":"A","rating":5},{"review_id":"V2","sku":"B","rating":9}]') },
        { name: 'returns.jsonl', bytes: enc('{"return_id":"R1","order_id":"O1","quantity":1}\n{"return_id":"R2","quantity":"x"}\n') },
      ],
      decodeParquetNode,
    );
    expect(reports.map((r) => [r.table, r.rowsLoaded, r.rowsRejected, r.error])).toEqual([
      ['order_lines', 1, 0, undefined],
      ['products', 2, 0, undefined],
      ['reviews', 1, 1, undefined],
      ['returns', 1, 1, undefined],
    ]);
    expect(await db.runner().engine.query('SELECT sku, category, unit_cost FROM products ORDER BY sku')).toEqual([
      { sku: 'A', category: 'shoes', unit_cost: 4 },
      { sku: 'B', category: 'home', unit_cost: 9 },
    ]);
  });

  it('leaves the data as it was when a file cannot be used', async () => {
    await reset();
    await loadFiles(db.runner().engine, readImportSql(), [{ name: 'order_lines.csv', bytes: enc(csv(LINES_HEADER, 'O1,1,2024-01-05,A,2,10.5,EUR,web,C1,DE')) }], decodeParquetNode);
    const reports = await loadFiles(db.runner().engine, readImportSql(),
      [
        { name: 'order_lines.csv', bytes: enc('order_id,sku\nO9,A\n') },
        { name: 'products.parquet', bytes: enc('not parquet at all') },
        { name: 'notes.csv', bytes: enc('a,b\n1,2\n') },
      ],
      decodeParquetNode,
    );
    expect(reports[0]!.error).toBe('order_lines.csv: missing required columns line_id, order_date, quantity, unit_price');
    expect(reports[1]!.error).toMatch(/^products\.parquet: cannot be read as parquet/);
    expect(reports[2]!.error).toMatch(/not a canonical table name/);
    expect(await count('order_lines')).toBe(1);
    expect(await count('products')).toBe(0);
  });
});

describe('canonical loader, appending and line numbers', () => {
  const db = useEngine();
  it('appends a second file and rejects only keys already loaded; lines count past unreadable rows', async () => {
    const engine = db.runner().engine;
    const first = csv(LINES_HEADER, 'O1,1,2024-01-05,A,2,10.5,EUR,web,C1,DE');
    const second = csv(
      LINES_HEADER,
      'O2,1,2024-01-06,A,1,10,EUR,web,C1,DE', // line 2: new, loads
      'O5,1,2024-02-01,A,1,10,EUR,app,C2,FR,extra', // line 3: unreadable
      'O1,1,2024-01-05,A,2,10.5,EUR,web,C1,DE', // line 4: already loaded
      'O3,1,2024-01-07,B,x,10,EUR,web,C1,DE', // line 5: bad integer
    );
    await loadFiles(engine, readImportSql(), [{ name: 'order_lines.csv', bytes: enc(first) }], decodeParquetNode);
    const [r] = await loadFiles(engine, readImportSql(), [{ name: 'order_lines.csv', bytes: enc(second) }], decodeParquetNode);
    expect(r).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsRejected: 3 });
    expect(await engine.query('SELECT line_number, reason FROM load_issues ORDER BY line_number')).toEqual([
      { line_number: 3, reason: 'unreadable row (too many columns)' },
      { line_number: 4, reason: 'duplicate order_id + line_id: "O1 + 1" (already loaded)' },
      { line_number: 5, reason: 'bad whole number in quantity: "x"' },
    ]);
  });
});

describe('canonical loader, rows that could vanish', () => {
  const db = useEngine();
  it('keeps a one-column row whose value is null and refuses an ambiguous JSON wrapper', async () => {
    const engine = db.runner().engine;
    // products.json: one column (sku); the second record has no sku. Staged as CSV text, that
    // record is an empty line: it must still be read, then rejected (not skipped as blank).
    const [p] = await loadFiles(engine, readImportSql(), [{ name: 'products.json', bytes: enc('[{"sku":"A"},{"sku":null},{"sku":"B"}]') }], decodeParquetNode);
    expect(p).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(await engine.query(`SELECT reason FROM load_issues WHERE table_name = 'products'`)).toEqual([{ reason: 'missing sku' }]);
    const [w] = await loadFiles(engine, readImportSql(),
      [{ name: 'reviews.json', bytes: enc('{"meta":[{"x":1}],"data":[{"review_id":"V1","sku":"A","rating":4}]}') }],
      decodeParquetNode,
    );
    expect(w!.error).toMatch(/several lists \(meta, data\)/);
  });
});
