import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Four orders (O1, O2 web; O3, O4 app) and five returns. Durations in days, by hand:
//        request→approve  approve→receive  receive→inspect  inspect→refund  request→refund
//   R1   0.5              5                3                0.5             9
//   R2   2                9                1                open            open
//   R3   0.25             -1.25 (negative) 1                3               3
//   R4   (rejected, never approved: not open)
//   R5   2                open             -                -               open
// SLAs (defaults): 1, 7, 2, 2, 14 days. quantile_cont(0.9) on n sorted values = v[h] interpolated, h = 0.9(n-1).
//   request_to_approve: [0.25,0.5,2,2] median 1.25, p90 h=2.7 → 2; breaches >1: R2,R5 = 2/4; open 0 (R4 rejected)
//   approve_to_receive: 3 with both, 1 negative; valid [5,9] median 7, p90 5+0.9×4 = 8.6; breaches >7: 1/2; open R5 = 1
//   receive_to_inspect: [1,1,3] median 1, p90 h=1.8 → 1+0.8×2 = 2.6; breaches >2: 1/3; open 0
//   inspect_to_refund:  [0.5,3] median 1.75, p90 0.5+0.9×2.5 = 2.75; breaches >2: 1/2; open R2 = 1
//   request_to_refund:  [3,9] median 6, p90 3+0.9×6 = 8.4; breaches >14: 0/2; open R2,R5 = 2
const ORDER_LINES = csv(
  'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
  'O1,L1,2024-01-10,A,1,10,web,DE',
  'O2,L1,2024-01-11,A,1,10,web,DE',
  'O3,L1,2024-01-12,B,1,10,app,FR',
  'O4,L1,2024-01-13,B,1,10,app,FR',
);
const RETURNS = csv(
  'return_id,order_id,line_id,quantity,requested_at,approved_at,received_at,inspected_at,refunded_at,resolution',
  'R1,O1,L1,1,2024-01-15 00:00:00,2024-01-15 12:00:00,2024-01-20 12:00:00,2024-01-23 12:00:00,2024-01-24 00:00:00,refund',
  'R2,O2,L1,1,2024-01-16,2024-01-18,2024-01-27,2024-01-28,,refund',
  'R3,O3,L1,1,2024-01-17 00:00:00,2024-01-17 06:00:00,2024-01-16,2024-01-17,2024-01-20,refund',
  'R4,O4,L1,1,2024-01-18,,,,,rejected',
  'R5,O4,L1,1,2024-01-19,2024-01-21,,,,',
);
const STAGES = ['request_to_approve', 'approve_to_receive', 'receive_to_inspect', 'inspect_to_refund', 'request_to_refund'];

