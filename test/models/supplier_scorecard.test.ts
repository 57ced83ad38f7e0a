import { describe, expect, it } from 'vitest';
import { csv, useEngine, withoutColumns } from '../helpers/engine';
import { wilson } from '../helpers/wilson';

// Sold: supX = A 40 + B 10 = 50 units (2 SKUs); supY = C 40; supZ = D 2; E has no product → '(unknown)' 8.
// Total 100 units.
// Accepted returns (R6 is rejected and counts nowhere):
//   supX: R1 A 6 defective (refund 60, return_to_vendor, recovery 20), R2 B 1 missing_parts (refund 10, dispose, 0)
//         → returned 7, defect 7, supplier fault 7, refund 70, recovery 20, to vendor 6
//   supY: R3 C 2 not_as_described (refund 20, restock, recovery not given → 0.95 × unit cost 4 × 2 = 7.6)
//         R4 C 1 wrong_item (10, recovery 3), R7 C 1 defective (10, dispose 0), R8 C 1 changed_mind, no order (10, 2)
//         → returned 5, defect 1, n.a.d. 2, wrong 1, fault 1, refund 50, recovery 12.6, to vendor 0
//   supZ: R5 D 2 defective (refund 40, return_to_vendor, recovery 5) → returned 2, defect 2, to vendor 2
// Overall defect rate = (7 + 1 + 2) / 100 = 0.1. Excess = defect − sold × 0.1:
//   supX 7 − 5 = 2; supZ 2 − 0.2 = 1.8; (unknown) 0 − 0.8 = −0.8; supY 1 − 4 = −3 (sum 0).
// The ranking is excess returns over the category mix (the dashboard's one supplier ranking).
// No product has a category, so every line is '(unknown)' and its rate is the overall one,
// accepted returned units 7 + 5 + 2 = 14 over 100 sold (R8, without an order, counts via its SKU):
//   supZ 2 − 2×0.14 = 1.72; supX 7 − 50×0.14 = 0; supY 5 − 40×0.14 = −0.6; (unknown) 0 − 8×0.14 = −1.12.
const FIXTURE = {
  products: csv('sku,supplier,unit_cost', 'A,supX,5', 'B,supX,5', 'C,supY,4', 'D,supZ,10'),
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-01,A,40,10,web,DE',
    'O2,L1,2024-01-02,B,10,10,web,DE',
    'O3,L1,2024-01-03,C,40,10,app,DE',
    'O4,L1,2024-01-04,D,2,20,app,DE',
    'O5,L1,2024-01-05,E,8,10,web,DE',
  ),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refund_amount,resolution,disposition,recovery_value',
    'R1,O1,L1,,6,defective,2024-01-10,60,refund,return_to_vendor,20',
    'R2,O2,L1,,1,missing_parts,2024-01-10,10,refund,dispose,0',
    'R3,O3,L1,,2,not_as_described,2024-01-10,20,refund,restock,',
    'R4,O3,L1,,1,wrong_item,2024-01-10,10,store_credit,restock,3',
    'R5,O4,L1,,2,defective,2024-01-10,40,refund,return_to_vendor,5',
    'R6,O1,L1,,1,defective,2024-01-11,0,rejected,,',
    'R7,O3,L1,,1,defective,2024-01-12,10,refund,dispose,0',
    'R8,,,C,1,changed_mind,2024-01-12,10,refund,restock,2',
  ),
};

