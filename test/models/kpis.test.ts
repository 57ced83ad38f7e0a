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
    // R1 1 × 10 (O1/L1) + R2 1 × 10 (O2/L1); R3 rejected
    expect(k.returned_value).toBeCloseTo(20, 10);
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

  it('missing is not zero: without refund amounts in the data the refund figures are NULL, not 0', async () => {
    // The fixture's returns without the refund_amount column, plus R4 for an order that is not
    // loaded (O9): a return with no price paid, counted in units but not in returned_value.
    await db.fixture({
      ...FIXTURE,
      returns: csv(
        'return_id,order_id,line_id,sku,quantity,reason,requested_at,refunded_at,resolution',
        'R1,O1,L2,B,1,size_too_small,2024-01-15,2024-01-20,refund',
        'R2,O3,L1,C,3,defective,2024-03-03,2024-03-06,refund',
        'R3,O3,L1,C,1,changed_mind,2024-03-05,,rejected',
        'R4,O9,,A,2,defective,2024-02-20,,refund',
      ),
    });
    const k = (await db.runner().run('kpis')).rows[0]!;
    // returned value: R1 1 × 30 + R2 3 × 5 = 45 (R3 rejected, R4 has no order line)
    expect(k).toMatchObject({ returns: 4, units_returned: 1 + 3 + 2, refund_amount: null });
    expect(k.returned_value).toBeCloseTo(45, 10);
    expect(k.value_return_rate).toBeCloseTo(45 / 80, 10);
    expect(db.runner().notInData('kpis')).toEqual({ refund_amount: ['returns.refund_amount'] });
    // filtered to a selection with no returns at all: still unknown, not 0
    const feb = (await db.runner().run('kpis', { date_from: '2024-02-01', date_to: '2024-02-10' })).rows[0]!;
    expect(feb).toMatchObject({ orders: 1, returns: 0, refund_amount: null, returned_value: 0 });
    // the comparison carries the same NULL on both sides
    const change = (await db.runner().run('kpi_change', { compare_days: 30 })).rows;
    const refund = change.find((r) => r.kpi === 'refund_amount')!;
    expect([refund.current_value, refund.previous_value, refund.change]).toEqual([null, null, null]);
    expect(Object.keys(db.runner().notInData('kpi_change'))).toEqual([
      'current_value[kpi=refund_amount]', 'previous_value[kpi=refund_amount]', 'change[kpi=refund_amount]',
    ]);
    expect(change.find((r) => r.kpi === 'returned_value')!.current_value).toBeCloseTo(15, 10); // R2 in the last 30 days
    // the per-reason and per-SKU breakdowns say the same
    for (const [model, params] of [['returns_by_reason', {}], ['return_rate_by', { dim: 'sku' }]] as const) {
      const rows = (await db.runner().run(model, params)).rows;
      expect(rows.length, model).toBeGreaterThan(0);
      for (const r of rows) expect(r.refund_amount, model).toBeNull();
      expect(db.runner().notInData(model)).toEqual({ refund_amount: ['returns.refund_amount'] });
    }
  });

  it('a refund column with values somewhere: a selection without refunds refunds 0', async () => {
    await db.fixture(FIXTURE);
    const jan = (await db.runner().run('kpis', { date_from: '2024-03-01' })).rows[0]!;
    // O3 only: its one return R3 was rejected, so 0 refunded (known), not "not in the data"
    expect(jan).toMatchObject({ orders: 1, refund_amount: 0, returned_value: 0 });
    expect(db.runner().notInData('kpis')).toEqual({});
  });
});
