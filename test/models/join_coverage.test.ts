import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

// Hand-worked fixture.
// Order ids among the order lines: O1, O2, O3 (4 order lines). SKUs sold: A, B, C.
// Products: A, B, Z (3 rows).
// Returns (5 rows):
//   R1 O1 sku A   → has an order_id, O1 is an order         → found
//   R2 O2 no sku  → found (the SKU does not matter here)
//   R3 O9 sku D   → has an order_id, O9 is no order          → not found (the example)
//   R4 no order   → no key: in total, not in with_key
//   R5 O3 sku C, resolution rejected → still a row that joins → found
//   → total 5, with_key 4, matched 3, unmatched 1, coverage 3/4, target_rows 4, example O9.
// SKUs seen: order lines {A, B, C} ∪ returns {A, D, C} ∪ reviews {E, A} = {A, B, C, D, E}: 5.
//   Among the products: A, B → matched 2, unmatched 3, coverage 2/5, target_rows 3,
//   example = smallest of C, D, E = C. (Z is a product nobody sold: not counted.)
// Shipments: O1, O2, O7 → total 3, with_key 3, matched 2, unmatched 1, coverage 2/3,
//   target_rows 4 (order lines), example O7.
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price',
    'O1,1,2024-01-10,A,1,10',
    'O1,2,2024-01-10,B,1,20',
    'O2,1,2024-01-11,A,2,10',
    'O3,1,2024-01-12,C,1,5',
  ),
  products: csv('sku,category', 'A,shoes', 'B,shoes', 'Z,hats'),
  returns: csv(
    'return_id,order_id,sku,quantity,resolution',
    'R1,O1,A,1,refund',
    'R2,O2,,1,refund',
    'R3,O9,D,1,refund',
    'R4,,A,1,refund',
    'R5,O3,C,1,rejected',
  ),
  reviews: csv('review_id,sku,rating', 'V1,E,4', 'V2,A,2'),
  shipments: csv('order_id,carrier', 'O1,DHL', 'O2,UPS', 'O7,DHL'),
};

describe('join_coverage', () => {
  const db = useEngine();

  it('counts returns that found their order, SKUs that found their product, shipments that found their order', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('join_coverage');
    expect(res.status).toBe('ok');
    const [ret, sku, shp] = res.rows;
    expect(res.rows.map((r) => r.join_name)).toEqual(['returns_to_orders', 'skus_to_products', 'shipments_to_orders']);
    expect(ret).toMatchObject({ unit: 'return rows', total: 5, with_key: 4, matched: 3, unmatched: 1, target_rows: 4, example_unmatched: 'O9' });
    expect(ret!.coverage).toBeCloseTo(3 / 4, 10);
    expect(sku).toMatchObject({ unit: 'distinct SKUs', total: 5, with_key: 5, matched: 2, unmatched: 3, target_rows: 3, example_unmatched: 'C' });
    expect(sku!.coverage).toBeCloseTo(2 / 5, 10);
    expect(shp).toMatchObject({ unit: 'shipment rows', total: 3, with_key: 3, matched: 2, unmatched: 1, target_rows: 4, example_unmatched: 'O7' });
    expect(shp!.coverage).toBeCloseTo(2 / 3, 10);
    // Integer counts come out as integers.
    for (const r of res.rows) for (const k of ['total', 'with_key', 'matched', 'unmatched', 'target_rows']) expect(Number.isInteger(r[k]), k).toBe(true);
  });

  it('without products, returns or shipments: nothing matched, coverage NULL where nothing has a key', async () => {
    // Only the order lines: SKUs A, B, C have no product to find (target_rows 0, coverage 0/3 = 0);
    // no returns and no shipments: every count 0, coverage NULL, no example.
    await db.fixture({ order_lines: FIXTURE.order_lines });
    const rows = (await db.runner().run('join_coverage')).rows;
    expect(rows[0]).toMatchObject({ total: 0, with_key: 0, matched: 0, unmatched: 0, coverage: null, target_rows: 4, example_unmatched: null });
    expect(rows[1]).toMatchObject({ total: 3, with_key: 3, matched: 0, unmatched: 3, coverage: 0, target_rows: 0, example_unmatched: 'A' });
    expect(rows[2]).toMatchObject({ total: 0, with_key: 0, matched: 0, coverage: null, target_rows: 4 });
  });

  it('with checks = all: the per-table checks too; a NULL SKU is no key (in total, not in with_key)', async () => {
    await db.fixture(FIXTURE);
    const rows = (await db.runner().run('join_coverage', { checks: 'all' })).rows;
    expect(rows.slice(0, 3).map((r) => r.join_name)).toEqual(['returns_to_orders', 'skus_to_products', 'shipments_to_orders']);
    // Returns R1 A, R2 (no SKU), R3 D, R4 A, R5 C; products A, B, Z: R1 and R4 match.
    expect(rows.find((r) => r.join_name === 'returns_skus_to_products')).toMatchObject({
      table_name: 'returns', total: 5, with_key: 4, matched: 2, unmatched: 2, example_unmatched: 'C', target_rows: 3,
    });
    // R4 is the one return without an order id: A was sold 2024-01-10 (it has no date: any time counts).
    expect(rows.find((r) => r.join_name === 'no_order_returns_sku_sold')).toMatchObject({ total: 1, with_key: 1, matched: 1 });
    // No region on R4: no key for the region check.
    expect(rows.find((r) => r.join_name === 'no_order_returns_sku_region_sold')).toMatchObject({ total: 1, with_key: 0, matched: 0, coverage: null });
    expect(rows.find((r) => r.join_name === 'products_sold')).toMatchObject({ total: 3, with_key: 3, matched: 2, example_unmatched: 'Z' });
    expect(rows).toHaveLength(11);
  });

  it('is not filtered: it describes the whole import and takes no filter parameters', async () => {
    await db.fixture(FIXTURE);
    await expect(db.runner().run('join_coverage', { channel: ['web'] })).rejects.toThrow('join_coverage has no parameter "channel"');
    expect(db.runner().header('join_coverage').usesFilters).toBe(false);
  });

  it('a return naming its line finds its order only through that line; line ids spelled "02" or "2.0" are line 2', async () => {
    // O1 has lines 1 and 2. R1 names line "02", R2 line "2.0": the loader reads both as line 2 → found.
    // R3 names line 7, which O1 does not have → not found (the order exists, the line does not).
    // R4 names no line → found by its order. → total 4, with_key 4, matched 3, example O1 (R3's order).
    await db.fixture({
      order_lines: FIXTURE.order_lines,
      returns: csv('return_id,order_id,line_id,quantity', 'R1,O1,02,1', 'R2,O1,2.0,1', 'R3,O1,7,1', 'R4,O1,,1'),
    });
    const [row] = (await db.runner().run('join_coverage')).rows;
    expect(row).toMatchObject({ join_name: 'returns_to_orders', total: 4, with_key: 4, matched: 3, unmatched: 1, example_unmatched: 'O1' });
    expect(await db.runner().engine.query('SELECT return_id, line_id FROM returns ORDER BY return_id')).toEqual([
      { return_id: 'R1', line_id: '2' }, { return_id: 'R2', line_id: '2' }, { return_id: 'R3', line_id: '7' }, { return_id: 'R4', line_id: null },
    ]);
    // The derived returns find the line (and its SKU B) the same way.
    expect(await db.runner().engine.query(`SELECT return_id, sku FROM returns_enriched WHERE return_id IN ('R1', 'R2') ORDER BY return_id`)).toEqual([
      { return_id: 'R1', sku: 'B' }, { return_id: 'R2', sku: 'B' },
    ]);
  });
});
