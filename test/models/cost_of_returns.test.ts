import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// Assumptions at their defaults: handling 4.5 per return, inspection 1.5 per inspected return,
// recovery rates restock 0.95, liquidate 0.25 (× unit cost × quantity) when not reported.
// Unit costs: A 4, B 12, C 2; Z has no product row (cost unknown).
//
// Per accepted return (R4 is rejected: it costs nothing and appears nowhere):
//       reason              line (price)  refund label handl insp  lost margin            recovery           net
// R1  size_too_small     O1/L1 A (10)     10     5    4.5  1.5  min(10,10)-4 = 6       est 0.95*4 = 3.8    17.2
// R2  defective          O1/L2 B (30)     25     5    4.5  1.5  min(25,30)-12 = 13     reported 10         26
// R3  changed_mind       O2/L1 A (10)      8     -    4.5  -    min(8,10)-4 = 4        est, none = 0       12.5
// R5  damaged_in_transit O3/L1 C (5)       5     3    4.5  1.5  min(5,5)-2 = 3         est 0.25*2 = 0.5    13.5
// R6  changed_mind       O9 unknown (-)   12     4    4.5  -    price unknown: 12-4=8  est, none = 0       20.5
// R7  other              O9 unknown, Z×2   6     -    4.5  -    cost unknown: 0        est 0.95*0 = 0      10.5
// R8  size_too_large     O2/L1 A (10)      0     5    4.5  1.5  no refund: 0           est 0.95*4 = 3.8     7.2
// Totals: 7 returns, 8 units, refund 66, label 22, handling 31.5, inspection 6, lost margin 34,
// recovery 18.1 of which estimated 8.1 (all but R2), net 66+22+31.5+6-18.1 = 107.4.
// Cohort months: R1 R2 2024-01 (O1), R3 R8 2024-02 (O2), R6 2024-02 (requested 02-20, no
// order), R5 2024-03 (O3), R7 2024-03 (requested 03-10).
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region',
    'O1,L1,2024-01-10,A,2,10,EUR,web,C1,DE',
    'O1,L2,2024-01-10,B,1,30,EUR,web,C1,DE',
    'O2,L1,2024-02-05,A,2,10,EUR,app,C2,FR',
    'O3,L1,2024-03-01,C,4,5,EUR,web,C3,DE',
  ),
  products: csv('sku,category,supplier,unit_cost', 'A,cat1,sup1,4', 'B,cat2,sup2,12', 'C,cat2,sup1,2'),
  shipments: csv('order_id,carrier,delivered_at', 'O1,DHL,2024-01-12', 'O2,UPS,2024-02-07'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,inspected_at,refund_amount,resolution,disposition,recovery_value,label_cost',
    'R1,O1,L1,A,1,size_too_small,2024-01-15,2024-01-18,10,refund,restock,,5',
    'R2,O1,L2,B,1,defective,2024-01-16,2024-01-19,25,refund,return_to_vendor,10,5',
    'R3,O2,L1,A,1,changed_mind,2024-02-10,,8,store_credit,,,',
    'R4,O3,L1,C,2,defective,2024-03-05,2024-03-08,0,rejected,,,7',
    'R5,O3,L1,C,1,damaged_in_transit,2024-03-06,2024-03-09,5,refund,liquidate,,3',
    'R6,O9,,A,1,changed_mind,2024-02-20,,12,refund,,,4',
    'R7,O9,,Z,2,other,2024-03-10,,6,refund,restock,,',
    'R8,O2,L1,A,1,size_too_large,2024-02-11,2024-02-14,0,exchange,restock,,5',
  ),
};

const MONEY = ['refund_amount', 'label_cost', 'handling_cost', 'inspection_cost', 'lost_margin', 'recovery_value', 'gross_cost', 'net_cost'];
const TOTAL: Record<string, number> = {
  returns: 7, units_returned: 8, refund_amount: 66, label_cost: 22, handling_cost: 31.5, inspection_cost: 6,
  // gross 66 + 22 + 31.5 + 6 = 125.5; net 125.5 − 18.1
  lost_margin: 34, recovery_value: 18.1, gross_cost: 125.5, net_cost: 107.4,
};
const DIMS = ['reason', 'fault', 'sku', 'category', 'supplier', 'carrier', 'region', 'channel', 'disposition', 'month', 'all'];

