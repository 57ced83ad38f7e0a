import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';
import { wilson } from '../helpers/wilson';

// A boot in three sizes (parent G1, supplier supA), a sandal with one variant (G2, supB), a
// cream without a parent (C1, supB) and a SKU without a name (X1, supA).
//   sold: B36 10, B37 10, B38 20, S1 20 (shoes 60); C1 30, X1 10 (beauty 40)
//   accepted returns: B36 2 too small; B37 1 changed mind; B38 8 too small + 2 too large
//   (+ 1 defective REJECTED: counts nowhere); S1 3 defective; C1 3 changed mind; X1 2 defective
//   category rates (every supplier): shoes 16/60 = 4/15; beauty 5/40 = 1/8
// product_sizes G1 (sold 40, returned 13; product rate 13/40):
//   B36 others (13−2)/(40−10) = 11/30, excess 2 − 10×11/30 = −5/3
//   B37 others 12/30 = 0.4, excess 1 − 4 = −3
//   B38 others 3/20 = 0.15, excess 10 − 3 = 7, rate 0.5, Wilson low(10, 20) ≈ 0.299 > 0.15: significant
// return_rate_by dim=product: G1 13 − 40×4/15 = 7/3; X1 2 − 10/8 = 0.75; C1 3 − 30/8 = −0.75;
//   G2 3 − 20×4/15 = −7/3.
// Suppliers by excess over their category mix:
//   supA sold 50 (40 shoes + 10 beauty), returned 15, expected 40×4/15 + 10/8 = 143/12, excess 37/12
//   supB sold 50 (20 shoes + 30 beauty), returned 6, expected 20×4/15 + 30/8 = 109/12, excess −37/12
const FIXTURE = {
  products: csv(
    'sku,product_name,category,supplier,product_group,size,color',
    'B36,Trail Boot Black 36,shoes,supA,G1,36,Black',
    'B37,Trail Boot Black 37,shoes,supA,G1,37,Black',
    'B38,Trail Boot Black 38,shoes,supA,G1,38,Black',
    'S1,Easy Sandal,shoes,supB,G2,,',
    'C1,Face Cream,beauty,supB,,,',
    'X1,,beauty,supA,,,',
  ),
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-02,B36,10,50,web,DE',
    'O2,L1,2024-01-03,B37,10,50,web,DE',
    'O3,L1,2024-01-04,B38,20,50,web,DE',
    'O4,L1,2024-01-05,S1,20,30,web,DE',
    'O5,L1,2024-01-06,C1,30,10,web,DE',
    'O6,L1,2024-01-07,X1,10,10,app,DE',
  ),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,customer_comment,requested_at,refund_amount,resolution',
    'R1,O1,L1,B36,2,size_too_small,,2024-01-10,100,refund',
    'R2,O2,L1,B37,1,changed_mind,,2024-01-11,50,refund',
    'R3,O3,L1,B38,8,size_too_small,"Runs small, order a size up",2024-01-20,400,refund',
    'R4,O3,L1,B38,2,size_too_large,too big for me,2024-01-21,100,refund',
    'R5,O3,L1,B38,1,defective,,2024-01-22,0,rejected',
    'R6,O4,L1,S1,3,defective,Strap broke after a week,2024-01-25,90,refund',
    'R7,O5,L1,C1,3,changed_mind,,2024-01-26,30,refund',
    'R8,O6,L1,X1,2,defective,,2024-01-27,20,refund',
  ),
  reviews: csv(
    'review_id,sku,rating,created_at,title,body',
    'RV1,B38,2,2024-02-01,Runs small,Order a size up.',
    'RV2,B38,5,2024-02-03,Love it,True to size and great quality',
    'RV3,S1,1,2024-02-02,Bad,It broke on day one',
  ),
};

