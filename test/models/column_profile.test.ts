import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/data-model/contract';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';

// order_lines, 4 rows:
// column       values                     non_null distinct min          max          top (count)
// order_id     O1 O1 O2 O3                4        3        O1           O3           O1 (2)
// line_id      L1 L2 L1 L1                4        2        L1           L2           L1 (3)
// order_date   01-10 01-10 02-05 03-01    4        3        2024-01-10   2024-03-01   2024-01-10 (2)
// sku          A B A C                    4        3        A            C            A (2)
// quantity     2 1 1 10                   4        3        1            10 (as numbers, not text '2')   1 (2)
// unit_price   10 30 9.5 5                4        4        5.0          30.0 (text would give 10.0/9.5)  none repeats: NULL
// currency     EUR ×4                     4        1        EUR          EUR          EUR (4)
// channel      web web app web            4        2        app          web          web (3)
// customer_id  C1 C1 - C3                 3 (null share 1/4) 2   C1        C3           C1 (2)
// region       DE DE FR -                 3 (null share 1/4) 2   DE        FR           DE (2)
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel,customer_id,region',
    'O1,L1,2024-01-10,A,2,10,EUR,web,C1,DE',
    'O1,L2,2024-01-10,B,1,30,EUR,web,C1,DE',
    'O2,L1,2024-02-05,A,1,9.5,EUR,app,,FR',
    'O3,L1,2024-03-01,C,10,5,EUR,web,C3,',
  ),
  // Categories tie 2 to 2: the top value is the smaller as text (cat1).
  products: csv('sku,category,supplier', 'A,cat2,s1', 'B,cat1,s1', 'C,cat2,s2', 'D,cat1,s3'),
};

const byCol = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.column_name), r]));

describe('column_profile', () => {
  const db = useEngine();

  it('profiles every column of order_lines as worked out by hand', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('column_profile');
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.column_name)).toEqual(CONTRACT.order_lines.columns.map((c) => c.name));
    expect(res.rows.map((r) => r.ordinal)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(res.rows.every((r) => r.table_rows === 4)).toBe(true);
    const c = byCol(res.rows);
    expect(c.order_id).toMatchObject({ column_type: 'VARCHAR', non_null: 4, null_share: 0, distinct_values: 3, min_value: 'O1', max_value: 'O3', top_value: 'O1', top_count: 2 });
    expect(c.line_id).toMatchObject({ distinct_values: 2, min_value: 'L1', max_value: 'L2', top_value: 'L1', top_count: 3 });
    expect(c.order_date).toMatchObject({ column_type: 'DATE', distinct_values: 3, min_value: '2024-01-10', max_value: '2024-03-01', top_value: '2024-01-10', top_count: 2 });
    expect(c.sku).toMatchObject({ distinct_values: 3, min_value: 'A', max_value: 'C', top_value: 'A', top_count: 2 });
    expect(c.quantity).toMatchObject({ column_type: 'INTEGER', distinct_values: 3, min_value: '1', max_value: '10', top_value: '1', top_count: 2 });
    expect(c.unit_price).toMatchObject({ column_type: 'DOUBLE', non_null: 4, distinct_values: 4, min_value: '5.0', max_value: '30.0', top_value: null, top_count: null });
    expect(c.currency).toMatchObject({ distinct_values: 1, top_value: 'EUR', top_count: 4 });
    expect(c.channel).toMatchObject({ distinct_values: 2, min_value: 'app', max_value: 'web', top_value: 'web', top_count: 3 });
    expect(c.customer_id).toMatchObject({ non_null: 3, distinct_values: 2, min_value: 'C1', max_value: 'C3', top_value: 'C1', top_count: 2 });
    expect(c.customer_id!.null_share as number).toBeCloseTo(0.25, 10);
    expect(c.region).toMatchObject({ non_null: 3, distinct_values: 2, top_value: 'DE', top_count: 2 });
    expect(c.region!.null_share as number).toBeCloseTo(0.25, 10);
  });

  it('profiles the table asked for, breaking ties on the smaller value', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('column_profile', { table_name: 'products' });
    expect(res.rows.map((r) => r.column_name)).toEqual(CONTRACT.products.columns.map((c) => c.name));
    const c = byCol(res.rows);
    expect(c.category).toMatchObject({ table_rows: 4, non_null: 4, distinct_values: 2, top_value: 'cat1', top_count: 2 });
    expect(c.supplier).toMatchObject({ distinct_values: 3, top_value: 's1', top_count: 2 });
    // Columns the file did not have: empty, not missing from the profile.
    expect(c.unit_cost).toMatchObject({ column_type: 'DOUBLE', non_null: 0, null_share: 1, distinct_values: 0, min_value: null, max_value: null, top_value: null });
  });

  it('lists the columns of a table that was not loaded, all empty', async () => {
    await db.fixture(FIXTURE);
    const res = await db.runner().run('column_profile', { table_name: 'returns' });
    expect(res.status).toBe('ok');
    expect(res.rows.map((r) => r.column_name)).toEqual(CONTRACT.returns.columns.map((c) => c.name));
    for (const r of res.rows) {
      expect(r).toMatchObject({ table_rows: 0, non_null: 0, null_share: null, distinct_values: 0, min_value: null, top_value: null, top_count: null });
    }
    expect(byCol(res.rows).pickup_failed!.column_type).toBe('BOOLEAN');
    expect(byCol(res.rows).requested_at!.column_type).toBe('TIMESTAMP');
  });
});
