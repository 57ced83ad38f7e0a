import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMapping } from '../../src/loader/import/apply';
import { sniff } from '../../src/loader/import/decode';
import { readImportSql } from '../../src/loader/import/node';
import { buildPreset, detectPreset, detectPresets } from '../../src/loader/import/presets';
import { parseMapping, stringifyMapping, validateMapping } from '../../src/loader/import/spec/validate';
import { answerQuestion } from '../../src/loader/import/suggest';
import { csv, useEngine } from '../helpers/engine';

const SQL = readImportSql();
const bytes = (s: string) => new TextEncoder().encode(s);
const tsv = (...lines: string[][]) => lines.map((l) => l.join('\t')).join('\n') + '\n';

/**
 * Amazon FBA customer returns: no public real file exists, so the fixtures follow the columns
 * documented in ../shared/data/amazon_fba_returns/REPORT_FORMAT_NOTES.md: the US download
 * header (order-id, ISO dates with offset), the AU copy (amazon-order-id, Fulfilment-centre-id,
 * capitalised names, DD-MM-YYYY, no status / customer-comments), the JP copy (DD-MON-YYYY).
 */
const US_HEADER = ['return-date', 'order-id', 'sku', 'asin', 'fnsku', 'product-name', 'quantity', 'fulfillment-center-id', 'detailed-disposition', 'reason', 'status', 'license-plate-number', 'customer-comments'];
const US = tsv(
  US_HEADER,
  // line 2: the sample row of the notes (fnsku = ASIN, empty comment) → loads
  ['2025-06-05T15:31:40+00:00', '114-2962899-5762619', 'LVA1004-UPC', 'B00TZ73MUY', 'B00TZ73MUY', 'Vive Alternating Air Pressure Mattress Pad', '1', 'LEX1', 'CUSTOMER_DAMAGED', 'NOT_COMPATIBLE', 'IMMEDIATE_DONATION', 'LPNNC5N165ZVR', ''],
  // line 3: a quote in an unquoted comment is text → loads
  ['2025-06-07T09:00:00+00:00', '111-0000001-0000001', 'SHIRT-M', 'B0AAA', 'X00AAA', 'Shirt M', '1', 'PHX3', 'SELLABLE', 'APPAREL_TOO_SMALL', 'Unit returned to inventory', 'LPN1', 'ran "small"'],
  // line 4 → loads; line 5: the same row again (overlapping reports) → duplicate
  ['2025-06-08T10:00:00+00:00', '111-0000002-0000002', 'SHIRT-L', 'B0AAB', 'X00AAB', 'Shirt L', '2', 'PHX3', 'DEFECTIVE', 'QUALITY_UNACCEPTABLE', 'Reimbursed', 'LPN2', 'seams split'],
  ['2025-06-08T10:00:00+00:00', '111-0000002-0000002', 'SHIRT-L', 'B0AAB', 'X00AAB', 'Shirt L', '2', 'PHX3', 'DEFECTIVE', 'QUALITY_UNACCEPTABLE', 'Reimbursed', 'LPN2', 'seams split'],
  // line 6: returned 2025-06-10, ordered 2025-06-12 → rejected
  ['2025-06-10T10:00:00+00:00', '111-0000003-0000003', 'MUG', 'B0AAC', 'X00AAC', 'Mug', '1', 'PHX3', 'SELLABLE', 'UNWANTED_ITEM', 'Unit returned to inventory', 'LPN3', ''],
  // line 7: not a date → rejected
  ['yesterday', '111-0000004-0000004', 'MUG', 'B0AAC', 'X00AAC', 'Mug', '1', 'PHX3', 'SELLABLE', 'UNWANTED_ITEM', '', 'LPN4', ''],
  // line 8: negative quantity → rejected
  ['2025-06-11T10:00:00+00:00', '111-0000005-0000005', 'MUG', 'B0AAC', 'X00AAC', 'Mug', '-1', 'PHX3', 'SELLABLE', 'UNWANTED_ITEM', '', 'LPN5', ''],
  // line 9: a date after "now" (2025-12-01) and a reason code reason_map does not know → loads, warned
  ['2026-06-11T10:00:00+00:00', '111-0000009-0000009', 'MUG', 'B0AAC', 'X00AAC', 'Mug', '1', 'PHX3', 'CARRIER_DAMAGED', 'WEIRD_NEW_CODE', 'Unit returned to inventory', 'LPN9', ''],
);
const AU = tsv(
  ['Return-date', 'amazon-order-id', 'SKU', 'ASIN', 'FNSKU', 'Product-name', 'Quantity', 'Fulfilment-centre-id', 'Detailed-disposition', 'Reason', 'License-plate-number'],
  ['25-06-2025', '503-1111111-1111111', 'KETTLE', 'B0K', 'X00K', 'Kettle', '1', 'SYD1', 'SELLABLE', 'UNWANTED_ITEM', 'LPNAU1'],
  ['03-07-2025', '503-2222222-2222222', 'KETTLE', 'B0K', 'X00K', 'Kettle', '1', 'SYD1', 'DAMAGED', 'DAMAGED_BY_CARRIER', 'LPNAU2'],
);
const JP = tsv(US_HEADER, ['05-Jun-2025', '249-1111111-1111111', 'TEA', 'B0T', 'X00T', 'Tea', '3', 'NRT1', 'SELLABLE', 'MISORDERED', 'Unit returned to inventory', 'LPNJP1', '']);
/** DD-MM-YYYY where every day is ≤ 12: the sample cannot tell day-first from month-first. */
const AMBIGUOUS = tsv(
  ['return-date', 'amazon-order-id', 'sku', 'quantity', 'reason'],
  ['05-06-2025', '503-3333333-3333333', 'KETTLE', '1', 'DEFECTIVE'],
  ['11-12-2025', '503-4444444-4444444', 'KETTLE', '1', 'DEFECTIVE'],
);

