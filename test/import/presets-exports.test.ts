import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMapping, type ImportReport } from '../../src/loader/import/apply';
import { sniff } from '../../src/loader/import/decode';
import { readImportSql } from '../../src/loader/import/node';
import { buildPreset, detectPreset, detectPresets } from '../../src/loader/import/presets';
import { parseMapping, stringifyMapping, validateMapping } from '../../src/loader/import/spec/validate';
import { answerQuestion } from '../../src/loader/import/suggest';
import { csv, useEngine } from '../helpers/engine';

/**
 * Presets for real exports, each on hand-made fixtures of its variants, with the expected
 * rows worked out by hand in the comments: Amazon seller-fulfilled returns (US download and a
 * trimmed BR copy), the Shopify orders export (the real 2026 header with order fields on the
 * first row only, multi-line cells, refunds; a drifted newer header with CRLF and a BOM; with
 * and without a returns file), Shopify returns, lists of returned orders, reviews exports.
 */

const SQL = readImportSql();
const NOW = new Date('2026-12-01T00:00:00Z');
const enc = (s: string) => new TextEncoder().encode(s);
const balanced = (r: ImportReport) => {
  expect(r.error).toBeUndefined();
  expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected + r.rowsExcluded + r.rowsMerged);
  for (const t of r.tables) expect(t.rowsRead, t.table).toBe(t.rowsLoaded + t.rowsRejected + t.rowsExcluded + t.rowsMerged);
};
/** A delimited text from a header and rows given as {column: value} (other cells empty). */
const rowsOf = (header: string[], rows: Record<string, string>[], delimiter = ',', eol = '\n') => {
  const cell = (v: string) => (delimiter === ',' && /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header.join(delimiter), ...rows.map((r) => header.map((h) => cell(r[h] ?? '')).join(delimiter))].join(eol) + eol;
};

