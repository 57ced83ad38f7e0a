import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';
import { wilson } from '../helpers/wilson';

// Small-sample case. One category "shoes" whose unit rate is (2 + 600 + 398) / (3 + 2000 + 2997)
// = 1000 / 5000 = 0.2 exactly.
//   S1:     3 sold,   2 returned: rate 0.667, excess 2 − 3×0.2 = 1.4
//   S2: 2,000 sold, 600 returned: rate 0.300, excess 600 − 400 = 200
//   S3: 2,997 sold, 398 returned: rate 0.133, excess 398 − 599.4 = −201.4
// The raw rate would rank S1 first; excess_units ranks S2 first, then S1, then S3.
const SMALL_SAMPLE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-10,S1,3,10,web,DE',
    'O2,L1,2024-01-11,S2,2000,10,web,DE',
    'O3,L1,2024-01-12,S3,2997,10,app,FR',
  ),
  products: csv('sku,category,supplier', 'S1,shoes,sup1', 'S2,shoes,sup1', 'S3,shoes,sup2'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,refund_amount,resolution',
    'R1,O1,L1,S1,2,defective,20,refund',
    'R2,O2,L1,S2,600,size_too_small,6000,refund',
    'R3,O3,L1,S3,398,changed_mind,3980,refund',
  ),
};

// Detailed case. Categories: tops = {A, B}, bags = {C, D}.
//   lines: A: O1×2, O2×1, O3×1 → 4 units, 3 orders;  B: O1×1, O4×2 → 3 units, 2 orders;
//          C: O3×4 → 4 units, 1 order;  D: never sold.
//   returns: R1 A/O1 1u size_too_small 10;  R2 A/O2 1u defective 10  (A: tie 1–1 → 'defective')
//            R3 B/O4 2u rejected (a request, no units, no refund, no top_reason)
//            R7 B/O1 1u size_too_large 20 (no line_id: matched by order + sku)
//            R4, R5 C/O3 1u each wrong_item 5 each;  R6 D, no order, 1u not_as_described 30
//   dim=sku, no filter:
//     baselines: tops (2 + 1) / (4 + 3) = 3/7;  bags (2 + 1) / 4 = 0.75 (D's return counts
//     in its category, as kpis would count it with category=bags)
//     A: rate 2/4, order rate 2/3, excess 2 − 4×3/7 = 2/7
//     B: rate 1/3, returns 2, orders_with_return 1 (O1) of 2, excess 1 − 3×3/7 = −2/7
//     C: rate 2/4, orders_with_return 1 of 1, excess 2 − 4×0.75 = −1
//     D: units_sold 0, NULL rates and excess → last
//     order: A, B, C, D.  significant: none (wilson_low(2,4) = 0.150 < 3/7).
const DETAIL = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-05,A,2,10,web,DE',
    'O1,L2,2024-01-05,B,1,20,web,DE',
    'O2,L1,2024-01-20,A,1,10,app,FR',
    'O3,L1,2024-02-03,A,1,10,web,FR',
    'O3,L2,2024-02-03,C,4,5,web,FR',
    'O4,L1,2024-02-10,B,2,20,app,DE',
  ),
  products: csv('sku,category,supplier', 'A,tops,sup1', 'B,tops,sup2', 'C,bags,sup1', 'D,bags,sup2'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refund_amount,resolution',
    'R1,O1,L1,A,1,size_too_small,2024-01-10,10,refund',
    'R2,O2,L1,A,1,defective,2024-01-25,10,refund',
    'R3,O4,L1,B,2,changed_mind,2024-02-15,0,rejected',
    'R4,O3,L2,C,1,wrong_item,2024-02-08,5,refund',
    'R5,O3,L2,C,1,wrong_item,2024-02-09,5,refund',
    'R6,,,D,1,not_as_described,2024-02-20,30,refund',
    'R7,O1,,B,1,size_too_large,2024-01-12,20,refund',
  ),
};