describe('product views: parent products, sizes, SKU profile, review texts, one supplier ranking', () => {
  const db = useEngine();

  it('product_sizes compares each size with the product’s other sizes and says why', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('product_sizes', { product: 'G1' });
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.sku)).toEqual(['B36', 'B37', 'B38']);
    const [b36, b37, b38] = res.rows;
    for (const r of res.rows) {
      expect(r).toMatchObject({ parent: 'G1', parent_name: 'Trail Boot', color: 'Black', category: 'shoes' });
      expect(r.product_rate).toBeCloseTo(13 / 40, 10);
    }
    expect(b36).toMatchObject({ size: '36', product_name: 'Trail Boot Black 36', units_sold: 10, units_returned: 2, top_reason: 'size_too_small', top_reason_units: 2, size_too_small_units: 2, size_too_large_units: 0, significant: false });
    expect(b36!.others_rate).toBeCloseTo(11 / 30, 10);
    expect(b36!.excess_units).toBeCloseTo(-5 / 3, 10);
    expect(b37).toMatchObject({ units_returned: 1, top_reason: 'changed_mind', size_too_small_units: 0 });
    expect(b37!.others_rate).toBeCloseTo(0.4, 10);
    expect(b37!.excess_units).toBeCloseTo(-3, 10);
    // the rejected defective return counts nowhere: B38 returned 10, mostly too small
    expect(b38).toMatchObject({ units_sold: 20, units_returned: 10, unit_return_rate: 0.5, top_reason: 'size_too_small', top_reason_units: 8, size_too_small_units: 8, size_too_large_units: 2, significant: true });
    expect(b38!.others_rate).toBeCloseTo(0.15, 10);
    expect(b38!.excess_units).toBeCloseTo(7, 10);
    expect(b38!.rate_low).toBeCloseTo(wilson(10, 20)[0], 10);
    expect(b38!.rate_high).toBeCloseTo(wilson(10, 20)[1], 10);
  });

  it('product_sizes: a single variant has nothing to compare with (NULL, not zero); a SKU without a parent is its own', async () => {
    await db.fixture(FIXTURE);
    const [s1] = (await db.runner().run('product_sizes', { product: 'G2' })).rows;
    expect(s1).toMatchObject({ sku: 'S1', parent_name: 'Easy Sandal', others_rate: null, excess_units: null, significant: false });
    const [c1] = (await db.runner().run('product_sizes', { product: 'C1' })).rows;
    expect(c1).toMatchObject({ sku: 'C1', parent: 'C1', parent_name: 'Face Cream', units_sold: 30, units_returned: 3 });
  });

  it('return_rate_by dim=product ranks parent products against their category, with their names', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('return_rate_by', { dim: 'product' })).rows;
    expect(rows.map((r) => r.dim_value)).toEqual(['G1', 'X1', 'C1', 'G2']);
    const [g1, x1, c1, g2] = rows;
    expect(g1).toMatchObject({ name: 'Trail Boot', category: 'shoes', supplier: 'supA', units_sold: 40, units_returned: 13, baseline: 'category' });
    expect(g1!.baseline_rate).toBeCloseTo(4 / 15, 10);
    expect(g1!.excess_units).toBeCloseTo(7 / 3, 10);
    expect(x1).toMatchObject({ name: null, category: 'beauty' }); // no name in the data: NULL, the page says so
    expect(x1!.excess_units).toBeCloseTo(0.75, 10);
    expect(c1).toMatchObject({ name: 'Face Cream' });
    expect(c1!.excess_units).toBeCloseTo(-0.75, 10);
    expect(g2!.excess_units).toBeCloseTo(-7 / 3, 10);
    const skus = (await db.runner().run('return_rate_by', { dim: 'sku' })).rows;
    expect(skus.find((r) => r.dim_value === 'B38')).toMatchObject({ name: 'Trail Boot Black 38', supplier: 'supA' });
  });

  it('a supplier filter keeps the category baseline over every supplier (regression: it became the supplier’s own rate)', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('return_rate_by', { dim: 'sku', supplier: ['supA'] })).rows;
    const b38 = rows.find((r) => r.dim_value === 'B38')!;
    // supA's own shoe rate would be 13/40; the category over every supplier is 16/60
    expect(b38.baseline_rate).toBeCloseTo(4 / 15, 10);
    expect(b38.excess_units).toBeCloseTo(10 - 20 * (4 / 15), 10);
    expect(rows.map((r) => r.dim_value).sort()).toEqual(['B36', 'B37', 'B38', 'X1']);
  });

  it('one supplier ranking: return_rate_by dim=supplier and supplier_scorecard give the same excess over the category mix', async () => {
    await db.fixture(FIXTURE);
    const byDim = (await db.runner().run('return_rate_by', { dim: 'supplier' })).rows;
    const card = (await db.runner().run('supplier_scorecard')).rows;
    expect(byDim.map((r) => r.dim_value)).toEqual(['supA', 'supB']);
    expect(card.map((r) => r.supplier)).toEqual(['supA', 'supB']);
    expect(byDim[0]).toMatchObject({ baseline: 'category_mix', units_sold: 50, units_returned: 15 });
    expect(byDim[0]!.baseline_rate).toBeCloseTo(143 / 12 / 50, 10);
    expect(byDim[0]!.excess_units).toBeCloseTo(37 / 12, 10);
    expect(byDim[1]!.excess_units).toBeCloseTo(-37 / 12, 10);
    for (const [i, r] of card.entries()) {
      expect(r.excess_units).toBeCloseTo(byDim[i]!.excess_units as number, 10);
      expect(r.expected_rate).toBeCloseTo(byDim[i]!.baseline_rate as number, 10);
    }
    // wilson_low(15, 50) ≈ 0.191 < 143/600 ≈ 0.238: not significant
    expect(card[0]!.significant).toBe(false);
    // with a supplier filter the categories are still every supplier's: supA keeps its excess
    const [onlyA] = (await db.runner().run('supplier_scorecard', { supplier: ['supA'] })).rows;
    expect(onlyA!.excess_units).toBeCloseTo(37 / 12, 10);
  });

  it('sku_profile puts name, parent, supplier and both baselines on one row, and judges product or supplier', async () => {
    await db.fixture(FIXTURE);
    for (const filters of [{}, { supplier: ['supA'] }]) {
      const [p] = (await db.runner().run('sku_profile', { ...filters, target_sku: 'B38' })).rows;
      expect(p).toMatchObject({
        sku: 'B38', product_name: 'Trail Boot Black 38', parent: 'G1', parent_name: 'Trail Boot', size: '38', color: 'Black',
        category: 'shoes', supplier: 'supA', units_sold: 20, units_returned: 10, unit_return_rate: 0.5, supplier_units_sold: 50,
        verdict: 'product', // B38's low end 0.299 > 4/15; supA's low end 0.191 < 143/600
      });
      expect(p!.category_rate).toBeCloseTo(4 / 15, 10);
      expect(p!.parent_rate).toBeCloseTo(13 / 40, 10);
      expect(p!.supplier_rate).toBeCloseTo(0.3, 10);
      expect(p!.supplier_rate_low).toBeCloseTo(wilson(15, 50)[0], 10);
      expect(p!.supplier_expected_rate).toBeCloseTo(143 / 600, 10);
      expect(p!.supplier_excess_units).toBeCloseTo(37 / 12, 10);
      expect(p!.supplier_category_rate).toBeCloseTo(13 / 40, 10);
    }
    const [x] = (await db.runner().run('sku_profile', { target_sku: 'X1' })).rows;
    expect(x).toMatchObject({ product_name: null, parent: 'X1', supplier: 'supA', verdict: 'neither' });
    const listed = (await db.runner().run('sku_profile', { supplier: ['supB'] })).rows;
    expect(listed.map((r) => r.sku)).toEqual(['C1', 'S1']); // without target_sku: every SKU of the selection
    expect(listed[1]!.category_rate).toBeCloseTo(4 / 15, 10);
  });

  it('sku_profile for one SKU (target_sku, which reads only its supplier and parent) gives the row the listing has for that SKU', async () => {
    await db.fixture(FIXTURE);
    let compared = 0;
    for (const filters of [{}, { supplier: ['supA'] }, { channel: ['web'] }, { category: ['shoes'] }, { reason: ['defective'] }]) {
      const listed = (await db.runner().run('sku_profile', filters)).rows;
      for (const row of listed) {
        const [one] = (await db.runner().run('sku_profile', { ...filters, target_sku: String(row.sku) })).rows;
        expect(one, `${String(row.sku)} ${JSON.stringify(filters)}`).toEqual(row);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('review_texts shows the texts behind review_signals’ counts, filtered by kind or term, newest first, paged', async () => {
    await db.fixture(FIXTURE);
    const run = async (p: Record<string, unknown>) => (await db.runner().run('review_texts', { sku: ['B38'], ...p })).rows;
    const all = await run({});
    expect(all.map((r) => r.id)).toEqual(['RV2', 'RV1', 'R4', 'R3']);
    expect(all[0]).toMatchObject({ source: 'review', rating: 5, title: 'Love it', terms: 'great quality, true to size', product_name: 'Trail Boot Black 38', total_rows: 4 });
    expect(all[3]).toMatchObject({ source: 'return', reason: 'size_too_small', text: 'Runs small, order a size up', terms: 'runs small', rating: null });
    const small = await run({ kind: 'size_small' });
    expect(small.map((r) => r.id)).toEqual(['RV1', 'R3']);
    const [signals] = (await db.runner().run('review_signals', { sku: ['B38'] })).rows;
    expect(signals).toMatchObject({ product_name: 'Trail Boot Black 38', size_small_mentions: small.length, size_large_mentions: 1 });
    expect((await run({ term: 'runs large' })).map((r) => r.id)).toEqual(['R4']);
    expect((await run({ kind: 'complaint' })).map((r) => r.id)).toEqual(['RV1', 'R4', 'R3']);
    expect((await run({ term: 'broke' })).map((r) => r.id)).toEqual([]);
    const page2 = await run({ limit: 1, offset: 1 });
    expect(page2.map((r) => r.id)).toEqual(['RV1']);
    expect(page2[0]!.total_rows).toBe(4);
  });

  it('drill_returns names the product of each return (NULL when the data has no name)', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('drill_returns', { sort: 'return_id', desc: false })).rows;
    expect(rows.find((r) => r.return_id === 'R3')).toMatchObject({ product_name: 'Trail Boot Black 38', product_group: 'G1', size: '38', color: 'Black' });
    expect(rows.find((r) => r.return_id === 'R8')).toMatchObject({ product_name: null, sku: 'X1' });
    // the returns behind a parent product's row: every size (the rejected one too unless accepted_only)
    const g1 = (await db.runner().run('drill_returns', { product_group: 'G1', accepted_only: true, sort: 'return_id', desc: false })).rows;
    expect(g1.map((r) => r.return_id)).toEqual(['R1', 'R2', 'R3', 'R4']);
    const c1 = (await db.runner().run('drill_returns', { product_group: 'C1' })).rows;
    expect(c1.map((r) => r.return_id)).toEqual(['R7']); // a SKU without a parent is its own
  });
});