describe('export presets', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;
  const load = async (name: string, bytes: Uint8Array, opts: { refundsAsReturns?: boolean } = {}) => {
    const s = sniff(bytes, name);
    const match = detectPreset(s);
    expect(match, name).not.toBeNull();
    const built = buildPreset(match!.id, s, opts);
    expect(built.questions, name).toEqual([]);
    // What the user downloads and the CLI reads back is the same mapping.
    const mapping = parseMapping(stringifyMapping(built.mapping));
    return { report: await applyMapping(engine(), SQL, { name, bytes }, mapping, { now: NOW }), mapping, match: match! };
  };
  const issues = (file: string) =>
    engine().query(`SELECT table_name, line_number, severity, reason FROM load_issues WHERE source_file = '${file}' ORDER BY table_name, line_number`);

  // ------------------------------------------------------------------------------------
  // Amazon seller-fulfilled returns report (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE)

  const AMZ_US = ['Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Merchant RMA ID', 'Label type', 'Label cost',
    'Currency code', 'Return carrier', 'Tracking ID', 'Label to be paid by', 'A-to-Z Claim', 'Is prime', 'ASIN', 'Merchant SKU', 'Item Name', 'Return quantity',
    'Return Reason', 'In policy', 'Return type', 'Resolution', 'Invoice number', 'Return delivery date', 'Order Amount', 'Order quantity', 'SafeT Action reason',
    'SafeT claim id', 'SafeT claim state', 'SafeT claim creation time', 'SafeT claim reimbursement amount', 'Refunded Amount', 'Order Item ID'];
  const amz = (o: Record<string, string>) => ({ 'Order date': '10-Jul-2025', 'Return request status': 'Approved', 'Label type': 'AmazonPrePaidLabel', 'Currency code': 'USD',
    'Return carrier': 'USPS', 'Label to be paid by': 'Seller', 'A-to-Z Claim': 'N', 'Is prime': 'N', 'Return quantity': '1', 'In policy': 'Y', 'Return type': 'C-Returns',
    'Merchant RMA ID': ' ', 'Invoice number': ' ', ...o });
  const AMZ_US_ROWS = [
    // line 2: as in the real sample row: 2 units, label 4.14 paid by the seller, no refund yet, no delivery date
    amz({ 'Order ID': '113-6277818-6289068', 'Return request date': '14-Jul-2025', 'Amazon RMA ID': 'DfqRyqfBRRMA', 'Label cost': '4.14', 'Merchant SKU': 'PANEC-925SS-IT',
      'Item Name': 'Necklace 18" chain', 'Return quantity': '2', 'Return Reason': 'AMZ-PG-WJ-TOO-SMALL', Resolution: 'StandardRefund', 'Refunded Amount': '' }),
    // line 3: the customer pays the label (cost 0 for us), refund at first scan, delivered back 05-Aug
    amz({ 'Order ID': '111-1111111-1111111', 'Order date': '01-Aug-2025', 'Return request date': '03-Aug-2025', 'Amazon RMA ID': 'RMA-1', 'Label cost': '9.90', 'Label to be paid by': 'Customer',
      'Merchant SKU': 'SKU-1', 'Return Reason': 'CR-UNWANTED_ITEM', Resolution: 'RefundAtFirstScan', 'Return delivery date': '05-Aug-2025', 'Refunded Amount': '50.00' }),
    // line 4: A-to-Z claim, a replacement (exchange)
    amz({ 'Order ID': '222-2222222-2222222', 'Return request date': '04-Aug-2025', 'Amazon RMA ID': 'RMA-2', 'Label cost': '9.90', 'A-to-Z Claim': 'Y',
      'Merchant SKU': 'SKU-2', 'Return Reason': 'CR-DEFECTIVE', Resolution: 'ReplacementIssued' }),
    // line 5: request rejected → resolution rejected
    amz({ 'Order ID': '333-3333333-3333333', 'Return request date': '05-Aug-2025', 'Return request status': 'Rejected', 'Amazon RMA ID': 'RMA-3', 'Merchant SKU': 'SKU-3', 'Return Reason': 'NO_LONGER_NEEDED' }),
    // line 6: cancelled by the buyer → excluded
    amz({ 'Order ID': '444-4444444-4444444', 'Return request date': '06-Aug-2025', 'Return request status': 'Cancelled', 'Amazon RMA ID': 'RMA-4', 'Merchant SKU': 'SKU-4' }),
    // line 7: line 3 again (overlapping reports) → duplicate
    amz({ 'Order ID': '111-1111111-1111111', 'Order date': '01-Aug-2025', 'Return request date': '03-Aug-2025', 'Amazon RMA ID': 'RMA-1', 'Label cost': '9.90', 'Label to be paid by': 'Customer',
      'Merchant SKU': 'SKU-1', 'Return Reason': 'CR-UNWANTED_ITEM', Resolution: 'RefundAtFirstScan', 'Return delivery date': '05-Aug-2025', 'Refunded Amount': '50.00' }),
    // line 8: not a date → rejected
    amz({ 'Order ID': '555-5555555-5555555', 'Return request date': 'tomorrow', 'Amazon RMA ID': 'RMA-5', 'Merchant SKU': 'SKU-5' }),
  ];

  it('Amazon seller-fulfilled returns: US download (tab-separated, 10-Jul-2025 dates)', async () => {
    await db.fixture({});
    const bytes = enc(rowsOf(AMZ_US, AMZ_US_ROWS, '\t'));
    const s = sniff(bytes, 'returns.txt');
    const found = detectPresets(s);
    expect(found[0]).toMatchObject({ id: 'amazon_seller_returns', confidence: 1, usable: true });
    // The FBA report's return-date column is absent: that preset cannot be used.
    expect(found.find((p) => p.id === 'amazon_fba_returns')).toMatchObject({ usable: false });
    const { report: r, mapping } = await load('returns.txt', bytes);
    // Tab-separated and never quoted: the " in an item name is text.
    expect(mapping.source).toMatchObject({ delimiter: '\t', quote: '' });
    // The request and delivery dates are sampled together: 7 + 2 values, all but "tomorrow"
    // read as %d-%b-%Y (8 of 9): that format, with a note.
    expect(mapping.notes).toContain('Only 89% of the sampled "Return request date", "Return delivery date" values read as day-month-year: the others will be rejected.');
    balanced(r);
    expect(r).toMatchObject({ rowsRead: 7, rowsLoaded: 4, rowsRejected: 2, rowsExcluded: 1 });
    expect(await issues('returns.txt')).toEqual([
      { table_name: 'returns', line_number: 6, severity: 'excluded', reason: 'return request cancelled by the buyer: no return happened' },
      { table_name: 'returns', line_number: 7, severity: 'rejected', reason: 'duplicate return_id: "RMA-1|111-1111111-1111111|SKU-1" (first on line 3)' },
      { table_name: 'returns', line_number: 8, severity: 'rejected', reason: 'bad date in requested_at (expected day-month-year, %d-%b-%Y): "tomorrow"' },
    ]);
    expect(await engine().query(
      'SELECT return_id, sku, quantity, requested_at, received_at, reason_raw, refund_amount, return_carrier, label_cost, resolution FROM returns ORDER BY requested_at',
    )).toEqual([
      { return_id: 'DfqRyqfBRRMA|113-6277818-6289068|PANEC-925SS-IT', sku: 'PANEC-925SS-IT', quantity: 2, requested_at: new Date('2025-07-14'), received_at: null,
        reason_raw: 'AMZ-PG-WJ-TOO-SMALL', refund_amount: null, return_carrier: 'USPS', label_cost: 4.14, resolution: 'refund' },
      { return_id: 'RMA-1|111-1111111-1111111|SKU-1', sku: 'SKU-1', quantity: 1, requested_at: new Date('2025-08-03'), received_at: new Date('2025-08-05'),
        reason_raw: 'CR-UNWANTED_ITEM', refund_amount: 50, return_carrier: 'USPS', label_cost: 0, resolution: 'refund' },
      { return_id: 'RMA-2|222-2222222-2222222|SKU-2', sku: 'SKU-2', quantity: 1, requested_at: new Date('2025-08-04'), received_at: null,
        reason_raw: 'CR-DEFECTIVE', refund_amount: null, return_carrier: 'USPS', label_cost: 9.9, resolution: 'exchange' },
      { return_id: 'RMA-3|333-3333333-3333333|SKU-3', sku: 'SKU-3', quantity: 1, requested_at: new Date('2025-08-05'), received_at: null,
        reason_raw: 'NO_LONGER_NEEDED', refund_amount: null, return_carrier: 'USPS', label_cost: null, resolution: 'rejected' },
    ]);
    // reason_map knows CR-UNWANTED_ITEM (exact), CR-DEFECTIVE (free text "defect"), NO_LONGER_NEEDED
    // (exact) and AMZ-PG-WJ-TOO-SMALL (the AMZ-PG-* pattern): nothing is left unmapped.
    expect(r.unmappedReasons).toEqual([]);
  });

  it('Amazon seller-fulfilled returns: a trimmed copy with ISO dates and decimal commas', async () => {
    await db.fixture({});
    const header = ['Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Label type', 'Label cost', 'Return carrier', 'Tracking ID',
      'Label to be paid by', 'Return Reason', 'Resolution', 'Return delivery date', 'Refunded Amount', 'Merchant SKU', 'Return quantity'];
    const bytes = enc(rowsOf(header, [
      { 'Order ID': '701-7824777-7251447', 'Order date': '2026-09-22', 'Return request date': '2026-09-29', 'Return request status': 'Approved', 'Amazon RMA ID': 'DZ1',
        'Label cost': '10,77', 'Return carrier': 'Correios', 'Label to be paid by': 'Seller', 'Return Reason': 'CR-UNWANTED_ITEM', Resolution: 'StandardRefund',
        'Return delivery date': '2026-10-01', 'Refunded Amount': '1.234,50', 'Merchant SKU': 'b081.24', 'Return quantity': '1' },
      { 'Order ID': '701-9108002-9567447', 'Order date': '2026-09-22', 'Return request date': '2026-09-23', 'Return request status': 'Approved', 'Amazon RMA ID': 'DZ2',
        'Label cost': '0', 'Return carrier': 'Correios', 'Label to be paid by': 'Seller', 'Return Reason': 'AMZ-PG-BAD-DESC', Resolution: 'RefundAtFirstScan',
        'Refunded Amount': '288,00', 'Merchant SKU': 'b081.25', 'Return quantity': '2' },
    ], '\t'));
    // 16 of the 23 weighted columns: (1 + .5 + 2 + 2 + 2 + 1 + 1 + 1 + .5 + 1 + 1 + 1 + 1 + 1 + 1 + 1 = 18) / 23 = 0.78.
    const { report: r, match } = await load('br.txt', bytes);
    expect(match).toMatchObject({ id: 'amazon_seller_returns', confidence: 0.78 });
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(await engine().query('SELECT sku, refund_amount, label_cost, received_at FROM returns ORDER BY sku')).toEqual([
      { sku: 'b081.24', refund_amount: 1234.5, label_cost: 10.77, received_at: new Date('2026-10-01') },
      { sku: 'b081.25', refund_amount: 288, label_cost: 0, received_at: null },
    ]);
  });

  // ------------------------------------------------------------------------------------
  // Shopify orders export, built around the real 2026 header (79 columns)

  const SHOPIFY_2026 = readFileSync('/work/shared/data/shopify_schema/shopify_orders_export_header_2026.csv', 'utf8').trim().split(',');
  const first = (o: Record<string, string>) => ({ 'Fulfillment Status': 'fulfilled', Currency: 'BDT', 'Refunded Amount': '0.00', 'Shipping Country': 'BD',
    Source: 'web', Email: 'A@x.com', 'Accepts Marketing': 'no', ...o });
  const SHOP_ROWS: Record<string, string>[] = [
    // r2: #1001 first row: 2 × 1400.00 with 200.00 off the line → 1300 a unit; a multi-line Note Attributes cell
    first({ Name: '#1001', 'Financial Status': 'paid', 'Created at': '2026-04-05 21:06:21 +0400', 'Lineitem quantity': '2', 'Lineitem name': 'Kurta - M',
      'Lineitem price': '1400.00', 'Lineitem sku': 'KUR-M', 'Lineitem discount': '200.00', Vendor: 'Aarong', 'Note Attributes': 'gift: yes\nwrap: blue, with "ribbon"' }),
    // r3: #1001 follow-on row: only Name, Created at and line fields (order fields filled down)
    { Name: '#1001', 'Created at': '2026-04-05 21:06:21 +0400', 'Lineitem quantity': '1', 'Lineitem name': 'Scarf', 'Lineitem price': '500.00', 'Lineitem sku': 'SCF-1', 'Lineitem discount': '0.00', Vendor: 'Aarong' },
    // r4: #1002 fully refunded, fulfilled: a sale and a return of its line (1400). 01:30 +0400 stays 6 April (wall clock).
    first({ Name: '#1002', 'Financial Status': 'refunded', 'Created at': '2026-04-06 01:30:00 +0400', 'Lineitem quantity': '1', 'Lineitem name': 'Kurta - M',
      'Lineitem price': '1400.00', 'Lineitem sku': 'KUR-M', Vendor: 'Aarong', 'Refunded Amount': '1400.00' }),
    // r5-r7: #1003 partially refunded (300.00, not itemised); KUR-L twice → lines KUR-L and KUR-L#2
    first({ Name: '#1003', 'Financial Status': 'partially_refunded', 'Created at': '2026-04-06 12:00:00 +0400', 'Lineitem quantity': '1', 'Lineitem name': 'Kurta - L',
      'Lineitem price': '1400.00', 'Lineitem sku': 'KUR-L', Vendor: 'Aarong', 'Refunded Amount': '300.00' }),
    { Name: '#1003', 'Created at': '2026-04-06 12:00:00 +0400', 'Lineitem quantity': '2', 'Lineitem name': 'Scarf', 'Lineitem price': '500.00', 'Lineitem sku': 'SCF-1', Vendor: 'Aarong' },
    { Name: '#1003', 'Created at': '2026-04-06 12:00:00 +0400', 'Lineitem quantity': '1', 'Lineitem name': 'Kurta - L', 'Lineitem price': '1400.00', 'Lineitem sku': 'KUR-L', Vendor: 'Aarong' },
    // r8: #1004 refunded and cancelled (never shipped): not a sale, not a return
    first({ Name: '#1004', 'Financial Status': 'refunded', 'Fulfillment Status': 'unfulfilled', 'Cancelled at': '2026-04-07 10:00:00 +0400', 'Created at': '2026-04-07 09:00:00 +0400',
      'Lineitem quantity': '1', 'Lineitem name': 'Scarf', 'Lineitem price': '500.00', 'Lineitem sku': 'SCF-1', 'Refunded Amount': '500.00' }),
    // r9: #1005 refunded but never fulfilled, not cancelled: a cancellation in effect
    first({ Name: '#1005', 'Financial Status': 'refunded', 'Fulfillment Status': 'unfulfilled', 'Created at': '2026-04-07 11:00:00 +0400',
      'Lineitem quantity': '1', 'Lineitem name': 'Kurta - M', 'Lineitem price': '1400.00', 'Lineitem sku': 'KUR-M', 'Refunded Amount': '1400.00' }),
    // r10: #1006 payment voided
    first({ Name: '#1006', 'Financial Status': 'voided', 'Created at': '2026-04-08 11:00:00 +0400', 'Lineitem quantity': '1', 'Lineitem name': 'Scarf', 'Lineitem price': '500.00', 'Lineitem sku': 'SCF-1' }),
    // r11: #1007 a custom line without SKU: its name is the SKU
    first({ Name: '#1007', 'Financial Status': 'paid', 'Created at': '2026-04-08 12:00:00 +0400', 'Lineitem quantity': '1', 'Lineitem name': 'Gift wrap', 'Lineitem price': '50.00' }),
  ];

  it('Shopify orders (2026 header): fill-down, multi-line cells, refunds as returns, exclusions', async () => {
    await db.fixture({});
    const { report: r, mapping, match } = await load('orders_export.csv', enc(rowsOf(SHOPIFY_2026, SHOP_ROWS)));
    expect(match).toMatchObject({ id: 'shopify_orders', confidence: 1 });
    expect(mapping.fillDown).toEqual({
      groupBy: 'Name',
      columns: ['Financial Status', 'Fulfillment Status', 'Currency', 'Refunded Amount', 'Cancelled at', 'Shipping Country', 'Billing Country', 'Source', 'Email', 'Created at'],
    });
    balanced(r);
    // order_lines: 10 rows; r8 cancelled, r9 refunded unfulfilled, r10 voided are excluded → 7.
    // products: KUR-M (r2), SCF-1 (r3), KUR-L (r5), Gift wrap (r11); the 6 repeats are merged.
    // returns: #1002 (r4), #1003's first row (r5), #1004 (r8), #1005 (r9) are taken;
    //   r4 loads; r5 is the partial refund; r8 cancelled; r9 refunded before fulfilment.
    expect(r.tables).toEqual([
      { table: 'order_lines', rowsRead: 10, rowsLoaded: 7, rowsRejected: 0, rowsExcluded: 3, rowsMerged: 0, rowsWarned: 0 },
      { table: 'products', rowsRead: 10, rowsLoaded: 4, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 6, rowsWarned: 0 },
      { table: 'returns', rowsRead: 4, rowsLoaded: 1, rowsRejected: 0, rowsExcluded: 3, rowsMerged: 0, rowsWarned: 0 },
    ]);
    expect(await engine().query('SELECT order_id, line_id, order_date, sku, quantity, unit_price, currency, channel, customer_id, region FROM order_lines ORDER BY order_id, line_id')).toEqual([
      { order_id: '#1001', line_id: 'KUR-M', order_date: new Date('2026-04-05'), sku: 'KUR-M', quantity: 2, unit_price: 1300, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
      { order_id: '#1001', line_id: 'SCF-1', order_date: new Date('2026-04-05'), sku: 'SCF-1', quantity: 1, unit_price: 500, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
      { order_id: '#1002', line_id: 'KUR-M', order_date: new Date('2026-04-06'), sku: 'KUR-M', quantity: 1, unit_price: 1400, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
      { order_id: '#1003', line_id: 'KUR-L', order_date: new Date('2026-04-06'), sku: 'KUR-L', quantity: 1, unit_price: 1400, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
      { order_id: '#1003', line_id: 'KUR-L#2', order_date: new Date('2026-04-06'), sku: 'KUR-L', quantity: 1, unit_price: 1400, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
      { order_id: '#1003', line_id: 'SCF-1', order_date: new Date('2026-04-06'), sku: 'SCF-1', quantity: 2, unit_price: 500, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
      { order_id: '#1007', line_id: 'Gift wrap', order_date: new Date('2026-04-08'), sku: 'Gift wrap', quantity: 1, unit_price: 50, currency: 'BDT', channel: 'web', customer_id: 'a@x.com', region: 'BD' },
    ]);
    expect(await engine().query('SELECT sku, product_name, supplier FROM products ORDER BY sku')).toEqual([
      { sku: 'Gift wrap', product_name: 'Gift wrap', supplier: null },
      { sku: 'KUR-L', product_name: 'Kurta - L', supplier: 'Aarong' },
      { sku: 'KUR-M', product_name: 'Kurta - M', supplier: 'Aarong' },
      { sku: 'SCF-1', product_name: 'Scarf', supplier: 'Aarong' },
    ]);
    expect(await issues('orders_export.csv')).toEqual([
      { table_name: 'order_lines', line_number: 8, severity: 'excluded', reason: 'order cancelled: not a sale' },
      { table_name: 'order_lines', line_number: 9, severity: 'excluded', reason: 'refunded before it was fulfilled: a cancellation, not a sale' },
      { table_name: 'order_lines', line_number: 10, severity: 'excluded', reason: 'payment voided: not a sale' },
      ...[4, 6, 7, 8, 9, 10].map((line) => ({ table_name: 'products', line_number: line, severity: 'merged', reason: expect.stringMatching(/^sku repeated, merged into its first row: /) })),
      { table_name: 'returns', line_number: 5, severity: 'excluded', reason: 'order-level partial refund: the export does not say which lines were refunded, so it is kept out of unit return rates (one row per order)' },
      { table_name: 'returns', line_number: 8, severity: 'excluded', reason: 'order cancelled: a cancellation, not a return' },
      { table_name: 'returns', line_number: 9, severity: 'excluded', reason: 'refunded before it was fulfilled: a cancellation, not a return' },
    ]);
    await db.runner().refresh();
    expect(await engine().query('SELECT return_id, order_id, line_id, sku, quantity, refund_amount, resolution, line_matched FROM returns_enriched')).toEqual([
      { return_id: '#1002|KUR-M', order_id: '#1002', line_id: 'KUR-M', sku: 'KUR-M', quantity: 1, refund_amount: 1400, resolution: 'refund', line_matched: true },
    ]);
    // Units: sold 2 + 1 + 1 + 1 + 1 + 2 + 1 = 9, returned 1.
    const [k] = (await db.runner().run('kpis')).rows;
    expect(k).toMatchObject({ units_sold: 9, units_returned: 1 });
  });

  it('Shopify orders with a drifted header (Canceled at, reordered, no Lineitem discount), CRLF and a BOM', async () => {
    await db.fixture({});
    const header = ['Lineitem sku', 'Name', 'Email', 'Financial Status', 'Fulfillment Status', 'Currency', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price',
      'Billing Country', 'Shipping Country', 'Notes', 'Canceled at', 'Payment Reference (deprecated)', 'Refunded Amount', 'Vendor', 'Payment terms', 'Next payment due at'];
    const text = rowsOf(header, [
      // #2001: 11:59 pm at -05:00 stays 30 November
      { Name: '#2001', 'Financial Status': 'paid', 'Fulfillment Status': 'fulfilled', Currency: 'USD', 'Created at': '2025-11-30 23:59:59 -0500', 'Lineitem quantity': '1',
        'Lineitem name': 'Mug', 'Lineitem price': '10.00', 'Lineitem sku': 'A', 'Billing Country': 'CA', Notes: 'leave at\r\nthe door', 'Refunded Amount': '0.00' },
      { Name: '#2001', 'Created at': '2025-11-30 23:59:59 -0500', 'Lineitem quantity': '3', 'Lineitem name': 'Spoon', 'Lineitem price': '2.50', 'Lineitem sku': 'B' },
      // #2002: refunded, fulfilled: a return of 2 × 10.00
      { Name: '#2002', 'Financial Status': 'refunded', 'Fulfillment Status': 'fulfilled', Currency: 'USD', 'Created at': '2025-12-01 08:00:00 -0500', 'Lineitem quantity': '2',
        'Lineitem name': 'Mug', 'Lineitem price': '10.00', 'Lineitem sku': 'A', 'Shipping Country': 'US', 'Refunded Amount': '20.00' },
    ], ',', '\r\n');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]);
    const { report: r, mapping } = await load('orders_export_1.csv', bytes);
    expect(mapping.fillDown!.columns).toContain('Canceled at');
    balanced(r);
    expect(r.tables.map((t) => [t.table, t.rowsRead, t.rowsLoaded, t.rowsExcluded, t.rowsMerged])).toEqual([['order_lines', 3, 3, 0, 0], ['products', 3, 2, 0, 1], ['returns', 1, 1, 0, 0]]);
    // Region: Shipping Country, else Billing Country (#2001 ships nowhere named: CA from billing).
    expect(await engine().query('SELECT order_id, line_id, order_date, unit_price, region FROM order_lines ORDER BY order_id, line_id')).toEqual([
      { order_id: '#2001', line_id: 'A', order_date: new Date('2025-11-30'), unit_price: 10, region: 'CA' },
      { order_id: '#2001', line_id: 'B', order_date: new Date('2025-11-30'), unit_price: 2.5, region: 'CA' },
      { order_id: '#2002', line_id: 'A', order_date: new Date('2025-12-01'), unit_price: 10, region: 'US' },
    ]);
    expect(await engine().query('SELECT return_id, quantity, refund_amount FROM returns')).toEqual([{ return_id: '#2002|A', quantity: 2, refund_amount: 20 }]);
  });

  it('Shopify orders with a Shopify returns file: refunds are not counted twice', async () => {
    await db.fixture({});
    const { report: orders, mapping } = await load('orders_export.csv', enc(rowsOf(SHOPIFY_2026, SHOP_ROWS)), { refundsAsReturns: false });
    expect(mapping.targets.map((t) => t.table)).toEqual(['order_lines', 'products']);
    expect(orders).toMatchObject({ rowsLoaded: 11, rowsExcluded: 3, rowsMerged: 6 });
    const returns = [
      'Return name,Order name,Status,Requested at,SKU,Returned quantity,Return reason,Return reason note',
      '#1003-R1,#1003,CLOSED,2026-04-10T09:00:00Z,SCF-1,1,SIZE_TOO_SMALL,"too tight,\naround the neck"', // r2 loads
      '#1003-R1,#1003,CLOSED,2026-04-10T09:00:00Z,KUR-L,1,COLOR,', //   r3 loads (first KUR-L line)
      '#1001-R1,#1001,DECLINED,2026-04-08T09:00:00Z,KUR-M,1,UNWANTED,', // r4 loads, refused
      '#1002-R1,#1002,CANCELED,2026-04-08T09:00:00Z,KUR-M,1,DEFECTIVE,', // r5 excluded
      '#1002-R2,#1002,OPEN,2026-04-02T09:00:00Z,KUR-M,1,DEFECTIVE,', //   r6 requested before the order (6 April) → rejected
    ].join('\n') + '\n';
    const s = sniff(enc(returns), 'returns.csv');
    // order 1 + return name 2 + sku 1 + quantity 1.5 + reason 2 + note 1 + status 1 + requested 1 = 10.5 of 11 (no refund column): 0.95
    expect(detectPresets(s)[0]).toMatchObject({ id: 'shopify_returns', confidence: 0.95 });
    const { report: r } = await load('returns.csv', enc(returns));
    balanced(r);
    expect(r).toMatchObject({ rowsRead: 5, rowsLoaded: 3, rowsRejected: 1, rowsExcluded: 1 });
    expect(await issues('returns.csv')).toEqual([
      { table_name: 'returns', line_number: 5, severity: 'excluded', reason: 'return canceled: nothing came back' },
      { table_name: 'returns', line_number: 6, severity: 'rejected', reason: 'return dated before its order: "2026-04-02" (order date 2026-04-06)' },
    ]);
    await db.runner().refresh();
    expect(await engine().query('SELECT return_id, line_id, reason, customer_comment, resolution, line_matched FROM returns_enriched ORDER BY return_id')).toEqual([
      { return_id: '#1001-R1|KUR-M', line_id: 'KUR-M', reason: 'changed_mind', customer_comment: null, resolution: 'rejected', line_matched: true },
      { return_id: '#1003-R1|KUR-L', line_id: 'KUR-L', reason: 'changed_mind', customer_comment: null, resolution: null, line_matched: true },
      { return_id: '#1003-R1|SCF-1', line_id: 'SCF-1', reason: 'size_too_small', customer_comment: 'too tight,\naround the neck', resolution: null, line_matched: true },
    ]);
    // Accepted returns: 2 units (the declined one is a request, not a return); sold 9 units.
    const [k] = (await db.runner().run('kpis')).rows;
    expect(k).toMatchObject({ units_sold: 9, units_returned: 2 });
  });

  // ------------------------------------------------------------------------------------
  // Lists of returned orders

  it('a semicolon list of returned orders (CRLF, with a Region column) next to order lines', async () => {
    await db.fixture({
      order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'SO-1,1,2024-05-01,P1,1,20', 'SO-1,2,2024-05-01,P2,4,3', 'SO-2,1,2024-05-02,P1,1,20'),
    });
    const bytes = enc('Order Number;Returned;Region\r\nSO-1;Yes;West\r\nSO-2;No;East\r\n');
    const { report: r, match } = await load('Returns.csv', bytes);
    expect(match).toMatchObject({ id: 'returned_orders_list', confidence: 1 });
    // SO-1 → its 2 lines (1 + 4 units); SO-2 is not flagged.
    expect(r.tables).toEqual([{ table: 'returns', rowsRead: 2, rowsLoaded: 1, rowsRejected: 0, rowsExcluded: 1, rowsMerged: 0, rowsWarned: 0, rowsExpandedTo: 2 }]);
    expect(await engine().query('SELECT return_id, sku, quantity FROM returns ORDER BY return_id')).toEqual([
      { return_id: 'SO-1|1', sku: 'P1', quantity: 1 }, { return_id: 'SO-1|2', sku: 'P2', quantity: 4 },
    ]);
  });

  // ------------------------------------------------------------------------------------
  // Reviews exports

  it('reviews: Judge.me (UTC dates, multi-line text), Yotpo (ambiguous dates asked), a marketplace dump (Unix times)', async () => {
    await db.fixture({});
    const judgeme = [
      'title,body,rating,review_date,source,curated,reviewer_name,reviewer_email,product_id,product_handle,reply,reply_date,picture_urls,ip_address,location',
      'Top,"Très bonne qualité, livraison rapide.",5,2025-03-02 10:12:00 UTC,web,ok,Camille,c@x.fr,7012345678,creme-visage,,,"https://a.jpg,https://b.jpg",1.1.1.1,FR', // r2
      'Bof,"Pas terrible\ndu tout.",2,2025-01-10,web,ok,Marc,m@x.fr,7012345678,creme-visage,,,,,FR', // r3: a date without time
      'Wow,Great,6,2025-01-11,web,ok,Lea,l@x.fr,7012345679,savon,,,,,FR', //   r4: 6 stars → rejected
      'Top,"Très bonne qualité, livraison rapide.",5,2025-03-02 10:12:00 UTC,web,ok,Camille,c@x.fr,7012345678,creme-visage,,,"https://a.jpg,https://b.jpg",1.1.1.1,FR', // r5: r2 again
    ].join('\n') + '\n';
    const j = await load('judgeme.csv', enc(judgeme));
    // product_id 1 + rating 2 + title 1 + body 2 + date 1 + author .5 = 7.5 of 8.5
    expect(j.match).toMatchObject({ id: 'reviews', confidence: 0.88 });
    expect(j.report).toMatchObject({ rowsRead: 4, rowsLoaded: 2, rowsRejected: 2 });
    expect(await issues('judgeme.csv')).toEqual([
      { table_name: 'reviews', line_number: 4, severity: 'rejected', reason: 'rating outside 1-5: "6"' },
      { table_name: 'reviews', line_number: 5, severity: 'rejected', reason: 'duplicate review_id: "7012345678|2025-03-02 10:12:00 UTC|Camille|Top" (first on line 2)' },
    ]);
    expect(await engine().query('SELECT sku, rating, created_at, title, body FROM reviews ORDER BY created_at')).toEqual([
      { sku: '7012345678', rating: 2, created_at: new Date('2025-01-10'), title: 'Bof', body: 'Pas terrible\ndu tout.' },
      { sku: '7012345678', rating: 5, created_at: new Date('2025-03-02T10:12:00Z'), title: 'Top', body: 'Très bonne qualité, livraison rapide.' },
    ]);

    // Yotpo: 01/02/2026 and 03/04/2026 read either way: the preset asks, and refuses to load until answered.
    const yotpo = 'Review Title,Review Content,Review Score,Date,Product ID,Product Name,Display Name,Email\nGreat,Soaks in fast,5,01/02/2026,123,Glow,Sarah,s@x.com\nMeh,Sticky,3,03/04/2026,124,Balm,Tom,t@x.com\n';
    const ys = sniff(enc(yotpo), 'yotpo.csv');
    const built = buildPreset('reviews', ys);
    expect(built.questions).toHaveLength(1);
    expect(built.questions[0]).toMatchObject({ kind: 'date_format', source: 'Date', options: ['%d/%m/%Y', '%m/%d/%Y'] });
    expect(validateMapping(built.mapping).ok).toBe(false);
    const answered = answerQuestion(built.mapping, built.questions[0]!, '%m/%d/%Y');
    const y = await applyMapping(engine(), SQL, { name: 'yotpo.csv', text: ys.text }, answered, { now: NOW });
    expect(y).toMatchObject({ rowsRead: 2, rowsLoaded: 2 });
    expect(await engine().query(`SELECT sku, created_at FROM reviews WHERE sku IN ('123', '124') ORDER BY sku`)).toEqual([
      { sku: '123', created_at: new Date('2026-01-02') }, { sku: '124', created_at: new Date('2026-03-04') },
    ]);

    // A marketplace review dump: Unix times are left out (with a note), the Id column is the review id.
    const dump = 'Id,ProductId,UserId,ProfileName,HelpfulnessNumerator,HelpfulnessDenominator,Score,Time,Summary,Text\n1,B001,U1,ann,1,1,5,1303862400,Good,"Tasty, my dog loves it"\n2,B002,U2,bob,0,0,1,1346976000,Bad,Arrived broken\n';
    const d = await load('Reviews.csv', enc(dump));
    expect(d.mapping.notes).toContain('"Time" holds Unix timestamps: not read (created_at stays empty).');
    expect(d.report).toMatchObject({ rowsRead: 2, rowsLoaded: 2 });
    expect(await engine().query(`SELECT review_id, sku, rating, title FROM reviews WHERE sku LIKE 'B00%' ORDER BY review_id`)).toEqual([
      { review_id: '1', sku: 'B001', rating: 5, title: 'Good' }, { review_id: '2', sku: 'B002', rating: 1, title: 'Bad' },
    ]);
  });
});