describe('return_rate_by', () => {
  const db = useEngine();

  it('ranks by excess units, not by raw rate (3 sales / 2 returns below 2,000 / 600)', async () => {
    await db.fixture(SMALL_SAMPLE);
    const res = await db.runner().run('return_rate_by');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.dim_value)).toEqual(['S2', 'S1', 'S3']);
    const [s2, s1, s3] = res.rows;
    expect(s1!.unit_return_rate as number).toBeGreaterThan(s2!.unit_return_rate as number);
    for (const r of res.rows) expect(r.baseline_rate).toBeCloseTo(0.2, 10);
    expect(s2!.excess_units).toBeCloseTo(200, 10);
    expect(s1!.excess_units).toBeCloseTo(1.4, 10);
    expect(s3!.excess_units).toBeCloseTo(-201.4, 10);
    expect(s2!.expected_units).toBeCloseTo(400, 10);
    // Wilson(2, 3) ≈ [0.2077, 0.9385]: wide; Wilson(600, 2000) ≈ [0.2803, 0.3205]: narrow
    expect(s1!.rate_low).toBeCloseTo(wilson(2, 3)[0], 10);
    expect(s1!.rate_high).toBeCloseTo(wilson(2, 3)[1], 10);
    expect(s2!.rate_low).toBeCloseTo(wilson(600, 2000)[0], 10);
    expect(s2!.rate_high).toBeCloseTo(wilson(600, 2000)[1], 10);
    expect(s2!.significant).toBe(true); // 0.2803 > 0.2
    expect(s3!.significant).toBe(false); // 0.1211 < 0.2
    expect(s2).toMatchObject({ category: 'shoes', units_sold: 2000, units_returned: 600, top_reason: 'size_too_small' });
  });

  it('computes every column per SKU by hand, returns-only SKUs last', async () => {
    await db.fixture(DETAIL);
    const res = await db.runner().run('return_rate_by', { dim: 'sku' });
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.dim_value)).toEqual(['A', 'B', 'C', 'D']);
    const [a, b, c, d] = res.rows;
    expect(a).toMatchObject({
      category: 'tops', orders: 3, orders_with_return: 2, units_sold: 4, returns: 2, units_returned: 2,
      refund_amount: 20, top_reason: 'defective', significant: false,
    });
    expect(a!.unit_return_rate).toBeCloseTo(0.5, 10);
    expect(a!.order_return_rate).toBeCloseTo(2 / 3, 10);
    expect(a!.baseline_rate).toBeCloseTo(3 / 7, 10);
    expect(a!.excess_units).toBeCloseTo(2 / 7, 10);
    expect(a!.rate_low).toBeCloseTo(wilson(2, 4)[0], 10);
    expect(b).toMatchObject({
      category: 'tops', orders: 2, orders_with_return: 1, units_sold: 3, returns: 2, units_returned: 1,
      refund_amount: 20, top_reason: 'size_too_large', significant: false,
    });
    expect(b!.unit_return_rate).toBeCloseTo(1 / 3, 10);
    expect(b!.order_return_rate).toBeCloseTo(0.5, 10);
    expect(b!.excess_units).toBeCloseTo(-2 / 7, 10);
    expect(c).toMatchObject({
      category: 'bags', orders: 1, orders_with_return: 1, units_sold: 4, returns: 2, units_returned: 2,
      refund_amount: 10, top_reason: 'wrong_item', order_return_rate: 1,
    });
    expect(c!.baseline_rate).toBeCloseTo(0.75, 10);
    expect(c!.excess_units).toBeCloseTo(-1, 10);
    expect(d).toMatchObject({
      category: 'bags', orders: 0, orders_with_return: 0, units_sold: 0, returns: 1, units_returned: 1,
      refund_amount: 30, top_reason: 'not_as_described', unit_return_rate: null, order_return_rate: null,
      rate_low: null, rate_high: null, excess_units: null, expected_units: null, significant: false,
    });
    expect(d!.baseline_rate).toBeCloseTo(0.75, 10);
  });

  it('gives a SKU with no product row the category and supplier its lines have: (unknown)', async () => {
    // X (5 sold, 1 returned) has no products row: its lines and returns are '(unknown)', and
    // so is its category baseline, 1/5, under no filter and under the supplier filter alike.
    await db.fixture({
      order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,L1,2024-01-05,A,4,10', 'O2,L1,2024-01-06,X,5,10'),
      products: csv('sku,category,supplier', 'A,tops,sup1'),
      returns: csv('return_id,order_id,line_id,sku,quantity,reason,refund_amount', 'R1,O2,L1,X,1,defective,10'),
    });
    for (const params of [{}, { supplier: ['(unknown)'] }]) {
      const x = (await db.runner().run('return_rate_by', { dim: 'sku', ...params })).rows.find((r) => r.dim_value === 'X');
      expect(x, JSON.stringify(params)).toMatchObject({ category: '(unknown)', supplier: '(unknown)', units_sold: 5, units_returned: 1 });
      expect(x!.baseline_rate).toBeCloseTo(0.2, 10);
    }
  });

  it('uses the overall rate as the baseline for other dimensions', async () => {
    // dim=category: tops: orders O1 O2 O3 O4, 7 units, returns R1 R2 R3 R7 (4), 3 units, orders
    //   with return {O1, O2}, refund 40, reasons 1/1/1 → 'defective'.
    // bags: orders {O3}, 4 units, returns R4 R5 R6, 3 units, refund 40, 'wrong_item'.
    // overall 6/11: tops excess 3 − 7×6/11 = −9/11, bags 3 − 4×6/11 = 9/11 → bags first.
    await db.fixture(DETAIL);
    const res = await db.runner().run('return_rate_by', { dim: 'category' });
    expect(res.rows.map((r) => r.dim_value)).toEqual(['bags', 'tops']);
    const [bags, tops] = res.rows;
    expect(bags).toMatchObject({
      category: null, orders: 1, orders_with_return: 1, units_sold: 4, returns: 3, units_returned: 3,
      refund_amount: 40, top_reason: 'wrong_item',
    });
    expect(tops).toMatchObject({
      category: null, orders: 4, orders_with_return: 2, units_sold: 7, returns: 4, units_returned: 3,
      refund_amount: 40, top_reason: 'defective',
    });
    expect(bags!.baseline_rate).toBeCloseTo(6 / 11, 10);
    expect(tops!.baseline_rate).toBeCloseTo(6 / 11, 10);
    expect(bags!.excess_units).toBeCloseTo(9 / 11, 10);
    expect(tops!.excess_units).toBeCloseTo(-9 / 11, 10);
    expect(tops!.order_return_rate).toBeCloseTo(0.5, 10);
    expect(bags!.unit_return_rate).toBeCloseTo(0.75, 10);
  });

  it('applies filters to lines, returns and baselines alike', async () => {
    await db.fixture(DETAIL);
    // channel=web: lines O1 (A×2, B×1), O3 (A×1, C×4); returns R1, R7, R4, R5 (R2/R3 app,
    // R6 unknown channel). A: 3 sold, 1 ret; B: 1 sold, 1 ret; C: 4 sold, 2 ret.
    // tops baseline (1+1)/(3+1) = 0.5, bags 2/4 = 0.5. excess: B 0.5, C 0, A −0.5.
    const web = await db.runner().run('return_rate_by', { channel: ['web'] });
    expect(web.rows.map((r) => r.dim_value)).toEqual(['B', 'C', 'A']);
    const [b, c, a] = web.rows;
    expect(a).toMatchObject({ orders: 2, orders_with_return: 1, units_sold: 3, units_returned: 1, top_reason: 'size_too_small' });
    expect(a!.excess_units).toBeCloseTo(-0.5, 10);
    expect(b).toMatchObject({ orders: 1, units_sold: 1, units_returned: 1, returns: 1, unit_return_rate: 1 });
    expect(b!.baseline_rate).toBeCloseTo(0.5, 10);
    expect(b!.excess_units).toBeCloseTo(0.5, 10);
    expect(b!.rate_low).toBeCloseTo(wilson(1, 1)[0], 10); // 0.2065 < 0.5
    expect(b!.significant).toBe(false);
    expect(c!.excess_units).toBeCloseTo(0, 10);

    // date_from 2024-02-01: lines O3 (A×1, C×4), O4 (B×2); returns R3 (rejected), R4, R5, R6.
    // A: no returns; B: 1 request, 0 units, no top_reason; tops baseline 0/3 = 0, excess 0 for
    // both (tie → by name); C: 4 sold, 2 ret, bags 3/4 → −1; D returns-only last.
    const feb = await db.runner().run('return_rate_by', { date_from: '2024-02-01' });
    expect(feb.rows.map((r) => r.dim_value)).toEqual(['A', 'B', 'C', 'D']);
    const [fa, fb, fc] = feb.rows;
    expect(fa).toMatchObject({ units_sold: 1, returns: 0, units_returned: 0, top_reason: null, baseline_rate: 0, excess_units: 0 });
    expect(fb).toMatchObject({
      units_sold: 2, returns: 1, units_returned: 0, orders_with_return: 0, refund_amount: 0, top_reason: null,
      unit_return_rate: 0, excess_units: 0,
    });
    expect(fc!.excess_units).toBeCloseTo(-1, 10);
  });

  it('counts an order once per SKU when it has several lines of the SKU, whatever the filters keep', async () => {
    // O1: two lines of A (DE and FR) and one of B; O2: one line of A. A return of O1's FR line.
    //   no filter: A in orders O1, O2 → 2 (not 3 lines); B in O1 → 1.
    //   region=FR: A in O1 (its FR line) → 1; region=DE: A in O1, O2 → 2, B in O1 → 1.
    await db.fixture({
      order_lines: csv(
        'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
        'O1,L1,2024-01-05,A,1,10,web,DE',
        'O1,L2,2024-01-05,A,2,10,web,FR',
        'O1,L3,2024-01-05,B,1,20,web,DE',
        'O2,L1,2024-01-06,A,1,10,web,DE',
      ),
      products: csv('sku,category,supplier', 'A,tops,sup1', 'B,tops,sup2'),
      returns: csv('return_id,order_id,line_id,sku,quantity,reason,requested_at,refund_amount,resolution', 'R1,O1,L2,A,1,defective,2024-01-10,10,refund'),
    });
    const bySku = async (params: Record<string, string>) =>
      Object.fromEntries((await db.runner().run('return_rate_by', { dim: 'sku', ...params })).rows.map((r) => [r.dim_value, [r.orders, r.units_sold, r.orders_with_return]]));
    expect(await bySku({})).toEqual({ A: [2, 4, 1], B: [1, 1, 0] });
    expect(await bySku({ region: 'FR' })).toEqual({ A: [1, 2, 1] });
    expect(await bySku({ region: 'DE' })).toEqual({ A: [2, 2, 0], B: [1, 1, 0] });
    // per category the same order is one order of tops, with or without the filter
    const byCategory = (await db.runner().run('return_rate_by', { dim: 'category' })).rows;
    expect(byCategory.map((r) => [r.dim_value, r.orders, r.units_sold])).toEqual([['tops', 2, 5]]);
  });

  it('says which column it needs', async () => {
    await db.fixture({
      order_lines: DETAIL.order_lines,
      products: csv('sku,category', 'A,tops', 'B,tops', 'C,bags', 'D,bags'),
    });
    const sup = await db.runner().run('return_rate_by', { dim: 'supplier' });
    expect(sup).toMatchObject({ status: 'needs_columns', missing: ['products.supplier'] });
    const carrier = await db.runner().run('return_rate_by', { dim: 'carrier' });
    expect(carrier).toMatchObject({ status: 'needs_columns', missing: ['shipments.carrier'] });
    expect((await db.runner().run('return_rate_by', { dim: 'category' })).status).toBe('ok');

    await db.fixture({ returns: DETAIL.returns });
    const none = await db.runner().run('return_rate_by');
    expect(none).toMatchObject({ status: 'needs_columns', missing: ['order_lines.order_id'] });
  });
});
