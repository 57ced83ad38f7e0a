import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Finance reads returns two ways (issue 16, item 7): by the date of the ORDER (cohort: "what did
// the returns of Q2's orders cost") and by the date the money moved (cash: "what was refunded in
// Q2"). basis_date (queries/schema/filters.sql): refunded_at, else received_at, else
// requested_at. Hand-worked, handling 4.5 per accepted return, no inspection, no labels.
//
//       order (date, price)     resolution    refund  recovery  refunded_at  received   requested   cash date
// R1    O1 2025-03-20, A 100    refund          100      30     2025-04-03                2025-03-28  2025-04-03
// R2    O2 2025-04-10, A 100    refund           80       -     2025-04-20                2025-04-15  2025-04-20
// R3    O3 2025-06-25, B  50    refund           50      10     2025-07-02                2025-06-28  2025-07-02
// R4    O4 2025-05-01, B  50    exchange          0       -                  2025-05-10  2025-05-05  2025-05-10
// R6    O1 2025-03-20, A 100    open (none)       -       -                              2025-04-02  2025-04-02
// R7    O2 2025-04-10, A 100    rejected          0       -     -            2025-04-25  2025-04-18  (not a cost)
//
// Q2 2025 (04-01 – 06-30)
//   by order date:  R2 R3 R4       returns 3, refunds 80 + 50 = 130, recovered 10,
//                                  net 130 + 3 × 4.5 − 10 = 133.5
//   by refund date: R1 R2 R4 R6    returns 4, refunds 100 + 80 = 180, recovered 30,
//                                  net 180 + 4 × 4.5 − 30 = 168
// The same distinction the issue measured on the demo data (Q2 refunds 9,392 by refund date vs
// 8,078 for Q2's orders).
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id',
    'O1,1,2025-03-20,A,1,100,EUR,web,C1',
    'O2,1,2025-04-10,A,1,100,EUR,web,C2',
    'O3,1,2025-06-25,B,1,50,EUR,app,C3',
    'O4,1,2025-05-01,B,1,50,EUR,web,C4',
  ),
  products: csv('sku,category,supplier', 'A,shoes,S1', 'B,bags,S2'),
  returns: csv(
    'return_id,order_id,line_id,quantity,reason,requested_at,received_at,refunded_at,refund_amount,resolution,recovery_value',
    'R1,O1,1,1,defective,2025-03-28,,2025-04-03,100,refund,30',
    'R2,O2,1,1,changed_mind,2025-04-15,,2025-04-20,80,refund,',
    'R3,O3,1,1,size_too_small,2025-06-28,,2025-07-02,50,refund,10',
    'R4,O4,1,1,size_too_large,2025-05-05,2025-05-10,,0,exchange,',
    'R6,O1,1,1,changed_mind,2025-04-02,,,,,',
    'R7,O2,1,1,defective,2025-04-18,2025-04-25,,0,rejected,',
  ),
};
const Q2 = { date_from: '2025-04-01', date_to: '2025-06-30' };