describe('supplier_scorecard', () => {
  const db = useEngine();

  it('scores suppliers by hand and ranks by excess returns over the category mix', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('supplier_scorecard');
    expect(res.status).toBe('ok');
    const rows = res.rows;
    expect(rows.map((r) => r.supplier)).toEqual(['supZ', 'supX', 'supY', '(unknown)']);
    const [z, x, y, unknown] = rows;
    for (const [r, excess] of [[z, 1.72], [x, 0], [y, -0.6], [unknown, -1.12]] as const) {
      expect(r!.expected_rate).toBeCloseTo(0.14, 10);
      expect(r!.excess_units).toBeCloseTo(excess, 10);
    }
    expect(z!.significant).toBe(true); // wilson_low(2, 2) = 0.342 > 0.14
    expect(x!.significant).toBe(false);

    expect(x).toMatchObject({ skus: 2, units_sold: 50, units_returned: 7, supplier_fault_units: 7, refund_amount: 70, recovery_value: 20, returned_to_vendor_units: 6, not_as_described_rate: 0, wrong_item_rate: 0 });
    expect(x!.unit_return_rate).toBeCloseTo(0.14, 10);
    expect(x!.defect_rate).toBeCloseTo(0.14, 10);
    expect(x!.excess_defect_units).toBeCloseTo(2, 10);
    expect(x!.rate_low).toBeCloseTo(wilson(7, 50)[0], 10);
    expect(x!.rate_high).toBeCloseTo(wilson(7, 50)[1], 10);

    expect(z).toMatchObject({ skus: 1, units_sold: 2, units_returned: 2, supplier_fault_units: 2, refund_amount: 40, recovery_value: 5, returned_to_vendor_units: 2 });
    expect(z!.unit_return_rate).toBeCloseTo(1, 10);
    expect(z!.defect_rate).toBeCloseTo(1, 10);
    expect(z!.excess_defect_units).toBeCloseTo(1.8, 10);
    // x = n = 2: low = (1 + 0.9604 − 1.96 × 0.49) / 2.9208 = 1 / 2.9208; high = 1.
    expect(z!.rate_low).toBeCloseTo(1 / 2.9208, 10);
    expect(z!.rate_high).toBeCloseTo(1, 10);

    expect(unknown).toMatchObject({ skus: 1, units_sold: 8, units_returned: 0, unit_return_rate: 0, defect_rate: 0, supplier_fault_units: 0, refund_amount: 0, recovery_value: 0, returned_to_vendor_units: 0 });
    expect(unknown!.excess_defect_units).toBeCloseTo(-0.8, 10);

    expect(y).toMatchObject({ skus: 1, units_sold: 40, units_returned: 5, supplier_fault_units: 1, refund_amount: 50, returned_to_vendor_units: 0 });
    expect(y!.unit_return_rate).toBeCloseTo(5 / 40, 10);
    expect(y!.defect_rate).toBeCloseTo(1 / 40, 10);
    expect(y!.not_as_described_rate).toBeCloseTo(2 / 40, 10);
    expect(y!.wrong_item_rate).toBeCloseTo(1 / 40, 10);
    expect(y!.excess_defect_units).toBeCloseTo(-3, 10);
    expect(y!.recovery_value).toBeCloseTo(7.6 + 3 + 0 + 2, 10);

    const total = rows.reduce((s, r) => s + (r.excess_defect_units as number), 0);
    expect(total).toBeCloseTo(0, 10);
  });

  it('applies filters to sales and returns alike', async () => {
    await db.fixture(FIXTURE);
    // app = O3 (supY 40) and O4 (supZ 2); R8 has no order, so no channel, and drops out.
    // supY returned R3 2 + R4 1 + R7 1 = 4, defect 1; supZ defect 2. Overall rate 3 / 42.
    const app = (await db.runner().run('supplier_scorecard', { channel: ['app'] })).rows;
    expect(app.map((r) => r.supplier)).toEqual(['supZ', 'supY']);
    expect(app[0]!.excess_defect_units).toBeCloseTo(2 - (2 * 3) / 42, 10);
    expect(app[1]).toMatchObject({ units_sold: 40, units_returned: 4, refund_amount: 40 });
    expect(app[1]!.recovery_value).toBeCloseTo(10.6, 10);
    expect(app[1]!.excess_defect_units).toBeCloseTo(1 - (40 * 3) / 42, 10);
    // A supplier filter narrows both sides to that supplier.
    const y = (await db.runner().run('supplier_scorecard', { supplier: ['supY'] })).rows;
    expect(y).toHaveLength(1);
    expect(y[0]).toMatchObject({ supplier: 'supY', units_sold: 40, units_returned: 5 });
    expect(y[0]!.excess_defect_units).toBeCloseTo(0, 10); // alone, it is the average
  });

  it('needs product suppliers', async () => {
    await db.fixture({ order_lines: FIXTURE.order_lines, returns: FIXTURE.returns });
    expect(await db.runner().run('supplier_scorecard')).toMatchObject({ status: 'needs_columns', missing: ['products.supplier'] });
    await db.fixture({ ...FIXTURE, products: csv('sku,unit_cost', 'A,5') });
    expect(await db.runner().run('supplier_scorecard')).toMatchObject({ status: 'needs_columns', missing: ['products.supplier'] });
  });

  it('missing is not zero: without refund amounts, recovery values and unit costs those figures are NULL', async () => {
    await db.fixture({
      ...FIXTURE,
      products: withoutColumns(FIXTURE.products, 'unit_cost'),
      returns: withoutColumns(FIXTURE.returns, 'refund_amount', 'recovery_value'),
    });
    const rows = (await db.runner().run('supplier_scorecard')).rows;
    const x = rows.find((r) => r.supplier === 'supX')!;
    // the rest as before: supX returned 7 units, 6 of them to the vendor
    expect(x).toMatchObject({ units_returned: 7, returned_to_vendor_units: 6, refund_amount: null, recovery_value: null });
    for (const r of rows) expect([r.refund_amount, r.recovery_value]).toEqual([null, null]);
    expect(db.runner().notInData('supplier_scorecard')).toEqual({
      refund_amount: ['returns.refund_amount'],
      recovery_value: ['returns.recovery_value', 'products.unit_cost'],
    });
  });
});
