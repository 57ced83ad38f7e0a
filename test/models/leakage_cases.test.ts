import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// The fixture of leakage.test.ts (worked out there by hand), listed case by case here.
// Lines: O1/L1 A 2 × 10 (delivered 01-12), O1/L2 B 1 × 30, O2/L1 A 1 × 10 (no delivery,
// ordered 02-01), O3/L1 C 4 × 5 (delivered 03-03), O4/L1 D 1 × 2 (no delivery). Window 30 days.
//
// rule                    case    amount   detail
// refund_above_price      R3      0.5      refund 10.50 for 1 × 10.00 paid
// refund_before_receipt   R5      10       refunded 03-14, received 03-15
// refund_without_return   R4      30       refunded 01-16, no receipt
//                         R8      2
// outside_window          R5      10       38 days after the order date (no delivery)
//                         R10     5        31 days after delivery
// duplicate_refund        R2      10.005   refund 2 of 3 on O1/L1 (R1 01-27, R2 01-28, R3 01-30)
//                         R3      10.5     refund 3 of 3; 3 units refunded of 2 sold
// quantity_above_ordered  O1/L1   10       3 units returned of 2 sold (R1, R2, R3)
// label_above_value       R7      2        label 7 for an item worth 1 × 5
//                         R8      1        label 3 for 1 × 2
// 11 cases. By amount, largest first, ties in rule order: R4 30, R3 10.5, R2 10.005,
// R5 10 (before receipt, rule 2), R5 10 (outside window, 4), O1/L1 10 (6), R10 5,
// R8 2 (without return, 3), R7 2 (label, 7), R8 1, R3 0.5.
const LINES = csv(
  'order_id,line_id,order_date,sku,quantity,unit_price,channel,customer_id',
  'O1,L1,2024-01-10,A,2,10,web,C1',
  'O1,L2,2024-01-10,B,1,30,web,C1',
  'O2,L1,2024-02-01,A,1,10,app,C2',
  'O3,L1,2024-03-01,C,4,5,web,C3',
  'O4,L1,2024-03-05,D,1,2,app,@C4',
);
const SHIPMENTS = csv('order_id,carrier,delivered_at', 'O1,DHL,2024-01-12 15:00:00', 'O3,DHL,2024-03-03 09:00:00');
const RETURNS = csv(
  'return_id,order_id,line_id,sku,quantity,reason,requested_at,received_at,refunded_at,refund_amount,resolution,label_cost',
  'R1,O1,L1,,1,size_too_small,2024-01-20,2024-01-25,2024-01-27,10,refund,5',
  'R2,O1,L1,,1,size_too_small,2024-01-21,2024-01-26,2024-01-28,10.005,refund,5',
  'R3,O1,L1,,1,changed_mind,2024-01-22,2024-01-29,2024-01-30,10.5,refund,4',
  'R4,O1,L2,,1,defective,2024-01-15,,2024-01-16,30,refund,6',
  'R5,O2,L1,,1,changed_mind,2024-03-10,2024-03-15,2024-03-14,10,refund,3',
  'R6,O3,L1,,2,defective,2024-04-10,,,,rejected,',
  'R7,O3,L1,,1,damaged_in_transit,2024-04-02 08:00:00,2024-04-05,2024-04-06,5,refund,7',
  'R8,O4,L1,,1,changed_mind,2024-03-08,,2024-03-09,2,refund,3',
  'R9,O9,,A,1,defective,2024-01-25,2024-01-30,2024-02-01,50,refund,',
  'R10,O3,L1,,1,changed_mind,2024-04-03,2024-04-06,2024-04-07,5,refund,2',
);
const FIXTURE = { order_lines: LINES, shipments: SHIPMENTS, returns: RETURNS };

const cases = (rows: Row[]) => rows.map((r) => `${String(r.rule)}:${String(r.return_id ?? `${String(r.order_id)}/${String(r.line_id)}`)}`);

