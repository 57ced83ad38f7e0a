import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine, withoutColumns } from '../helpers/engine';

// Lines: O1 (web, DE, 01-10, shipped DHL): L1 A 2 × 10, L2 B 1 × 30; O2 (app, FR, 02-05, UPS):
// L1 A 1 × 10; O3 (web, DE, 03-01, DHL): L1 C 4 × 5. Products A cat1/sup1 cost 4,
// B cat2/sup2 cost 12, C cat2/sup1 cost 2.
//
// return  line   reason              fault     requested  refund  resolution  disposition       recovery
// R1      O1/L1  size_too_small      customer  01-15      10      refund      restock           est. 0.95 × 4 × 1 = 3.8
// R2      O2/L1  defective           supplier  02-10      10      refund      dispose           reported 0
// R3      O3/L1  changed_mind (q2)   customer  03-05      0       rejected    -                 est. 0 (no disposition)
// R4      O1/L2  defective           supplier  01-12      30      refund      return_to_vendor  est. 0.9 × 12 × 1 = 10.8
// R5      O3/L1  damaged_in_transit  carrier   03-06      -       exchange    -                 est. 0
// Pickups: R1 1 attempt not failed, R5 2 attempts failed; others unknown.
//
// Default order (requested_at, latest first): R5, R3, R2, R1, R4.
// refund_amount ascending, NULLs last, ties by return_id: R3 (0), R1, R2 (10), R4 (30), R5 (NULL).
// refund_amount descending: R4, R1, R2, R3, R5.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region',
    'O1,L1,2024-01-10,A,2,10,EUR,web,C1,DE',
    'O1,L2,2024-01-10,B,1,30,EUR,web,C1,DE',
    'O2,L1,2024-02-05,A,1,10,EUR,app,C2,FR',
    'O3,L1,2024-03-01,C,4,5,EUR,web,=C3,DE',
  ),
  products: csv('sku,category,supplier,unit_cost', 'A,cat1,sup1,4', 'B,cat2,sup2,12', 'C,cat2,sup1,2'),
  shipments: csv('order_id,carrier', 'O1,DHL', 'O2,UPS', 'O3,DHL'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refunded_at,refund_amount,resolution,disposition,recovery_value,label_cost,pickup_attempts,pickup_failed,return_carrier',
    'R1,O1,L1,A,1,size_too_small,2024-01-15,2024-01-20,10,refund,restock,,3,1,false,DHL',
    'R2,O2,L1,A,1,defective,2024-02-10,2024-02-13 12:00:00,10,refund,dispose,0,4,,,UPS',
    'R3,O3,L1,C,2,changed_mind,2024-03-05,,0,rejected,,,,,,',
    'R4,O1,L2,B,1,defective,2024-01-12,2024-01-18,30,refund,return_to_vendor,,5,,,DHL',
    'R5,O3,L1,C,1,damaged_in_transit,2024-03-06,,,exchange,,,2,2,true,UPS',
  ),
};