describe('date basis: cohort (order date) and cash (refund date)', () => {
  const db = useEngine();

  it('cost_of_returns for Q2 by order date and by refund date, worked by hand', async () => {
    await db.fixture(FIXTURE);
    const byOrder = (await db.runner().run('cost_of_returns', { dim: 'all', ...Q2 })).rows[0]!;
    expect(byOrder).toMatchObject({ returns: 3, refund_amount: 130, recovery_value: 10 });
    expect(byOrder.net_cost).toBeCloseTo(133.5, 10);
    // The default basis is the order date: naming it changes nothing.
    const named = (await db.runner().run('cost_of_returns', { dim: 'all', basis: 'order', ...Q2 })).rows[0]!;
    expect(named).toEqual(byOrder);

    const byRefund = (await db.runner().run('cost_of_returns', { dim: 'all', basis: 'refund', ...Q2 })).rows[0]!;
    expect(byRefund).toMatchObject({ returns: 4, refund_amount: 180, recovery_value: 30 });
    expect(byRefund.handling_cost).toBeCloseTo(18, 10);
    expect(byRefund.net_cost).toBeCloseTo(168, 10);
    expect(byRefund.net_cost_per_return).toBeCloseTo(42, 10);
  });

  it('months follow the basis; over all dates both bases give the same totals', async () => {
    await db.fixture(FIXTURE);
    const month = async (basis: string) =>
      Object.fromEntries(
        (await db.runner().run('cost_of_returns', { dim: 'month', basis })).rows.map((r) => [r.dim_value, Math.round(Number(r.net_cost) * 100) / 100]),
      );
    // order: 2025-03 R1 R6 = 104.5 − 30 + 4.5 = 79; 2025-04 R2 84.5; 2025-05 R4 4.5; 2025-06 R3 44.5
    expect(await month('order')).toEqual({ '2025-03': 79, '2025-04': 84.5, '2025-05': 4.5, '2025-06': 44.5 });
    // refund: 2025-04 R1 R2 R6 = 74.5 + 84.5 + 4.5 = 163.5; 2025-05 R4 4.5; 2025-07 R3 44.5
    expect(await month('refund')).toEqual({ '2025-04': 163.5, '2025-05': 4.5, '2025-07': 44.5 });
    const all = async (basis: string) => (await db.runner().run('cost_of_returns', { dim: 'all', basis })).rows[0]!;
    expect(await all('refund')).toEqual(await all('order'));
  });

  it('retained_revenue for Q2 by both bases: value at the price paid, split by resolution', async () => {
    await db.fixture(FIXTURE);
    const run = async (basis: string) => (await db.runner().run('retained_revenue', { dim: 'all', basis, ...Q2 })).rows[0]!;
    // order: R2 refund 100, R3 refund 50, R4 exchange 50, R7 rejected 100.
    expect(await run('order')).toMatchObject({ returns: 4, value_refunded: 150, value_exchanged: 50, value_rejected: 100, open_returns: 0 });
    // refund: R1 refund 100, R2 refund 100, R4 exchange 50, R6 open, R7 rejected (received 04-25).
    expect(await run('refund')).toMatchObject({ returns: 5, value_refunded: 200, value_exchanged: 50, value_rejected: 100, open_returns: 1 });
    const periods = (await db.runner().run('retained_revenue', { dim: 'period', basis: 'refund', ...Q2 })).rows;
    expect(periods.map((r) => [r.dim_value, r.value_refunded])).toEqual([
      ['2025-04-01', 200],
      ['2025-05-01', 0],
    ]);
  });

  // R1: ordered 2025-03-20, refunded 2025-04-03. By order date it is March's; by refund date April's.
  const MARCH = { date_from: '2025-03-01', date_to: '2025-03-31' };
  const APRIL = { date_from: '2025-04-01', date_to: '2025-04-30' };

  it('kpis: the return ordered in March and refunded in April counts in April by refund date, in March by order date; sales and rates stay by order date', async () => {
    await db.fixture(FIXTURE);
    const kpis = async (basis: string | undefined, range: object) => (await db.runner().run('kpis', { ...range, ...(basis ? { basis } : {}) })).rows[0]!;
    // March by order date: O1 (100) with R1 (refund 100, 6 days) and R6 (open, no refund): 2 units back of 1 sold.
    const marchOrder = await kpis(undefined, MARCH);
    expect(marchOrder).toMatchObject({ orders: 1, units_sold: 1, gross_sales: 100, returns: 2, units_returned: 2, refund_amount: 100, returned_value: 200, median_days_to_refund: 6, unit_return_rate: 2, order_return_rate: 1, value_return_rate: 2 });
    expect(await kpis('order', MARCH)).toEqual(marchOrder); // the default basis is the order date
    // March by refund date: nothing moved money in March; the sales and the (cohort) rates are March's orders'.
    expect(await kpis('refund', MARCH)).toMatchObject({ orders: 1, units_sold: 1, gross_sales: 100, returns: 0, units_returned: 0, refund_amount: 0, returned_value: 0, median_days_to_refund: null, unit_return_rate: 2, order_return_rate: 1, value_return_rate: 2 });
    // April by order date: O2 (100) with R2 (refund 80, 5 days) and R7 (rejected).
    expect(await kpis(undefined, APRIL)).toMatchObject({ orders: 1, gross_sales: 100, returns: 2, units_returned: 1, refund_amount: 80, returned_value: 100, median_days_to_refund: 5, unit_return_rate: 1 });
    // April by refund date: R1 (04-03), R2 (04-20), R6 (requested 04-02, open), R7 (received 04-25, rejected):
    // refunds 100 + 80, value 3 × 100, median of 6 and 5 days. The unit return rate stays O2's 1 of 1
    // (by refund date it would read 3 of 1).
    expect(await kpis('refund', APRIL)).toMatchObject({ orders: 1, gross_sales: 100, returns: 4, units_returned: 3, refund_amount: 180, returned_value: 300, median_days_to_refund: 5.5, unit_return_rate: 1, order_return_rate: 1, value_return_rate: 1 });
    // Q2 by refund date: the same refunds as cost_of_returns on that basis (180).
    expect(await kpis('refund', Q2)).toMatchObject({ orders: 3, gross_sales: 200, returns: 5, units_returned: 4, refund_amount: 180, returned_value: 350, unit_return_rate: 1 });
    // Over all dates both bases count every return once.
    expect(await kpis('refund', {})).toEqual(await kpis(undefined, {}));
  });

  it('kpi_change compares refund-dated figures with refund-dated figures (the card and its change on one basis)', async () => {
    await db.fixture(FIXTURE);
    const refunded = async (basis: string) =>
      (await db.runner().run('kpi_change', { ...APRIL, basis })).rows.find((r) => r.kpi === 'refund_amount')!;
    // order: April's orders refunded 80, March's 100: −20%.
    const byOrder = await refunded('order');
    expect(byOrder).toMatchObject({ current_value: 80, previous_value: 100, previous_from: expect.anything() });
    expect(byOrder.change).toBeCloseTo(-0.2, 10);
    // refund: 180 refunded in April, nothing in the 30 days before: no relative change from 0.
    expect(await refunded('refund')).toMatchObject({ current_value: 180, previous_value: 0, change: null });
    const rate = (await db.runner().run('kpi_change', { ...APRIL, basis: 'refund' })).rows.find((r) => r.kpi === 'unit_return_rate')!;
    expect(rate).toMatchObject({ current_value: 1, previous_value: 2 }); // cohort on both bases
  });

  it('drill_returns lists the rows behind a refund-dated figure: the returns whose money moved in the period', async () => {
    await db.fixture(FIXTURE);
    const ids = async (params: object) => (await db.runner().run('drill_returns', { ...APRIL, sort: 'return_id', desc: false, ...params })).rows.map((r) => r.return_id);
    expect(await ids({})).toEqual(['R2', 'R7']);
    expect(await ids({ basis: 'refund' })).toEqual(['R1', 'R2', 'R6', 'R7']);
    // the rows behind April's Refunded card by refund date (accepted returns): 100 + 80 = 180
    const accepted = (await db.runner().run('drill_returns', { ...APRIL, basis: 'refund', accepted_only: true })).rows;
    expect(accepted.map((r) => r.return_id).sort()).toEqual(['R1', 'R2', 'R6']);
    expect(accepted.reduce((s, r) => s + Number(r.refund_amount ?? 0), 0)).toBe(180);
  });

  it('leakage by refund date: refunds paid in April without a receipt, whatever month their order was placed', async () => {
    await db.fixture(FIXTURE);
    // R1, R2, R3 were refunded and never received (refund_without_return).
    const rule = async (basis: string, range: object) =>
      (await db.runner().run('leakage', { ...range, basis })).rows.find((r) => r.rule === 'refund_without_return')!;
    expect(await rule('order', APRIL)).toMatchObject({ cases: 1, amount: 80, example_ids: 'R2' });
    expect(await rule('refund', APRIL)).toMatchObject({ cases: 2, amount: 180, example_ids: 'R1,R2' });
    expect(await rule('order', MARCH)).toMatchObject({ cases: 1, amount: 100 });
    expect(await rule('refund', MARCH)).toMatchObject({ cases: 0, amount: 0 });
    const cases = await db.runner().run('leakage_cases', { ...APRIL, basis: 'refund', rule: 'refund_without_return', sort: 'return_id', desc: false });
    expect(cases.rows.map((r) => [r.return_id, r.amount])).toEqual([
      ['R1', 100],
      ['R2', 80],
    ]);
  });
});