describe('leakage_cases', () => {
  const db = useEngine();

  it('names the product of each case; NULL (the page: "not in the data") for a SKU without a name', async () => {
    const products = csv('sku,product_name,category', 'A,Trail Tee,apparel', 'B,Rain Jacket,apparel', 'C,,home');
    await db.fixture({ ...FIXTURE, products });
    const rows = (await db.runner().run('leakage_cases', { sort: 'product_name', desc: false })).rows;
    // A: R2, R3 (twice), O1/L1, R5 (twice); B: R4; C: R7, R10 without a name; D is not a product at all
    const named = rows.map((r) => [r.sku, r.product_name]);
    expect(named.slice(0, 1)).toEqual([['B', 'Rain Jacket']]);
    expect(named.filter(([sku]) => sku === 'A').every(([, name]) => name === 'Trail Tee')).toBe(true);
    expect(named.filter(([sku]) => sku === 'C' || sku === 'D').every(([, name]) => name === null)).toBe(true);
    expect(named.slice(-4).every(([, name]) => name === null)).toBe(true);
    expect(rows).toHaveLength(11);
  });

  it('lists each flagged case, largest amount first', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('leakage_cases');
    expect(res.status).toBe('ok');
    expect(cases(res.rows)).toEqual([
      'refund_without_return:R4', 'duplicate_refund:R3', 'duplicate_refund:R2', 'refund_before_receipt:R5',
      'outside_window:R5', 'quantity_above_ordered:O1/L1', 'outside_window:R10', 'refund_without_return:R8',
      'label_above_value:R7', 'label_above_value:R8', 'refund_above_price:R3',
    ]);
    const amounts = [30, 10.5, 10.005, 10, 10, 10, 5, 2, 2, 1, 0.5];
    res.rows.forEach((r, i) => expect(r.amount as number).toBeCloseTo(amounts[i]!, 10));
    expect(res.rows.every((r) => r.total_rows === 11)).toBe(true);
    const detail = Object.fromEntries(res.rows.map((r) => [cases([r])[0]!, r]));
    expect(detail['refund_above_price:R3']).toMatchObject({
      return_ids: 'R3', order_id: 'O1', line_id: 'L1', sku: 'A', customer_id: 'C1', detail: 'refund 10.50 for 1 × 10.00 paid',
    });
    expect(detail['refund_before_receipt:R5']!.detail).toBe('refunded 2024-03-14 00:00, received 2024-03-15 00:00');
    expect(detail['refund_without_return:R4']!.detail).toBe('refunded 2024-01-16, no receipt recorded');
    expect(detail['refund_without_return:R8']).toMatchObject({ customer_id: '@C4', sku: 'D' });
    expect(detail['outside_window:R5']!.detail).toBe('requested 38 days after the order date (window 30 days)');
    expect(detail['outside_window:R10']!.detail).toBe('requested 31 days after delivery (window 30 days)');
    expect(detail['duplicate_refund:R2']!.detail).toBe('refund 2 of 3 on the line: 3 units refunded of 2 sold');
    expect(detail['quantity_above_ordered:O1/L1']).toMatchObject({
      return_id: null, return_ids: 'R1,R2,R3', sku: 'A', customer_id: 'C1', detail: '3 units returned (accepted) of 2 sold',
    });
    expect(detail['label_above_value:R7']!.detail).toBe('label 7.00 for an item worth 1 × 5.00');
  });

  it('agrees with leakage on the count and the amount of every rule', async () => {
    await db.fixture(FIXTURE);
    for (const params of [{}, { channel: ['app'] }, { reason: ['changed_mind'] }, { date_from: '2024-03-01' }]) {
      const summary = (await db.runner().run('leakage', params)).rows;
      const all = (await db.runner().run('leakage_cases', params)).rows;
      for (const s of summary) {
        const mine = all.filter((r) => r.rule === s.rule);
        expect(mine.length, `${String(s.rule)} ${JSON.stringify(params)}`).toBe(s.cases);
        expect(mine.reduce((a, r) => a + (r.amount as number), 0)).toBeCloseTo(s.amount as number, 10);
      }
    }
  });

  it('narrows to one rule, applies the filters, sorts and pages', async () => {
    await db.fixture(FIXTURE);
    const run = async (p: Record<string, unknown>) => (await db.runner().run('leakage_cases', p as never)).rows;
    expect(cases(await run({ rule: 'duplicate_refund' }))).toEqual(['duplicate_refund:R3', 'duplicate_refund:R2']);
    expect((await run({ rule: 'duplicate_refund' }))[0]!.total_rows).toBe(2);
    // app orders O2, O4: R5 (before receipt, outside window), R8 (without return, label).
    expect(cases(await run({ channel: ['app'] }))).toEqual([
      'refund_before_receipt:R5', 'outside_window:R5', 'refund_without_return:R8', 'label_above_value:R8',
    ]);
    // changed_mind: R3, R5, R8, R10; O1/L1 still judged on R1, R2 and R3 (only R3 is a listed duplicate).
    expect(cases(await run({ reason: ['changed_mind'], sort: 'rule', desc: false }))).toEqual([
      'refund_above_price:R3', 'refund_before_receipt:R5', 'refund_without_return:R8', 'outside_window:R10',
      'outside_window:R5', 'duplicate_refund:R3', 'quantity_above_ordered:O1/L1', 'label_above_value:R8',
    ]);
    // By customer, ascending: '@C4' (R8) sorts before 'C1' (R4), against the amount order.
    expect(cases(await run({ rule: 'refund_without_return', sort: 'customer_id', desc: false }))).toEqual([
      'refund_without_return:R8', 'refund_without_return:R4',
    ]);
    const page = await run({ limit: 3, offset: 9 });
    expect(cases(page)).toEqual(['label_above_value:R8', 'refund_above_price:R3']);
    expect(page[0]!.total_rows).toBe(11);
  });

  it('names the empty columns a rule needs; without a rule lists what can be judged', async () => {
    const noLabel = csv(
      'return_id,order_id,line_id,quantity,requested_at,received_at,refunded_at,refund_amount,resolution',
      'R1,O1,L1,1,2024-01-20,2024-01-25,2024-01-27,10,refund',
      'R2,O1,L1,1,2024-01-21,2024-01-26,2024-01-28,10.005,refund',
      'R3,O1,L1,1,2024-01-22,2024-01-29,2024-01-30,10.5,refund',
    );
    await db.fixture({ order_lines: LINES, shipments: SHIPMENTS, returns: noLabel });
    expect(await db.runner().run('leakage_cases', { rule: 'label_above_value' })).toMatchObject({
      status: 'needs_columns', missing: ['returns.label_cost'],
    });
    const all = await db.runner().run('leakage_cases');
    expect(all.status).toBe('ok');
    expect(cases(all.rows)).toEqual([
      'duplicate_refund:R3', 'duplicate_refund:R2', 'quantity_above_ordered:O1/L1', 'refund_above_price:R3',
    ]);
    await db.fixture({});
    expect(await db.runner().run('leakage_cases', { rule: 'quantity_above_ordered' })).toMatchObject({
      status: 'needs_columns', missing: ['order_lines.quantity'],
    });
    expect(await db.runner().run('leakage_cases')).toMatchObject({ status: 'ok', rows: [] });
  });
});