describe('stage_times', () => {
  const db = useEngine();

  it('measures every stage by hand', async () => {
    await db.fixture({ order_lines: ORDER_LINES, returns: RETURNS });
    const res = await db.runner().run('stage_times');
    expect(res.status).toBe('ok');
    const rows = res.rows;
    expect(rows.map((r) => r.stage)).toEqual(STAGES);
    expect(rows.map((r) => r.stage_order)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]).toMatchObject({ from_column: 'requested_at', to_column: 'approved_at', returns: 4, negative: 0, breaches: 2, open: 0, sla_days: 1, note: null });
    expect(rows[1]).toMatchObject({ from_column: 'approved_at', to_column: 'received_at', returns: 3, negative: 1, breaches: 1, open: 1, sla_days: 7, note: null });
    expect(rows[2]).toMatchObject({ from_column: 'received_at', to_column: 'inspected_at', returns: 3, negative: 0, breaches: 1, open: 0, sla_days: 2 });
    expect(rows[3]).toMatchObject({ from_column: 'inspected_at', to_column: 'refunded_at', returns: 2, negative: 0, breaches: 1, open: 1, sla_days: 2 });
    expect(rows[4]).toMatchObject({ from_column: 'requested_at', to_column: 'refunded_at', returns: 2, negative: 0, breaches: 0, open: 2, sla_days: 14 });
    const expected: [number, number, number][] = [
      [1.25, 2, 0.5],
      [7, 8.6, 0.5],
      [1, 2.6, 1 / 3],
      [1.75, 2.75, 0.5],
      [6, 8.4, 0],
    ];
    expected.forEach(([median, p90, rate], i) => {
      expect(rows[i]!.median_days).toBeCloseTo(median, 10);
      expect(rows[i]!.p90_days).toBeCloseTo(p90, 10);
      expect(rows[i]!.breach_rate).toBeCloseTo(rate, 10);
    });
  });

  it('applies filters and reads the SLA from the assumptions', async () => {
    await db.fixture({ order_lines: ORDER_LINES, returns: RETURNS });
    // web = O1, O2 → R1, R2 only.
    const web = (await db.runner().run('stage_times', { channel: ['web'] })).rows;
    expect(web[0]).toMatchObject({ returns: 2, breaches: 1, open: 0 }); // [0.5, 2]
    expect(web[0]!.median_days).toBeCloseTo(1.25, 10);
    expect(web[0]!.p90_days).toBeCloseTo(0.5 + 0.9 * 1.5, 10);
    expect(web[1]).toMatchObject({ returns: 2, negative: 0, breaches: 1, open: 0 }); // [5, 9]
    expect(web[4]).toMatchObject({ returns: 1, breaches: 0, open: 1 }); // R1 9 days, R2 open
    expect(web[4]!.median_days).toBeCloseTo(9, 10);
    // A tighter approval target: 0.5, 2 and 2 days exceed 0.4 (0.25 does not).
    try {
      await db.runner().setAssumptions({ sla_days_request_approve: 0.4 });
      const tight = (await db.runner().run('stage_times')).rows[0]!;
      expect(tight).toMatchObject({ sla_days: 0.4, breaches: 3 });
      expect(tight.breach_rate).toBeCloseTo(3 / 4, 10);
    } finally {
      await db.runner().setAssumptions({});
    }
    // An empty selection still gives the five stages.
    const none = (await db.runner().run('stage_times', { date_from: '2030-01-01' })).rows;
    expect(none.map((r) => [r.stage, r.returns, r.median_days, r.breach_rate, r.open])).toEqual(
      STAGES.map((s) => [s, 0, null, null, 0]),
    );
  });

  it('filters by the carrier of the return leg, not the outbound one (Turnaround filtered by carrier showed the wrong leg)', async () => {
    // Outbound: O1, O2 by OutA; O3, O4 by OutB. Return leg: R1, R3 by BackA; R2, R4 by BackB; R5 none.
    const shipments = csv('order_id,carrier', 'O1,OutA', 'O2,OutA', 'O3,OutB', 'O4,OutB');
    const lines = RETURNS.trimEnd().split('\n');
    const legs = ['return_carrier', 'BackA', 'BackB', 'BackA', 'BackB', ''];
    const withLeg = lines.map((l, i) => `${l},${legs[i]}`).join('\n') + '\n';
    await db.fixture({ order_lines: ORDER_LINES, shipments, returns: withLeg });
    const backA = (await db.runner().run('stage_times', { carrier: ['BackA'] })).rows;
    // R1 0.5 and R3 0.25 days to approval
    expect(backA[0]).toMatchObject({ returns: 2, carrier_leg: 'return' });
    expect(backA[0]!.median_days).toBeCloseTo(0.375, 10);
    // No return came back with an outbound carrier: nothing to measure.
    const outA = (await db.runner().run('stage_times', { carrier: ['OutA'] })).rows;
    expect(outA.map((r) => r.returns)).toEqual([0, 0, 0, 0, 0]);
    // The same returns without a return carrier: the filter can only mean the outbound leg.
    await db.fixture({ order_lines: ORDER_LINES, shipments, returns: RETURNS });
    const outbound = (await db.runner().run('stage_times', { carrier: ['OutA'] })).rows;
    expect(outbound[0]).toMatchObject({ returns: 2, carrier_leg: 'outbound' }); // R1 0.5, R2 2
    expect(outbound[0]!.median_days).toBeCloseTo(1.25, 10);
  });

  it('notes the stages whose columns the export lacks', async () => {
    // Same returns without approved_at and received_at: stages 1-3 cannot be measured.
    const noApproveReceive = RETURNS.split('\n')
      .map((line) => line.split(',').filter((_, i) => i !== 5 && i !== 6).join(','))
      .join('\n');
    await db.fixture({ order_lines: ORDER_LINES, returns: noApproveReceive });
    const rows = (await db.runner().run('stage_times')).rows;
    expect(rows.map((r) => r.note)).toEqual([
      'needs returns.approved_at',
      'needs returns.approved_at, returns.received_at',
      'needs returns.received_at',
      null,
      null,
    ]);
    expect(rows[0]).toMatchObject({ returns: 0, median_days: null, breaches: 0, breach_rate: null, open: null, negative: 0 });
    expect(rows[3]).toMatchObject({ returns: 2, breaches: 1, open: 1 });
    expect(rows[3]!.median_days).toBeCloseTo(1.75, 10);
    expect(rows[4]).toMatchObject({ returns: 2, open: 2 });
    expect(rows[4]!.median_days).toBeCloseTo(6, 10);
  });

  it('needs request dates', async () => {
    await db.fixture({ order_lines: ORDER_LINES });
    const res = await db.runner().run('stage_times');
    expect(res).toMatchObject({ status: 'needs_columns', missing: ['returns.requested_at'] });
  });
});
