import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/types';
import { loadCanonicalFiles, type FileLoadReport } from '../../src/loader/load-canonical';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { csv, useEngine } from '../helpers/engine';

/**
 * The canonical loader's fast path (src/loader/fast-load.ts) must give exactly what the full
 * path gives: the same rows with the same values, the same accounting and the same listed
 * issues, on clean files with awkward but valid spellings (which it loads itself) and on
 * files with anything to report (which it must hand to the full path).
 */
describe('canonical loader: fast path = full path', () => {
  const db = useEngine();

  const TABLES = ['order_lines', 'products', 'shipments', 'returns', 'reviews', 'load_log', 'load_issues'];

  /** Loads the files on empty tables; what was loaded, reported and listed, and whether stage tables were used. */
  async function load(files: Record<string, string>, fastPath: boolean) {
    const engine = db.runner().engine;
    for (const t of TABLES) await engine.exec(`DELETE FROM ${t}`);
    const staged: string[] = [];
    const spy: Engine = {
      ...engine,
      query: (sql, params) => {
        if (/CREATE TEMP TABLE stage_/.test(sql)) staged.push(sql);
        return engine.query(sql, params);
      },
    };
    const reports = await loadCanonicalFiles(
      spy,
      Object.entries(files).map(([name, text]) => ({ name, text })),
      decodeParquetNode,
      undefined,
      { fastPath },
    );
    const tables: Record<string, unknown[]> = {};
    for (const t of ['order_lines', 'products', 'shipments', 'returns', 'reviews']) {
      tables[t] = await engine.query(`SELECT * FROM ${t} ORDER BY ALL`);
    }
    const issues = await engine.query('SELECT * FROM load_issues ORDER BY ALL');
    const log = await engine.query('SELECT table_name, source_file, rows_read, rows_loaded, rows_rejected, rows_excluded, rows_warned FROM load_log ORDER BY ALL');
    return { reports: reports.map(comparable), tables, issues, log, usedFullPath: staged.length > 0 };
  }

  const comparable = (r: FileLoadReport) => ({ ...r });

  async function expectSame(files: Record<string, string>, fastPathLoadsItself: boolean) {
    const full = await load(files, false);
    const fast = await load(files, true);
    expect(fast.reports).toEqual(full.reports);
    expect(fast.tables).toEqual(full.tables);
    expect(fast.issues).toEqual(full.issues);
    expect(fast.log).toEqual(full.log);
    expect(full.usedFullPath).toBe(true);
    expect(fast.usedFullPath).toBe(!fastPathLoadsItself);
    return fast;
  }

  const cleanOrderLines = csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region,extra',
    'O1,1,2024-01-02,A,1,10.5,EUR,web,C1,DE,x',
    'O1,2,2024-1-2,B,2,.5,EUR,"we,b",C1,DE,',
    'O2,1,2024-02-29 13:45:00,"multi\nline sku",3,1e2,,app,,FR,y',
    'O3,1,2024-03-01T23:59:59,C,0,0,"",store,C2,"",z',
    'O4,1,2024-03-02,Ä–ü,10,-0,USD,web,C3,US,',
  );

  it('loads a clean file with awkward valid spellings itself, with the values the full path gives', async () => {
    const fast = await expectSame({ 'order_lines.csv': cleanOrderLines }, true);
    expect(fast.reports[0]).toMatchObject({ rowsRead: 5, rowsLoaded: 5, rowsRejected: 0, rowsWarned: 0, ignoredColumns: ['extra'] });
    expect(fast.tables.order_lines).toHaveLength(5);
  });

  it('loads clean files of every table itself: timestamps, booleans, optional columns', async () => {
    await expectSame(
      {
        'products.csv': csv('sku,product_name,category,supplier,unit_cost', 'A,Shirt,apparel,S1,4.25', 'B,"Shoe, red",shoes,S2,'),
        'shipments.csv': csv(
          'order_id,carrier,shipped_at,promised_at,delivered_at,status',
          'O1,DHL,2024-01-02 10:00:00,2024-01-05,2024-01-04T09:30:00.250,delivered',
          'O2,UPS,2024-02-29,,,in_transit',
        ),
        'returns.csv': csv(
          'return_id,order_id,sku,quantity,reason,requested_at,refund_amount,pickup_attempts,pickup_failed',
          'R1,O1,A,1,too_small,2024-01-10 08:00:00,10.5,1,yes',
          'R2,O1,B,1,,2024-01-11,0,0,N',
          'R3,,C,2,defective,,,,TRUE',
          'R4,O2,C,1,damaged,2024-03-01,3,2,',
        ),
        'reviews.csv': csv('review_id,sku,rating,created_at,title', 'V1,A,5,2024-01-20 12:00:00,"Great, ""really"""', 'V2,B,1,,'),
      },
      true,
    );
  });

  // Each of these has something the full path reports or changes: the fast path must not keep its result.
  const DIRTY: [string, Record<string, string>][] = [
    ['a cell the reader cannot convert', { 'order_lines.csv': cleanOrderLines.replace(',3,1e2,', ',three,1e2,') }],
    ['a row with too many cells', { 'order_lines.csv': cleanOrderLines + 'O9,1,2024-01-01,A,1,1,EUR,web,C1,DE,x,surplus\n' }],
    ['a required value missing', { 'order_lines.csv': cleanOrderLines.replace('O3,1,2024-03-01T23:59:59,C,', 'O3,1,2024-03-01T23:59:59,,') }],
    ['a negative quantity', { 'order_lines.csv': cleanOrderLines.replace('O4,1,2024-03-02,Ä–ü,10,', 'O4,1,2024-03-02,Ä–ü,-10,') }],
    ['a repeated key', { 'order_lines.csv': cleanOrderLines + 'O1,1,2024-01-02,A,1,10.5,EUR,web,C1,DE,x\n' }],
    ['a text with a leading space (trimmed by the full path)', { 'order_lines.csv': cleanOrderLines.replace(',web,C3,', ', web,C3,') }],
    ['a date in the future (a warning)', { 'order_lines.csv': cleanOrderLines.replace('2024-03-02', '2999-01-01') }],
    ['a timestamp in the future (a warning)', { 'returns.csv': csv('return_id,quantity,requested_at', 'R1,1,2999-01-01 00:00:00') }],
    ['a boolean spelled otherwise', { 'returns.csv': csv('return_id,quantity,pickup_failed', 'R1,1,maybe', 'R2,1,yes') }],
    ['a rating outside 1-5', { 'reviews.csv': csv('review_id,sku,rating', 'V1,A,6', 'V2,A,5') }],
  ];

  for (const [what, files] of DIRTY) {
    it(`hands a file with ${what} to the full path, with the same result`, async () => {
      const fast = await expectSame(files, false);
      const report = fast.reports[0]!;
      expect(report.rowsRead).toBe(report.rowsLoaded + report.rowsRejected);
    });
  }

  it('takes the full path for a second file of a table already holding rows (duplicates across files)', async () => {
    const second = csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,1,2024-01-02,A,1,10.5', 'O9,1,2024-01-02,A,1,10.5');
    const fast = await expectSame({ 'order_lines.csv': cleanOrderLines, '2025/order_lines.csv': second }, false);
    expect(fast.reports[1]).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
  });
});
