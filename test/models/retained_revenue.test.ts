import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked. Value of a return = quantity × unit price of its line (the refund when the line
// is unknown). A apparel, B shoes, C home.
//   R1 O1/1 Jan  A 2 × 10 = 20  refund
//   R2 O1/2 Jan  B 1 × 30 = 30  exchange, exchange_value 36 → upsell 6
//   R3 O2/1 Jan  A 1 × 10 = 10  store_credit
//   R9 O6/1 Jan  A 1 × 10 = 10  exchange, no exchange_value (not valued)
//   R4 O3/1 Feb  B 1 × 30 = 30  exchange, exchange_value 25 → upsell 0 (cheaper: not negative)
//   R5 O3/1 Feb  B 1 × 30 = 30  rejected (not in resolved_value)
//   R6 O4/1 Feb  C 1 × 50       open (no resolution: counts in returns only)
//   R7 O5/1 Apr  C 1 × 50 = 50  refund
//   R8 O9 (unknown order) requested 2024-04-20: value = refund 15, refund; category '(unknown)'
// Totals: returns 9, rejected 1, open 1; refunded 20 + 50 + 15 = 85, exchanged 30 + 30 + 10 = 70,
// store credit 10, rejected 30; returned 165, retained 80, rate 80/165; upsell 6 over 2 valued.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,customer_id',
    'O1,1,2024-01-10,A,2,10,web,C1',
    'O1,2,2024-01-10,B,1,30,web,C1',
    'O2,1,2024-01-20,A,1,10,app,C2',
    'O6,1,2024-01-25,A,1,10,app,C3',
    'O3,1,2024-02-05,B,2,30,web,C3',
    'O4,1,2024-02-15,C,1,50,app,C1',
    'O5,1,2024-04-02,C,1,50,web,C2',
  ),
  products: csv('sku,category,supplier', 'A,apparel,S1', 'B,shoes,S2', 'C,home,S1'),
  returns: csv(
    'return_id,order_id,line_id,quantity,reason,requested_at,refund_amount,resolution,exchange_value',
    'R1,O1,1,2,size_too_small,2024-01-15,20,refund,',
    'R2,O1,2,1,size_too_large,2024-01-15,0,exchange,36',
    'R3,O2,1,1,changed_mind,2024-01-25,10,store_credit,',
    'R9,O6,1,1,size_too_small,2024-01-30,0,exchange,',
    'R4,O3,1,1,size_too_small,2024-02-10,0,exchange,25',
    'R5,O3,1,1,defective,2024-02-10,,rejected,',
    'R6,O4,1,1,defective,2024-02-20,,,',
    'R7,O5,1,1,changed_mind,2024-04-05,50,refund,',
    'R8,O9,,1,other,2024-04-20,15,refund,',
  ),
};

const day = (v: unknown) => (v === null ? null : (v as Date).toISOString().slice(0, 10));
const pick = (r: Row) => ({
  dim_value: r.dim_value, returns: r.returns, rejected_returns: r.rejected_returns, open_returns: r.open_returns,
  resolved_value: r.resolved_value, value_refunded: r.value_refunded, value_exchanged: r.value_exchanged,
  value_store_credit: r.value_store_credit, value_rejected: r.value_rejected, retained_value: r.retained_value,
  exchange_upsell: r.exchange_upsell, exchanges_valued: r.exchanges_valued,
});