describe('Amazon FBA customer returns preset', () => {
  const db = useEngine();
  const now = new Date('2025-12-01T00:00:00Z');

  it('is detected from each header spelling, with a confidence', () => {
    // Weights: return-date 1, order id 1, sku .5, asin 1.5, fnsku 2, product-name .5, quantity .5,
    // fulfilment centre 2, detailed-disposition 2, reason .5, status .5, license plate 2, comments 1 = 15.
    expect(detectPresets(sniff(bytes(US), 'r.tsv'))[0]).toMatchObject({ id: 'amazon_fba_returns', confidence: 1, usable: true });
    // AU copy: no status (.5) and no customer-comments (1): 13.5 / 15 = 0.9.
    const au = detectPresets(sniff(bytes(AU), 'r.txt'))[0]!;
    expect(au).toMatchObject({ id: 'amazon_fba_returns', confidence: 0.9, usable: true });
    expect(au.matched).toMatchObject({ order_id: 'amazon-order-id', fulfillment_center: 'Fulfilment-centre-id', return_date: 'Return-date', sku: 'SKU' });
    // Only 5 columns: return-date, order id, sku, quantity, reason = 3.5 / 15 = 0.23: listed, not auto-detected.
    expect(detectPresets(sniff(bytes(AMBIGUOUS)))[0]).toMatchObject({ id: 'amazon_fba_returns', confidence: 0.23, usable: true });
    expect(detectPreset(sniff(bytes(AMBIGUOUS)))).toBeNull();
    // A file without an order id column cannot use it.
    expect(() => buildPreset('amazon_fba_returns', sniff(bytes('return-date\tsku\tquantity\n2025-01-01\tA\t1\n')))).toThrow(
      'Amazon FBA customer returns: the file has no column for order_id (looked for "order id" or "amazon order id")',
    );
  });

  it('loads the US download: dispositions, duplicates, dates before the order, warnings, reasons via reason_map', async () => {
    await db.fixture({
      order_lines: csv(
        'order_id,line_id,order_date,sku,quantity,unit_price',
        '114-2962899-5762619,1,2025-05-20,LVA1004-UPC,1,120',
        '111-0000001-0000001,1,2025-06-01,SHIRT-M,1,20',
        '111-0000002-0000002,1,2025-06-02,SHIRT-L,2,25',
        '111-0000003-0000003,1,2025-06-12,MUG,1,8',
      ),
    });
    const s = sniff(bytes(US), 'fba.tsv');
    const { mapping, questions } = buildPreset('amazon_fba_returns', s);
    expect(questions).toEqual([]);
    expect(mapping.source).toEqual({ encoding: 'utf-8', delimiter: '\t', quote: '', skipLines: 0, header: true, nullValues: [] });
    const r = await applyMapping(db.runner().engine, SQL, { name: 'fba.tsv', text: s.text }, mapping, { now });
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ preset: 'amazon_fba_returns', rowsRead: 8, rowsLoaded: 4, rowsRejected: 4, rowsExcluded: 0, rowsWarned: 1 });
    const engine = db.runner().engine;
    expect(await engine.query(`SELECT line_number, severity, reason FROM load_issues WHERE source_file = 'fba.tsv' ORDER BY line_number`)).toEqual([
      { line_number: 5, severity: 'rejected', reason: 'duplicate return_id: "111-0000002-0000002|SHIRT-L|LPN2|2025-06-08T10:00:00+00:00" (first on line 4)' },
      { line_number: 6, severity: 'rejected', reason: 'return dated before its order: "2025-06-10" (order date 2025-06-12)' },
      { line_number: 7, severity: 'rejected', reason: 'bad date in received_at (expected ISO 8601 (year-month-day)): "yesterday"' },
      { line_number: 8, severity: 'rejected', reason: 'negative quantity: "-1"' },
      { line_number: 9, severity: 'warning', reason: 'received_at is in the future: "2026-06-11"' },
    ]);
    expect(r.unmappedReasons).toEqual([{ reasonRaw: 'WEIRD_NEW_CODE', rows: 1 }]);
    await db.runner().refresh();
    // Reason codes are mapped by reason_map in derive; the order line is found by order id + SKU.
    expect(await engine.query(
      `SELECT r.order_id, r.sku, r.quantity, r.received_at, r.reason_raw, e.reason, r.condition, r.disposition, r.resolution, r.customer_comment, e.line_matched
       FROM returns r JOIN returns_enriched e USING (return_id) ORDER BY r.received_at`,
    )).toEqual([
      { order_id: '114-2962899-5762619', sku: 'LVA1004-UPC', quantity: 1, received_at: new Date('2025-06-05T15:31:40Z'), reason_raw: 'NOT_COMPATIBLE', reason: 'not_as_described', condition: 'damaged', disposition: 'dispose', resolution: 'refund', customer_comment: null, line_matched: true },
      { order_id: '111-0000001-0000001', sku: 'SHIRT-M', quantity: 1, received_at: new Date('2025-06-07T09:00:00Z'), reason_raw: 'APPAREL_TOO_SMALL', reason: 'size_too_small', condition: 'as_new', disposition: 'restock', resolution: 'refund', customer_comment: 'ran "small"', line_matched: true },
      // status Reimbursed says nothing about the unit: the disposition comes from DEFECTIVE.
      { order_id: '111-0000002-0000002', sku: 'SHIRT-L', quantity: 2, received_at: new Date('2025-06-08T10:00:00Z'), reason_raw: 'QUALITY_UNACCEPTABLE', reason: 'defective', condition: 'defective', disposition: 'dispose', resolution: 'refund', customer_comment: 'seams split', line_matched: true },
      // status "Unit returned to inventory" wins over CARRIER_DAMAGED for the disposition.
      { order_id: '111-0000009-0000009', sku: 'MUG', quantity: 1, received_at: new Date('2026-06-11T10:00:00Z'), reason_raw: 'WEIRD_NEW_CODE', reason: 'unknown', condition: 'damaged', disposition: 'restock', resolution: 'refund', customer_comment: null, line_matched: false },
    ]);
  });

  it('loads the AU copy (amazon-order-id, DD-MM-YYYY) and the JP copy (DD-MON-YYYY)', async () => {
    await db.fixture({});
    const engine = db.runner().engine;
    for (const [name, text] of [['au.txt', AU], ['jp.tsv', JP]] as const) {
      const s = sniff(bytes(text), name);
      const built = buildPreset(detectPreset(s)!.id, s);
      expect(built.questions).toEqual([]);
      const r = await applyMapping(engine, SQL, { name, text: s.text }, built.mapping, { now });
      expect(r, name).toMatchObject({ rowsRead: text.trim().split('\n').length - 1, rowsRejected: 0, rowsExcluded: 0 });
    }
    const au = sniff(bytes(AU));
    expect((buildPreset('amazon_fba_returns', au).mapping.targets[0]!.columns.received_at as { transform: unknown }).transform).toEqual({ kind: 'date', format: '%d-%m-%Y' });
    expect(await engine.query('SELECT order_id, sku, quantity, received_at, condition, disposition FROM returns ORDER BY received_at')).toEqual([
      { order_id: '249-1111111-1111111', sku: 'TEA', quantity: 3, received_at: new Date('2025-06-05'), condition: 'as_new', disposition: 'restock' },
      { order_id: '503-1111111-1111111', sku: 'KETTLE', quantity: 1, received_at: new Date('2025-06-25'), condition: 'as_new', disposition: 'restock' },
      { order_id: '503-2222222-2222222', sku: 'KETTLE', quantity: 1, received_at: new Date('2025-07-03'), condition: 'damaged', disposition: 'dispose' },
    ]);
  });

  it('asks when DD-MM-YYYY dates are all ambiguous, preselecting the documented order', async () => {
    await db.fixture({});
    const s = sniff(bytes(AMBIGUOUS));
    const { mapping, questions } = buildPreset('amazon_fba_returns', s);
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ kind: 'date_format', options: ['%d-%m-%Y', '%m-%d-%Y'], suggested: '%d-%m-%Y', example: '05-06-2025' });
    expect(validateMapping(mapping).ok).toBe(false);
    const answered = answerQuestion(mapping, questions[0]!, questions[0]!.suggested!);
    // The mapping survives its JSON file (what the user downloads and the CLI reads).
    const reread = parseMapping(stringifyMapping(answered));
    const r = await applyMapping(db.runner().engine, SQL, { name: 'amb.tsv', text: s.text }, reread, { now });
    expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 2 });
    expect(await db.runner().engine.query('SELECT received_at FROM returns ORDER BY received_at')).toEqual([
      { received_at: new Date('2025-06-05') },
      { received_at: new Date('2025-12-11') },
    ]);
  });
});

