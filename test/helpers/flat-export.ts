import { day, type Cell } from './workbook';

/**
 * A Superstore-like flat sales export the tests write themselves (25 order lines, 10 orders,
 * 6 products), with its returns list (orders 1003 and 1007, a "Yes" column) and a sheet of
 * regional managers. Sales is the LINE total (price × quantity × (1 − discount)). The
 * hand-worked figures are in FLAT_EXPORT_FIGURES; the same rows serve as CSV text or as
 * typed workbook sheets (real Excel dates, numbers as numbers).
 */

export const FLAT_HEADER = 'Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit';
const PRODUCTS: Record<string, string> = {
  'FUR-CH-1': 'Furniture,Chairs,Task Chair', 'OFF-PA-2': 'Office Supplies,Paper,Copy Paper', 'TEC-PH-3': 'Technology,Phones,Desk Phone',
  'OFF-BI-4': 'Office Supplies,Binders,Ring Binder', 'FUR-TA-5': 'Furniture,Tables,Side Table', 'TEC-AC-6': 'Technology,Accessories,Mouse',
};
export type FlatLine = [string, string, number, number];
// order, order date, ship date, ship mode, customer, place (city, state, region), lines [product, Sales, Quantity, Discount]
const ORDERS: [string, string, string, string, string, string, FlatLine[]][] = [
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

/**
 * The figures worked out by hand from the rows. Σ Sales by order: 270 + 98 + 325 + 180 + 269 +
 * 340 + 67 + 260 + 504.5 + 253.5 = 2567 (Σ Sales × Quantity would be 8,752). Units: 13 + 5 + 8 +
 * 4 + 24 + 3 + 8 + 7 + 10 + 7 = 89. Returned: 1003 (3 + 5 units, 300 + 25) and 1007 (2 + 6
 * units, 40 + 27): 16 units of 89, 2 orders of 10, 392 of value.
 */
export const FLAT_EXPORT_FIGURES = { orders: 10, unitsSold: 89, unitsReturned: 16, grossSales: 2567, returnedValue: 392, ordersReturned: 2 };

/** The orders file as CSV text; `sales` rewrites the Sales cell (e.g. as a unit price). */
export function flatOrdersCsv(sales: (line: FlatLine) => string = (l) => l[1]): string {
  return [FLAT_HEADER, ...flatOrderRows().map((r, i) => r.map((c, j) => (j === 16 ? sales(ORDERS_LINES[i]!) : c)).join(','))].join('\n') + '\n';
}

const ORDERS_LINES: FlatLine[] = ORDERS.flatMap((o) => o[6]);

function flatOrderRows(): string[][] {
  let row = 0;
  return ORDERS.flatMap(([order, date, ship, mode, customer, place, items]) => items.map((l) => {
    row++;
    return [String(row), order, date, ship, mode, customer, `Name ${customer}`, 'Consumer', 'United States', ...place.split(','), l[0], ...PRODUCTS[l[0]]!.split(','), l[1], String(l[2]), String(l[3]), '1.00'];
  }));
}

const mdy = (s: string) => { const [m, d, y] = s.split('/').map(Number); return day(y!, m!, d!); };
const NUMERIC = new Set([0, 16, 17, 18, 19]);

/** The orders sheet as Excel holds it: dates as date cells, ids, amounts and counts as numbers. */
export function flatOrdersSheet(): Cell[][] {
  return [FLAT_HEADER.split(','), ...flatOrderRows().map((r) => r.map((c, j): Cell => (j === 2 || j === 3 ? mdy(c) : NUMERIC.has(j) ? Number(c) : c)))];
}

export const FLAT_RETURNS_CSV = 'Returned,Order ID\nYes,US-2024-1003\nYes,US-2024-1007\n';
export const FLAT_PEOPLE_CSV = 'Person,Region\nAnna Andreadi,West\nChuck Magee,East\nKelly Williams,Central\nCassandra Brandow,South\n';
