import { describe, expect, it } from 'vitest';
import { applyMapping, type ApplyOptions, type ImportFile, type ImportReport } from '../../src/loader/import/apply';
import { planImports } from '../../src/loader/import/batch';
import { joinCoverage } from '../../src/loader/import/coverage';
import { formatParsed, parseDate } from '../../src/loader/import/dates';
import { sniffText } from '../../src/loader/import/decode';
import { readImportSql } from '../../src/loader/import/node';
import { buildPreset } from '../../src/loader/import/presets';
import { fileMatches, lookupRef, type MappingSpec, type SourceFormat, type TargetSpec } from '../../src/loader/import/spec';
import { parseMapping, validateMapping } from '../../src/loader/import/spec/validate';
import { csv, useEngine } from '../helpers/engine';

/**
 * The mapping features added for real exports: lookups into other files (one level and
 * chained), order-level cells filled down, one row feeding several tables, "first row of its
 * group", arithmetic and conditional values, keep-the-first duplicates, returned-order lists
 * expanded to order lines, file-name patterns and load order, the join coverage report.
 * Every expected number is worked out by hand next to its fixture.
 */

const SQL = readImportSql();
const NOW = new Date('2025-03-01T00:00:00Z');
const SRC: SourceFormat = { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] };
const m = (targets: TargetSpec[], extra: Partial<MappingSpec> = {}): MappingSpec => ({ version: 1, name: 'test', source: SRC, targets, ...extra });
const file = (name: string, ...lines: string[]): ImportFile => ({ name, text: lines.join('\n') + '\n' });
const balanced = (r: ImportReport) => {
  expect(r.error).toBeUndefined();
  expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected + r.rowsExcluded + r.rowsMerged);
  for (const t of r.tables) expect(t.rowsRead, t.table).toBe(t.rowsLoaded + t.rowsRejected + t.rowsExcluded + t.rowsMerged);
};

