import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { EXIT } from '../../src/cli/errors';
import { sniff, sniffText } from '../../src/loader/import/decode';
import { buildPreset, detectPreset, detectPresets } from '../../src/loader/import/presets';
import { readCsvObjects } from '../helpers/csv';

/**
 * The flat sales export preset on a Superstore-like orders file the test writes (25 order
 * lines, 10 orders, 6 products): one file fills order lines, products and shipments; Sales is
 * the LINE total (price × quantity × (1 − discount)), so the unit price is Sales ÷ Quantity and
 * gross sales = Σ Sales, not Σ Sales × Quantity (the 5× too high of the issue). Every expected
 * figure below is worked out by hand from the rows.
 */

const HEADER = 'Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit';
const PRODUCTS: Record<string, string> = {
  'FUR-CH-1': 'Furniture,Chairs,Task Chair', 'OFF-PA-2': 'Office Supplies,Paper,Copy Paper', 'TEC-PH-3': 'Technology,Phones,Desk Phone',
  'OFF-BI-4': 'Office Supplies,Binders,Ring Binder', 'FUR-TA-5': 'Furniture,Tables,Side Table', 'TEC-AC-6': 'Technology,Accessories,Mouse',
};
// order, order date, ship date, ship mode, customer, place (city, state, region), lines [product, Sales, Quantity, Discount]
const ORDERS: [string, string, string, string, string, string, [string, string, number, number][]][] = [
  ['US-2024-1001', '1/14/2024', '1/18/2024', 'Standard Class', 'CU-1', 'Seattle,Washington,West', [['FUR-CH-1', '200.00', 2, 0], ['OFF-PA-2', '50.00', 10, 0], ['TEC-AC-6', '20.00', 1, 0]]],
  ['US-2024-1002', '1/20/2024', '1/22/2024', 'Second Class', 'CU-2', 'Houston,Texas,Central', [['TEC-PH-3', '80.00', 1, 0], ['OFF-BI-4', '18.00', 4, 0]]],
  ['US-2024-1003', '2/3/2024', '2/7/2024', 'Standard Class', 'CU-3', 'New York City,New York,East', [['FUR-CH-1', '300.00', 3, 0], ['OFF-PA-2', '25.00', 5, 0]]],
  ['US-2024-1004', '2/15/2024', '2/15/2024', 'Same Day', 'CU-1', 'Seattle,Washington,West', [['FUR-TA-5', '120.00', 1, 0.2], ['TEC-AC-6', '60.00', 3, 0]]],
  ['US-2024-1005', '3/2/2024', '3/5/2024', 'First Class', 'CU-4', 'Miami,Florida,South', [['TEC-PH-3', '160.00', 2, 0], ['OFF-BI-4', '9.00', 2, 0], ['OFF-PA-2', '100.00', 20, 0]]],
  ['US-2024-1006', '3/19/2024', '3/23/2024', 'Standard Class', 'CU-2', 'Houston,Texas,Central', [['FUR-CH-1', '100.00', 1, 0], ['FUR-TA-5', '240.00', 2, 0.2]]],
  ['US-2024-1007', '4/8/2024', '4/10/2024', 'UPS Ground', 'CU-5', 'Denver,Colorado,West', [['TEC-AC-6', '40.00', 2, 0], ['OFF-BI-4', '27.00', 6, 0]]],
  ['US-2024-1008', '4/25/2024', '4/29/2024', 'Second Class', 'CU-3', 'New York City,New York,East', [['TEC-PH-3', '240.00', 3, 0], ['OFF-PA-2', '20.00', 4, 0]]],
  ['US-2024-1009', '5/13/2024', '5/17/2024', 'Standard Class', 'CU-6', 'Atlanta,Georgia,South', [['FUR-CH-1', '400.00', 4, 0], ['TEC-AC-6', '100.00', 5, 0], ['OFF-BI-4', '4.50', 1, 0]]],
  ['US-2024-1010', '5/28/2024', '5/30/2024', 'First Class', 'CU-4', 'Miami,Florida,South', [['FUR-TA-5', '150.00', 1, 0], ['OFF-PA-2', '10.00', 2, 0], ['TEC-PH-3', '80.00', 1, 0], ['OFF-BI-4', '13.50', 3, 0]]],
];

function ordersCsv(sales: (line: [string, string, number, number]) => string = (l) => l[1]): string {
  let row = 0;
  const lines = ORDERS.flatMap(([order, date, ship, mode, customer, place, items]) => items.map((l) => {
    row++;
    return `${row},${order},${date},${ship},${mode},${customer},Name ${customer},Consumer,United States,${place},${l[0]},${PRODUCTS[l[0]]},${sales(l)},${l[2]},${l[3]},1.00`;
  }));
  return [HEADER, ...lines].join('\n') + '\n';
}

// Orders 1003 and 1007 are returned (the Returns sheet lists order ids with "Yes").
const RETURNS = 'Returned,Order ID\nYes,US-2024-1003\nYes,US-2024-1007\n';
const PEOPLE = 'Person,Region\nAnna Andreadi,West\nChuck Magee,East\nKelly Williams,Central\nCassandra Brandow,South\n';

describe('the flat sales export preset', () => {
  const s = sniff(new TextEncoder().encode(ordersCsv()), 'Orders.csv');

  it('is detected at full confidence; region over the one-value country; row id as line id; Sales ÷ Quantity', () => {
    expect(detectPreset(s)).toMatchObject({ id: 'flat_sales_export', confidence: 1, usable: true });
    const { mapping, questions } = buildPreset('flat_sales_export', s);
    expect(questions).toEqual([]);
    expect(mapping.routing).toBe('each');
    expect(mapping.targets.map((t) => [t.table, t.duplicates ?? 'reject'])).toEqual([['order_lines', 'reject'], ['products', 'first'], ['shipments', 'first']]);
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
    // Each table's rows read = loaded + rejected + excluded: 25 lines; 6 products (19 repeated rows); 10 orders shipped (15 repeated).
    expect(orders.tables.map((t: Record<string, unknown>) => [t.table, t.rowsRead, t.rowsLoaded, t.rowsRejected, t.rowsExcluded])).toEqual([
      ['order_lines', 25, 25, 0, 0], ['products', 25, 6, 0, 19], ['shipments', 25, 10, 0, 15],
    ]);
    expect(orders.reasons.map((r: Record<string, unknown>) => [r.severity, r.rows, r.table])).toEqual([['excluded', 19, 'products'], ['excluded', 15, 'shipments']]);
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
    // By region (not the one-value country): West = orders 1001, 1004, 1007 = 13 + 4 + 8 = 25 units, 8 of them returned (1007).
    const west = readCsvObjects(readFileSync(path.join(out, 'return_rate_by.region.csv'), 'utf8')).find((r) => r.dim_value === 'West')!;
    expect([west.units_sold, west.units_returned]).toEqual(['25', '8']);
  }, 120_000);
});
