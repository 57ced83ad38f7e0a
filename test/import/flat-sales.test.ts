import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { EXIT } from '../../src/cli/errors';
import { sniff, sniffText } from '../../src/loader/import/decode';
import { buildPreset, detectPreset, detectPresets } from '../../src/loader/import/presets';
import { readCsvObjects } from '../helpers/csv';
import { FLAT_PEOPLE_CSV, FLAT_RETURNS_CSV, flatOrdersCsv } from '../helpers/flat-export';

/**
 * The flat sales export preset on a Superstore-like orders file the test writes (25 order
 * lines, 10 orders, 6 products; test/helpers/flat-export.ts): one file fills order lines, products and shipments; Sales is
 * the LINE total (price × quantity × (1 − discount)), so the unit price is Sales ÷ Quantity and
 * gross sales = Σ Sales, not Σ Sales × Quantity (the 5× too high of the issue). Every expected
 * figure below is worked out by hand from the rows.
 */

const ordersCsv = flatOrdersCsv;
const RETURNS = FLAT_RETURNS_CSV;
const PEOPLE = FLAT_PEOPLE_CSV;

describe('the flat sales export preset', () => {
  const s = sniff(new TextEncoder().encode(ordersCsv()), 'Orders.csv');

  it('is detected at full confidence; region over the one-value country; row id as line id; Sales ÷ Quantity', () => {
    expect(detectPreset(s)).toMatchObject({ id: 'flat_sales_export', confidence: 1, usable: true });
    const { mapping, questions } = buildPreset('flat_sales_export', s);
    expect(questions).toEqual([]);
    expect(mapping.routing).toBe('each');
    expect(mapping.targets.map((t) => [t.table, t.duplicates ?? 'reject'])).toEqual([['order_lines', 'reject'], ['products', 'first'], ['shipments', 'first']]);
    // Ship Mode: the carrier when it names one, else the service level.
    expect(Object.keys(mapping.targets[2]!.columns)).toEqual(['order_id', 'carrier', 'service_level', 'shipped_at']);
    const lines = mapping.targets[0]!.columns;
    expect(lines.region).toEqual({ column: 'Region' });
    expect(lines.line_id).toEqual({ column: 'Row ID' });
    expect(lines.order_date).toEqual({ column: 'Order Date', transform: { kind: 'date', format: '%m/%d/%Y' } });
    expect(lines.unit_price).toMatchObject({ divide: [{ column: 'Sales' }, { column: 'Quantity' }] });
    expect(mapping.notes).toContain('Region = "Region" (not "Country", which holds one value, United States, on every sampled row).');
    // FUR-CH-1 (2, 3, 1, 4 units at discount 0), OFF-PA-2, TEC-PH-3, OFF-BI-4, TEC-AC-6, FUR-TA-5 at 0.2 (1 and 2 units): 6 products compared.
    expect(mapping.notes![0]).toMatch(/^"Sales" is a line total: 6 of 6 products sold in different quantities/);
  });

  it('takes a "Sales" column that holds the unit price as it is (the numbers contradict a line total)', () => {
    // The same file with Sales = Sales ÷ Quantity, i.e. the unit price: the same per product whatever the quantity.
    const unit = sniff(new TextEncoder().encode(ordersCsv((l) => (Number(l[1]) / l[2]).toFixed(2))), 'Orders.csv');
    const { mapping } = buildPreset('flat_sales_export', unit);
    expect(mapping.targets[0]!.columns.unit_price).toMatchObject({ column: 'Sales' });
    expect(mapping.notes![0]).toMatch(/reads as a unit price, not a line total/);
  });

  it('does not take the place of the presets of other exports', () => {
    const shopify = sniff(new Uint8Array(readFileSync('/work/shared/data/shopify_schema/shopify_orders_export_header_2026.csv')), 'orders_export.csv');
    expect(detectPresets(shopify)[0]!.id).toBe('shopify_orders');
    const returns = sniffText(RETURNS, 'Returns.csv');
    expect(detectPreset(returns)!.id).toBe('returned_orders_list');
  });
});

