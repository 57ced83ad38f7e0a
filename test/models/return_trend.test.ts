import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

const iso = (d: unknown): string => (d as Date).toISOString().slice(0, 10);

// Hand-worked. Orders: O1 2024-01-10 (Wed, ISO week of Mon 01-08) A×2 + B×1 web;
// O2 2024-01-31 (week of 01-29) A×1 app; O3 2024-03-05 (week of 03-04) A×4 web;
// O4 2024-04-20 (Sat, week of 04-15) C×5 app. as_of = 2024-04-20 (latest order date).
// Returns: R1 O1 1u (Jan); R4 no order, requested 2024-02-14 → cohort Feb (week of 02-12),
// channel unknown; R2 O3 2u + R3 O3 1u rejected (Mar); R5 O4 1u (Apr).
// Months: Jan 2 orders 4 units, 1 ret → 0.25 | Feb 0 sold, 1 ret → NULL | Mar 1 order 4 units,
// 2 requests, 2 units → 0.5 | Apr 1 order 5 units, 1 → 0.2.
// Maturing (window 30): Jan end 01-31 + 30 = 03-01 ≤ 04-20 no; Feb end 02-29 + 30 = 03-30 no;
// Mar end 03-31 + 30 = 04-30 > 04-20 yes; Apr yes.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-10,A,2,10,web,DE',
    'O1,L2,2024-01-10,B,1,30,web,DE',
    'O2,L1,2024-01-31,A,1,10,app,FR',
    'O3,L1,2024-03-05,A,4,10,web,DE',
    'O4,L1,2024-04-20,C,5,5,app,FR',
  ),
  products: csv('sku,category,supplier', 'A,cat1,sup1', 'B,cat2,sup2', 'C,cat2,sup1'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,resolution',
    'R1,O1,L1,A,1,size_too_small,2024-01-15,refund',
    'R2,O3,L1,A,2,defective,2024-03-20,refund',
    'R3,O3,L1,A,1,changed_mind,2024-03-21,rejected',
    'R4,,,A,1,defective,2024-02-14,refund',
    'R5,O4,L1,C,1,defective,2024-04-25,refund',
  ),
};

