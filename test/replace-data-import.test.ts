import { describe, expect, it } from 'vitest';
import { sniff } from '../src/loader/import/decode';
import { readImportSql } from '../src/loader/import/node';
import { buildPreset, detectPreset } from '../src/loader/import/presets';
import type { MappingSpec } from '../src/loader/import/spec';
import { decodeParquetNode } from '../src/loader/parquet-node';
import {
  approxRecords, loadOrder, previewMapping, replaceData, type BatchFile, type ReplaceProgress,
} from '../src/loader/replace-data';
import { csv, useEngine } from './helpers/engine';

/** Node's query sources lack queries/import/ (see ReplaceOptions.importSql). */
const OPTS = { importSql: readImportSql() };
const enc = (s: string) => new TextEncoder().encode(s);
const tsv = (...lines: string[][]) => lines.map((l) => l.join('\t')).join('\n') + '\n';
const file = (name: string, text: string, mapping?: MappingSpec): BatchFile => ({ name, bytes: enc(text), ...(mapping ? { mapping } : {}) });

/**
 * A batch of four sources, as a merchant has them: canonical order lines and products, an
 * Amazon FBA customer returns report (US download header, through its preset) and a reviews
 * export through a hand-written mapping. Every count below is worked out by hand from the rows.
 */
const ORDER_LINES = csv(
  'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel',
  '111-0000001-0000001,1,2025-06-01,SHIRT-M,1,20,USD,amazon',
  '111-0000002-0000002,1,2025-06-02,SHIRT-L,2,25,USD,amazon',
  '111-0000003-0000003,1,2025-06-12,MUG,1,8,USD,amazon',
  '111-0000004-0000004,1,2025-06-03,KETTLE,1,40,USD,amazon', // line 5: KETTLE is no product → loads with a warning (unknown SKU), as through any mapping
);
// Products: SHIRT-M, SHIRT-L, MUG, TEA (4 rows). KETTLE is missing.
const PRODUCTS = csv('sku,product_name,category,supplier,unit_cost', 'SHIRT-M,Shirt M,apparel,S1,8', 'SHIRT-L,Shirt L,apparel,S1,9', 'MUG,Mug,home,S2,2', 'TEA,Tea,food,S3,1');

const FBA_HEADER = ['return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id', 'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments'];
const FBA = tsv(
  FBA_HEADER,
  // line 2: order 111-…1 exists, SHIRT-M is a product → loads, finds its order
  ['2025-06-05T15:31:40+00:00', '111-0000001-0000001', 'SHIRT-M', 'B0A', 'X00A', 'Shirt M', '1', 'PHX3', 'SELLABLE', 'APPAREL_TOO_SMALL', 'Unit returned to inventory', 'LPN1', 'runs small'],
  // line 3 → loads, finds its order
  ['2025-06-08T10:00:00+00:00', '111-0000002-0000002', 'SHIRT-L', 'B0B', 'X00B', 'Shirt L', '2', 'PHX3', 'DEFECTIVE', 'QUALITY_UNACCEPTABLE', 'Reimbursed', 'LPN2', ''],
  // line 4: returned 2025-06-10, its order is dated 2025-06-12 → rejected (return dated before its order)
  ['2025-06-10T10:00:00+00:00', '111-0000003-0000003', 'MUG', 'B0C', 'X00C', 'Mug', '1', 'PHX3', 'SELLABLE', 'UNWANTED_ITEM', 'Unit returned to inventory', 'LPN3', ''],
  // line 5: order 111-…9 is not among the order lines → loads, does NOT find its order
  ['2025-06-09T10:00:00+00:00', '111-0000009-0000009', 'SHIRT-M', 'B0A', 'X00A', 'Shirt M', '1', 'PHX3', 'SELLABLE', 'APPAREL_TOO_LARGE', 'Unit returned to inventory', 'LPN5', ''],
  // line 6: KETTLE is not among the products (loaded first) → loads with a warning (unknown SKU), finds its order
  ['2025-06-09T11:00:00+00:00', '111-0000004-0000004', 'KETTLE', 'B0K', 'X00K', 'Kettle', '1', 'PHX3', 'SELLABLE', 'DEFECTIVE', '', 'LPN6', ''],
  // line 7: line 2 again (overlapping reports) → rejected (duplicate)
  ['2025-06-05T15:31:40+00:00', '111-0000001-0000001', 'SHIRT-M', 'B0A', 'X00A', 'Shirt M', '1', 'PHX3', 'SELLABLE', 'APPAREL_TOO_SMALL', 'Unit returned to inventory', 'LPN1', 'runs small'],
  // line 8: TEA on order 111-…2 (not a SKU of that order, but a product) → loads, finds its order
  ['2025-06-11T10:00:00+00:00', '111-0000002-0000002', 'TEA', 'B0T', 'X00T', 'Tea', '1', 'PHX3', 'SELLABLE', 'MISORDERED', 'Unit returned to inventory', 'LPN8', ''],
);
// FBA: read 7 = loaded 5 (lines 2, 3, 5, 6, 8) + rejected 2 (lines 4, 7) + excluded 0; 1 warned (line 6).

