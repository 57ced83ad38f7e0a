import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { isoDay } from '../../src/app/format';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked. Orders from 2024-01-01 (first) to 2024-01-20 (last):
//   O1 01-01 A 2×10 web   O2 01-05 A 1×10 app   O3 01-11 B 4×5 web   O4 01-15 B 2×5 web   O5 01-20 A 1×20 web
// Returns: R1 (O1, 1 unit, refund 10, 2 days to refund), R2 (O3, 2 units, refund 10, 3.5 days),
// R3 (O4, 1 unit) rejected: a request, not a returned unit. R4 has no order: it is dated by its
// request, 02-01, after the last order date, so only a range reaching past the data holds it.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region',
    'O1,L1,2024-01-01,A,2,10,EUR,web,C1,DE',
    'O2,L1,2024-01-05,A,1,10,EUR,app,C2,FR',
    'O3,L1,2024-01-11,B,4,5,EUR,web,C3,DE',
    'O4,L1,2024-01-15,B,2,5,EUR,web,C1,DE',
    'O5,L1,2024-01-20,A,1,20,EUR,web,C2,FR',
  ),
  products: csv('sku,category,supplier,unit_cost', 'A,cat1,sup1,4', 'B,cat2,sup2,2'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refunded_at,refund_amount,resolution',
    'R1,O1,L1,A,1,size_too_small,2024-01-03,2024-01-05,10,refund',
    'R2,O3,L1,B,2,defective,2024-01-14,2024-01-17 12:00:00,10,refund',
    'R3,O4,L1,B,1,changed_mind,2024-01-18,,0,rejected',
    'R4,,,A,1,defective,2024-02-01,2024-02-03,5,refund',
  ),
};

type Side = [current: number | null, previous: number | null, change: number | null];

function byKpi(rows: Row[]): Record<string, Row> {
  return Object.fromEntries(rows.map((r) => [r.kpi as string, r]));
}

function expectSides(row: Row | undefined, [current, previous, change]: Side): void {
  const close = (actual: unknown, expected: number | null) => (expected === null ? expect(actual).toBeNull() : expect(actual).toBeCloseTo(expected, 10));
  close(row?.current_value, current);
  close(row?.previous_value, previous);
  close(row?.change, change);
}

function periods(row: Row | undefined): (string | null)[] {
  return [row?.current_from, row?.current_to, row?.previous_from, row?.previous_to].map(isoDay);
}

