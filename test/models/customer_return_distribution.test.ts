import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked; the customers of customer_returns.test.ts plus C5 (3 of 10 units back: exactly 0.3).
// customer units bought/returned  rate   bucket (k = ceil(10 × rate), upper bound included)
// C1       5 / 4  refunds 60 net 30   0.8    '70-80%'
// C2       3 / 1  refunds 10 net 60   1/3    '30-40%'
// C3       1 / 0             net 30   0      '0%'
// C4      10 / 0             net 50   0      '0%'
// C5      10 / 3  refunds 15 net 35   0.3    '20-30%'
// 5 customers. Segments (min_orders 2, serial_rate_low 0.5): C1 frequent returner (0.3755 above the
// baseline 8/29 = 0.276), C2 regular, C3 C4 C5 few orders (one order each).
const FIXTURE = {
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
    'O10,1,2024-03-15,C,10,5,web,C5',
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
    'R8,O10,1,3,changed_mind,2024-03-20,15,refund',
  ),
};

describe('customer_return_distribution', () => {
  const db = useEngine();

  it('buckets customers by unit return rate, upper bounds included, all 11 buckets present', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('customer_return_distribution');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => [r.bucket, r.rate_from, r.rate_to, r.customers, r.units_bought, r.units_returned, r.refund_amount, r.net_revenue])).toEqual([
      ['0%', 0, 0, 2, 11, 0, 0, 80],
      ['0-10%', 0, 0.1, 0, 0, 0, 0, 0],
      ['10-20%', 0.1, 0.2, 0, 0, 0, 0, 0],
      ['20-30%', 0.2, 0.3, 1, 10, 3, 15, 35],
      ['30-40%', 0.3, 0.4, 1, 3, 1, 10, 60],
      ['40-50%', 0.4, 0.5, 0, 0, 0, 0, 0],
      ['50-60%', 0.5, 0.6, 0, 0, 0, 0, 0],
      ['60-70%', 0.6, 0.7, 0, 0, 0, 0, 0],
      ['70-80%', 0.7, 0.8, 1, 5, 4, 60, 30],
      ['80-90%', 0.8, 0.9, 0, 0, 0, 0, 0],
      ['90-100%', 0.9, 1, 0, 0, 0, 0, 0],
    ]);
    expect(res.rows.map((r) => r.share_of_customers)).toEqual([0.4, 0, 0, 0.2, 0.2, 0, 0, 0, 0.2, 0, 0]);
    expect(res.rows[0]!.unit_return_rate).toBe(0);
    expect(res.rows[3]!.unit_return_rate).toBeCloseTo(0.3, 10);
    expect(res.rows[1]!.unit_return_rate).toBeNull();
  });

  it('counts customers per segment with the thresholds', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('customer_return_distribution', { dim: 'segment', min_orders: 2 })).rows;
    expect(rows.map((r) => [r.bucket, r.rate_from, r.customers, r.units_bought, r.units_returned, r.refund_amount])).toEqual([
      ['serial returner', null, 0, 0, 0, 0],
      ['frequent returner', null, 1, 5, 4, 60],
      ['regular', null, 1, 3, 1, 10],
      ['few orders', null, 3, 21, 3, 15],
    ]);
    const serial = (await db.runner().run('customer_return_distribution', { dim: 'segment', min_orders: 2, serial_rate_low: 0.3 })).rows;
    expect(serial.map((r) => r.customers)).toEqual([1, 0, 1, 3]);
  });

  it('applies the global filters', async () => {
    await db.fixture(FIXTURE);
    // March orders: O3 (C1: 1 unit, its return rejected → 0%), O6 (C3 → 0%), O10 (C5 → 20-30%).
    const rows = (await db.runner().run('customer_return_distribution', { date_from: '2024-03-01' })).rows;
    expect(rows.filter((r) => r.customers !== 0).map((r) => [r.bucket, r.customers, r.units_bought, r.units_returned])).toEqual([
      ['0%', 2, 2, 0],
      ['20-30%', 1, 10, 3],
    ]);
  });

  it('needs customer ids', async () => {
    await db.fixture({ order_lines: csv('order_id,line_id,order_date,sku,quantity,unit_price', 'O1,1,2024-01-05,A,2,10') });
    expect(await db.runner().run('customer_return_distribution')).toMatchObject({ status: 'needs_columns', missing: ['order_lines.customer_id', 'returns.order_id'] });
  });
});