const REVIEWS = csv(
  'Review ID,Product,Stars,Posted,Text,Status',
  'V1,MUG,5,2025-06-20,great mug,published', //      line 2 → loads
  'V2,SHIRT-M,2,2025-06-21,runs small,published', // line 3 → loads
  'V3,SHIRT-L,1,2025-06-22,buy cheap pills,spam', // line 4 → excluded (spam)
  'V4,NOPE,3,2025-06-22,??,published', //            line 5 → loads with a warning (unknown SKU NOPE)
);
// Reviews: read 4 = loaded 2 + rejected 1 + excluded 1.
const REVIEWS_MAPPING: MappingSpec = {
  version: 1,
  name: 'Reviews export',
  source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
  targets: [{
    table: 'reviews',
    columns: {
      review_id: { column: 'Review ID' }, sku: { column: 'Product' }, rating: { column: 'Stars' },
      created_at: { column: 'Posted', transform: { kind: 'date', format: 'iso' } }, body: { column: 'Text' },
    },
    exclude: [{ when: { column: 'Status', is: 'equals', value: 'spam' }, reason: 'spam review' }],
  }],
};

// Join coverage of the batch, by hand:
//   returns loaded: lines 2 (…1), 3 (…2), 5 (…9), 6 (…4), 8 (…2) → 5 rows with an order id, 4 found (…9 is not an order):
//     coverage 4/5, example 111-0000009-0000009, target 4 order lines.
//   SKUs: order lines {SHIRT-M, SHIRT-L, MUG, KETTLE} ∪ returns {SHIRT-M, SHIRT-L, KETTLE, TEA} ∪ reviews {MUG, SHIRT-M, NOPE}
//     = {SHIRT-M, SHIRT-L, MUG, KETTLE, TEA, NOPE}: 6, of which 4 are products: coverage 4/6, example KETTLE.
//   shipments: none.

function fbaMapping(): MappingSpec {
  const s = sniff(enc(FBA), 'fba_returns.tsv');
  expect(detectPreset(s)?.id).toBe('amazon_fba_returns');
  const built = buildPreset('amazon_fba_returns', s);
  expect(built.questions).toEqual([]);
  return built.mapping;
}