const byValue = (rows: Row[]): Record<string, Row> => Object.fromEntries(rows.map((r) => [String(r.dim_value), r]));

describe('cost_of_returns', () => {
  const db = useEngine();

  it('computes the costs per reason by hand, rejected returns excluded', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('cost_of_returns');
    expect(res.status).toBe('ok');
    // Ordered by net cost: changed_mind 12.5+20.5 = 33, defective 26, size_too_small 17.2,
    // damaged_in_transit 13.5, other 10.5, size_too_large 7.2.
    expect(res.rows.map((r) => r.dim_value)).toEqual([
      'changed_mind', 'defective', 'size_too_small', 'damaged_in_transit', 'other', 'size_too_large',
    ]);
    const cm = res.rows[0]!;
    expect(cm).toMatchObject({ returns: 2, units_returned: 2, refund_amount: 20, label_cost: 4, inspection_cost: 0 });
    expect(cm.handling_cost).toBeCloseTo(9, 10);
    expect(cm.lost_margin).toBeCloseTo(12, 10);
    expect(cm.recovery_value).toBe(0);
    expect(cm.recovery_estimated_share).toBeNull(); // nothing recovered: no share
    expect(cm.gross_cost).toBeCloseTo(20 + 4 + 9 + 0, 10);
    expect(cm.net_cost).toBeCloseTo(33, 10);
    expect(cm.net_cost_per_return).toBeCloseTo(16.5, 10);

    const d = byValue(res.rows);
    // defective: only R2 (R4 is rejected).
    expect(d.defective).toMatchObject({ returns: 1, units_returned: 1, refund_amount: 25, label_cost: 5, recovery_value: 10 });
    expect(d.defective!.inspection_cost).toBeCloseTo(1.5, 10);
    expect(d.defective!.lost_margin).toBeCloseTo(13, 10);
    expect(d.defective!.recovery_estimated_share).toBe(0); // reported
    expect(d.defective!.net_cost).toBeCloseTo(26, 10);
    expect(d.size_too_small!.recovery_value).toBeCloseTo(3.8, 10);
    expect(d.size_too_small!.recovery_estimated_share).toBeCloseTo(1, 10);
    expect(d.size_too_small!.net_cost).toBeCloseTo(17.2, 10);
    expect(d.other!.lost_margin).toBe(0); // unit cost of Z unknown
    expect(d.other!.units_returned).toBe(2);
    expect(d.other!.net_cost).toBeCloseTo(10.5, 10);
    expect(d.size_too_large!.lost_margin).toBe(0); // exchange, nothing refunded
    expect(d.size_too_large!.net_cost).toBeCloseTo(7.2, 10);
    expect(d.damaged_in_transit!.net_cost).toBeCloseTo(13.5, 10);
  });

  it('adds up: for every dimension the rows sum to the undimensioned total', async () => {
    await db.fixture(FIXTURE);
    const all = (await db.runner().run('cost_of_returns', { dim: 'all' })).rows;
    expect(all.map((r) => r.dim_value)).toEqual(['All returns']);
    for (const col of Object.keys(TOTAL)) expect(all[0]![col], `all.${col}`).toBeCloseTo(TOTAL[col]!, 10);
    for (const dim of DIMS) {
      const rows = (await db.runner().run('cost_of_returns', { dim })).rows;
      const values = rows.map((r) => r.dim_value);
      expect(new Set(values).size, dim).toBe(values.length);
      for (const col of Object.keys(TOTAL)) {
        const sum = rows.reduce((s, r) => s + Number(r[col]), 0);
        expect(sum, `${dim}.${col}`).toBeCloseTo(TOTAL[col]!, 10);
      }
      // estimated recovery 8.1 of 18.1, recombined from the rows' shares
      const est = rows.reduce((s, r) => s + Number(r.recovery_estimated_share ?? 0) * Number(r.recovery_value), 0);
      expect(est, dim).toBeCloseTo(8.1, 10);
      for (const r of rows) {
        expect(Number.isInteger(r.returns) && Number.isInteger(r.units_returned), dim).toBe(true);
        expect(r.net_cost_per_return as number).toBeCloseTo((r.net_cost as number) / (r.returns as number), 10);
      }
      expect(MONEY.every((c) => rows.every((r) => typeof r[c] === 'number'))).toBe(true);
    }
  });

  it('groups by month of the order, outbound carrier and disposition', async () => {
    await db.fixture(FIXTURE);
    const month = (await db.runner().run('cost_of_returns', { dim: 'month' })).rows;
    // 2024-01: R1+R2 = 43.2; 2024-02: R3+R8+R6 = 12.5+7.2+20.5 = 40.2; 2024-03: R5+R7 = 24.
    expect(month.map((r) => r.dim_value)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(month.map((r) => r.net_cost as number).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([43.2, 40.2, 24]);
    const carrier = (await db.runner().run('cost_of_returns', { dim: 'carrier' })).rows;
    // (unknown) (O3 unshipped, O9 unknown): R5+R6+R7 = 44.5; DHL R1+R2 = 43.2; UPS R3+R8 = 19.7.
    expect(carrier.map((r) => r.dim_value)).toEqual(['(unknown)', 'DHL', 'UPS']);
    expect(carrier[2]!.net_cost).toBeCloseTo(19.7, 10);
    const disp = byValue((await db.runner().run('cost_of_returns', { dim: 'disposition' })).rows);
    // restock R1+R7+R8 = 17.2+10.5+7.2 = 34.9 (recovery 3.8+0+3.8); no disposition R3+R6 = 33.
    expect(disp.restock!.net_cost).toBeCloseTo(34.9, 10);
    expect(disp.restock!.recovery_value).toBeCloseTo(7.6, 10);
    expect(disp['(unknown)']!.net_cost).toBeCloseTo(33, 10);
    expect(disp.return_to_vendor!.net_cost).toBeCloseTo(26, 10);
    expect(disp.liquidate!.net_cost).toBeCloseTo(13.5, 10);
  });

  it('applies the global filters', async () => {
    await db.fixture(FIXTURE);
    // web orders O1, O3: R1 (customer) 17.2, R2 (supplier) 26, R5 (carrier) 13.5; R4 rejected.
    const web = (await db.runner().run('cost_of_returns', { dim: 'fault', channel: ['web'] })).rows;
    expect(web.map((r) => r.dim_value)).toEqual(['supplier', 'customer', 'carrier']);
    expect(web.map((r) => r.returns)).toEqual([1, 1, 1]);
    expect(web[1]!.net_cost).toBeCloseTo(17.2, 10);
    // From February: R3 12.5, R8 7.2, R6 20.5, R5 13.5, R7 10.5 = 64.2 in total.
    const feb = (await db.runner().run('cost_of_returns', { dim: 'category', date_from: '2024-02-01' })).rows;
    const f = byValue(feb);
    // cat1 (A): R3 R8 R6 = 40.2; cat2 (C): R5 13.5; (unknown) (Z): R7 10.5.
    expect(f.cat1!.net_cost).toBeCloseTo(40.2, 10);
    expect(f.cat2!.net_cost).toBeCloseTo(13.5, 10);
    expect(f['(unknown)']!.net_cost).toBeCloseTo(10.5, 10);
    expect(feb.reduce((s, r) => s + Number(r.net_cost), 0)).toBeCloseTo(64.2, 10);
    const cm = (await db.runner().run('cost_of_returns', { reason: ['changed_mind'] })).rows;
    expect(cm).toHaveLength(1);
    expect(cm[0]!.net_cost).toBeCloseTo(33, 10);
  });

  it('follows the cost assumptions', async () => {
    await db.fixture(FIXTURE);
    await db.runner().setAssumptions({ handling_cost_per_return: 0, inspection_cost_per_return: 2 });
    try {
      const rows = (await db.runner().run('cost_of_returns', { dim: 'fault' })).rows;
      // 66 + 22 + 0 + 4 inspected × 2 − 18.1 = 77.9
      expect(rows.reduce((s, r) => s + Number(r.net_cost), 0)).toBeCloseTo(77.9, 10);
      expect(rows.reduce((s, r) => s + Number(r.inspection_cost), 0)).toBeCloseTo(8, 10);
    } finally {
      await db.runner().setAssumptions({});
    }
  });

  it('says which column it needs when there are no returns', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines });
    const res = await db.runner().run('cost_of_returns');
    expect(res).toMatchObject({ status: 'needs_columns', missing: ['returns.return_id'] });
  });

  it('missing is not zero: parts whose columns the data lacks are NULL and named, the totals add up the rest', async () => {
    // The same returns without refund_amount, recovery_value and label_cost, and products
    // without unit_cost (so no recovery can be estimated either). What is left: handling
    // 7 × 4.5 = 31.5 and inspection 4 × 1.5 = 6 (R1 R2 R5 R8): gross = net = 37.5.
    await db.fixture({
      order_lines: FIXTURE.order_lines,
      products: csv('sku,category,supplier', 'A,cat1,sup1', 'B,cat2,sup2', 'C,cat2,sup1'),
      returns: csv(
        'return_id,order_id,line_id,sku,quantity,reason,requested_at,inspected_at,resolution,disposition',
        'R1,O1,L1,A,1,size_too_small,2024-01-15,2024-01-18,refund,restock',
        'R2,O1,L2,B,1,defective,2024-01-16,2024-01-19,refund,return_to_vendor',
        'R3,O2,L1,A,1,changed_mind,2024-02-10,,store_credit,',
        'R4,O3,L1,C,2,defective,2024-03-05,2024-03-08,rejected,',
        'R5,O3,L1,C,1,damaged_in_transit,2024-03-06,2024-03-09,refund,liquidate',
        'R6,O9,,A,1,changed_mind,2024-02-20,,refund,',
        'R7,O9,,Z,2,other,2024-03-10,,refund,restock',
        'R8,O2,L1,A,1,size_too_large,2024-02-11,2024-02-14,exchange,restock',
      ),
    });
    const total = (await db.runner().run('cost_of_returns', { dim: 'all' })).rows[0]!;
    expect(total).toMatchObject({
      returns: 7, refund_amount: null, label_cost: null, lost_margin: null, recovery_value: null,
      recovery_estimated_share: null, not_in_data: 'refund_amount, label_cost, recovery_value',
    });
    expect(total.handling_cost).toBeCloseTo(31.5, 10);
    expect(total.inspection_cost).toBeCloseTo(6, 10);
    expect(total.gross_cost).toBeCloseTo(37.5, 10);
    expect(total.net_cost).toBeCloseTo(37.5, 10);
    for (const r of (await db.runner().run('cost_of_returns', { dim: 'reason' })).rows) {
      expect([r.refund_amount, r.label_cost, r.lost_margin, r.recovery_value]).toEqual([null, null, null, null]);
    }
    // The header says why (@missing), from the same column presence.
    expect(db.runner().notInData('cost_of_returns')).toEqual({
      refund_amount: ['returns.refund_amount'],
      label_cost: ['returns.label_cost'],
      lost_margin: ['returns.refund_amount', 'products.unit_cost'],
      recovery_value: ['returns.recovery_value', 'products.unit_cost'],
      recovery_estimated_share: ['returns.recovery_value', 'products.unit_cost'],
    });
  });

  it('a column with values anywhere in the data is not missing: the full fixture names no part', async () => {
    await db.fixture(FIXTURE);
    const total = (await db.runner().run('cost_of_returns', { dim: 'all' })).rows[0]!;
    expect(total.not_in_data).toBeNull();
    expect(db.runner().notInData('cost_of_returns')).toEqual({});
  });
});