describe('retained_revenue', () => {
  const db = useEngine();

  it('splits the returned value by resolution: one total row', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('retained_revenue', { dim: 'all' });
    expect(res.status).toBe('ok');
    expect(res.rows).toHaveLength(1);
    const t = res.rows[0]!;
    expect(pick(t)).toEqual({
      dim_value: 'All returns', returns: 9, rejected_returns: 1, open_returns: 1, resolved_value: 165, value_refunded: 85,
      value_exchanged: 70, value_store_credit: 10, value_rejected: 30, retained_value: 80, exchange_upsell: 6, exchanges_valued: 2,
    });
    expect(t.period).toBeNull();
    expect(t.retained_rate).toBeCloseTo(80 / 165, 10);
  });

  it('by month of the order, empty months included', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('retained_revenue')).rows; // dim = period, grain = month
    // Jan: R1 refund 20, R2 + R9 exchanged 40, R3 credit 10 → returned 70, retained 50.
    // Feb: R4 exchanged 30, R5 rejected 30, R6 open → returned 30, retained 30 (rate 1).
    // Mar: nothing (rate NULL). Apr: R7 50 + R8 15 refunded (R8 dated by its request).
    expect(rows.map((r) => [r.dim_value, day(r.period), r.returns, r.resolved_value, r.retained_value, r.exchange_upsell])).toEqual([
      ['2024-01-01', '2024-01-01', 4, 70, 50, 6],
      ['2024-02-01', '2024-02-01', 3, 30, 30, 0],
      ['2024-03-01', '2024-03-01', 0, 0, 0, 0],
      ['2024-04-01', '2024-04-01', 2, 65, 0, 0],
    ]);
    expect(rows[0]!.retained_rate).toBeCloseTo(50 / 70, 10);
    expect(rows[1]!.retained_rate).toBe(1);
    expect(rows[2]!.retained_rate).toBeNull();
    expect(rows[3]!.retained_rate).toBe(0);
    expect(rows.map((r) => [r.rejected_returns, r.open_returns, r.exchanges_valued])).toEqual([[0, 0, 1], [1, 1, 1], [0, 0, 0], [0, 0, 0]]);
  });

  it('by ISO week, from the first week to the last, with the date filter', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('retained_revenue', { grain: 'week', date_from: '2024-02-01' })).rows;
    // O3 ordered Mon 02-05 (R4 exchange 30, R5 rejected), O4 Thu 02-15 (R6 open) → week 02-12,
    // O5 Tue 04-02 (R7 50) → week 04-01, R8 requested Sat 04-20 → week 04-15: 11 weeks.
    expect(rows).toHaveLength(11);
    const used = rows.filter((r) => r.returns !== 0).map((r) => [r.dim_value, r.returns, r.resolved_value, r.value_rejected]);
    expect(used).toEqual([['2024-02-05', 2, 30, 30], ['2024-02-12', 1, 0, 0], ['2024-04-01', 1, 50, 0], ['2024-04-15', 1, 15, 0]]);
    expect(rows.map((r) => r.dim_value)).toContain('2024-03-04');
  });

  it('by category, largest returned value first; the rows add up to the total', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('retained_revenue', { dim: 'category' })).rows;
    // shoes: R2 30 + R4 30 exchanged, R5 rejected → 60, all retained, upsell 6.
    // home: R7 refund 50, R6 open. apparel: R1 20 refund, R3 10 credit, R9 10 exchange → 40, retained 20.
    // (unknown): R8 15 refunded.
    expect(rows.map((r) => [r.dim_value, r.returns, r.resolved_value, r.retained_value, r.retained_rate, r.exchange_upsell])).toEqual([
      ['shoes', 3, 60, 60, 1, 6],
      ['home', 2, 50, 0, 0, 0],
      ['apparel', 3, 40, 20, 0.5, 0],
      ['(unknown)', 1, 15, 0, 0, 0],
    ]);
    expect(rows.every((r) => r.period === null)).toBe(true);
  });

  it('applies the global filters', async () => {
    await db.fixture(FIXTURE);
    // web orders: O1 (R1, R2), O3 (R4, R5), O5 (R7); R8 has no known channel.
    const t = (await db.runner().run('retained_revenue', { dim: 'all', channel: ['web'] })).rows[0]!;
    expect(pick(t)).toEqual({
      dim_value: 'All returns', returns: 5, rejected_returns: 1, open_returns: 0, resolved_value: 130, value_refunded: 70,
      value_exchanged: 60, value_store_credit: 0, value_rejected: 30, retained_value: 60, exchange_upsell: 6, exchanges_valued: 2,
    });
    expect(t.retained_rate).toBeCloseTo(60 / 130, 10);
  });

  it('has no upsell without exchange_value, and needs a resolution column', async () => {
    const noValues = FIXTURE.returns.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    await db.fixture({ ...FIXTURE, returns: noValues });
    const t = (await db.runner().run('retained_revenue', { dim: 'all' })).rows[0]!;
    expect(t).toMatchObject({ resolved_value: 165, retained_value: 80, exchange_upsell: null, exchanges_valued: 0 });
    const noResolution = csv('return_id,order_id,line_id,quantity,refund_amount', 'R1,O1,1,2,20');
    await db.fixture({ order_lines: FIXTURE.order_lines, returns: noResolution });
    expect(await db.runner().run('retained_revenue')).toMatchObject({ status: 'needs_columns', missing: ['returns.resolution'] });
  });

  it('the month chart starts at the first order month: an orphan return dated before it is counted apart, not a month (regression: Dec 2023 on the demo)', async () => {
    // R10 has no known order and was requested 2023-12-20, before the first order (2024-01-10).
    const orphan = { ...FIXTURE, returns: `${FIXTURE.returns}R10,O99,,1,other,2023-12-20,12,refund,\n` };
    await db.fixture(orphan);
    for (const basis of ['order', 'refund']) {
      const rows = (await db.runner().run('retained_revenue', { basis })).rows;
      // the same four months as without R10 (no refund dates here: both bases date by request or order)
      expect(rows.map((r) => [r.dim_value, r.returns])).toEqual([
        ['2024-01-01', 4],
        ['2024-02-01', 3],
        ['2024-03-01', 0],
        ['2024-04-01', 2],
      ]);
      expect(rows.every((r) => r.earlier_returns === 1)).toBe(true);
    }
    // nothing is lost: the total still has R10 (refunded 85 + 12), and other dims never drop a return
    const total = (await db.runner().run('retained_revenue', { dim: 'all' })).rows[0]!;
    expect(total).toMatchObject({ returns: 10, value_refunded: 97, earlier_returns: 0 });
    // a selection with no orders keeps its periods: R10 alone (unknown channel) under `by`
    const byChannel = (await db.runner().run('retained_revenue', { by: 'channel' })).rows;
    const unknown = byChannel.filter((r) => r.by_value !== 'web' && r.by_value !== 'app');
    expect(unknown.map((r) => [r.dim_value, r.returns])).toContainEqual(['2023-12-01', 1]);
    expect(byChannel.filter((r) => r.by_value === 'web')[0]).toMatchObject({ dim_value: '2024-01-01', earlier_returns: 0 });
  });
});
