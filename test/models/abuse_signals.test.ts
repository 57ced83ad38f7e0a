import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine } from '../helpers/engine';
import { ABUSE_FIXTURE } from './abuse-fixture';

// The fixture and its hand-worked signals are described in ./abuse-fixture.ts.
const brief = (rows: Row[]) => rows.map((r) => [r.signal_id, r.customer_id, r.order_id, r.return_ids, r.returns, r.orders, r.amount]);

describe('abuse_signals', () => {
  const db = useEngine();

  it('finds each planted signal once, and none of the near misses', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const res = await db.runner().run('abuse_signals');
    expect(res.status).toBe('ok');
    // rule order, then amount (largest first), then signal_id
    expect(brief(res.rows)).toEqual([
      ['bracketing|O1|G1', 'C1', 'O1', 'R1,R2', 2, 1, 40],
      ['bracketing|O2|G2', 'C2', 'O2', 'R3', 1, 1, 0],
      ['wardrobing|C5', 'C5', null, 'R10,R8,R9', 3, 3, 45],
      ['refund_without_receipt|R11', 'C7', 'O11', 'R11', 1, 1, 25],
      ['condition_mismatch|R13', 'C8', 'O12', 'R13', 1, 1, 60],
      ['condition_mismatch|R15', 'C9', 'O13', 'R15', 1, 1, 0],
      ['refunds_exceed_purchases|C10', 'C10', null, 'R17', 1, 1, 2.5],
    ]);
    expect(res.rows.map((r) => [r.rule, r.level])).toEqual([
      ['bracketing', 'order'], ['bracketing', 'order'], ['wardrobing', 'customer'], ['refund_without_receipt', 'return'],
      ['condition_mismatch', 'return'], ['condition_mismatch', 'return'], ['refunds_exceed_purchases', 'customer'],
    ]);
    expect(res.rows.map((r) => r.detail)).toEqual([
      '3 variants of G1 in one order: L Black, S Black returned, M Black kept',
      '2 variants of G2 in one order: Red returned, Blue kept',
      '3 apparel returns requested in the last 5 days of the 30-day window (25.0 to 29.0 days after delivery)',
      'refunded 2024-05-03, no receipt recorded',
      'received as empty_box; reason given: defective; resolution: refund',
      'received as wrong_item; reason given: size_too_small; resolution: rejected',
      'refunds 12.50 vs purchases 10.00',
    ]);
  });

  it('names the products behind each signal; a SKU without a name is counted, never blank', async () => {
    // Trail Tee (G1: S1/S2/S3 'Trail Tee Black S|M|L', size and colour cut off), Rain Jacket (G2:
    // T1 'Rain Jacket Red', T2 'Rain Jacket Blue'), H1 without a name, X9 named but never sold.
    const products = csv(
      'sku,product_name,category,product_group,size,color',
      'S1,Trail Tee Black S,apparel,G1,S,Black', 'S2,Trail Tee Black M,apparel,G1,M,Black', 'S3,Trail Tee Black L,apparel,G1,L,Black',
      'T1,Rain Jacket Red,apparel,G2,,Red', 'T2,Rain Jacket Blue,apparel,G2,,Blue', 'H1,,home,,,', 'X9,Spare Part,home,,,',
    );
    await db.fixture({ ...ABUSE_FIXTURE, products });
    const named = (rows: Row[]) => rows.map((r) => [r.signal_id, r.skus, r.products, r.unnamed_skus]);
    expect(named((await db.runner().run('abuse_signals')).rows)).toEqual([
      ['bracketing|O1|G1', 'S1,S2,S3', 'Trail Tee', 0], // R1 S1, R2 S3 and the kept S2
      ['bracketing|O2|G2', 'T1,T2', 'Rain Jacket', 0], // R3 T1 and the kept T2
      ['wardrobing|C5', 'T1', 'Rain Jacket', 0], // R8, R9, R10 all T1
      ['refund_without_receipt|R11', 'H1', null, 1],
      ['condition_mismatch|R13', 'H1', null, 1],
      ['condition_mismatch|R15', 'S1', 'Trail Tee', 0],
      ['refunds_exceed_purchases|C10', 'H1', null, 1],
    ]);
    // home and apparel: C6's R20, R21 (T2) and R24 (H1): one named product, one SKU without a name.
    const mixed = (await db.runner().run('abuse_signals', { rule: 'wardrobing', wardrobe_categories: 'home, Apparel' })).rows;
    expect(named(mixed)[0]).toEqual(['wardrobing|C6', 'H1,T2', 'Rain Jacket', 1]);
    // the fixture without product names: every signal's products are NULL, its SKUs all counted unnamed
    await db.fixture(ABUSE_FIXTURE);
    const bare = (await db.runner().run('abuse_signals')).rows;
    expect(bare.map((r) => [r.products, r.unnamed_skus])).toEqual([[null, 3], [null, 2], [null, 1], [null, 1], [null, 1], [null, 1], [null, 1]]);
  });

  it('moves with its thresholds', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const ids = async (p: Record<string, string | number>) => (await db.runner().run('abuse_signals', p)).rows.map((r) => r.signal_id);
    // 3 variants needed: O2 (2 colours) drops out.
    expect(await ids({ rule: 'bracketing', bracketing_min_variants: 3 })).toEqual(['bracketing|O1|G1']);
    // 6 days: C6's return at exactly 25 days counts (more than 24) → R20, R21, R22.
    const six = (await db.runner().run('abuse_signals', { rule: 'wardrobing', wardrobe_days_before_end: 6 })).rows;
    expect(brief(six)).toEqual([
      ['wardrobing|C6', 'C6', null, 'R20,R21,R22', 3, 3, 45],
      ['wardrobing|C5', 'C5', null, 'R10,R8,R9', 3, 3, 45],
    ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    // 2 returns are enough: C6 with R20, R21.
    expect(await ids({ rule: 'wardrobing', wardrobe_min_returns: 2 })).toEqual(['wardrobing|C5', 'wardrobing|C6']);
    // home and apparel (spaces and case ignored): C6's R24 (home, 30) joins R20 and R21 → 3
    // returns, amount 60, listed before C5 (45).
    expect(await ids({ rule: 'wardrobing', wardrobe_categories: 'home, Apparel' })).toEqual(['wardrobing|C6', 'wardrobing|C5']);
    expect(await ids({ rule: 'wardrobing', wardrobe_categories: 'home', wardrobe_min_returns: 1 })).toEqual(['wardrobing|C6']);
    // only empty boxes: R15 (wrong item) drops out.
    expect(await ids({ rule: 'condition_mismatch', mismatch_conditions: 'empty_box' })).toEqual(['condition_mismatch|R13']);
  });

  it('applies the global filters', async () => {
    await db.fixture(ABUSE_FIXTURE);
    // January orders: the bracketing orders, and only R8 of C5's late returns (1 < 3).
    const jan = (await db.runner().run('abuse_signals', { date_to: '2024-01-31' })).rows;
    expect(jan.map((r) => r.signal_id)).toEqual(['bracketing|O1|G1', 'bracketing|O2|G2']);
    // home only: R11, R13 and C10 (purchases and refunds of home lines); no apparel rule.
    const home = (await db.runner().run('abuse_signals', { category: ['home'] })).rows;
    expect(home.map((r) => r.signal_id)).toEqual(['refund_without_receipt|R11', 'condition_mismatch|R13', 'refunds_exceed_purchases|C10']);
    // SKU S1: R1 puts O1/G1 in scope; the order is judged on all its lines, so R2 is listed too.
    const s1 = (await db.runner().run('abuse_signals', { sku: ['S1'] })).rows;
    expect(brief(s1)).toEqual([
      ['bracketing|O1|G1', 'C1', 'O1', 'R1,R2', 2, 1, 40],
      ['condition_mismatch|R15', 'C9', 'O13', 'R15', 1, 1, 0],
    ]);
  });

  it('says which column a rule needs', async () => {
    await db.fixture({ ...ABUSE_FIXTURE, products: csv('sku,category', 'S1,apparel', 'T1,apparel', 'H1,home') });
    expect(await db.runner().run('abuse_signals', { rule: 'bracketing' })).toMatchObject({ status: 'needs_columns', missing: ['products.product_group'] });
    const lines = ABUSE_FIXTURE.order_lines.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    await db.fixture({ ...ABUSE_FIXTURE, order_lines: lines });
    expect(await db.runner().run('abuse_signals', { rule: 'wardrobing' })).toMatchObject({ status: 'needs_columns', missing: ['order_lines.customer_id'] });
    // without any receipt date the refund_without_receipt rule cannot tell: it needs the column
    // and flags nothing (every refund would look unreceived)
    const noReceipt = ABUSE_FIXTURE.returns.split('\n').map((l) => l.split(',').filter((_, i) => i !== 6).join(',')).join('\n');
    await db.fixture({ ...ABUSE_FIXTURE, returns: noReceipt });
    expect(await db.runner().run('abuse_signals', { rule: 'refund_without_receipt' })).toMatchObject({ status: 'needs_columns', missing: ['returns.received_at'] });
    expect((await db.runner().run('abuse_signals')).rows.map((r) => r.signal_id)).not.toContain('refund_without_receipt|R11');
    await db.fixture({ ...ABUSE_FIXTURE, order_lines: lines });
    // the rules that need no customer id still run
    const all = (await db.runner().run('abuse_signals')).rows;
    expect(all.map((r) => [r.signal_id, r.customer_id])).toEqual([
      ['bracketing|O1|G1', null], ['bracketing|O2|G2', null], ['refund_without_receipt|R11', null],
      ['condition_mismatch|R13', null], ['condition_mismatch|R15', null],
    ]);
  });
});