const ids = (rows: Row[]) => rows.map((r) => r.return_id);
const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('drill_returns', () => {
  const db = useEngine();

  it('lists every return with its attributes, latest request first', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('drill_returns');
    expect(res.status).toBe('ok');
    expect(ids(res.rows)).toEqual(['R5', 'R3', 'R2', 'R1', 'R4']);
    expect(res.rows.every((r) => r.total_rows === 5)).toBe(true);
    const byId = Object.fromEntries(res.rows.map((r) => [String(r.return_id), r]));
    expect(byId.R1).toMatchObject({
      order_id: 'O1', line_id: 'L1', sku: 'A', category: 'cat1', supplier: 'sup1', carrier: 'DHL',
      return_carrier: 'DHL', region: 'DE', channel: 'web', customer_id: 'C1', reason: 'size_too_small',
      fault: 'customer', quantity: 1, unit_price: 10, refund_amount: 10, label_cost: 3,
      recovery_estimated: true, resolution: 'refund', disposition: 'restock', pickup_attempts: 1, pickup_failed: false,
    });
    expect(byId.R1!.recovery_value as number).toBeCloseTo(3.8, 10);
    expect(byId.R1!.order_date).toEqual(day('2024-01-10'));
    expect(byId.R1!.requested_at).toEqual(day('2024-01-15'));
    expect(byId.R2).toMatchObject({ fault: 'supplier', recovery_value: 0, recovery_estimated: false, carrier: 'UPS', channel: 'app' });
    expect(byId.R2!.refunded_at).toEqual(new Date('2024-02-13T12:00:00Z'));
    expect(byId.R3).toMatchObject({ quantity: 2, resolution: 'rejected', refund_amount: 0, recovery_value: 0, customer_id: '=C3' });
    expect(byId.R4!.recovery_value as number).toBeCloseTo(10.8, 10);
    expect(byId.R5).toMatchObject({ fault: 'carrier', refund_amount: null, pickup_attempts: 2, pickup_failed: true });
  });

  it('leaves refunds, labels and recovery empty when the data has none, not 0 (the page reads "not in the data")', async () => {
    // Regression: without recovery values or unit costs, every row's estimated recovery read 0.
    await db.fixture({
      ...FIXTURE,
      products: withoutColumns(FIXTURE.products, 'unit_cost'),
      returns: withoutColumns(FIXTURE.returns, 'refund_amount', 'recovery_value', 'label_cost'),
    });
    const rows = (await db.runner().run('drill_returns')).rows;
    expect(rows).toHaveLength(5);
    for (const r of rows) expect([r.refund_amount, r.label_cost, r.recovery_value], String(r.return_id)).toEqual([null, null, null]);
    expect(db.runner().notInData('drill_returns')).toEqual({
      refund_amount: ['returns.refund_amount'],
      label_cost: ['returns.label_cost'],
      recovery_value: ['returns.recovery_value', 'products.unit_cost'],
    });
    // Unit costs back: recovery is estimated again (R1 0.95 × 4 = 3.8, R4 0.9 × 12 = 10.8).
    await db.fixture({ ...FIXTURE, returns: withoutColumns(FIXTURE.returns, 'recovery_value') });
    const est = Object.fromEntries((await db.runner().run('drill_returns')).rows.map((r) => [String(r.return_id), r.recovery_value]));
    expect(est.R1 as number).toBeCloseTo(3.8, 10);
    expect(est.R4 as number).toBeCloseTo(10.8, 10);
    expect(db.runner().notInData('drill_returns')).toEqual({});
  });

  it('sorts by any column in SQL, NULLs last, ties by return_id, and pages', async () => {
    await db.fixture(FIXTURE);
    const run = async (p: Record<string, unknown>) => (await db.runner().run('drill_returns', p as never)).rows;
    expect(ids(await run({ sort: 'refund_amount', desc: false }))).toEqual(['R3', 'R1', 'R2', 'R4', 'R5']);
    expect(ids(await run({ sort: 'refund_amount', desc: true }))).toEqual(['R4', 'R1', 'R2', 'R3', 'R5']);
    // quantity: R3 has 2, the others 1.
    expect(ids(await run({ sort: 'quantity' }))).toEqual(['R3', 'R1', 'R2', 'R4', 'R5']);
    // order dates: R1 and R4 01-10, R2 02-05, R3 and R5 03-01.
    expect(ids(await run({ sort: 'order_date', desc: false }))).toEqual(['R1', 'R4', 'R2', 'R3', 'R5']);
    // suppliers: R4 sup2, the others sup1.
    expect(ids(await run({ sort: 'supplier', desc: true }))).toEqual(['R4', 'R1', 'R2', 'R3', 'R5']);
    // pickup_failed: true (R5), false (R1), unknown last.
    expect(ids(await run({ sort: 'pickup_failed' }))).toEqual(['R5', 'R1', 'R2', 'R3', 'R4']);
    // Strings ascending: return carriers DHL (R1, R4), UPS (R2, R5), none (R3) last.
    expect(ids(await run({ sort: 'return_carrier', desc: false }))).toEqual(['R1', 'R4', 'R2', 'R5', 'R3']);
    // Page 2 of 2 rows in refund order.
    const page = await run({ sort: 'refund_amount', desc: false, limit: 2, offset: 2 });
    expect(ids(page)).toEqual(['R2', 'R4']);
    expect(page.map((r) => r.total_rows)).toEqual([5, 5]);
    expect(ids(await run({ limit: 2, offset: 4 }))).toEqual(['R4']);
    expect(await run({ limit: 2, offset: 10 })).toEqual([]);
  });

  it('applies the global filters and the drill filters', async () => {
    await db.fixture(FIXTURE);
    const run = async (p: Record<string, unknown>) =>
      ids((await db.runner().run('drill_returns', { sort: 'return_id', desc: false, ...p } as never)).rows);
    expect(await run({ channel: ['web'] })).toEqual(['R1', 'R3', 'R4', 'R5']);
    expect(await run({ carrier: ['UPS'] })).toEqual(['R2']);
    // Cohort dates: R1, R4 01-10; R2 02-05; R3, R5 03-01.
    expect(await run({ date_from: '2024-02-01' })).toEqual(['R2', 'R3', 'R5']);
    expect(await run({ fault: 'supplier' })).toEqual(['R2', 'R4']);
    expect(await run({ fault: 'supplier\u001fcarrier' })).toEqual(['R2', 'R4', 'R5']);
    expect(await run({ reason: ['defective'], channel: ['web'] })).toEqual(['R4']);
    expect(await run({ resolution: 'refund' })).toEqual(['R1', 'R2', 'R4']);
    expect(await run({ disposition: 'restock' })).toEqual(['R1']);
    expect(await run({ return_carrier: 'UPS' })).toEqual(['R2', 'R5']);
    expect(await run({ pickup_failed: true })).toEqual(['R5']);
    expect(await run({ pickup_failed: 'false' })).toEqual(['R1']);
    expect(await run({ accepted_only: true })).toEqual(['R1', 'R2', 'R4', 'R5']);
    // C1 bought O1 (R1, R4); =C3 bought O3 (R3, R5): matched exactly, never as a pattern or formula.
    expect(await run({ customer_id: 'C1' })).toEqual(['R1', 'R4']);
    expect(await run({ customer_id: '=C3', accepted_only: true })).toEqual(['R5']);
    expect(await run({ customer_id: 'C%' })).toEqual([]);
    const one = (await db.runner().run('drill_returns', { fault: 'supplier', limit: 1 })).rows;
    expect(one).toHaveLength(1);
    expect(one[0]!.total_rows).toBe(2);
  });

  it('works without products and shipments, and with no returns at all', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines, returns: FIXTURE.returns });
    const res = await db.runner().run('drill_returns', { sort: 'return_id', desc: false });
    expect(res.status).toBe('ok');
    expect(res.rows[0]).toMatchObject({ return_id: 'R1', category: '(unknown)', supplier: '(unknown)', carrier: '(unknown)', recovery_value: 0, recovery_estimated: true });
    await db.fixture({ order_lines: FIXTURE.order_lines });
    expect(await db.runner().run('drill_returns')).toMatchObject({ status: 'ok', rows: [] });
  });
});