describe('kpi_change', () => {
  const db = useEngine();

  it('without a range: the last compare_days days of data vs as many before, one row per KPI with its kind', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('kpi_change', { compare_days: 10 });
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => [r.kpi, r.kind])).toEqual([
      ['orders', 'count'], ['units_sold', 'count'], ['gross_sales', 'money'], ['returns', 'count'],
      ['units_returned', 'count'], ['refund_amount', 'money'], ['returned_value', 'money'], ['order_return_rate', 'rate'],
      ['unit_return_rate', 'rate'], ['value_return_rate', 'rate'], ['median_days_to_refund', 'days'],
    ]);
    // current 01-11..01-20 (O3, O4, O5), previous 01-01..01-10 (O1, O2)
    const k = byKpi(res.rows);
    expect(periods(k.orders)).toEqual(['2024-01-11', '2024-01-20', '2024-01-01', '2024-01-10']);
    expect(k.orders).toMatchObject({ basis: 'last_days', period_days: 10, maturing: true });
    expectSides(k.orders, [3, 2, (3 - 2) / 2]);
    expectSides(k.units_sold, [4 + 2 + 1, 2 + 1, (7 - 3) / 3]);
    expectSides(k.gross_sales, [20 + 10 + 20, 20 + 10, (50 - 30) / 30]);
    expectSides(k.returns, [2, 1, 1]); // R2 + rejected R3 vs R1
    expectSides(k.units_returned, [2, 1, 1]);
    expectSides(k.refund_amount, [10, 10, 0]);
    // returned value at the price paid: R2 2 × 5 (R3 rejected) vs R1 1 × 10
    expectSides(k.returned_value, [2 * 5, 1 * 10, 0]);
    // rates: differences of fractions (UI shows percentage points)
    expectSides(k.order_return_rate, [1 / 3, 1 / 2, 1 / 3 - 1 / 2]);
    expectSides(k.unit_return_rate, [2 / 7, 1 / 3, 2 / 7 - 1 / 3]);
    expectSides(k.value_return_rate, [10 / 50, 10 / 30, 10 / 50 - 10 / 30]);
    expectSides(k.median_days_to_refund, [3.5, 2, 1.5]);
  });

  it('without a range and with less data than compare_days: all the data, no previous period', async () => {
    await db.fixture(FIXTURE);
    const k = byKpi((await db.runner().run('kpi_change')).rows);
    // default 90 days: 2023-10-23..2024-01-20; the previous period ends 2023-10-22, before the data
    expect(periods(k.orders)).toEqual(['2023-10-23', '2024-01-20', null, null]);
    expectSides(k.orders, [5, null, null]);
    expectSides(k.unit_return_rate, [3 / 10, null, null]);
  });

  it('with a range: the range itself vs as many days before; maturing follows the return window assumption', async () => {
    await db.fixture(FIXTURE);
    const params = { date_from: '2024-01-06', date_to: '2024-01-12' };
    const k = byKpi((await db.runner().run('kpi_change', params)).rows);
    // current 01-06..01-12 (O3), previous 2023-12-30..01-05 (O1, O2): it ends inside the data
    expect(periods(k.orders)).toEqual(['2024-01-06', '2024-01-12', '2023-12-30', '2024-01-05']);
    expect(k.orders).toMatchObject({ basis: 'date_range', period_days: 7, maturing: true }); // 01-20 − 01-12 = 8 < 30
    expectSides(k.orders, [1, 2, -0.5]);
    expectSides(k.unit_return_rate, [2 / 4, 1 / 3, 2 / 4 - 1 / 3]);
    await db.runner().setAssumptions({ return_window_days: 8 }); // 8 < 8 is false
    expect(byKpi((await db.runner().run('kpi_change', params)).rows).orders!.maturing).toBe(false);
    await db.runner().setAssumptions({});
  });

  it('clips a range to the data, but its current values are the range as asked (the cards)', async () => {
    await db.fixture(FIXTURE);
    const k = byKpi((await db.runner().run('kpi_change', { date_from: '2024-01-15', date_to: '2024-03-01' })).rows);
    // current 01-15..01-20 (6 days: O4, O5), previous 01-09..01-14 (O3)
    expect(periods(k.orders)).toEqual(['2024-01-15', '2024-01-20', '2024-01-09', '2024-01-14']);
    expect(k.orders!.period_days).toBe(6);
    expectSides(k.orders, [2, 1, 1]);
    // R3 and R4 (dated 02-01, inside the asked range, outside the clipped one) vs R2
    expectSides(k.returns, [2, 1, 1]);
    expectSides(k.refund_amount, [5, 10, -0.5]);
    const open = byKpi((await db.runner().run('kpi_change', { date_to: '2024-01-04' })).rows);
    // 01-01..01-04 (O1): nothing before the first order date
    expect(periods(open.orders)).toEqual(['2024-01-01', '2024-01-04', null, null]);
    expectSides(open.orders, [1, null, null]);
    expect(open.orders!.maturing).toBe(true); // 01-20 − 01-04 = 16 < 30
  });

  it('says how much of the current period is still maturing: units on orders inside their return window', async () => {
    await db.fixture(FIXTURE);
    // current 01-11..01-20 holds O3 (4 units, 01-11), O4 (2, 01-15), O5 (1, 01-20); the last order date is 01-20.
    // A 30-day window: every order is younger than 30 days, all 7 units are maturing.
    expect(byKpi((await db.runner().run('kpi_change', { compare_days: 10 })).rows).unit_return_rate!.maturing_share).toBeCloseTo(1, 10);
    // An 8-day window: O4 (5 days old) and O5 (0) are, O3 (9 days) is not: (2 + 1) / 7.
    await db.runner().setAssumptions({ return_window_days: 8 });
    const k = byKpi((await db.runner().run('kpi_change', { compare_days: 10 })).rows);
    expect(k.unit_return_rate!.maturing_share).toBeCloseTo(3 / 7, 10);
    expect(k.orders!.maturing_share).toBeCloseTo(3 / 7, 10); // a period fact, on every KPI's row
    // A range 01-01..01-10 (O1 2 units, O2 1) ends 10 days before 01-20: nothing young, not maturing.
    const old = byKpi((await db.runner().run('kpi_change', { date_from: '2024-01-01', date_to: '2024-01-10' })).rows);
    expect(old.unit_return_rate).toMatchObject({ maturing: false, maturing_share: 0 });
    await db.runner().setAssumptions({});
  });

  it('a range outside the data compares nothing, and still has one row per KPI', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('kpi_change', { date_from: '2030-01-01' });
    expect(res.rows).toHaveLength(11);
    for (const r of res.rows) {
      expect([r.current_value, r.previous_value, r.change, r.current_from, r.previous_from, r.maturing, r.maturing_share]).toEqual([null, null, null, null, null, null, null]);
    }
  });

  it('filters both periods alike; a relative change from 0 is NULL, not infinite', async () => {
    await db.fixture(FIXTURE);
    const k = byKpi((await db.runner().run('kpi_change', { compare_days: 10, sku: ['B'] })).rows);
    // B: current O3, O4; previous (01-01..01-10) has no B orders
    expectSides(k.orders, [2, 0, null]);
    expectSides(k.refund_amount, [10, 0, null]);
    expectSides(k.unit_return_rate, [2 / 6, null, null]); // no units sold before: no rate
    expectSides(k.median_days_to_refund, [3.5, null, null]);
  });

  it('says which column it needs when there are no orders', async () => {
    await db.fixture({ returns: FIXTURE.returns });
    expect(await db.runner().run('kpi_change')).toMatchObject({ status: 'needs_columns', missing: ['order_lines.order_id'] });
  });
});