describe('import engine features', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;
  const load = (f: ImportFile, mapping: MappingSpec, o: ApplyOptions = {}) => applyMapping(engine(), SQL, f, mapping, { now: NOW, ...o });
  const issues = (name: string) =>
    engine().query(`SELECT table_name, line_number, severity, reason FROM load_issues WHERE source_file = '${name}' ORDER BY table_name, line_number`);

  // Lookup files: products by key (a repeated key and an empty key are ignored), chained to
  // subcategories, then to categories.
  const PRODUCTS = file('products_2024.csv',
    'ProductKey,SKU,Price,SubKey',
    '1,SKU-A,10.00,S1',
    '2,SKU-B,2.50,S2',
    '2,SKU-B-DUP,99,S2', //  key 2 again: ignored, the first row wins
    ',SKU-NOKEY,1,S1', //    no key: ignored
    '3,SKU-C,4.00,S9', //    subcategory S9 is not in the subcategory file
  );
  const SUBCATS = file('subcats.csv', 'SubKey,CatKey', 'S1,C1', 'S2,C2');
  const CATS = file('cats.csv', 'CatKey,CatName', 'C1,Bikes', 'C2,Clothing');
  const SALES = file('sales.csv',
    'Order,Line,Date,ProductKey,Qty',
    'O1,1,2024-01-05,1,2', // line 2: SKU-A at 10.00, Bikes
    'O1,2,2024-01-05,2,1', // line 3: SKU-B at 2.50 (not 99), Clothing
    'O2,1,2024-01-06,9,1', // line 4: ProductKey 9 is not in the products file → rejected in both tables
    'O3,1,2024-01-07,,1', //  line 5: no ProductKey → no SKU → "missing sku" in both tables
    'O4,1,2024-01-08,3,1', // line 6: SKU-C at 4.00; its subcategory is unknown → category empty (onMissing empty)
  );
  const LOOKUPS: MappingSpec['lookups'] = [
    { name: 'products', file: 'products_*.csv', key: 'ProductKey', on: 'ProductKey' },
    { name: 'subcats', file: 'subcats.csv', key: 'SubKey', on: 'products.SubKey', onMissing: 'empty' },
    { name: 'cats', file: 'CATS.CSV', key: 'CatKey', on: 'subcats.CatKey', onMissing: 'empty' },
  ];
  const SALES_MAPPING = m([
    {
      table: 'order_lines',
      columns: {
        order_id: { column: 'Order' }, line_id: { column: 'Line' }, order_date: { column: 'Date' },
        sku: { column: 'products.SKU' }, quantity: { column: 'Qty' }, unit_price: { column: 'products.Price' },
      },
    },
    { table: 'products', columns: { sku: { column: 'products.SKU' }, category: { column: 'cats.CatName' } }, duplicates: 'first' },
  ], { routing: 'each', lookups: LOOKUPS });

  it('reads values from lookup files, chained, and rejects rows whose key the lookup lacks', async () => {
    await db.fixture({});
    const r = await load(SALES, SALES_MAPPING, { lookupFiles: [CATS, PRODUCTS, SUBCATS, SALES] });
    balanced(r);
    // Each table takes the 5 rows: 3 load, lines 4 and 5 are rejected.
    expect(r.tables).toEqual([
      { table: 'order_lines', rowsRead: 5, rowsLoaded: 3, rowsRejected: 2, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
      { table: 'products', rowsRead: 5, rowsLoaded: 3, rowsRejected: 2, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
    ]);
    expect(await issues('sales.csv')).toEqual([
      { table_name: 'order_lines', line_number: 4, severity: 'rejected', reason: 'ProductKey not found in products_2024.csv (lookup products): "9"' },
      { table_name: 'order_lines', line_number: 5, severity: 'rejected', reason: 'missing sku' },
      { table_name: 'products', line_number: 4, severity: 'rejected', reason: 'ProductKey not found in products_2024.csv (lookup products): "9"' },
      { table_name: 'products', line_number: 5, severity: 'rejected', reason: 'missing sku' },
    ]);
    expect(await engine().query('SELECT order_id, sku, unit_price FROM order_lines ORDER BY order_id, line_id')).toEqual([
      { order_id: 'O1', sku: 'SKU-A', unit_price: 10 },
      { order_id: 'O1', sku: 'SKU-B', unit_price: 2.5 },
      { order_id: 'O4', sku: 'SKU-C', unit_price: 4 },
    ]);
    expect(await engine().query('SELECT sku, category FROM products ORDER BY sku')).toEqual([
      { sku: 'SKU-A', category: 'Bikes' },
      { sku: 'SKU-B', category: 'Clothing' },
      { sku: 'SKU-C', category: null },
    ]);
    // products: 5 rows, keys 1, 2, 3 (2 repeated once, one row without a key); the sales use
    // 1, 2, 3 and one row asks for 9. subcats: the sales reach S1, S2 and S9 (S9 missing).
    // cats: C1 and C2 (line 6 reaches no CatKey).
    expect(r.lookups).toEqual([
      { name: 'products', file: 'products_2024.csv', rowsRead: 5, rowsUnreadable: 0, keys: 3, duplicateKeyRows: 1, emptyKeyRows: 1, keysUsed: 3, rowsWithoutMatch: 1 },
      { name: 'subcats', file: 'subcats.csv', rowsRead: 2, rowsUnreadable: 0, keys: 2, duplicateKeyRows: 0, emptyKeyRows: 0, keysUsed: 2, rowsWithoutMatch: 1 },
      { name: 'cats', file: 'cats.csv', rowsRead: 2, rowsUnreadable: 0, keys: 2, duplicateKeyRows: 0, emptyKeyRows: 0, keysUsed: 2, rowsWithoutMatch: 0 },
    ]);
  });

  it('lists ignored lookup rows in load_issues and reads every file matching a lookup', async () => {
    await db.fixture({});
    // Two product files with the same columns in another order are read as one list (in the
    // order given: the first row of a key wins across files); a third lacks Price, which the
    // mapping reads: it is not used, and the report says why.
    const A = file('products_a.csv',
      'ProductKey,SKU,Price,SubKey',
      '1,SKU-A,10.00,S1', //   line 2: entry
      '2,SKU-B,2.50,S2', //    line 3: entry
      '2,SKU-B-DUP,99,S2', //  line 4: key 2 again → excluded (first on line 3)
      ',SKU-NOKEY,1,S1', //    line 5: no key → rejected
      '5,SKU-E,1,S1,extra', // line 6: one cell too many → unreadable, rejected
    );
    const B = file('products_b.csv',
      'SKU,ProductKey,SubKey,Price',
      'SKU-X,1,S1,7', //       line 2: key 1 is in products_a.csv → excluded
      'SKU-C,3,S1,4.00', //    line 3: entry
    );
    const C = file('products_c.csv', 'ProductKey,SKU', '9,SKU-Z');
    const mapping = m([{
      table: 'order_lines',
      columns: {
        order_id: { column: 'Order' }, line_id: { column: 'Line' }, order_date: { column: 'Date' },
        sku: { column: 'products.SKU' }, quantity: { column: 'Qty' }, unit_price: { column: 'products.Price' },
      },
    }], { lookups: [{ name: 'products', file: 'products_*.csv', key: 'ProductKey', on: 'ProductKey' }] });
    const sales = file('sales.csv', 'Order,Line,Date,ProductKey,Qty', 'O1,1,2024-01-05,1,1', 'O1,2,2024-01-05,3,1', 'O2,1,2024-01-06,9,1');
    const r = await load(sales, mapping, { lookupFiles: [A, B, C] });
    balanced(r);
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([3, 2, 1]);
    expect(await engine().query('SELECT sku, unit_price FROM order_lines ORDER BY line_id')).toEqual([
      { sku: 'SKU-A', unit_price: 10 }, { sku: 'SKU-C', unit_price: 4 },
    ]);
    expect(await issues('sales.csv')).toEqual([
      { table_name: 'order_lines', line_number: 4, severity: 'rejected', reason: 'ProductKey not found in products_a.csv, products_b.csv (lookup products): "9"' },
    ]);
    expect(await issues('products_a.csv')).toEqual([
      { table_name: 'lookup:products', line_number: 4, severity: 'excluded', reason: 'ProductKey repeated (only the first row is used): "2" (first on line 3)' },
      { table_name: 'lookup:products', line_number: 5, severity: 'rejected', reason: 'missing ProductKey (a lookup row needs its key)' },
      { table_name: 'lookup:products', line_number: 6, severity: 'rejected', reason: 'unreadable row (too many columns)' },
    ]);
    expect(await issues('products_b.csv')).toEqual([
      { table_name: 'lookup:products', line_number: 2, severity: 'excluded', reason: 'ProductKey repeated (only the first row is used): "1" (first in products_a.csv on line 2)' },
    ]);
    expect(await engine().query(`SELECT raw FROM load_issues WHERE source_file = 'products_a.csv' ORDER BY line_number`)).toEqual([
      { raw: '2,SKU-B-DUP,99,S2' }, { raw: ',SKU-NOKEY,1,S1' }, { raw: '5,SKU-E,1,S1,extra' },
    ]);
    // Each lookup file's accounting adds up: read = loaded (entries) + rejected + excluded.
    const log = () => engine().query(
      `SELECT source_file, rows_read, rows_loaded, rows_rejected, rows_excluded FROM load_log WHERE table_name = 'lookup:products' ORDER BY source_file`,
    );
    // products_c.csv is left out (no Price column): its 1 row is read and excluded, with the reason.
    const expectedLog = [
      { source_file: 'products_a.csv', rows_read: 5, rows_loaded: 2, rows_rejected: 2, rows_excluded: 1 },
      { source_file: 'products_b.csv', rows_read: 2, rows_loaded: 1, rows_rejected: 0, rows_excluded: 1 },
      { source_file: 'products_c.csv', rows_read: 1, rows_loaded: 0, rows_rejected: 0, rows_excluded: 1 },
    ];
    expect(await log()).toEqual(expectedLog);
    expect(await issues('products_c.csv')).toEqual([
      { table_name: 'lookup:products', line_number: 2, severity: 'excluded', reason: 'lookup file not used: it has no "Price" column, which the mapping reads' },
    ]);
    expect(r.lookups).toEqual([{
      name: 'products', file: 'products_a.csv, products_b.csv',
      notUsed: [{ file: 'products_c.csv', reason: 'it has no "Price" column, which the mapping reads', rowsRead: 1 }],
      rowsRead: 7, rowsUnreadable: 1, keys: 3, duplicateKeyRows: 2, emptyKeyRows: 1, keysUsed: 2, rowsWithoutMatch: 1,
    }]);
    // The lookup rows are not among the mapped file's reasons (report.lookups has them).
    expect(r.reasons.map((x) => x.table)).toEqual(['order_lines']);
    // A second file reading the same lookup files: they are accounted for once.
    const more = await load(file('sales2.csv', 'Order,Line,Date,ProductKey,Qty', 'O3,1,2024-01-07,2,1'), mapping, { lookupFiles: [A, B, C] });
    balanced(more);
    expect(await log()).toEqual(expectedLog);
    expect(await engine().query(`SELECT count(*) AS n FROM load_issues WHERE table_name = 'lookup:products'`)).toEqual([{ n: 5 }]);
  });

  it('says which lookup file or column is missing, loads nothing, and lists the file\'s rows as rejected', async () => {
    await db.fixture({});
    const noFile = await load(SALES, SALES_MAPPING, { lookupFiles: [PRODUCTS, SUBCATS] });
    expect(noFile.error).toBe(
      'sales.csv: the mapping reads lookup "cats" from a file named like "CATS.CSV", and none was given (files given: products_2024.csv, subcats.csv)',
    );
    const badCol = await load(SALES, { ...SALES_MAPPING, lookups: [{ ...LOOKUPS[0]!, key: 'Key' }, LOOKUPS[1]!, LOOKUPS[2]!] }, { lookupFiles: [PRODUCTS, SUBCATS, CATS] });
    expect(badCol.error).toBe('sales.csv: products_2024.csv (lookup products) has no column "Key" (its columns: "ProductKey", "SKU", "Price", "SubKey")');
    expect(await engine().query('SELECT count(*) AS n FROM order_lines')).toEqual([{ n: 0 }]);
    // Each attempt read the file's rows and listed them as rejected with the reason.
    expect(await engine().query('SELECT rows_read = rows_rejected AND rows_loaded = 0 AS refused FROM load_log')).toEqual([{ refused: true }, { refused: true }]);
    // A lookup may only read lookups listed before it.
    const v = validateMapping({ ...SALES_MAPPING, lookups: [LOOKUPS[1]!, LOOKUPS[0]!] });
    expect(v.ok ? [] : v.errors).toEqual(['lookups[0].on: lookup "products" must be listed before this one']);
    // A header that really is "products.SKU" is the file's own column.
    expect(lookupRef(SALES_MAPPING, 'products.SKU', ['products.SKU'])).toBeNull();
    expect(lookupRef(SALES_MAPPING, 'products.SKU', ['Order'])).toMatchObject({ column: 'SKU', lookup: { name: 'products' } });
  });

  it('fills order-level cells down, sends a row to several tables, and keeps the first of repeated products', async () => {
    await db.fixture({});
    const text = file('orders.csv',
      'Name,Status,Country,Sku,Qty,Price,Discount',
      '#1,paid,DE,A,2,10,2', //                  line 2: price 10 − 2/2 = 9
      '#1,,,B,1,5,', //                          line 3: Status paid and Country DE filled down; no discount → 5
      '#2,refunded,FR,A,1,10,0', //              line 4: 10; a return (refunded)
      '#2,,,A,1,10,', //                         line 5: same SKU again in #2 → line A#2; a return too (status filled down)
      ',,,X,1,1,', //                            line 6: no Name: nothing filled, order_id missing → rejected from order_lines
      '#3,partially_refunded,US,C,0,7,0', //     line 7: 0 units: 0/0 has no value → unit_price missing → rejected; first row of #3 → returns, excluded
    );
    const mapping = m([
      {
        table: 'order_lines',
        columns: {
          order_id: { column: 'Name' }, line_id: { concat: ['Sku'], separator: '', numberRepeats: { within: ['Name'] } },
          order_date: { constant: '2024-01-01' }, sku: { column: 'Sku' }, quantity: { column: 'Qty' },
          unit_price: { minus: [{ column: 'Price' }, { divide: [{ firstOf: [{ column: 'Discount' }, { constant: 0 }] }, { column: 'Qty' }] }] },
          region: { column: 'Country' },
        },
      },
      {
        table: 'returns',
        when: { all: [{ column: 'Status', is: 'one_of', values: ['refunded', 'partially_refunded'] }, { any: [{ column: 'Status', is: 'equals', value: 'refunded' }, { column: 'Name', is: 'first' }] }] },
        columns: {
          return_id: { concat: ['Name', 'Sku'], separator: '|', numberRepeats: { within: ['Name'] } }, order_id: { column: 'Name' },
          quantity: { column: 'Qty' },
          refund_amount: { if: { column: 'Status', is: 'equals', value: 'refunded' }, then: { multiply: [{ column: 'Qty' }, { column: 'Price' }] }, else: { constant: 0 } },
        },
        exclude: [{ when: { column: 'Status', is: 'equals', value: 'partially_refunded' }, reason: 'partial refund of the order' }],
      },
      { table: 'products', columns: { sku: { column: 'Sku' } }, duplicates: 'first' },
    ], { routing: 'each', fillDown: { groupBy: 'Name', columns: ['Status', 'Country'] } });
    const r = await load(text, mapping);
    balanced(r);
    // order_lines: 6 read, lines 6 and 7 rejected. returns: lines 4, 5, 7 taken; 7 excluded.
    // products: A (2), B (3), X (6), C (7) load; A again on 4 and 5 is merged.
    expect(r.tables).toEqual([
      { table: 'order_lines', rowsRead: 6, rowsLoaded: 4, rowsRejected: 2, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
      { table: 'returns', rowsRead: 3, rowsLoaded: 2, rowsRejected: 0, rowsExcluded: 1, rowsMerged: 0, rowsWarned: 0 },
      { table: 'products', rowsRead: 6, rowsLoaded: 4, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 2, rowsWarned: 0 },
    ]);
    expect(r).toMatchObject({ rowsRead: 15, rowsLoaded: 10, rowsRejected: 2, rowsExcluded: 1, rowsMerged: 2 });
    expect(await engine().query('SELECT order_id, line_id, unit_price, region FROM order_lines ORDER BY order_id, line_id')).toEqual([
      { order_id: '#1', line_id: 'A', unit_price: 9, region: 'DE' },
      { order_id: '#1', line_id: 'B', unit_price: 5, region: 'DE' },
      { order_id: '#2', line_id: 'A', unit_price: 10, region: 'FR' },
      { order_id: '#2', line_id: 'A#2', unit_price: 10, region: 'FR' },
    ]);
    expect(await engine().query('SELECT return_id, quantity, refund_amount FROM returns ORDER BY return_id')).toEqual([
      { return_id: '#2|A', quantity: 1, refund_amount: 10 },
      { return_id: '#2|A#2', quantity: 1, refund_amount: 10 },
    ]);
    expect(await issues('orders.csv')).toEqual([
      { table_name: 'order_lines', line_number: 6, severity: 'rejected', reason: 'missing order_id' },
      { table_name: 'order_lines', line_number: 7, severity: 'rejected', reason: 'missing unit_price' },
      { table_name: 'products', line_number: 4, severity: 'merged', reason: 'sku repeated, merged into its first row: "A" (first on line 2)' },
      { table_name: 'products', line_number: 5, severity: 'merged', reason: 'sku repeated, merged into its first row: "A" (first on line 2)' },
      { table_name: 'returns', line_number: 7, severity: 'excluded', reason: 'partial refund of the order' },
    ]);
    // A product file loaded next: A is there already → merged into it, D loads.
    const more = await load(file('more.csv', 'Sku', 'A', 'D'), m([{ table: 'products', columns: { sku: { column: 'Sku' } }, duplicates: 'first' }]));
    expect(more).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsExcluded: 0, rowsMerged: 1, rowsRejected: 0 });
    expect(more.reasons).toEqual([{ table: 'products', severity: 'merged', reason: 'sku already loaded, merged into the loaded row', rows: 1 }]);
    // Repeats are never rejected: load_log adds up with rows_merged.
    expect(await engine().query(`SELECT sum(rows_read) = sum(rows_loaded + rows_merged + rows_excluded + rows_rejected) AS adds_up, sum(rows_merged) AS merged FROM load_log`))
      .toEqual([{ adds_up: true, merged: 3 }]);
  });

  it('checks a conditional value only on the rows that use it', async () => {
    await db.fixture({});
    const r = await load(file('p.csv', 'Sku,Kind,Cost', 'A,num,3.5', 'B,text,n/a', 'C,num,n/a'), m([{
      table: 'products',
      columns: { sku: { column: 'Sku' }, unit_cost: { if: { column: 'Kind', is: 'equals', value: 'num' }, then: { column: 'Cost' } } },
    }]));
    // B's "n/a" is never read (Kind is text): B loads without a cost; C's is read and is no number.
    expect(r).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(await issues('p.csv')).toEqual([{ table_name: 'products', line_number: 4, severity: 'rejected', reason: 'bad number in unit_cost: "n/a"' }]);
    expect(await engine().query('SELECT sku, unit_cost FROM products ORDER BY sku')).toEqual([{ sku: 'A', unit_cost: 3.5 }, { sku: 'B', unit_cost: null }]);
  });

  it('expands a list of returned orders to the loaded lines of each order', async () => {
    await db.fixture({
      order_lines: csv(
        'order_id,line_id,order_date,sku,quantity,unit_price',
        'CA-1,1,2024-02-01,S1,2,10',
        'CA-1,2,2024-02-01,S2,1,5',
        'CA-2,1,2024-02-02,S1,3,10',
        'CA-3,1,2024-02-03,S3,1,7',
      ),
    });
    const list = file('Returns.csv',
      'Returned,Order ID',
      'Yes,CA-1', // line 2: both lines of CA-1 → CA-1|1 (S1 × 2) and CA-1|2 (S2 × 1)
      'No,CA-2', //  line 3: excluded, not flagged
      'Yes,CA-9', // line 4: no such order among the lines → rejected
      'yes,CA-3', // line 5: CA-3|1 (S3 × 1)
      'Yes,CA-1', // line 6: CA-1 again → the same return, merged into line 2
    );
    const s = sniffText(list.text!, list.name);
    const { mapping } = buildPreset('returned_orders_list', s);
    const r = await load(list, mapping);
    balanced(r);
    expect(r.tables).toEqual([{ table: 'returns', rowsRead: 5, rowsLoaded: 2, rowsRejected: 1, rowsExcluded: 1, rowsMerged: 1, rowsWarned: 0, rowsExpandedTo: 3 }]);
    expect(await issues('Returns.csv')).toEqual([
      { table_name: 'returns', line_number: 3, severity: 'excluded', reason: 'not flagged as returned' },
      { table_name: 'returns', line_number: 4, severity: 'rejected', reason: 'order has no loaded order lines: "CA-9"' },
      { table_name: 'returns', line_number: 6, severity: 'merged', reason: 'return_id repeated, merged into its first row: "CA-1" (first on line 2)' },
    ]);
    await db.runner().refresh();
    expect(await engine().query('SELECT return_id, order_id, line_id, sku, quantity, line_matched FROM returns_enriched ORDER BY return_id')).toEqual([
      { return_id: 'CA-1|1', order_id: 'CA-1', line_id: '1', sku: 'S1', quantity: 2, line_matched: true },
      { return_id: 'CA-1|2', order_id: 'CA-1', line_id: '2', sku: 'S2', quantity: 1, line_matched: true },
      { return_id: 'CA-3|1', order_id: 'CA-3', line_id: '1', sku: 'S3', quantity: 1, line_matched: true },
    ]);
    // The same list again: CA-1 and CA-3 are loaded already (their lines' returns exist: rejected as
    // duplicates), CA-9 still unknown, line 6 still a repeat of line 2 in this file (merged).
    const again = await load(list, mapping);
    expect(again.tables[0]).toMatchObject({ rowsRead: 5, rowsLoaded: 0, rowsRejected: 3, rowsMerged: 1, rowsExcluded: 1, rowsExpandedTo: 0 });
    // (reasons come by severity: excluded, merged, rejected, then by count)
    expect(again.reasons.map((x) => [x.severity, x.reason, x.rows])).toEqual([
      ['excluded', 'not flagged as returned', 1], ['merged', 'return_id repeated, merged into its first row', 1],
      ['rejected', 'duplicate return_id', 2], ['rejected', 'order has no loaded order lines', 1],
    ]);
  });

  it('reads UTC and GMT offsets like Z', async () => {
    expect(parseDate('2025-03-02 10:12:00 UTC', 'iso')).toMatchObject({ day: 2, hour: 10, minute: 12, offsetMinutes: 0 });
    expect(formatParsed(parseDate('2025-03-02 23:30 GMT', 'iso')!)).toBe('2025-03-02 23:30:00');
    await db.fixture({});
    const r = await load(file('rev.csv', 'id,sku,rating,date', '1,A,5,2025-03-02 10:12:00 UTC', '2,A,4,2025-03-02 23:30 GMT', '3,A,4,2025-03-02 23:30 +0200'), m([{
      table: 'reviews', columns: { review_id: { column: 'id' }, sku: { column: 'sku' }, rating: { column: 'rating' }, created_at: { column: 'date', transform: { kind: 'date', format: 'iso', offset: 'utc' } } },
    }]));
    expect(r).toMatchObject({ rowsLoaded: 3, rowsRejected: 0 });
    // +0200 converted to UTC: 21:30.
    expect(await engine().query('SELECT created_at FROM reviews ORDER BY review_id')).toEqual([
      { created_at: new Date('2025-03-02T10:12:00Z') }, { created_at: new Date('2025-03-02T23:30:00Z') }, { created_at: new Date('2025-03-02T21:30:00Z') },
    ]);
  });

  it('plans which files load through which mapping, in dependency order', () => {
    const aw = (n: string) => parseMapping(JSON.stringify({
      version: 1, name: n, source: SRC,
      files: [n === 'sales' ? 'AdventureWorks_Sales_*.csv' : n === 'returns' ? 'AdventureWorks_Returns.csv' : 'AdventureWorks_Products.csv'],
      lookups: n === 'products' ? undefined : [{ name: 't', file: 'AdventureWorks_Territories.csv', key: 'K', on: 'K' }],
      targets: [n === 'sales'
        ? { table: 'order_lines', columns: { order_id: { column: 'a' }, line_id: { column: 'a' }, order_date: { column: 'a' }, sku: { column: 'a' }, quantity: { column: 'a' }, unit_price: { column: 'a' } } }
        : n === 'returns' ? { table: 'returns', columns: { return_id: { column: 'a' }, quantity: { column: 'a' } } } : { table: 'products', columns: { sku: { column: 'a' } } }],
    }));
    const mappings = [aw('returns'), aw('sales'), aw('products')];
    const plan = planImports(['x.txt', 'adventureworks_sales_2016.CSV', 'AdventureWorks_Returns.csv', 'AdventureWorks_Sales_2015.csv', 'AdventureWorks_Products.csv', 'AdventureWorks_Territories.csv', 'Sales_2017.csv'], mappings);
    expect(plan.imports.map((i) => `${i.mapping.name}: ${i.file}`)).toEqual([
      'products: AdventureWorks_Products.csv',
      'sales: AdventureWorks_Sales_2015.csv',
      'sales: adventureworks_sales_2016.CSV',
      'returns: AdventureWorks_Returns.csv',
    ]);
    expect(plan.lookupOnly).toEqual(['AdventureWorks_Territories.csv']);
    expect(plan.unused).toEqual(['x.txt', 'Sales_2017.csv']);
    expect(fileMatches('dir/Sales 2024 (1).csv', 'sales ????*.csv')).toBe(true);
    expect(fileMatches('Sales.csv.bak', '*.csv')).toBe(false);
  });

  it('reports join coverage across the loaded tables', async () => {
    await db.fixture({
      order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price,region',
        'O1,1,2024-01-01,S1,1,10,R1', 'O1,2,2024-01-01,S2,1,10,R1', 'O2,1,2024-03-01,S9,1,10,R2'),
      products: csv('sku', 'S1', 'S2', 'S3'),
      returns: csv('return_id,order_id,sku,quantity,requested_at,region',
        'r1,O1,S1,1,2024-01-10,', //  order found; product found
        'r2,O7,S3,1,2024-01-10,', //  order not found; product found
        'r3,,S9,1,2024-02-01,R2', //  S9 first sold 2024-03-01 (R2), after the return: not found either way; not a product
        'r4,,S1,1,2024-02-01,R1', //  S1 sold 2024-01-01 in R1: found both ways
        'r5,,S2,1,2024-05-01,R2'), // S2 sold, but only in R1: found by SKU, not by SKU + region
      shipments: csv('order_id', 'O1', 'O5'),
      reviews: csv('review_id,sku,order_id,rating', 'v1,S1,O1,5', 'v2,S7,,2'),
    });
    // Items, those with the key, those whose key is found (worked out next to the fixture).
    expect((await joinCoverage(engine(), SQL)).map((c) => [c.join_name, c.total, c.with_key, c.matched])).toEqual([
      ['returns_to_orders', 5, 2, 1], //                  r1 found, r2 (O7) not; r3-r5 carry no order id
      ['skus_to_products', 5, 5, 3], //                   S1 S2 S9 ∪ S3 ∪ S7: S1 S2 S3 are products
      ['shipments_to_orders', 2, 2, 1],
      ['order_lines_skus_to_products', 3, 3, 2],
      ['sold_skus_to_products', 3, 3, 2],
      ['returns_skus_to_products', 5, 5, 4],
      ['no_order_returns_sku_sold', 3, 3, 2], //          r3 not (sold after), r4 and r5 sold before
      ['no_order_returns_sku_region_sold', 3, 3, 1], //   only r4
      ['reviews_skus_to_products', 2, 2, 1],
      ['reviews_to_orders', 2, 1, 1], //                  v2 has no order id
      ['products_sold', 3, 3, 2],
    ]);
  });
});
