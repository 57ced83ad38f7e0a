import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// line   date   sku  qty × price = value  channel  carrier  promised  delivered        status      delay
// O1/L1  01-10  A    2 × 10 = 20          web      DHL      01-12     01-13 12:00      delivered   +1.5 late
// O1/L2  01-10  B    1 × 30 = 30          web      DHL      (same shipment)                          +1.5 late
// O2/L1  02-05  A    1 × 10 = 10          app      UPS      02-08     02-07 06:00      delivered   -0.75
// O3/L1  03-01  C    4 × 5  = 20          web      DHL      03-04     -                lost        NULL
// O4/L1  03-10  D    1 × 7  = 7           store    -        (no shipment, no product)               NULL
// Returns: R1 O1/L1 q1 size_too_small refund; R4 O1/L2 q1 defective refund; R2 O2/L1 q1
// defective refund; R3 O3/L1 q2 changed_mind REJECTED; R5 O3/L1 q1 damaged_in_transit exchange.
// Per line: returns / accepted units: O1/L1 1/1, O1/L2 1/1, O2/L1 1/1, O3/L1 2/1, O4/L1 0/0.
// Default order (order_date, latest first; ties by order_id, line_id): O4/L1, O3/L1, O2/L1, O1/L1, O1/L2.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region',
    'O1,L1,2024-01-10,A,2,10,EUR,web,C1,DE',
    'O1,L2,2024-01-10,B,1,30,EUR,web,C1,DE',
    'O2,L1,2024-02-05,A,1,10,EUR,app,C2,FR',
    'O3,L1,2024-03-01,C,4,5,EUR,web,C3,DE',
    'O4,L1,2024-03-10,D,1,7,EUR,store,+C4,AT',
  ),
  products: csv(
    'sku,product_name,category,supplier,unit_cost,size',
    'A,Alpha,cat1,sup1,4,M', 'B,Beta,cat2,sup2,12,', 'C,Gamma,cat2,sup1,2,',
  ),
  shipments: csv(
    'order_id,carrier,shipped_at,promised_at,delivered_at,status',
    'O1,DHL,2024-01-10 18:00:00,2024-01-12,2024-01-13 12:00:00,delivered',
    'O2,UPS,2024-02-06,2024-02-08,2024-02-07 06:00:00,delivered',
    'O3,DHL,2024-03-02,2024-03-04,,lost',
  ),
  returns: csv(
    'return_id,order_id,line_id,quantity,reason,requested_at,refund_amount,resolution',
    'R1,O1,L1,1,size_too_small,2024-01-15,10,refund',
    'R2,O2,L1,1,defective,2024-02-10,10,refund',
    'R3,O3,L1,2,changed_mind,2024-03-05,0,rejected',
    'R4,O1,L2,1,defective,2024-01-12,30,refund',
    'R5,O3,L1,1,damaged_in_transit,2024-03-06,,exchange',
  ),
};

const keys = (rows: Row[]) => rows.map((r) => `${String(r.order_id)}/${String(r.line_id)}`);

