import { describe, expect, it } from 'vitest';
import { bindNamed } from '../../src/runner/bind-params';
import { csv, useEngine } from '../helpers/engine';

/**
 * "Orders with a return" (kpis' order_return_rate, return_rate_by's orders_with_return) count an
 * order when a line of it passes the filters and an accepted return of it (of the same value, for
 * return_rate_by) passes them too. A return with its line's SKU and region (line_alike, derive.sql)
 * is counted without looking for the line; the others are looked for among the selected lines.
 * Returns that differ from their line: R1 (region FR, its line DE), R2 (SKU D, its line C), R5
 * (no line id, matched by SKU). Every answer must equal the plain definition, state after state.
 */
const FIXTURE = {
  order_lines: csv(
    'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
    'O1,L1,2024-01-05,A,1,10,web,DE',
    'O1,L2,2024-01-05,B,1,20,web,DE',
    'O2,L1,2024-01-06,C,1,30,app,DE',
    'O3,L1,2024-01-07,A,2,10,web,DE',
    'O4,L1,2024-02-07,A,1,10,app,FR',
    'O4,L2,2024-02-07,B,1,20,app,FR',
    'O5,L1,2024-02-08,C,1,30,web,NL',
  ),
  products: csv('sku,category,supplier,product_group', 'A,tops,sup1,G1', 'B,tops,sup2,G1', 'C,bags,sup1,G2', 'D,bags,sup2,G2'),
  returns: csv(
    'return_id,order_id,line_id,sku,quantity,reason,requested_at,refund_amount,resolution,region',
    'R1,O1,L1,A,1,defective,2024-01-10,10,refund,FR',
    'R2,O2,L1,D,1,wrong_item,2024-01-11,30,refund,',
    'R3,O3,L1,A,1,size_too_small,2024-01-12,10,refund,',
    'R4,O4,L2,B,1,defective,2024-02-10,20,rejected,',
    'R5,O5,,C,1,defective,2024-02-12,30,refund,',
  ),
};

// The plain definition, on every order line: orders of the selected lines (of the value) with an
// accepted return (of the value) that passes the filters.
const PLAIN = `
SELECT dim_value, count(DISTINCT l.order_key) AS orders_with_return
FROM (SELECT dim_value_of($dim, sku, product_group, category, supplier, carrier, region, channel) AS dim_value, order_key
      FROM filtered_lines($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku)) l
SEMI JOIN (SELECT dim_value_of($dim, r.sku, p.product_group, r.category, r.supplier, r.carrier, r.region, r.channel) AS dim_value, r.order_key
           FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
           LEFT JOIN products p ON p.sku = r.sku
           WHERE r.resolution IS DISTINCT FROM 'rejected') r USING (dim_value, order_key)
GROUP BY dim_value`;

const STATES: Record<string, string | undefined>[] = [
  {}, { region: 'FR' }, { region: 'DE' }, { region: 'NL' }, { channel: 'web' }, { channel: 'app' },
  { category: 'bags' }, { sku: 'A' }, { sku: 'D' }, { supplier: 'sup2' }, { reason: 'defective' },
  { date_from: '2024-02-01', date_to: '2024-02-28' },
];
const DIMS = ['sku', 'product', 'category', 'supplier', 'region', 'channel'];

describe('orders with a return, counted without looking for lines that must be there', () => {
  const db = useEngine();

  // Bound with the values return_rate_by gets for the same state (the runner's own resolution).
  async function plain(dim: string, state: Record<string, string | undefined>): Promise<Record<string, number>> {
    const { sql, params } = bindNamed(PLAIN, db.runner().resolveParams('return_rate_by', { dim, ...state }));
    const rows = await db.runner().engine.query(sql, params);
    return Object.fromEntries(rows.map((r) => [String(r.dim_value), Number(r.orders_with_return)]));
  }

  it('gives return_rate_by the plain answer for every dimension and filter state', async () => {
    await db.fixture(FIXTURE);
    for (const dim of DIMS) {
      for (const state of STATES) {
        const rows = (await db.runner().run('return_rate_by', { dim, ...state })).rows;
        const got = Object.fromEntries(rows.filter((r) => Number(r.orders_with_return) > 0).map((r) => [String(r.dim_value), Number(r.orders_with_return)]));
        expect(got, `${dim} ${JSON.stringify(state)}`).toEqual(await plain(dim, state));
      }
    }
  });

  it('worked by hand: a return with another region than its line, and one naming another SKU', async () => {
    await db.fixture(FIXTURE);
    const owr = async (state: Record<string, string>) =>
      Object.fromEntries((await db.runner().run('return_rate_by', { dim: 'sku', ...state })).rows.map((r) => [r.dim_value, Number(r.orders_with_return)]));
    // no filter: A in O1 (R1) and O3 (R3); C in O5 (R5, matched by SKU); D has no line, so no order
    expect(await owr({})).toEqual({ A: 2, B: 0, C: 1, D: 0 });
    // region=FR: R1 passes (its own region), but A's line in O1 is DE: A's FR line is in O4, not returned
    expect(await owr({ region: 'FR' })).toEqual({ A: 0, B: 0 });
    // region=DE: R1 does not pass; R3 does
    expect((await owr({ region: 'DE' })).A).toBe(1);
  });

  it('gives kpis the orders with a return of the selected orders', async () => {
    await db.fixture(FIXTURE);
    const rate = async (state: Record<string, string>) => (await db.runner().run('kpis', state)).rows[0]!.order_return_rate;
    // O1 (R1), O2 (R2: of D, but O2 is selected), O3 (R3), O5 (R5); O4's return was rejected
    expect(await rate({})).toBeCloseTo(4 / 5, 10);
    // FR: O4 only; R1 passes (FR) but O1 has no FR line, so it is not an order of the selection
    expect(await rate({ region: 'FR' })).toBe(0);
    // DE: O1, O2, O3 selected; R1 (FR) does not pass, R2 and R3 do
    expect(await rate({ region: 'DE' })).toBeCloseTo(2 / 3, 10);
  });
});
