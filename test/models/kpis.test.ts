import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked: 3 orders, 8 units, gross 2×10 + 30 + 10 + 4×5 = 80.
// R3 is rejected: it counts as a return request but not in units or rates.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region',
    'O1,L1,2024-01-10,A,2,10,EUR,web,C1,DE',
    'O1,L2,2024-01-10,B,1,30,EUR,web,C1,DE',
    'O2,L1,2024-02-05,A,1,10,EUR,app,C2,FR',
    'O3,L1,2024-03-01,C,4,5,EUR,web,C3,DE',
  ),
  products: csv('sku,category,supplier,unit_cost', 'A,cat1,sup1,4', 'B,cat2,sup2,12', 'C,cat2,sup1,2'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refunded_at,refund_amount,resolution',
    'R1,O1,L1,A,1,size_too_small,2024-01-15,2024-01-20,10,refund',
    'R2,O2,L1,A,1,defective,2024-02-10,2024-02-13 12:00:00,10,refund',
    'R3,O3,L1,C,2,changed_mind,2024-03-05,,0,rejected',
  ),
};

describe('kpis', () => {
  const db = useEngine();

  it('computes the headline numbers by hand', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('kpis');
    expect(res.status).toBe('ok');
    const k = res.rows[0]!;
    expect(k).toMatchObject({
      orders: 3, units_sold: 8, gross_sales: 80, returns: 3, units_returned: 2, refund_amount: 20, currency: 'EUR',
    });
    expect(k.order_return_rate).toBeCloseTo(2 / 3, 10);
    expect(k.unit_return_rate).toBeCloseTo(0.25, 10);
    expect(k.value_return_rate).toBeCloseTo(20 / 80, 10);
    expect(k.median_days_to_refund).toBeCloseTo((5 + 3.5) / 2, 10);
  });

  it('applies filters to orders and their returns alike', async () => {
    await db.fixture(FIXTURE);
    const web = (await db.runner().run('kpis', { channel: ['web'] })).rows[0]!;
    expect(web).toMatchObject({ orders: 2, units_sold: 7, gross_sales: 70, returns: 2, units_returned: 1, refund_amount: 10 });
    expect(web.unit_return_rate).toBeCloseTo(1 / 7, 10);
    expect(web.median_days_to_refund).toBeCloseTo(5, 10);
    const feb = (await db.runner().run('kpis', { date_from: '2024-02-01' })).rows[0]!;
    expect(feb).toMatchObject({ orders: 2, units_sold: 5, gross_sales: 30, returns: 2, units_returned: 1 });
    expect(feb.value_return_rate).toBeCloseTo(10 / 30, 10);
  });

  it('says which column it needs when there are no orders', async () => {
    await db.fixture({ returns: FIXTURE.returns });
    const res = await db.runner().run('kpis');
    expect(res).toMatchObject({ status: 'needs_columns', missing: ['order_lines.order_id'] });
  });
});