describe('replaceData with mapped exports', () => {
  const db = useEngine();
  const q = (sql: string) => db.runner().engine.query(sql);

  it('orders the batch so later checks see what they look up, whatever order the files come in', () => {
    const m = (table: 'returns' | 'reviews' | 'order_lines') => ({ name: 'x.csv', mapping: { ...REVIEWS_MAPPING, targets: [{ table, columns: {} }] } });
    expect(loadOrder([m('reviews'), { name: 'notes.csv' }, m('returns'), { name: 'order_lines.csv' }, { name: 'products.parquet' }, m('order_lines')])).toEqual([4, 3, 5, 2, 0, 1]);
    // Line breaks less the header; a last line without a line break counts.
    expect(approxRecords(enc('a,b\n1,2\n3,4\n'))).toBe(2);
    expect(approxRecords(enc('a,b\n1,2\n3,4'))).toBe(2);
    expect(approxRecords(enc(''))).toBe(0);
  });

  it('loads canonical files and mapped exports in one batch, accounts for every row, and reports join coverage', async () => {
    const steps: ReplaceProgress[] = [];
    const batch = [
      file('fba_returns.tsv', FBA, fbaMapping()),
      file('reviews_export.csv', REVIEWS, REVIEWS_MAPPING),
      file('order_lines.csv', ORDER_LINES),
      file('products.csv', PRODUCTS),
    ];
    const result = await replaceData(db.runner(), batch, decodeParquetNode, (p) => steps.push(p), OPTS);
    expect(result.problem).toBeNull();
    expect(result.replaced).toBe(true);
    // Reports in the order given; read = loaded + rejected + excluded for each.
    expect(result.reports.map((r) => [r.file, r.route, r.table, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsExcluded, r.rowsWarned])).toEqual([
      ['fba_returns.tsv', 'mapping', 'returns', 7, 5, 2, 0, 1],
      ['reviews_export.csv', 'mapping', 'reviews', 4, 3, 0, 1, 1],
      ['order_lines.csv', 'canonical', 'order_lines', 4, 4, 0, 0, 1],
      ['products.csv', 'canonical', 'products', 4, 4, 0, 0, 0],
    ]);
    expect(result.reports[0]).toMatchObject({ mapping: 'Amazon FBA customer returns', preset: 'amazon_fba_returns' });
    expect(result.reports[0]!.reasons.map((r) => [r.severity, r.reason, r.rows])).toEqual([
      ['rejected', 'duplicate return_id', 1],
      ['rejected', 'return dated before its order', 1],
      ['warning', 'unknown SKU', 1],
    ]);
    expect(result.reports[1]!.reasons.map((r) => [r.severity, r.reason, r.rows])).toEqual([
      ['excluded', 'spam review', 1],
      ['warning', 'unknown SKU', 1],
    ]);
    // The canonical file gets the same check and the same words as the mapped ones.
    expect(result.reports[2]!.reasons.map((r) => [r.severity, r.reason, r.rows])).toEqual([['warning', 'unknown SKU', 1]]);
    expect(result.loadedFiles).toEqual(['fba_returns.tsv', 'reviews_export.csv', 'order_lines.csv', 'products.csv']);

    // Loaded in dependency order, 1-based; rows read so far grow; the file's records counted when read.
    const loading = steps.filter((s) => s.step === 'loading');
    const starts = loading.filter((s, i) => i === 0 || loading[i - 1]!.file !== s.file);
    expect(starts.map((s) => [s.fileIndex, s.file, s.fileRows, s.rowsRead])).toEqual([
      [1, 'products.csv', 4, 0],
      [2, 'order_lines.csv', 4, 4],
      [3, 'fba_returns.tsv', 7, 8],
      [4, 'reviews_export.csv', 4, 15],
    ]);
    // While a file is read, rows read count on (its line breaks so far, less the header).
    const lastRead = (f: string) => loading.filter((s) => s.file === f).at(-1)!.rowsRead;
    expect(['products.csv', 'order_lines.csv', 'fba_returns.tsv', 'reviews_export.csv'].map(lastRead)).toEqual([4, 8, 15, 19]);
    expect(steps.at(-1)).toMatchObject({ step: 'done', rowsRead: 19 });

    expect(result.coverage?.map((c) => [c.join_name, c.total, c.with_key, c.matched, c.unmatched, c.target_rows, c.example_unmatched])).toEqual([
      ['returns_to_orders', 5, 5, 4, 1, 4, '111-0000009-0000009'],
      ['skus_to_products', 6, 6, 4, 2, 4, 'KETTLE'],
      ['shipments_to_orders', 0, 0, 0, 0, 4, null],
    ]);
    expect(result.coverage![0]!.coverage).toBeCloseTo(4 / 5, 10);
    expect(result.coverage![1]!.coverage).toBeCloseTo(4 / 6, 10);
    expect(result.issues).toEqual([]);

    // The data is the batch: 4 orders; 5 returns; load_log and load_issues say the same as the reports.
    expect((await db.runner().run('kpis')).rows[0]).toMatchObject({ orders: 4, returns: 5 });
    expect(await q(`SELECT source_file, table_name, rows_read, rows_loaded, rows_rejected, rows_excluded FROM load_log ORDER BY source_file`)).toEqual([
      { source_file: 'fba_returns.tsv', table_name: 'returns', rows_read: 7, rows_loaded: 5, rows_rejected: 2, rows_excluded: 0 },
      { source_file: 'order_lines.csv', table_name: 'order_lines', rows_read: 4, rows_loaded: 4, rows_rejected: 0, rows_excluded: 0 },
      { source_file: 'products.csv', table_name: 'products', rows_read: 4, rows_loaded: 4, rows_rejected: 0, rows_excluded: 0 },
      { source_file: 'reviews_export.csv', table_name: 'reviews', rows_read: 4, rows_loaded: 3, rows_rejected: 0, rows_excluded: 1 },
    ]);
    expect(await q(`SELECT source_file, line_number, severity FROM load_issues ORDER BY source_file, line_number`)).toEqual([
      { source_file: 'fba_returns.tsv', line_number: 4, severity: 'rejected' },
      { source_file: 'fba_returns.tsv', line_number: 6, severity: 'warning' },
      { source_file: 'fba_returns.tsv', line_number: 7, severity: 'rejected' },
      { source_file: 'order_lines.csv', line_number: 5, severity: 'warning' },
      { source_file: 'reviews_export.csv', line_number: 4, severity: 'excluded' },
      { source_file: 'reviews_export.csv', line_number: 5, severity: 'warning' },
    ]);
    const dq = (await db.runner().run('data_quality')).rows;
    expect(dq.find((r) => r.table_name === 'reviews')).toMatchObject({ rows_read: 4, rows_loaded: 3, rows_rejected: 0, rows_excluded: 1 });
    // The same coverage from the model on the swapped-in data.
    expect((await db.runner().run('join_coverage')).rows.map((r) => r.matched)).toEqual([4, 4, 0]);
    // The derived returns found their lines where the order has the SKU.
    expect(await q(`SELECT count(*) FILTER (WHERE line_matched) AS matched, count(*) AS n FROM returns_enriched`)).toEqual([{ matched: 3, n: 5 }]);
    expect((await q('SELECT current_schema() AS s'))[0]!.s).toBe('main');
    expect(await q(`SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'preview_import'`)).toEqual([]);
    expect(await q(`SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, 'replaced_')`)).toEqual([]);
  });

  it('a mapped file that cannot be used gets one message; the rest of the batch loads when the partial batch is accepted', async () => {
    const broken: MappingSpec = { ...REVIEWS_MAPPING, targets: [{ ...REVIEWS_MAPPING.targets[0]!, columns: { ...REVIEWS_MAPPING.targets[0]!.columns, title: { column: 'Headline' } } }] };
    const result = await replaceData(
      db.runner(),
      [file('order_lines.csv', ORDER_LINES), file('reviews_export.csv', REVIEWS, broken), { name: 'gone.tsv', bytes: () => Promise.reject(new Error('permission denied')), mapping: fbaMapping() }],
      decodeParquetNode,
      undefined,
      { ...OPTS, allowPartial: true },
    );
    expect(result.replaced).toBe(true);
    expect(result.loadedFiles).toEqual(['order_lines.csv']);
    expect(result.refusedFiles).toEqual(['reviews_export.csv', 'gone.tsv']);
    // Its 4 rows were read, and each is listed as rejected with the reason.
    expect(result.reports[1]).toMatchObject({ route: 'mapping', table: 'reviews', rowsRead: 4, rowsLoaded: 0, rowsRejected: 4 });
    expect(result.reports[1]!.error).toMatch(/^reviews_export\.csv: the file has no column "Headline"/);
    expect(result.reports[2]).toMatchObject({ route: 'mapping', table: 'returns', error: 'gone.tsv: the file could not be read (permission denied)' });
    expect(await q('SELECT count(*) AS n FROM reviews')).toEqual([{ n: 0 }]);
  });

  it('order lines from a mapped export count; a batch whose order lines are all refused keeps the data and hands back its rejects', async () => {
    const shop = csv('Name,Created at,Lineitem sku,Lineitem quantity,Lineitem price', '#1001,2025-03-01,A,1,10', '#1001,2025-03-01,B,2,"$1,005.50"', '#1002,2025-03-02,A,1,10');
    const shopMapping: MappingSpec = {
      version: 1, name: 'Shop orders', source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
      targets: [{
        table: 'order_lines',
        columns: {
          order_id: { column: 'Name' }, line_id: { lineNumber: true }, order_date: { column: 'Created at', transform: { kind: 'date', format: 'iso' } },
          sku: { column: 'Lineitem sku' }, quantity: { column: 'Lineitem quantity' },
          unit_price: { column: 'Lineitem price', transform: { kind: 'number', decimal: '.', thousands: ',', currency: true, sign: 'keep' } },
        },
      }],
    };
    const ok = await replaceData(db.runner(), [file('orders_export.csv', shop, shopMapping)], decodeParquetNode, undefined, OPTS);
    expect(ok).toMatchObject({ replaced: true, loadedFiles: ['orders_export.csv'] });
    expect((await db.runner().run('kpis')).rows[0]).toMatchObject({ orders: 2, units_sold: 4, gross_sales: 10 + 2 * 1005.5 + 10 });
    const before = await q('SELECT * FROM load_log ORDER BY source_file');

    // Every date unreadable as ISO: nothing loads, the data stays; the rejects come back with the result.
    const bad = await replaceData(db.runner(), [file('orders_export.csv', shop.replace(/2025-03-0(\d)/g, '0$1/03/2025'), shopMapping)], decodeParquetNode, undefined, OPTS);
    expect(bad.replaced).toBe(false);
    expect(bad.problem).toMatch(/^None of the 3 order lines read could be loaded: bad date in order_date/);
    expect(bad.issues.map((i) => [i.source_file, i.line_number, i.severity])).toEqual([
      ['orders_export.csv', 2, 'rejected'], ['orders_export.csv', 3, 'rejected'], ['orders_export.csv', 4, 'rejected'],
    ]);
    expect(bad.coverage?.[0]).toMatchObject({ join_name: 'returns_to_orders', total: 0, target_rows: 0 });
    expect(await q('SELECT * FROM load_log ORDER BY source_file')).toEqual(before);
    expect((await db.runner().run('kpis')).rows[0]).toMatchObject({ orders: 2 });
  });

  it('previews a mapping on the first records, on their own, leaving nothing behind', async () => {
    await replaceData(db.runner(), [file('order_lines.csv', ORDER_LINES), file('products.csv', PRODUCTS)], decodeParquetNode, undefined, OPTS);
    const snapshot = async () => q(`SELECT (SELECT count(*) FROM order_lines) AS l, (SELECT count(*) FROM returns) AS r, (SELECT count(*) FROM load_issues) AS i, (SELECT count(*) FROM load_log) AS g`);
    const before = await snapshot();
    // The first 6 records: lines 2-7. On their own (no order lines, no products in the preview):
    // line 7 duplicates line 2; KETTLE (line 6) and the return before its order (line 4) are not
    // checked here (they are checked against the batch when it loads).
    const p = await previewMapping(db.runner(), { name: 'fba_returns.tsv', bytes: enc(FBA) }, fbaMapping(), { ...OPTS, maxRecords: 6, previewRows: 3 });
    expect(p.report.error).toBeUndefined();
    expect(p.report).toMatchObject({ rowsRead: 6, rowsLoaded: 5, rowsRejected: 1, rowsExcluded: 0 });
    expect(p.report.preview?.returns?.map((r) => [r.line, r.order_id, r.sku, r.quantity, r.condition, r.disposition])).toEqual([
      [2, '111-0000001-0000001', 'SHIRT-M', 1, 'as_new', 'restock'],
      [3, '111-0000002-0000002', 'SHIRT-L', 2, 'defective', 'dispose'],
      [4, '111-0000003-0000003', 'MUG', 1, 'as_new', 'restock'],
    ]);
    expect(p.issues.map((i) => [i.line_number, i.severity, i.reason])).toEqual([
      [7, 'rejected', 'duplicate return_id: "111-0000001-0000001|SHIRT-M|LPN1|2025-06-05T15:31:40+00:00" (first on line 2)'],
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await q('SELECT current_schema() AS s'))[0]!.s).toBe('main');
    // A mapping that does not fit the file: one message, nothing run.
    const wrong = await previewMapping(db.runner(), { name: 'reviews_export.csv', bytes: enc(REVIEWS) }, fbaMapping(), OPTS);
    expect(wrong.report.error).toMatch(/^reviews_export\.csv: the file has no columns "order-id"/);
    expect(wrong.issues).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
