/**
 * A flat sales export (one row per order line) that no preset is chosen for: the tests map it
 * by hand, in the page (test/e2e/import.e2e.ts) and with the mapping step's functions
 * (test/app/mapping-editor.test.ts). Sales is the LINE total, so unit price = Sales ÷ Quantity.
 * Row 7 is the shop's own test account, left out by an exclusion rule.
 */
export const HAND_MAPPED_FILE = 'store_lines_export.csv';

export const HAND_MAPPED_CSV = [
  'Row ID,Order ID,Order Date,Customer,Product ID,Category,Sales,Quantity,Ship Mode',
  '1,CA-1001,11/13/2024,Ann Lee,FUR-CH-1,Furniture,90.00,3,Second Class',
  '2,CA-1001,11/13/2024,Ann Lee,OFF-PA-2,Office Supplies,12.50,5,Second Class',
  '3,CA-1002,11/15/2024,Bob Ray,FUR-CH-1,Furniture,60.00,2,Standard Class',
  '4,CA-1003,11/20/2024,Cy Moss,TEC-PH-3,Technology,399.98,2,First Class',
  '5,CA-1003,11/20/2024,Cy Moss,OFF-PA-2,Office Supplies,2.50,1,First Class',
  '6,CA-1004,12/01/2024,Di Park,TEC-PH-3,Technology,199.99,1,Same Day',
  '7,CA-1005,12/14/2024,TEST ACCOUNT,FUR-CH-1,Furniture,30.00,1,Standard Class',
  '8,CA-1006,12/20/2024,Ann Lee,OFF-PA-2,Office Supplies,25.00,10,Standard Class',
  '',
].join('\n');

/** The exclusion rule: rows of the test account, with the reason the load reports. */
export const TEST_ACCOUNT = { column: 'Customer', value: 'TEST ACCOUNT', reason: 'the shop’s own test orders' };

/**
 * Worked out by hand from the rows above, without the test account's row 7:
 * orders CA-1001, 1002, 1003, 1004, 1006 = 5; units 3 + 5 + 2 + 2 + 1 + 1 + 10 = 24;
 * gross sales = Σ Sales = 90 + 12.5 + 60 + 399.98 + 2.5 + 199.99 + 25 = 789.97.
 * order_lines: 8 read = 7 loaded + 1 excluded. products: 8 read = 3 loaded (FUR-CH-1, OFF-PA-2,
 * TEC-PH-3, each from its first row) + 5 excluded as repeats, none rejected.
 */
export const HAND_FIGURES = {
  orders: 5,
  units: 24,
  grossSales: 789.97,
  lines: { read: 8, loaded: 7, merged: 0, rejected: 0, excluded: 1 },
  // The 5 later rows of a product already seen are merged into its first row, not excluded or rejected.
  products: { read: 8, loaded: 3, merged: 5, rejected: 0, excluded: 0 },
};
