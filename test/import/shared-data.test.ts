import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMapping } from '../../src/loader/import/apply';
import { detectDateFormat } from '../../src/loader/import/dates';
import { readRecords, sniff } from '../../src/loader/import/decode';
import { loadFolderBatch, readImportSql } from '../../src/loader/import/node';
import { buildPreset, FBA_CONDITION, FBA_STATUS_DISPOSITION } from '../../src/loader/import/presets';
import { profileColumns, readNumber } from '../../src/loader/import/profile';
import { type MappingSpec } from '../../src/loader/import/spec';
import { parseMapping } from '../../src/loader/import/spec/validate';
import { useEngine } from '../helpers/engine';

/**
 * Every file with rows in ../shared/data loads through a committed mapping (data/mappings) or
 * a preset, with its counts asserted, and key results checked against numbers computed
 * INDEPENDENTLY by a separate Python 3 script (csv + datetime modules only) that re-implements
 * the rules written in the mappings' notes, not this code. Its numbers:
 *
 * AdventureWorks (sales rows whose ProductKey is in Products; categories through
 * ProductSubcategoryKey → Subcategories → Categories; units = OrderQuantity / ReturnQuantity):
 *   sales rows 2,630 / 23,935 / 29,482; ProductKey not in Products: 0 / 0 / 1 (the 2017 last row)
 *   returns 1,809 rows, every ProductKey and TerritoryKey known; 130 products sold, 124 returned
 *   units sold / returned / unit return rate per CategoryName:
 *     Bikes 13,929 / 429 / 0.030799052336851172
 *     Clothing 12,436 / 269 / 0.021630749437118044
 *     Accessories 57,809 / 1,130 / 0.019547129339722188
 *   unit return rate per territory Region: Australia 0.022505709988301488, Canada
 *     0.021846888195336884, Central 0, France 0.02365810226405495, Germany 0.020503144654088052,
 *     Northeast 0, Northwest 0.021577559338288182, Southeast 0.02040816326530612, Southwest
 *     0.021057530102960853, United Kingdom 0.021043944708066847
 *   sales value Σ OrderQuantity × ProductPrice = 24,914,586.8193
 *   Customers (decoded as cp1252): 18,148 rows, Σ AnnualIncome ("$90,000 ") = 1,039,320,000,
 *     90 rows with a non-ASCII character
 * Synthetic returns (dd-mm-yy dates parsed with %d-%m-%y):
 *   10,000 rows, 5,052 Returned; Return_Date < Order_Date on 2,513 (= rows with negative
 *   Days_to_Return); 2,539 kept, none more than 730 days after the order; units sold 30,061,
 *   returned (kept) 7,670; rate per Product_Category: Books 0.2626344962504076, Clothing
 *   0.2704328931973926, Electronics 0.2490265786355172, Home 0.24564796905222436, Toys
 *   0.24789987999314247; kept reasons: Defective 681, Wrong item 626, Not as described 620,
 *   Changed mind 612
 * Olist (timestamps parsed with %m/%d/%Y %H:%M):
 *   orders 9,999: delivered 9,718, shipped 106, canceled 58, unavailable 55, processing 32,
 *   invoiced 28, created 2; delivered with a promise 9,718, of which delivered after the
 *   estimated date (timestamp compare) 812: late share 0.08355628730191397
 *   items 9,998; their order is in the orders file for 974 (855 orders); 7 of those belong to
 *   canceled/unavailable orders; 967 lines kept, Σ price 112,570.41; 6,088 distinct products,
 *   each with the seller of its first row (1,563 distinct such sellers); 1,574 sellers used,
 *   all in the sellers file (3,095);
 *   categories of those products (English when translated): bed_bath_table 557, sports_leisure
 *   530, health_beauty 475; 96 without a category; 843 shipped orders have kept lines
 */

