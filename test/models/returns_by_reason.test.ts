import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked: 10 units sold (O1: A×2 + B×1, O2: A×3, O3: C×4).
// Returns, after mapping raw reasons to canonical ones:
//   R1 A 1u size_too_small 10      R2 A 2u "Runs small" → size_too_small 20
//   R3 B 1u defective 30           R6 A 1u defective (exchange) 10
//   R4 C 2u changed_mind REJECTED  R5 C 1u "lorem ipsum" → unknown (store_credit) 5
// Accepted units 6: size_too_small 3, defective 2, unknown 1, changed_mind 0 (only a request).
// share = units / 6; contribution = units / 10 (adds up to the unit rate 0.6).
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-10,A,2,10,web,DE',
    'O1,L2,2024-01-10,B,1,30,web,DE',
    'O2,L1,2024-02-05,A,3,10,app,FR',
    'O3,L1,2024-03-01,C,4,5,web,DE',
  ),
  products: csv('sku,category,supplier', 'A,cat1,sup1', 'B,cat2,sup2', 'C,cat2,sup1'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,reason_raw,refund_amount,resolution',
    'R1,O1,L1,A,1,size_too_small,,10,refund',
    'R2,O2,L1,A,2,,Runs small,20,refund',
    'R3,O1,L2,B,1,defective,,30,refund',
    'R4,O3,L1,C,2,changed_mind,,0,rejected',
    'R5,O3,L1,C,1,,lorem ipsum,5,store_credit',
    'R6,O2,L1,A,1,defective,,10,exchange',
  ),
};

describe('returns_by_reason', () => {
  const db = useEngine();

  it('breaks returned units down by canonical reason by hand', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('returns_by_reason');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.reason)).toEqual(['size_too_small', 'defective', 'unknown', 'changed_mind']);
    const [small, defective, unknown, changed] = res.rows;
    expect(small).toMatchObject({ fault: 'customer', label: 'Size too small', returns: 2, units_returned: 3, refund_amount: 30 });
    expect(small!.share_of_units).toBeCloseTo(0.5, 10);
    expect(small!.contribution_to_rate).toBeCloseTo(0.3, 10);
    expect(defective).toMatchObject({ fault: 'supplier', label: 'Defective', returns: 2, units_returned: 2, refund_amount: 40 });
    expect(defective!.share_of_units).toBeCloseTo(2 / 6, 10);
    expect(defective!.contribution_to_rate).toBeCloseTo(0.2, 10);
    expect(unknown).toMatchObject({ fault: 'unknown', label: 'Unknown', returns: 1, units_returned: 1, refund_amount: 5 });
    expect(unknown!.share_of_units).toBeCloseTo(1 / 6, 10);
    expect(changed).toMatchObject({
      fault: 'customer', label: 'Changed mind', returns: 1, units_returned: 0, refund_amount: 0,
      share_of_units: 0, contribution_to_rate: 0,
    });
    const total = res.rows.reduce((s, r) => s + (r.contribution_to_rate as number), 0);
    expect(total).toBeCloseTo(0.6, 10); // = kpis unit_return_rate 6 / 10
    const shares = res.rows.reduce((s, r) => s + (r.share_of_units as number), 0);
    expect(shares).toBeCloseTo(1, 10);
  });

  it('applies the filters', async () => {
    await db.fixture(FIXTURE);
    // channel=web: 7 units sold (O1, O3); returns R1, R3, R4 (rejected), R5 → 1 unit each for
    // defective, size_too_small, unknown (tie: alphabetical), then changed_mind with 0.
    const web = await db.runner().run('returns_by_reason', { channel: ['web'] });
    expect(web.rows.map((r) => r.reason)).toEqual(['defective', 'size_too_small', 'unknown', 'changed_mind']);
    for (const r of web.rows.slice(0, 3)) {
      expect(r.units_returned).toBe(1);
      expect(r.share_of_units).toBeCloseTo(1 / 3, 10);
      expect(r.contribution_to_rate).toBeCloseTo(1 / 7, 10);
    }
    // reason=defective: sales are not filtered by reason (10 units), returns R3 + R6 = 2 units.
    const def = await db.runner().run('returns_by_reason', { reason: ['defective'] });
    expect(def.rows).toHaveLength(1);
    expect(def.rows[0]).toMatchObject({ reason: 'defective', returns: 2, units_returned: 2, share_of_units: 1, refund_amount: 40 });
    expect(def.rows[0]!.contribution_to_rate).toBeCloseTo(0.2, 10);
    // date_to 2024-01-31: only O1 (3 units) and its returns R1, R3.
    const jan = await db.runner().run('returns_by_reason', { date_to: '2024-01-31' });
    expect(jan.rows.map((r) => [r.reason, r.units_returned])).toEqual([['defective', 1], ['size_too_small', 1]]);
    expect(jan.rows[0]!.contribution_to_rate).toBeCloseTo(1 / 3, 10);
  });

  it('needs returns; without order lines the breakdown shows with no contribution', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines });
    expect(await db.runner().run('returns_by_reason')).toMatchObject({
      status: 'needs_columns', missing: ['returns.return_id'],
    });
    await db.fixture({ returns: FIXTURE.returns });
    const res = await db.runner().run('returns_by_reason');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => [r.reason, r.units_returned, r.contribution_to_rate])).toEqual([
      ['size_too_small', 3, null], ['defective', 2, null], ['unknown', 1, null], ['changed_mind', 0, null],
    ]);
    expect(res.rows[0]!.share_of_units).toBeCloseTo(0.5, 10);
  });
});