describe('drill_lines', () => {
  const db = useEngine();

  it('lists every order line with product, shipment and returns, latest order first', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('drill_lines');
    expect(res.status).toBe('ok');
    expect(keys(res.rows)).toEqual(['O4/L1', 'O3/L1', 'O2/L1', 'O1/L1', 'O1/L2']);
    expect(res.rows.every((r) => r.total_rows === 5)).toBe(true);
    const by = Object.fromEntries(res.rows.map((r) => [`${String(r.order_id)}/${String(r.line_id)}`, r]));
    expect(by['O1/L1']).toMatchObject({
      sku: 'A', product_name: 'Alpha', category: 'cat1', supplier: 'sup1', size: 'M', quantity: 2, unit_price: 10,
      line_value: 20, unit_cost: 4, currency: 'EUR', channel: 'web', region: 'DE', customer_id: 'C1', carrier: 'DHL',
      shipment_status: 'delivered', returns: 1, units_returned: 1,
    });
    expect(by['O1/L1']!.order_date).toEqual(new Date('2024-01-10T00:00:00Z'));
    expect(by['O1/L1']!.shipped_at).toEqual(new Date('2024-01-10T18:00:00Z'));
    expect(by['O1/L1']!.delay_days as number).toBeCloseTo(1.5, 10);
    expect(by['O2/L1']!.delay_days as number).toBeCloseTo(-0.75, 10);
    expect(by['O3/L1']).toMatchObject({ delay_days: null, shipment_status: 'lost', returns: 2, units_returned: 1 });
    expect(by['O4/L1']).toMatchObject({
      product_name: null, category: '(unknown)', supplier: '(unknown)', carrier: '(unknown)', customer_id: '+C4',
      shipped_at: null, returns: 0, units_returned: 0,
    });
  });

  it('sorts by any column in SQL, NULLs last, ties by order and line, and pages', async () => {
    await db.fixture(FIXTURE);
    const run = async (p: Record<string, unknown>) => keys((await db.runner().run('drill_lines', p as never)).rows);
    expect(await run({ sort: 'line_value' })).toEqual(['O1/L2', 'O1/L1', 'O3/L1', 'O2/L1', 'O4/L1']);
    expect(await run({ sort: 'delay_days', desc: false })).toEqual(['O2/L1', 'O1/L1', 'O1/L2', 'O3/L1', 'O4/L1']);
    expect(await run({ sort: 'returns' })).toEqual(['O3/L1', 'O1/L1', 'O1/L2', 'O2/L1', 'O4/L1']);
    expect(await run({ sort: 'product_name', desc: false })).toEqual(['O1/L1', 'O2/L1', 'O1/L2', 'O3/L1', 'O4/L1']);
    expect(await run({ sort: 'delivered_at' })).toEqual(['O2/L1', 'O1/L1', 'O1/L2', 'O3/L1', 'O4/L1']);
    expect(await run({ limit: 2, offset: 4 })).toEqual(['O1/L2']);
    const page = (await db.runner().run('drill_lines', { limit: 2, offset: 2 })).rows;
    expect(keys(page)).toEqual(['O2/L1', 'O1/L1']);
    expect(page.map((r) => r.total_rows)).toEqual([5, 5]);
  });

  it('applies the global filters and the drill filters', async () => {
    await db.fixture(FIXTURE);
    const run = async (p: Record<string, unknown>) =>
      (await db.runner().run('drill_lines', { sort: 'order_id', desc: false, ...p } as never)).rows;
    expect(keys(await run({ channel: ['app'] }))).toEqual(['O2/L1']);
    expect(keys(await run({ carrier: ['DHL'] }))).toEqual(['O1/L1', 'O1/L2', 'O3/L1']);
    expect(keys(await run({ date_to: '2024-02-05' }))).toEqual(['O1/L1', 'O1/L2', 'O2/L1']);
    expect(keys(await run({ late: true }))).toEqual(['O1/L1', 'O1/L2']);
    expect(keys(await run({ late: false }))).toEqual(['O2/L1', 'O3/L1', 'O4/L1']);
    expect(keys(await run({ shipment_status: 'lost' }))).toEqual(['O3/L1']);
    expect(keys(await run({ returned: true }))).toEqual(['O1/L1', 'O1/L2', 'O2/L1', 'O3/L1']);
    expect(keys(await run({ returned: false }))).toEqual(['O4/L1']);
    // A reason keeps every line but counts only its returns: defective = R4 (O1/L2), R2 (O2/L1).
    const defective = await run({ reason: ['defective'] });
    expect(keys(defective)).toEqual(['O1/L1', 'O1/L2', 'O2/L1', 'O3/L1', 'O4/L1']);
    expect(defective.map((r) => r.returns)).toEqual([0, 1, 1, 0, 0]);
    expect(keys(await run({ reason: ['defective'], returned: true }))).toEqual(['O1/L2', 'O2/L1']);
    // changed_mind: only the rejected R3, so O3/L1 has a request but no accepted unit.
    const cm = await run({ reason: ['changed_mind'] });
    expect(cm.map((r) => [r.returns, r.units_returned])).toEqual([[0, 0], [0, 0], [0, 0], [1, 0], [0, 0]]);
    expect(await run({ reason: ['changed_mind'], returned: true })).toEqual([]);
  });

  it('works with order lines alone', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines });
    const res = await db.runner().run('drill_lines', { sort: 'order_id', desc: false });
    expect(res.status).toBe('ok');
    expect(res.rows).toHaveLength(5);
    expect(res.rows[0]).toMatchObject({ carrier: '(unknown)', category: '(unknown)', delay_days: null, returns: 0, units_returned: 0 });
    expect((await db.runner().run('drill_lines', { late: true })).rows).toEqual([]);
  });
});