const SQL = readImportSql();
const DATA = '/work/shared/data';
const MAPPINGS = path.resolve(__dirname, '../../data/mappings');
const NOW = new Date('2026-01-01T00:00:00Z');
const mapping = (name: string): MappingSpec => parseMapping(readFileSync(path.join(MAPPINGS, `${name}.json`), 'utf8'));
const table = (rows: Record<string, unknown>[], key: string, ...cols: string[]) =>
  Object.fromEntries(rows.map((r) => [String(r[key]), cols.map((c) => (typeof r[c] === 'bigint' ? Number(r[c]) : r[c]))]));

describe('the shared data files through committed mappings and presets', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;

  it('AdventureWorks: products, three sales years and returns together, with lookups and join coverage', async () => {
    await db.fixture({});
    const batch = await loadFolderBatch(db.runner(), `${DATA}/adventureworks`,
      ['adventureworks_returns', 'adventureworks_sales', 'adventureworks_products'].map(mapping), { now: NOW });
    expect(batch.imports.map((i) => i.file)).toEqual([
      'AdventureWorks_Products.csv', 'AdventureWorks_Sales_2015.csv', 'AdventureWorks_Sales_2016.csv', 'AdventureWorks_Sales_2017.csv', 'AdventureWorks_Returns.csv',
    ]);
    expect(batch.lookupOnly).toEqual(['AdventureWorks_Product_Categories.csv', 'AdventureWorks_Product_Subcategories.csv', 'AdventureWorks_Territories.csv']);
    // Customers have no canonical table (see the next test).
    expect(batch.unused).toEqual(['AdventureWorks_Customers.csv', 'SOURCE.txt']);
    expect(batch.reports.map((r) => [r.file, r.error ?? null, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.rowsExcluded, r.rowsWarned])).toEqual([
      ['AdventureWorks_Products.csv', null, 293, 293, 0, 0, 0],
      ['AdventureWorks_Sales_2015.csv', null, 2630, 2630, 0, 0, 0],
      ['AdventureWorks_Sales_2016.csv', null, 23935, 23935, 0, 0, 0],
      ['AdventureWorks_Sales_2017.csv', null, 29482, 29481, 1, 0, 0],
      ['AdventureWorks_Returns.csv', null, 1809, 1809, 0, 0, 0],
    ]);
    // The 2017 last row (ProductKey 10000, not a product): rejected with its reason and line.
    expect(batch.reports[3]!.reasons).toEqual([
      { table: 'order_lines', severity: 'rejected', reason: 'ProductKey not found in AdventureWorks_Products.csv (lookup products)', rows: 1 },
    ]);
    expect(await engine().query(`SELECT line_number, reason, raw FROM load_issues`)).toEqual([
      { line_number: 29483, reason: 'ProductKey not found in AdventureWorks_Products.csv (lookup products): "10000"', raw: '1-Jul-2017,4-May-2004,SO74124,10000,21676,7,1,2' },
    ]);
    // Lookups: every subcategory and category reached; 10 territories, the returns touch 8.
    expect(batch.reports[0]!.lookups!.map((l) => [l.name, l.rowsRead, l.keys, l.keysUsed, l.rowsWithoutMatch])).toEqual([
      ['subcategories', 37, 37, 37, 0], ['categories', 4, 4, 4, 0],
    ]);
    expect(batch.reports[4]!.lookups!.map((l) => [l.name, l.rowsRead, l.keys, l.keysUsed, l.rowsWithoutMatch])).toEqual([
      ['products', 293, 293, 124, 0], ['territories', 10, 10, 8, 0],
    ]);
    // Join coverage: every sale and return finds its product; returns have no order id (total
    // 1809, none with the key), and every one finds sales of its SKU in its region before its date.
    const cov = batch.coverage.filter((c) => c.total > 0).map((c) => [c.join_name, c.total, c.with_key, c.matched]);
    expect(cov).toEqual([
      ['returns_to_orders', 1809, 0, 0],
      ['skus_to_products', 130, 130, 130],
      ['order_lines_skus_to_products', 56046, 56046, 56046],
      ['sold_skus_to_products', 130, 130, 130],
      ['returns_skus_to_products', 1809, 1809, 1809],
      ['no_order_returns_sku_sold', 1809, 1809, 1809],
      ['no_order_returns_sku_region_sold', 1809, 1809, 1809],
      ['products_sold', 293, 293, 130],
    ]);
    await db.runner().refresh();
    const byCategory = await db.runner().run('return_rate_by', { dim: 'category' });
    const cat = table(byCategory.rows, 'dim_value', 'units_sold', 'units_returned', 'unit_return_rate');
    expect(Object.keys(cat).sort()).toEqual(['Accessories', 'Bikes', 'Clothing']);
    expect(cat.Bikes!.slice(0, 2)).toEqual([13929, 429]);
    expect(cat.Clothing!.slice(0, 2)).toEqual([12436, 269]);
    expect(cat.Accessories!.slice(0, 2)).toEqual([57809, 1130]);
    expect(cat.Bikes![2]).toBeCloseTo(0.030799052336851172, 12);
    expect(cat.Clothing![2]).toBeCloseTo(0.021630749437118044, 12);
    expect(cat.Accessories![2]).toBeCloseTo(0.019547129339722188, 12);
    const byRegion = table((await db.runner().run('return_rate_by', { dim: 'region' })).rows, 'dim_value', 'unit_return_rate');
    const python: Record<string, number> = {
      Australia: 0.022505709988301488, Canada: 0.021846888195336884, Central: 0, France: 0.02365810226405495, Germany: 0.020503144654088052,
      Northeast: 0, Northwest: 0.021577559338288182, Southeast: 0.02040816326530612, Southwest: 0.021057530102960853, 'United Kingdom': 0.021043944708066847,
    };
    expect(Object.keys(byRegion).sort()).toEqual(Object.keys(python).sort());
    for (const [region, rate] of Object.entries(python)) expect(byRegion[region]![0], region).toBeCloseTo(rate, 12);
    const [value] = await engine().query('SELECT sum(quantity * unit_price) AS v, count(DISTINCT sku) AS skus FROM order_lines');
    expect(value!.v as number).toBeCloseTo(24914586.8193, 4);
    expect(value!.skus).toBe(130);
  }, 120_000);

  it('AdventureWorks customers: read as cp1252, incomes as currency (no canonical table to load them into)', () => {
    const bytes = new Uint8Array(readFileSync(`${DATA}/adventureworks/AdventureWorks_Customers.csv`));
    const s = sniff(bytes, 'AdventureWorks_Customers.csv');
    expect(s.encoding.encoding).toBe('windows-1252');
    const records = readRecords(s.text, ',', '"');
    expect(records.length - 1).toBe(18148);
    const col = (name: string) => records.slice(1).map((r) => r.cells[s.header.indexOf(name)]!);
    expect(col('AnnualIncome').reduce((sum, v) => sum + readNumber(v, '.', ',', true)!, 0)).toBe(1039320000);
    expect(records.slice(1).filter((r) => r.cells.some((c) => [...c].some((ch) => ch.charCodeAt(0) > 127))).length).toBe(90);
    expect(col('FirstName')).toContain('ANDRÉS');
    const income = profileColumns(s).find((p) => p.name === 'AnnualIncome')!;
    expect(income.number).toMatchObject({ decimal: '.', thousands: ',', currency: true });
    expect(detectDateFormat(col('BirthDate')).format).toBe('%m/%d/%Y');
  });

  it('synthetic returns: every return dated before its order is rejected with that reason', async () => {
    await db.fixture({});
    const batch = await loadFolderBatch(db.runner(), `${DATA}/ecommerce_returns_synthetic`, [mapping('ecommerce_returns_synthetic')], { now: NOW });
    expect(batch.unused).toEqual(['SOURCE.txt']);
    const r = batch.reports[0]!;
    expect(r.error).toBeUndefined();
    expect(r.tables).toEqual([
      { table: 'products', rowsRead: 10000, rowsLoaded: 10000, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
      { table: 'order_lines', rowsRead: 10000, rowsLoaded: 10000, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
      { table: 'returns', rowsRead: 5052, rowsLoaded: 2539, rowsRejected: 2513, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
    ]);
    expect(r.reasons).toEqual([{ table: 'returns', severity: 'rejected', reason: 'return dated before its order', rows: 2513 }]);
    expect(r.unmappedReasons).toEqual([]);
    // The last row: ordered 08-12-24, "returned" 09-09-24 (-90 days).
    expect(await engine().query(`SELECT reason FROM load_issues WHERE line_number = 10001`)).toEqual([
      { reason: 'return dated before its order: "2024-09-09" (order date 2024-12-08)' },
    ]);
    await db.runner().refresh();
    const [k] = (await db.runner().run('kpis')).rows;
    expect(k).toMatchObject({ units_sold: 30061, units_returned: 7670 });
    expect(k!.unit_return_rate as number).toBeCloseTo(0.2551478660057882, 12);
    const cat = table((await db.runner().run('return_rate_by', { dim: 'category' })).rows, 'dim_value', 'unit_return_rate');
    const python: Record<string, number> = { Books: 0.2626344962504076, Clothing: 0.2704328931973926, Electronics: 0.2490265786355172, Home: 0.24564796905222436, Toys: 0.24789987999314247 };
    for (const [c, rate] of Object.entries(python)) expect(cat[c]![0], c).toBeCloseTo(rate, 12);
    expect(await engine().query('SELECT reason_raw, count(*) AS n FROM returns GROUP BY ALL ORDER BY n DESC')).toEqual([
      { reason_raw: 'Defective', n: 681 }, { reason_raw: 'Wrong item', n: 626 }, { reason_raw: 'Not as described', n: 620 }, { reason_raw: 'Changed mind', n: 612 },
    ]);
  }, 120_000);

  it('Olist: shipments with lateness, order lines through the orders lookup, sellers as suppliers', async () => {
    await db.fixture({});
    const batch = await loadFolderBatch(db.runner(), `${DATA}/olist_partial`, [mapping('olist_orders'), mapping('olist_order_items')], { now: NOW });
    // The items mapping fills products (loaded first), then the orders mapping shipments.
    expect(batch.imports.map((i) => i.file)).toEqual(['olist_order_items_dataset_first10k.csv', 'olist_orders_dataset_first10k.csv']);
    expect(batch.lookupOnly).toEqual(['olist_products_dataset.csv', 'olist_sellers_dataset.csv', 'product_category_name_translation.csv']);
    const [items, orders] = batch.reports;
    expect(orders!.tables).toEqual([{ table: 'shipments', rowsRead: 9999, rowsLoaded: 9824, rowsRejected: 0, rowsExcluded: 175, rowsMerged: 0, rowsWarned: 0 }]);
    expect(orders!.reasons.map((x) => [x.reason, x.rows])).toEqual([
      ['order canceled or unavailable: never shipped', 113], // 58 + 55
      ['order not handed to a carrier yet (created, approved, invoiced or processing)', 62], // 32 + 28 + 2
    ]);
    expect(items!.tables).toEqual([
      { table: 'products', rowsRead: 9998, rowsLoaded: 6088, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 3910, rowsWarned: 0 },
      { table: 'order_lines', rowsRead: 9998, rowsLoaded: 967, rowsRejected: 9024, rowsExcluded: 7, rowsMerged: 0, rowsWarned: 0 },
    ]);
    expect(items!.reasons.map((x) => [x.table, x.severity, x.reason, x.rows])).toEqual([
      ['order_lines', 'excluded', 'order canceled or unavailable: not a sale', 7],
      ['order_lines', 'rejected', 'order_id not found in olist_orders_dataset_first10k.csv (lookup orders)', 9024],
      ['products', 'merged', 'sku repeated, merged into its first row', 3910],
    ]);
    expect(items!.lookups!.map((l) => [l.name, l.rowsRead, l.keys, l.keysUsed, l.rowsWithoutMatch])).toEqual([
      ['orders', 9999, 9999, 855, 9024],
      ['products', 32951, 32951, 6088, 0],
      // The translation file (UTF-8 BOM) has 71 rows; 68 of its names are used; one item's
      // category has no translation (it keeps the Portuguese name).
      ['categories', 71, 71, 68, 1],
      ['sellers', 3095, 3095, 1574, 0],
    ]);
    const [late] = await engine().query(
      `SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL AND promised_at IS NOT NULL) AS delivered,
              count(*) FILTER (WHERE delivered_at > promised_at) AS late FROM shipments`,
    );
    expect(late).toEqual({ delivered: 9718, late: 812 });
    expect(Number(late!.late) / Number(late!.delivered)).toBeCloseTo(0.08355628730191397, 12);
    const [lines] = await engine().query('SELECT count(*) AS n, sum(unit_price) AS value, count(DISTINCT order_id) AS orders FROM order_lines');
    expect(lines!.n).toBe(967);
    expect(lines!.value as number).toBeCloseTo(112570.41, 6);
    expect(await engine().query('SELECT category, count(*) AS n FROM products GROUP BY ALL ORDER BY n DESC, category LIMIT 3')).toEqual([
      { category: 'bed_bath_table', n: 557 }, { category: 'sports_leisure', n: 530 }, { category: 'health_beauty', n: 475 },
    ]);
    expect(await engine().query('SELECT count(*) AS n FROM products WHERE category IS NULL')).toEqual([{ n: 96 }]);
    // Suppliers: the distinct first-row sellers of the 6,088 products (1,563 of the 1,574 sellers).
    expect(await engine().query('SELECT count(DISTINCT supplier) AS n FROM products')).toEqual([{ n: 1563 }]);
    expect(batch.coverage.find((c) => c.join_name === 'shipments_to_orders')).toMatchObject({ total: 9824, with_key: 9824, matched: 843 });
  }, 120_000);

  it('Amazon FBA reason and disposition codes: every code is known to the preset and to reason_map', async () => {
    await db.fixture({});
    const codes = readRecords(readFileSync(`${DATA}/amazon_fba_returns/fba_customer_returns_reason_codes.csv`, 'utf8'), ',', '"').slice(1).map((r) => r.cells);
    const kind = (k: string) => codes.filter((c) => c[1]!.startsWith(k)).map((c) => c[0]!);
    // 46 codes: 37 reasons (30 + DID_NOT_LIKE_* 2 + AMZ-PG-* 4 + CR-* 1), 6 dispositions, 3 statuses.
    expect([codes.length, kind('reason').length, kind('detailed-disposition').length, kind('status').length]).toEqual([46, 37, 6, 3]);
    for (const d of kind('detailed-disposition')) expect(FBA_CONDITION[d], d).toBeDefined();
    // "Reimbursed" says nothing about the unit: deliberately not a disposition.
    expect(kind('status').filter((x) => !(x in FBA_STATUS_DISPOSITION))).toEqual(['Reimbursed']);
    const header = 'return-date\torder-id\tsku\tasin\tfnsku\tproduct-name\tquantity\tfulfillment-center-id\tdetailed-disposition\treason\tstatus\tlicense-plate-number\tcustomer-comments';
    const rows = kind('reason').map((reason, i) =>
      [`2025-06-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+00:00`, `111-${String(i).padStart(7, '0')}-0000001`, 'SKU', 'B0', 'X0', 'Item', '1', 'PHX3',
        kind('detailed-disposition')[i % 6], reason, kind('status')[i % 3], `LPN${i}`, ''].join('\t'));
    const text = [header, ...rows].join('\n') + '\n';
    const s = sniff(new TextEncoder().encode(text), 'fba.tsv');
    const r = await applyMapping(engine(), SQL, { name: 'fba.tsv', text: s.text }, buildPreset('amazon_fba_returns', s).mapping, { now: NOW });
    expect(r).toMatchObject({ rowsRead: 37, rowsLoaded: 37, rowsRejected: 0 });
    expect(r.unmappedReasons).toEqual([]);
    await db.runner().refresh();
    // By reason_map: NO_REASON_GIVEN and UNDELIVERABLE_UNKNOWN are 'unknown'; the 35 others map.
    expect(await engine().query(`SELECT reason_raw FROM returns_enriched WHERE reason = 'unknown' ORDER BY 1`)).toEqual([
      { reason_raw: 'NO_REASON_GIVEN' }, { reason_raw: 'UNDELIVERABLE_UNKNOWN' },
    ]);
  });
});
