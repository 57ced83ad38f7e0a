import { describe, expect, it } from 'vitest';
import { isoDay } from '../../src/app/format';
import { withPresetDates } from '../../src/app/view/date-presets';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// Regression: one order dated decades ahead (loaded, with a future-date warning) became the
// "as of" date of every comparison, date preset and maturing flag.
// Hand-worked. Orders 2024-01-01 … 2024-01-20, loaded today (after 2024, before 2080):
//   O1 01-01 2×10   O2 01-05 1×10   O3 01-11 4×5   O4 01-15 2×5   O5 01-20 1×20
// O9 2080-01-01 1×999 is the order from the future. As of = 2024-01-20 with or without it.
const HEADER = 'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel';
const LINES = [
  'O1,L1,2024-01-01,A,2,10,EUR,web',
  'O2,L1,2024-01-05,A,1,10,EUR,app',
  'O3,L1,2024-01-11,B,4,5,EUR,web',
  'O4,L1,2024-01-15,B,2,5,EUR,web',
  'O5,L1,2024-01-20,A,1,20,EUR,web',
];
const FUTURE = 'O9,L1,2080-01-01,A,1,999,EUR,web';
const RETURNS = csv(
  'return_id,order_id,line_id,sku,quantity,reason,requested_at,refunded_at,refund_amount,resolution',
  'R1,O1,L1,A,1,size_too_small,2024-01-03,2024-01-05,10,refund',
  'R2,O3,L1,B,2,defective,2024-01-14,2024-01-17,10,refund',
);

const withFuture = { order_lines: csv(HEADER, ...LINES, FUTURE), returns: RETURNS };
const without = { order_lines: csv(HEADER, ...LINES), returns: RETURNS };

const periods = (r: Row | undefined) => [r?.current_from, r?.current_to, r?.previous_from, r?.previous_to].map(isoDay);

describe('an order dated decades ahead', () => {
  const db = useEngine();

  it('stays in the data but not in the as-of date (kpis.as_of, date presets)', async () => {
    await db.fixture(withFuture);
    const k = (await db.runner().run('kpis')).rows[0]!;
    expect(isoDay(k.as_of)).toBe('2024-01-20');
    // still loaded and counted: 6 orders, the selection's last order date is the future one
    expect(k.orders).toBe(6);
    expect(isoDay(k.last_order_date)).toBe('2080-01-01');
    // "Last 30 days of data" ends on the as-of date: 2023-12-22 … 2024-01-20
    expect(withPresetDates({}, 'last_30', isoDay(k.as_of))).toEqual({ date_from: '2023-12-22', date_to: '2024-01-20' });
    const last30 = (await db.runner().run('kpis', { date_from: '2023-12-22', date_to: '2024-01-20' })).rows[0]!;
    expect(last30.orders).toBe(5);
  });

  it('does not move kpi_change periods or its maturing flag', async () => {
    await db.fixture(without);
    const before = (await db.runner().run('kpi_change', { compare_days: 10 })).rows;
    await db.fixture(withFuture);
    const after = (await db.runner().run('kpi_change', { compare_days: 10 })).rows;
    // current 01-11 … 01-20 (O3, O4, O5), previous 01-01 … 01-10 (O1, O2); 01-20 is the as-of day → maturing
    const orders = after.find((r) => r.kpi === 'orders');
    expect(periods(orders)).toEqual(['2024-01-11', '2024-01-20', '2024-01-01', '2024-01-10']);
    expect([orders?.current_value, orders?.previous_value, orders?.maturing]).toEqual([3, 2, true]);
    expect(after.map((r) => [r.kpi, r.current_value, r.previous_value, r.maturing])).toEqual(
      before.map((r) => [r.kpi, r.current_value, r.previous_value, r.maturing]),
    );
    // a range reaching past the as-of date is clipped to it: 01-16 … 01-20 against 01-11 … 01-15
    const range = (await db.runner().run('kpi_change', { date_from: '2024-01-16', date_to: '2099-12-31' })).rows;
    expect(periods(range[0])).toEqual(['2024-01-16', '2024-01-20', '2024-01-11', '2024-01-15']);
  });

  it('does not move return_trend maturing flags', async () => {
    await db.fixture(withFuture);
    const rows = (await db.runner().run('return_trend')).rows;
    for (const r of rows) expect(isoDay(r.as_of)).toBe('2024-01-20');
    // January ends 01-31, 01-31 + 30 days is after 2024-01-20 → maturing; so is 2080-01
    const jan = rows.find((r) => isoDay(r.period) === '2024-01-01');
    expect(jan).toMatchObject({ orders: 5, units_sold: 10, units_returned: 3, maturing: true });
    // ISO weeks, 10-day window: the week ending 01-07 is 13 days before 01-20 → final; the weeks
    // ending 01-14 (6 days) and 01-21 are maturing. Judged at 2080 every week would be maturing.
    await db.runner().setAssumptions({ return_window_days: 10 });
    try {
      const weeks = (await db.runner().run('return_trend', { grain: 'week', date_to: '2024-01-31' })).rows;
      expect(weeks.map((r) => [isoDay(r.period), r.maturing])).toEqual([
        ['2024-01-01', false], ['2024-01-08', true], ['2024-01-15', true],
      ]);
    } finally {
      await db.runner().setAssumptions({});
    }
  });

  it('takes the as-of from the day the data was loaded: the latest date not after it', async () => {
    await db.fixture(without);
    const runner = db.runner();
    // The batch was loaded on 2024-01-12 (hand-set): O4 (01-15) and O5 (01-20) lie after it.
    await runner.engine.exec("UPDATE load_log SET loaded_at = TIMESTAMP '2024-01-12 08:30:00'");
    await runner.refresh();
    const info = (await runner.engine.query('SELECT * FROM dataset_info'))[0]!;
    expect([isoDay(info.load_day), isoDay(info.as_of), info.lines_after_load_day, isoDay(info.latest_after_load_day)]).toEqual([
      '2024-01-12', '2024-01-11', 2, '2024-01-20',
    ]);
    expect(isoDay((await runner.run('kpis')).rows[0]!.as_of)).toBe('2024-01-11');
  });

  it('is reported by data_quality on the order_lines row', async () => {
    await db.fixture(withFuture);
    const rows = (await db.runner().run('data_quality')).rows;
    expect(rows[0]!.notes).toBe('1 order line dated after the load day (latest 2080-01-01): kept out of the as-of date');
    expect(rows.slice(1).map((r) => r.notes)).toEqual([null, null, null, null]);
    await db.fixture(without);
    expect((await db.runner().run('data_quality')).rows[0]!.notes).toBeNull();
  });
});
