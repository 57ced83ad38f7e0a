import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';
import { ABUSE_FIXTURE } from './abuse-fixture';

// The fixture and its signals are worked out in ./abuse-fixture.ts. Rows behind them:
//   bracketing|O1|G1: R1 (S1, 20), R2 (S3, 20), kept line O1/2 (S2)      3 rows
//   bracketing|O2|G2: R3 (T1, 0), kept line O2/2 (T2)                     2 rows
//   wardrobing|C5: R8 (27 days), R9 (29), R10 (25 + 1 h), 15 each         3 rows
//   refund_without_receipt|R11, condition_mismatch|R13, |R15, refunds_exceed_purchases|C10 (R17)
// 12 rows in all; by default in rule order, then signal_id, returned before kept, then return_id.
const key = (rows: Row[]) => rows.map((r) => `${String(r.signal_id)}:${String(r.return_id ?? `kept ${String(r.order_id)}/${String(r.line_id)}`)}`);

describe('abuse_cases', () => {
  const db = useEngine();

  it('lists the returns and kept lines behind every signal', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const res = await db.runner().run('abuse_cases');
    expect(res.status).toBe('ok');
    expect(key(res.rows)).toEqual([
      'bracketing|O1|G1:R1', 'bracketing|O1|G1:R2', 'bracketing|O1|G1:kept O1/2',
      'bracketing|O2|G2:R3', 'bracketing|O2|G2:kept O2/2',
      'wardrobing|C5:R10', 'wardrobing|C5:R8', 'wardrobing|C5:R9',
      'refund_without_receipt|R11:R11', 'condition_mismatch|R13:R13', 'condition_mismatch|R15:R15',
      'refunds_exceed_purchases|C10:R17',
    ]);
    expect(res.rows.every((r) => r.total_rows === 12)).toBe(true);
    const kept = res.rows[2]!;
    expect(kept).toMatchObject({
      rule: 'bracketing', role: 'kept', customer_id: 'C1', order_id: 'O1', line_id: '2', return_id: null, sku: 'S2',
      product_group: 'G1', size: 'M', color: 'Black', category: 'apparel', quantity: 1, unit_price: 20, reason: null, amount: 0,
      detail: '3 variants of G1 in one order: L Black, S Black returned, M Black kept',
    });
    const r1 = res.rows[0]!;
    expect(r1).toMatchObject({ role: 'returned', sku: 'S1', size: 'S', reason: 'size_too_small', resolution: 'refund', amount: 20 });
  });

  it('names the product of each row; NULL (the page: "not in the data") when the data has no name', async () => {
    const products = csv(
      'sku,product_name,category,product_group,size,color',
      'S1,Trail Tee Black S,apparel,G1,S,Black', 'S2,Trail Tee Black M,apparel,G1,M,Black', 'S3,Trail Tee Black L,apparel,G1,L,Black',
      'T1,Rain Jacket Red,apparel,G2,,Red', 'T2,Rain Jacket Blue,apparel,G2,,Blue', 'H1,,home,,,',
    );
    await db.fixture({ ...ABUSE_FIXTURE, products });
    const rows = (await db.runner().run('abuse_cases', { sort: 'product_name' })).rows;
    // by name: Rain Jacket Blue (kept T2), Rain Jacket Red (R3, R8, R9, R10), Trail Tee Black L (R2),
    // M (kept S2), S (R1, R15); then the H1 rows without a name (R11, R13, R17), NULLs last
    expect(rows.map((r) => [r.sku, r.product_name])).toEqual([
      ['T2', 'Rain Jacket Blue'],
      ['T1', 'Rain Jacket Red'], ['T1', 'Rain Jacket Red'], ['T1', 'Rain Jacket Red'], ['T1', 'Rain Jacket Red'],
      ['S3', 'Trail Tee Black L'], ['S2', 'Trail Tee Black M'], ['S1', 'Trail Tee Black S'], ['S1', 'Trail Tee Black S'],
      ['H1', null], ['H1', null], ['H1', null],
    ]);
  });

  it('gives one signal, with its delivery timing, sorted and paged', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const rows = (await db.runner().run('abuse_cases', { signal: 'wardrobing|C5', sort: 'days_after_delivery', desc: true })).rows;
    expect(rows.map((r) => r.return_id)).toEqual(['R9', 'R8', 'R10']);
    [29, 27, 25 + 1 / 24].forEach((d, i) => expect(rows[i]!.days_after_delivery).toBeCloseTo(d, 10));
    expect(rows.map((r) => (r.delivered_at as Date).toISOString())).toEqual(['2024-03-01T12:00:00.000Z', '2024-02-01T12:00:00.000Z', '2024-04-01T12:00:00.000Z']);
    const page = (await db.runner().run('abuse_cases', { sort: 'amount', desc: true, limit: 3, offset: 1 })).rows;
    // amounts: R13 60, R11 25, R1 20, R2 20, R8/R9/R10 15, R17 12.5, the rest 0 → page 2-4: R11, R1, R2
    expect(page.map((r) => [r.return_id, r.amount, r.total_rows])).toEqual([['R11', 25, 12], ['R1', 20, 12], ['R2', 20, 12]]);
  });

  it('applies the filters and thresholds of abuse_signals', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const rows = (await db.runner().run('abuse_cases', { rule: 'wardrobing', wardrobe_min_returns: 2, date_from: '2024-02-15' })).rows;
    // orders from 02-15: C5 R9 (29 days), R10 (25 days 1 hour) → 2, a signal; C6 R21 (28 days) only
    // (R22 at exactly 25 days does not count, R23 was rejected) → 1 < 2, none.
    expect(key(rows)).toEqual(['wardrobing|C5:R10', 'wardrobing|C5:R9']);
  });

  it('says which column a rule needs', async () => {
    await db.fixture({ ...ABUSE_FIXTURE, shipments: csv('order_id,carrier', 'O5,DHL') });
    expect(await db.runner().run('abuse_cases', { rule: 'wardrobing' })).toMatchObject({ status: 'needs_columns', missing: ['shipments.delivered_at'] });
    expect((await db.runner().run('abuse_cases')).rows.some((r) => r.rule === 'wardrobing')).toBe(false);
  });
});
