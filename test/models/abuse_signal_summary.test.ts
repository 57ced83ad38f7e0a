import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/types';
import { csv, useEngine, withoutColumns } from '../helpers/engine';
import { ABUSE_FIXTURE } from './abuse-fixture';

// The fixture and its signals are worked out in ./abuse-fixture.ts; per rule:
//   bracketing: O1 (C1, R1 + R2, 40), O2 (C2, R3, 0) → 2 signals, 2 customers, 3 returns, 40
//   wardrobing: C5 (R8, R9, R10, 45) → 1, 1, 3, 45
//   refund_without_receipt: R11 (C7, 25) → 1, 1, 1, 25
//   condition_mismatch: R13 (C8, 60), R15 (C9, 0) → 2, 2, 2, 60
//   refunds_exceed_purchases: C10 (R17, excess 2.5) → 1, 1, 1, 2.5
//   shared_address_payment: no address column → NULLs, 'needs address column'
const table = (rows: Row[]) => rows.map((r) => [r.rule, r.signals, r.customers, r.returns, r.amount, r.status]);

describe('abuse_signal_summary', () => {
  const db = useEngine();

  it('counts and sums the signals of each rule, every rule present', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const res = await db.runner().run('abuse_signal_summary');
    expect(res.status).toBe('ok');
    expect(table(res.rows)).toEqual([
      ['bracketing', 2, 2, 3, 40, 'ok'],
      ['wardrobing', 1, 1, 3, 45, 'ok'],
      ['refund_without_receipt', 1, 1, 1, 25, 'ok'],
      ['condition_mismatch', 2, 2, 2, 60, 'ok'],
      ['refunds_exceed_purchases', 1, 1, 1, 2.5, 'ok'],
      ['shared_address_payment', null, null, null, null, 'needs address column'],
    ]);
    expect(res.rows[1]!.description).toBe(
      'Customer with 3+ apparel returns requested in the last 5 days of the 30-day window after delivery. Amount: their refunds.',
    );
    expect(res.rows[3]!.description).toBe(
      'Item inspected as empty_box / wrong_item / different_item while the reason claims something else. Amount: the refund.',
    );
  });

  it('agrees with abuse_signals under thresholds and filters', async () => {
    await db.fixture(ABUSE_FIXTURE);
    const params = { wardrobe_days_before_end: 6, bracketing_min_variants: 3, category: ['apparel'] };
    const summary = (await db.runner().run('abuse_signal_summary', params)).rows;
    // apparel only: O1 (3 variants), C5 and C6 (6 days), R15; R11, R13, C10 are home.
    expect(table(summary)).toEqual([
      ['bracketing', 1, 1, 2, 40, 'ok'],
      ['wardrobing', 2, 2, 6, 90, 'ok'],
      ['refund_without_receipt', 0, 0, 0, 0, 'ok'],
      ['condition_mismatch', 1, 1, 1, 0, 'ok'],
      ['refunds_exceed_purchases', 0, 0, 0, 0, 'ok'],
      ['shared_address_payment', null, null, null, null, 'needs address column'],
    ]);
    expect(summary[0]!.description).toContain('3+ sizes or colours');
    const signals = (await db.runner().run('abuse_signals', params)).rows;
    for (const s of summary.slice(0, 5)) {
      const own = signals.filter((x) => x.rule === s.rule);
      expect(own.length, String(s.rule)).toBe(s.signals);
      expect(own.reduce((a, x) => a + (x.amount as number), 0)).toBeCloseTo(s.amount as number, 10);
    }
  });

  it('finds the signals without refund amounts and leaves their amounts empty, not 0', async () => {
    // Regression: an export without refund amounts priced every signal at $0.
    // The fixture without refund_amount: the signals are found from returns, dates and
    // conditions as above (R11 is a refund by its resolution); refunds_exceed_purchases compares
    // refunds, so it cannot run.
    await db.fixture({ ...ABUSE_FIXTURE, returns: withoutColumns(ABUSE_FIXTURE.returns, 'refund_amount') });
    const rows = (await db.runner().run('abuse_signal_summary')).rows;
    expect(table(rows)).toEqual([
      ['bracketing', 2, 2, 3, null, 'ok'],
      ['wardrobing', 1, 1, 3, null, 'ok'],
      ['refund_without_receipt', 1, 1, 1, null, 'ok'],
      ['condition_mismatch', 2, 2, 2, null, 'ok'],
      ['refunds_exceed_purchases', null, null, null, null, 'needs returns.refund_amount'],
      ['shared_address_payment', null, null, null, null, 'needs address column'],
    ]);
    const absent = db.runner().notInData('abuse_signal_summary');
    for (const rule of ['bracketing', 'wardrobing', 'refund_without_receipt', 'condition_mismatch', 'refunds_exceed_purchases']) {
      expect(absent[`amount[rule=${rule}]`], rule).toEqual(['returns.refund_amount']);
    }
    expect(absent['signals[rule=refunds_exceed_purchases]']).toEqual(['returns.refund_amount']);
    expect(absent['signals[rule=wardrobing]']).toBeUndefined();
    // Every signal and every row behind it: amount empty, never 0.
    const signals = (await db.runner().run('abuse_signals')).rows;
    expect(signals).toHaveLength(6);
    expect(signals.every((x) => x.amount === null)).toBe(true);
    expect(db.runner().notInData('abuse_signals')).toEqual({ amount: ['returns.refund_amount'] });
    const cases = (await db.runner().run('abuse_cases', { rule: 'bracketing' })).rows;
    expect(cases.map((c) => [c.return_id, c.role, c.amount])).toEqual([
      ['R1', 'returned', null], ['R2', 'returned', null], [null, 'kept', null], ['R3', 'returned', null], [null, 'kept', null],
    ]);
    expect(db.runner().notInData('abuse_cases')).toEqual({ amount: ['returns.refund_amount'] });
    // Without shipments, wardrobing cannot tell how late a return was.
    await db.fixture({ ...ABUSE_FIXTURE, shipments: csv('order_id,carrier') });
    const noDelivery = (await db.runner().run('abuse_signal_summary')).rows;
    expect(noDelivery[1]).toMatchObject({ rule: 'wardrobing', signals: null, amount: null, status: 'needs shipments.delivered_at' });
    expect(noDelivery[0]).toMatchObject({ rule: 'bracketing', signals: 2, amount: 40 });
    expect(db.runner().notInData('abuse_signal_summary')['signals[rule=wardrobing]']).toEqual(['shipments.delivered_at']);
  });

  it('names the empty columns a rule needs', async () => {
    const lines = ABUSE_FIXTURE.order_lines.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    const returns = ABUSE_FIXTURE.returns.split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
    await db.fixture({
      order_lines: lines,
      products: csv('sku,category', 'S1,apparel', 'S2,apparel', 'S3,apparel', 'T1,apparel', 'T2,apparel', 'H1,home'),
      returns,
    });
    const rows = (await db.runner().run('abuse_signal_summary')).rows;
    expect(rows.map((r) => [r.rule, r.signals, r.status])).toEqual([
      ['bracketing', null, 'needs products.product_group'],
      ['wardrobing', null, 'needs order_lines.customer_id, shipments.delivered_at'],
      ['refund_without_receipt', 1, 'ok'],
      ['condition_mismatch', null, 'needs returns.condition'],
      ['refunds_exceed_purchases', null, 'needs order_lines.customer_id'],
      ['shared_address_payment', null, 'needs address column'],
    ]);
  });
});
