import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine, withoutColumns } from '../helpers/engine';

// Hand-worked. Wilson 95% low/high, (p + 1.9208/n ∓ 1.96·sqrt(p(1−p)/n + 0.9604/n²)) / (1 + 3.8416/n):
//   4 of 5: p 0.8 → (1.18416 ∓ 1.96·sqrt(0.032 + 0.038416)) / 1.76832 = 0.375528264 / 0.963776839
//   1 of 3: p 1/3 → (0.973600 ∓ 1.96·sqrt(0.0740741 + 0.1067111)) / 2.280533 = 0.061490315 / 0.792345045
//   0 of n: low 0 (up to rounding), high 3.8416/n / (1 + 3.8416/n)
// C1: O1 (01-05: A 2×10, B 1×30), O2 (02-01: A 1×10), O3 (03-01: B 1×30) → 3 orders, 5 units, gross 90.
//     R1 O1/1 2 units refund 20, R2 O1/2 1 unit refund 30 → O1 fully returned; R3 O2/1 store credit 10
//     → O2 fully returned; R4 O3/1 rejected (a request, not a returned unit).
//     returns 4, units_returned 4 (rate 0.8), orders_with_return 2, fully 2, refunds 60, net 30.
// C2: O4 (01-10: C 1×50), O5 (02-10: A 2×10) → 2 orders, 3 units, gross 70; R5 O5/1 1 of 2 units,
//     refund 10 → rate 1/3, 1 order with a return, none fully returned, net 60.
// C3: O6 (03-10: B 1×30), no returns. C4: O8 (01-15: C 10×5 = 50), no returns.
// O7 has no customer (its return R6 is left out); R7 names an unknown order (no customer).
// baseline_rate = (4 + 1) / (5 + 3 + 1 + 10) = 5/19 = 0.263157895.
// Segments with min_orders 2, serial_rate_low 0.5: C1 0.3755 > 5/19 → frequent returner;
// C2 0.0615 → regular; C3, C4 (1 order) → few orders. With serial_rate_low 0.3: C1 serial returner.
const CUSTOMER_FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,customer_id',
    'O1,1,2024-01-05,A,2,10,web,C1',
    'O1,2,2024-01-05,B,1,30,web,C1',
    'O2,1,2024-02-01,A,1,10,app,C1',
    'O3,1,2024-03-01,B,1,30,web,C1',
    'O4,1,2024-01-10,C,1,50,web,C2',
    'O5,1,2024-02-10,A,2,10,app,C2',
    'O6,1,2024-03-10,B,1,30,web,C3',
    'O7,1,2024-02-20,A,1,10,web,',
    'O8,1,2024-01-15,C,10,5,app,C4',
  ),
  products: csv('sku,category', 'A,apparel', 'B,shoes', 'C,home'),
  returns: csv(
    'return_id,order_id,line_id,quantity,reason,requested_at,refund_amount,resolution',
    'R1,O1,1,2,size_too_small,2024-01-10,20,refund',
    'R2,O1,2,1,size_too_large,2024-01-10,30,refund',
    'R3,O2,1,1,changed_mind,2024-02-05,10,store_credit',
    'R4,O3,1,1,changed_mind,2024-03-05,0,rejected',
    'R5,O5,1,1,defective,2024-02-15,10,refund',
    'R6,O7,1,1,defective,2024-02-25,10,refund',
    'R7,O99,,1,other,2024-02-25,40,refund',
  ),
};

const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.customer_id, r]));