describe('return_trend', () => {
  const db = useEngine();

  it('builds the monthly cohort trend by hand, gaps filled, recent months maturing', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('return_trend');
    expect(res.status).toBe('ok');
    const rows = res.rows.map((r) => ({ ...r, period: iso(r.period), period_end: iso(r.period_end), as_of: iso(r.as_of) }));
    expect(rows.map((r) => [r.period, r.period_end])).toEqual([
      ['2024-01-01', '2024-01-31'], ['2024-02-01', '2024-02-29'], ['2024-03-01', '2024-03-31'], ['2024-04-01', '2024-04-30'],
    ]);
    expect(rows[0]).toMatchObject({ orders: 2, units_sold: 4, returns: 1, units_returned: 1, unit_return_rate: 0.25, maturing: false });
    for (const r of res.rows) expect(r.earlier_returns).toBe(0);
    expect(rows[1]).toMatchObject({ orders: 0, units_sold: 0, returns: 1, units_returned: 1, unit_return_rate: null, maturing: false });
    expect(rows[2]).toMatchObject({ orders: 1, units_sold: 4, returns: 2, units_returned: 2, unit_return_rate: 0.5, maturing: true });
    expect(rows[3]).toMatchObject({ orders: 1, units_sold: 5, returns: 1, units_returned: 1, maturing: true });
    expect(res.rows[3]!.unit_return_rate).toBeCloseTo(0.2, 10);
    for (const r of rows) expect(r.as_of).toBe('2024-04-20');
  });

  it('uses ISO weeks and the return window assumption', async () => {
    await db.fixture(FIXTURE);
    // Mondays 2024-01-08 … 2024-04-15: 98 days → 15 weeks, 10 of them empty.
    const res = await db.runner().run('return_trend', { grain: 'week' });
    expect(res.rows).toHaveLength(15);
    const byWeek = new Map(res.rows.map((r) => [iso(r.period), r]));
    expect(byWeek.get('2024-01-08')).toMatchObject({ orders: 1, units_sold: 3, units_returned: 1 });
    expect(iso(byWeek.get('2024-01-08')!.period_end)).toBe('2024-01-14');
    expect(byWeek.get('2024-01-29')).toMatchObject({ orders: 1, units_sold: 1, units_returned: 0, unit_return_rate: 0 });
    expect(byWeek.get('2024-02-12')).toMatchObject({ units_sold: 0, units_returned: 1, unit_return_rate: null });
    expect(byWeek.get('2024-03-04')).toMatchObject({ units_sold: 4, returns: 2, units_returned: 2, unit_return_rate: 0.5 });
    expect(byWeek.get('2024-04-15')).toMatchObject({ units_sold: 5, units_returned: 1 });
    expect(byWeek.get('2024-02-26')).toMatchObject({ orders: 0, units_sold: 0, returns: 0, units_returned: 0 });
    // Maturing: week end + 30 > 04-20 ⇔ week end > 03-21: weeks of 03-18 (end 03-24) onwards;
    // week of 03-11 (end 03-17 → 04-16) is final.
    expect(res.rows.filter((r) => r.maturing).map((r) => iso(r.period))).toEqual([
      '2024-03-18', '2024-03-25', '2024-04-01', '2024-04-08', '2024-04-15',
    ]);

    // Window 20 days: March ends 03-31, 03-31 + 20 = 04-20 is not after as_of → final.
    await db.runner().setAssumptions({ return_window_days: 20 });
    try {
      const months = await db.runner().run('return_trend');
      expect(months.rows.map((r) => r.maturing)).toEqual([false, false, false, true]);
    } finally {
      await db.runner().setAssumptions({});
    }
  });

  it('applies the filters, but judges maturity at the last order date of all the data', async () => {
    await db.fixture(FIXTURE);
    // channel=web: O1 (Jan, 3 units, R1), O3 (Mar, 4 units, R2 + R3); R4 has no channel → out.
    // February is an empty gap between the two.
    const web = await db.runner().run('return_trend', { channel: ['web'] });
    expect(web.rows.map((r) => [iso(r.period), r.orders, r.units_sold, r.returns, r.units_returned, r.maturing])).toEqual([
      ['2024-01-01', 1, 3, 1, 1, false],
      ['2024-02-01', 0, 0, 0, 0, false],
      ['2024-03-01', 1, 4, 2, 2, true],
    ]);
    expect(iso(web.rows[0]!.as_of)).toBe('2024-04-20');
    // date range Feb–Mar: R4 (cohort 02-14, no order) and O3. The chart starts at the first
    // order month, March: R4 is left out of the rows and counted in earlier_returns.
    const febMar = await db.runner().run('return_trend', { date_from: '2024-02-01', date_to: '2024-03-31' });
    expect(febMar.rows.map((r) => [iso(r.period), r.units_sold, r.units_returned, r.earlier_returns])).toEqual([['2024-03-01', 4, 2, 1]]);
  });

  it('starts at the first order month: an orphan return dated earlier does not add a month before it', async () => {
    // R0: no order, requested 2023-12-20, before O1 (2024-01-10): the axis still starts in January.
    const returns = `${FIXTURE.returns}R0,,,A,1,defective,2023-12-20,refund\n`;
    await db.fixture({ ...FIXTURE, returns });
    const res = await db.runner().run('return_trend');
    expect(res.rows.map((r) => iso(r.period))).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']);
    expect(res.rows.map((r) => r.earlier_returns)).toEqual([1, 1, 1, 1]);
    const weeks = await db.runner().run('return_trend', { grain: 'week' });
    expect(iso(weeks.rows[0]!.period)).toBe('2024-01-08');
  });

  it('without order lines shows returns only, maturity judged at the last return date', async () => {
    // No order is known: cohort dates are request dates: 01-15, 03-20, 03-21, 02-14, 04-25.
    await db.fixture({ returns: FIXTURE.returns });
    const res = await db.runner().run('return_trend');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => [iso(r.period), r.units_sold, r.returns, r.units_returned, r.unit_return_rate])).toEqual([
      ['2024-01-01', 0, 1, 1, null],
      ['2024-02-01', 0, 1, 1, null],
      ['2024-03-01', 0, 2, 2, null],
      ['2024-04-01', 0, 1, 1, null],
    ]);
    expect(iso(res.rows[0]!.as_of)).toBe('2024-04-25');
    // Mar end 03-31 + 30 = 04-30 > 04-25 → maturing; Feb end 02-29 + 30 = 03-30 → final.
    expect(res.rows.map((r) => r.maturing)).toEqual([false, false, true, true]);
    await db.fixture({});
    expect((await db.runner().run('return_trend')).rows).toEqual([]);
  });
});