describe('returns-insight analyze on the orders, returns and people files with no mapping', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-flat-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('loads the three tables from the orders file and joins the returned orders: hand-worked accounting and rates', async () => {
    const data = path.join(tmp, 'superstore');
    mkdirSync(data);
    writeFileSync(path.join(data, 'Orders.csv'), ordersCsv());
    writeFileSync(path.join(data, 'Returns.csv'), RETURNS);
    writeFileSync(path.join(data, 'People.csv'), PEOPLE);
    const out = path.join(tmp, 'out');
    expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(EXIT.ok);
    const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    const [orders, returns] = summary.imports;
    // Each table's rows read = loaded + merged + excluded + rejected: 25 lines; 6 products (19 repeats merged); 10 orders shipped (15 merged).
    expect(orders.tables.map((t: Record<string, unknown>) => [t.table, t.rowsRead, t.rowsLoaded, t.rowsMerged, t.rowsExcluded, t.rowsRejected])).toEqual([
      ['order_lines', 25, 25, 0, 0, 0], ['products', 25, 6, 19, 0, 0], ['shipments', 25, 10, 15, 0, 0],
    ]);
    // Repeats are merged, never rejected (a product on every order line is not an error).
    expect([orders.rowsRejected, orders.rowsMerged]).toEqual([0, 34]);
    expect(orders.reasons.map((r: Record<string, unknown>) => [r.severity, r.rows, r.table])).toEqual([['merged', 19, 'products'], ['merged', 15, 'shipments']]);
    expect([returns.file, returns.preset, returns.rowsRead, returns.rowsLoaded]).toEqual(['Returns.csv', 'returned_orders_list', 2, 2]);
    expect(summary.unusedFiles).toEqual(['People.csv']);
    const [k] = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
    // Σ Sales by order: 270 + 98 + 325 + 180 + 269 + 340 + 67 + 260 + 504.5 + 253.5 = 2567 (Σ Sales × Quantity would be 8,752).
    // Units: 13 + 5 + 8 + 4 + 24 + 3 + 8 + 7 + 10 + 7 = 89. Returned: 1003 (3 + 5 units, 300 + 25) and 1007 (2 + 6 units, 40 + 27): 16 units, 392.
    expect([k!.orders, k!.units_sold, k!.units_returned]).toEqual(['10', '89', '16']);
    expect(Number(k!.gross_sales)).toBeCloseTo(2567, 9);
    expect(Number(k!.unit_return_rate)).toBeCloseTo(16 / 89, 12);
    expect(Number(k!.order_return_rate)).toBeCloseTo(2 / 10, 12);
    expect(Number(k!.value_return_rate)).toBeCloseTo(392 / 2567, 12);
    // "UPS Ground" names a carrier; Standard Class, Same Day ... are service levels, not carriers.
    const carriers = readCsvObjects(readFileSync(path.join(out, 'carrier_performance.csv'), 'utf8')).map((r) => [r.carrier, r.shipments]);
    expect(carriers).toEqual([['(unknown)', '9'], ['UPS Ground', '1']]);
    // Ship Mode kept as the service level (orders: Standard Class 1001, 1003, 1006, 1009; First Class 1005, 1010;
    // Second Class 1002, 1008; Same Day 1004); the UPS Ground order has a carrier and no service level.
    const levels = readCsvObjects(readFileSync(path.join(out, 'carrier_service_levels.csv'), 'utf8')).map((r) => [r.carrier, r.service_level, r.shipments]);
    expect(levels).toEqual([
      ['(unknown)', 'Standard Class', '4'], ['(unknown)', 'First Class', '2'], ['(unknown)', 'Second Class', '2'], ['(unknown)', 'Same Day', '1'], ['UPS Ground', '(none)', '1'],
    ]);
    // By region (not the one-value country): West = orders 1001, 1004, 1007 = 13 + 4 + 8 = 25 units, 8 of them returned (1007).
    const west = readCsvObjects(readFileSync(path.join(out, 'return_rate_by.region.csv'), 'utf8')).find((r) => r.dim_value === 'West')!;
    expect([west.units_sold, west.units_returned]).toEqual(['25', '8']);
  }, 120_000);

  it('merges an order the returns list names twice (one return per line, not a rejected duplicate)', async () => {
    const data = path.join(tmp, 'twice');
    mkdirSync(data);
    writeFileSync(path.join(data, 'Orders.csv'), ordersCsv());
    writeFileSync(path.join(data, 'Returns.csv'), `${RETURNS}Yes,US-2024-1003\n`);
    const out = path.join(tmp, 'out-twice');
    expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(EXIT.ok);
    const returns = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).imports[1];
    expect([returns.rowsRead, returns.rowsLoaded, returns.rowsMerged, returns.rowsRejected]).toEqual([3, 2, 1, 0]);
    const [k] = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
    // The same 4 return lines and 16 units as with each order listed once.
    expect([k!.returns, k!.units_returned]).toEqual(['4', '16']);
  }, 120_000);
});