describe('customer_returns', () => {
  const db = useEngine();

  it('computes each customer by hand, ranked by the low end of the rate interval', async () => {
    await db.fixture(CUSTOMER_FIXTURE);
    const res = await db.runner().run('customer_returns', { min_orders: 2 });
    expect(res.status).toBe('ok');
    expect(res.rows).toHaveLength(4);
    expect(res.rows.slice(0, 2).map((r) => r.customer_id)).toEqual(['C1', 'C2']);
    const c = byId(res.rows);
    expect(c.C1).toMatchObject({
      segment: 'frequent returner', orders: 3, units_bought: 5, returns: 4, units_returned: 4, orders_with_return: 2,
      orders_fully_returned: 2, gross_sales: 90, refund_amount: 60, net_revenue: 30, total_rows: 4,
    });
    expect(c.C1!.unit_return_rate).toBeCloseTo(0.8, 10);
    expect(c.C1!.rate_low).toBeCloseTo(0.375528264, 8);
    expect(c.C1!.rate_high).toBeCloseTo(0.963776839, 8);
    expect(c.C1!.order_return_rate).toBeCloseTo(2 / 3, 10);
    expect(c.C1!.fully_returned_share).toBeCloseTo(2 / 3, 10);
    expect((c.C1!.first_order as Date).toISOString().slice(0, 10)).toBe('2024-01-05');
    expect((c.C1!.last_order as Date).toISOString().slice(0, 10)).toBe('2024-03-01');
    expect(c.C2).toMatchObject({
      segment: 'regular', orders: 2, units_bought: 3, returns: 1, units_returned: 1, orders_with_return: 1,
      orders_fully_returned: 0, fully_returned_share: 0, gross_sales: 70, refund_amount: 10, net_revenue: 60,
    });
    expect(c.C2!.rate_low).toBeCloseTo(0.061490315, 8);
    expect(c.C2!.rate_high).toBeCloseTo(0.792345045, 8);
    expect(c.C2!.order_return_rate).toBeCloseTo(0.5, 10);
    expect(c.C3).toMatchObject({ segment: 'few orders', orders: 1, units_bought: 1, returns: 0, units_returned: 0, unit_return_rate: 0, refund_amount: 0, net_revenue: 30 });
    expect(c.C3!.rate_low).toBeCloseTo(0, 10);
    expect(c.C3!.rate_high).toBeCloseTo(3.8416 / 4.8416, 10);
    expect(c.C4).toMatchObject({ segment: 'few orders', orders: 1, units_bought: 10, units_returned: 0, net_revenue: 50 });
    for (const r of res.rows) expect(r.baseline_rate).toBeCloseTo(5 / 19, 10);
  });

  it('names the product each customer returns most; NULL name when the data has none', async () => {
    // accepted returns: C1 R1 (A, 2 units), R2 (B, 1), R3 (A, 1) → A with 3 (R4 rejected); C2 R5 (A, 1).
    await db.fixture(CUSTOMER_FIXTURE);
    const bare = byId((await db.runner().run('customer_returns')).rows);
    expect([bare.C1, bare.C2, bare.C3].map((r) => [r!.top_product, r!.top_product_name, r!.top_product_units])).toEqual([
      ['A', null, 3], ['A', null, 1], [null, null, null],
    ]);
    // named: A and D are sizes of the Trail Tee (G1), B the Runner Shoe (G2), C has no name.
    const products = csv(
      'sku,product_name,category,product_group,size',
      'A,Trail Tee S,apparel,G1,S', 'D,Trail Tee M,apparel,G1,M', 'B,Runner Shoe 42,shoes,G2,42', 'C,,home,,',
    );
    await db.fixture({ ...CUSTOMER_FIXTURE, products });
    const named = byId((await db.runner().run('customer_returns')).rows);
    expect([named.C1!.top_product, named.C1!.top_product_name, named.C1!.top_product_units]).toEqual(['G1', 'Trail Tee', 3]);
    // size too large or changed mind: C1's R2 (B, 1) and R3 (A, 1) tie at 1 unit → G1 before G2
    const tie = byId((await db.runner().run('customer_returns', { reason: ['size_too_large', 'changed_mind'] })).rows);
    expect([tie.C1!.top_product, tie.C1!.top_product_name, tie.C1!.top_product_units]).toEqual(['G1', 'Trail Tee', 1]);
    // shoes only: C1's R2 → the Runner Shoe
    const shoes = byId((await db.runner().run('customer_returns', { category: ['shoes'] })).rows);
    expect([shoes.C1!.top_product, shoes.C1!.top_product_name]).toEqual(['G2', 'Runner Shoe']);
  });

  it('segments by the thresholds; the defaults need 5 orders', async () => {
    await db.fixture(CUSTOMER_FIXTURE);
    const serial = (await db.runner().run('customer_returns', { min_orders: 2, serial_rate_low: 0.3 })).rows;
    expect(byId(serial).C1!.segment).toBe('serial returner');
    const defaults = (await db.runner().run('customer_returns')).rows;
    expect(defaults.map((r) => r.segment)).toEqual(['few orders', 'few orders', 'few orders', 'few orders']);
    const regular = (await db.runner().run('customer_returns', { min_orders: 2, segment: 'regular' })).rows;
    expect(regular.map((r) => [r.customer_id, r.total_rows])).toEqual([['C2', 1]]);
  });

  it('sorts and pages', async () => {
    await db.fixture(CUSTOMER_FIXTURE);
    // refunds 60, 10, 0, 0: the tie broken by units_returned (both 0), then customer_id.
    const byRefund = (await db.runner().run('customer_returns', { sort: 'refund_amount' })).rows;
    expect(byRefund.map((r) => r.customer_id)).toEqual(['C1', 'C2', 'C3', 'C4']);
    const page = (await db.runner().run('customer_returns', { sort: 'customer_id', desc: false, limit: 2, offset: 1 })).rows;
    expect(page.map((r) => [r.customer_id, r.total_rows])).toEqual([['C2', 4], ['C3', 4]]);
    // top products are looked up for the page's customers: C2's R5 (A, 1 unit); C3 returned nothing
    expect(page.map((r) => [r.top_product, r.top_product_units])).toEqual([['A', 1], [null, null]]);
    const net = (await db.runner().run('customer_returns', { sort: 'net_revenue', desc: false })).rows;
    expect(net.map((r) => r.net_revenue)).toEqual([30, 30, 50, 60]); // C1 30, C3 30 (tie: C1 returned more), C4, C2
    expect(net.map((r) => r.customer_id)).toEqual(['C1', 'C3', 'C4', 'C2']);
  });

  it('applies the global filters to purchases and returns alike', async () => {
    await db.fixture(CUSTOMER_FIXTURE);
    // January orders: O1 (C1: 3 units, 50, both lines fully returned: R1 + R2 = 50), O4 (C2), O8 (C4).
    const rows = (await db.runner().run('customer_returns', { date_to: '2024-01-31' })).rows;
    const c = byId(rows);
    expect(Object.keys(c).sort()).toEqual(['C1', 'C2', 'C4']);
    expect(c.C1).toMatchObject({ orders: 1, units_bought: 3, returns: 2, units_returned: 3, orders_fully_returned: 1, fully_returned_share: 1, refund_amount: 50, net_revenue: 0 });
    expect(c.C2).toMatchObject({ orders: 1, units_bought: 1, returns: 0, units_returned: 0 });
    expect(c.C1!.baseline_rate).toBeCloseTo(3 / 14, 10);
    // reason filter: returns of that reason only, purchases all lines. C1: R3 (changed_mind, 1 unit) + R4 rejected.
    const mind = byId((await db.runner().run('customer_returns', { reason: ['changed_mind'] })).rows);
    expect(mind.C1).toMatchObject({ units_bought: 5, returns: 2, units_returned: 1, refund_amount: 10, orders_with_return: 1, orders_fully_returned: 1 });
  });

  it('needs customer ids', async () => {
    await db.fixture({ ...CUSTOMER_FIXTURE, order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,1,2024-01-05,A,2,10') });
    expect(await db.runner().run('customer_returns')).toMatchObject({ status: 'needs_columns', missing: ['order_lines.customer_id'] });
  });

  it('needs returns that name their order (else none could be attributed to a customer)', async () => {
    await db.fixture({ ...CUSTOMER_FIXTURE, returns: csv('return_id,sku,quantity,requested_at,refund_amount,resolution', 'R1,A,1,2024-01-10,10,refund') });
    expect(await db.runner().run('customer_returns')).toMatchObject({ status: 'needs_columns', missing: ['returns.order_id'] });
  });

  it('missing is not zero: without refund amounts, refunds and net revenue are NULL, the rest as before', async () => {
    await db.fixture({ ...CUSTOMER_FIXTURE, returns: withoutColumns(CUSTOMER_FIXTURE.returns, 'refund_amount') });
    const c = byId((await db.runner().run('customer_returns')).rows);
    expect(c.C1).toMatchObject({ gross_sales: 90, units_returned: 4, refund_amount: null, net_revenue: null });
    const dist = (await db.runner().run('customer_return_distribution')).rows;
    for (const r of dist) expect([r.refund_amount, r.net_revenue]).toEqual([null, null]);
    expect(db.runner().notInData('customer_returns')).toEqual({ refund_amount: ['returns.refund_amount'], net_revenue: ['returns.refund_amount'] });
  });
});