/**
 * The real UCI Online Retail sample (20,000 rows). Expected numbers computed independently
 * with a separate Python script (csv module, the preset's rules re-implemented from their
 * description, not from this code):
 *   - sales rows (invoice not starting with C, quantity >= 0): 19,602; return rows: 398
 *     (350 credit-note lines + 48 negative lines on ordinary invoices, all with price 0 and no customer)
 *   - sales excluded 128: non-product codes POST 52 + DOT 25 + C2 2 (postage 79), M 8, gift voucher 1,
 *     and 40 more at a zero unit price; loaded 19,474 (4,951 of them with CustomerID NA)
 *   - returns excluded 65: the 48 stock write-offs, M 8, POST 4, D 2, S 2, BANK CHARGES 1; loaded 333
 *   - nothing rejected (every date is ISO, every number plain)
 *   - sales value 366,091.28, credited value 7,260.39 (4,201 units): cancelled share 0.0198321850
 *   - 13 loaded sales lines repeat a stock code already on their invoice (line ids X#2)
 *   - returned units by country: United Kingdom 3,553, Spain 200, EIRE 167
 */
describe('invoice lines with credit notes preset, on the real UCI Online Retail sample', () => {
  const db = useEngine();
  const path = '/work/shared/data/online_retail_sample/online_retail_sample_20k.csv';

  it('loads with the independently computed counts', async () => {
    const engine = db.runner().engine;
    const s = sniff(new Uint8Array(readFileSync(path)), 'online_retail_sample_20k.csv');
    const match = detectPreset(s);
    expect(match).toMatchObject({ id: 'invoice_credit_notes', confidence: 1 });
    const { mapping, questions } = buildPreset('invoice_credit_notes', s);
    expect(questions).toEqual([]);
    const r = await applyMapping(engine, SQL, { name: 'online_retail_sample_20k.csv', text: s.text }, mapping);
    expect(r.error).toBeUndefined();
    expect(r).toMatchObject({ rowsRead: 20000, rowsLoaded: 19807, rowsRejected: 0, rowsExcluded: 193, rowsWarned: 0 });
    expect(r.tables).toEqual([
      { table: 'order_lines', rowsRead: 19602, rowsLoaded: 19474, rowsRejected: 0, rowsExcluded: 128, rowsMerged: 0, rowsWarned: 0 },
      { table: 'returns', rowsRead: 398, rowsLoaded: 333, rowsRejected: 0, rowsExcluded: 65, rowsMerged: 0, rowsWarned: 0 },
    ]);
    expect(r.reasons.map((x) => [x.table, x.severity, x.reason, x.rows])).toEqual([
      ['order_lines', 'excluded', 'postage or carriage line, not a product', 79],
      ['order_lines', 'excluded', 'zero unit price: stock adjustment or free item, not a sale', 40],
      ['order_lines', 'excluded', 'manual adjustment line, not a product', 8],
      ['order_lines', 'excluded', 'gift voucher, not a product', 1],
      ['returns', 'excluded', 'stock write-off or adjustment (negative quantity on an invoice that is not a credit note), not a customer return', 48],
      ['returns', 'excluded', 'manual adjustment line, not a product', 8],
      ['returns', 'excluded', 'postage or carriage line, not a product', 4],
      ['returns', 'excluded', 'discount line, not a product', 2],
      ['returns', 'excluded', 'samples line, not a product', 2],
      ['returns', 'excluded', 'bank charge, fee or bad-debt adjustment, not a product', 1],
    ]);
    const [sales] = await engine.query(
      `SELECT count(*) AS n, count(customer_id) AS with_customer, sum(quantity * unit_price) AS value,
              count(*) FILTER (WHERE line_id LIKE '%#%') AS repeats FROM order_lines`,
    );
    expect(sales).toMatchObject({ n: 19474, with_customer: 19474 - 4951, repeats: 13 });
    expect(sales!.value as number).toBeCloseTo(366091.28, 6);
    const [credits] = await engine.query('SELECT count(*) AS n, sum(quantity) AS units, sum(refund_amount) AS value, count(order_id) AS with_order FROM returns');
    expect(credits).toMatchObject({ n: 333, units: 4201, with_order: 0 });
    expect(credits!.value as number).toBeCloseTo(7260.39, 6);
    expect((credits!.value as number) / (sales!.value as number)).toBeCloseTo(0.019832185, 8);
    expect(await engine.query('SELECT region, sum(quantity) AS units FROM returns GROUP BY region ORDER BY units DESC LIMIT 3')).toEqual([
      { region: 'United Kingdom', units: 3553 },
      { region: 'Spain', units: 200 },
      { region: 'EIRE', units: 167 },
    ]);
    expect(await engine.query('SELECT table_name, rows_read, rows_loaded, rows_rejected, rows_excluded FROM load_log ORDER BY table_name')).toEqual([
      { table_name: 'order_lines', rows_read: 19602, rows_loaded: 19474, rows_rejected: 0, rows_excluded: 128 },
      { table_name: 'returns', rows_read: 398, rows_loaded: 333, rows_rejected: 0, rows_excluded: 65 },
    ]);
    expect(await engine.query(`SELECT count(*) AS n FROM load_issues WHERE severity = 'excluded'`)).toEqual([{ n: 193 }]);
  });
});
