import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { readCsvObjects } from './helpers/csv';

/**
 * Missing is not zero, in the CLI: returns exported without refund amounts, label costs,
 * recovery values or unit costs. Regression: refunds read 0 (an empty column summed to 0)
 * and the value of what was returned was written nowhere.
 *
 * Hand-worked: gross sales 2×10 + 1×30 + 4×5 = 70; accepted returns R1 (O1/L1, 1 × 10) and
 * R2 (O2/L1, 3 × 5); R3 rejected. Returned value 10 + 15 = 25, value return rate 25 / 70.
 */
describe('returns-insight analyze: figures the data does not have', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-cli-missing-'));
  const data = path.join(tmp, 'data');
  const out = path.join(tmp, 'out');
  const logs: string[] = [];
  let summary: { not_in_data: { file: string; figure: string; columns: string[]; reason: string }[]; models: { file: string; not_in_data: Record<string, string[]> }[] };

  beforeAll(async () => {
    mkdirSync(data);
    writeFileSync(
      path.join(data, 'order_lines.csv'),
      ['order_id,line_id,order_date,sku,quantity,unit_price,currency', 'O1,L1,2024-01-10,A,2,10,EUR', 'O1,L2,2024-01-10,B,1,30,EUR', 'O2,L1,2024-02-05,C,4,5,EUR', ''].join('\n'),
    );
    writeFileSync(path.join(data, 'products.csv'), ['sku,category,supplier', 'A,cat1,sup1', 'B,cat2,sup2', 'C,cat2,sup1', ''].join('\n'));
    writeFileSync(
      path.join(data, 'returns.csv'),
      [
        'return_id,order_id,line_id,sku,quantity,reason,requested_at,resolution,disposition',
        'R1,O1,L1,A,1,defective,2024-01-15,refund,restock',
        'R2,O2,L1,C,3,changed_mind,2024-02-10,refund,liquidate',
        'R3,O2,L1,C,1,changed_mind,2024-02-11,rejected,',
        '',
      ].join('\n'),
    );
    const spy = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void logs.push(String(s)));
    try {
      expect(await main(['analyze', data, '--out', out])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  }, 240_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('leaves the refund cell empty and writes the returned value worked out by hand', () => {
    const [k] = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
    expect(k!.refund_amount).toBe('');
    expect(Number(k!.gross_sales)).toBeCloseTo(70, 10);
    expect(Number(k!.returned_value)).toBeCloseTo(25, 10);
    expect(Number(k!.value_return_rate)).toBeCloseTo(25 / 70, 10);
    const [cost] = readCsvObjects(readFileSync(path.join(out, 'cost_of_returns.all.csv'), 'utf8'));
    expect([cost!.refund_amount, cost!.label_cost, cost!.lost_margin, cost!.recovery_value]).toEqual(['', '', '', '']);
    expect(cost!.not_in_data).toBe('refund_amount, label_cost, recovery_value');
  });

  it('leaves the policy, leakage and abuse amounts empty, not 0 (regression: they read 0 without refund amounts)', () => {
    const read = (file: string) => readCsvObjects(readFileSync(path.join(out, file), 'utf8'));
    const policy = Object.fromEntries(read('policy_impact.csv').filter((r) => r.section === 'what_if').map((r) => [r.metric, r]));
    // R1 and R2 were requested 5 days after their orders (no deliveries): none outside 30 days, a
    // real 0; every money figure of the what-if needs refunds or labels the data does not have.
    expect(policy.returns_outside_window!.value).toBe('0');
    for (const m of ['refunds_saved_by_window', 'restocking_fee_revenue', 'label_costs_shifted', 'total_saved']) expect(policy[m]!.value, m).toBe('');
    const leakage = Object.fromEntries(read('leakage.csv').map((r) => [r.rule, r]));
    expect(leakage.outside_window).toMatchObject({ status: 'ok', cases: '0', amount: '' });
    // priced from unit prices, which the data has: O2/L1 sold 4, 3 accepted back
    expect(leakage.quantity_above_ordered).toMatchObject({ status: 'ok', cases: '0', amount: '0' });
    expect(leakage.refund_above_price).toMatchObject({ status: 'needs returns.refund_amount', cases: '', amount: '' });
    const abuse = read('abuse_signal_summary.csv');
    expect(abuse.map((r) => r.amount)).toEqual(['', '', '', '', '', '']);
    const figures = (file: string) => summary.not_in_data.filter((f) => f.file === file).map((f) => f.figure);
    expect(figures('policy_impact.csv')).toEqual([
      'before[metric=refund_per_order]', 'after[metric=refund_per_order]', 'delta[metric=refund_per_order]',
      'before[metric=net_cost_per_order]', 'after[metric=net_cost_per_order]', 'delta[metric=net_cost_per_order]',
      'value[metric=refunds_saved_by_window]', 'value[metric=restocking_fee_revenue]', 'value[metric=label_costs_shifted]',
      'value[metric=total_saved]',
    ]);
    const why = summary.not_in_data.find((f) => f.file === 'leakage.csv' && f.figure === 'amount[rule=outside_window]');
    expect(why).toEqual({
      file: 'leakage.csv',
      figure: 'amount[rule=outside_window]',
      columns: ['returns.refund_amount'],
      reason: 'not in the data: the loaded data has no values in returns.refund_amount (the cells are empty)',
    });
    expect(figures('abuse_signals.csv')).toEqual(['amount']);
    expect(figures('abuse_signal_summary.csv')).toContain('amount[rule=condition_mismatch]');
  });

  it('lists in summary.json which figures are missing and why', () => {
    const kpis = summary.not_in_data.filter((f) => f.file === 'kpis.csv');
    expect(kpis).toEqual([
      {
        file: 'kpis.csv',
        figure: 'refund_amount',
        columns: ['returns.refund_amount'],
        reason: 'not in the data: the loaded data has no values in returns.refund_amount (the cells are empty)',
      },
    ]);
    const cost = summary.not_in_data.filter((f) => f.file === 'cost_of_returns.all.csv').map((f) => f.figure);
    expect(cost).toEqual(['refund_amount', 'label_cost', 'lost_margin', 'recovery_value', 'recovery_estimated_share']);
    expect(summary.models.find((m) => m.file === 'kpis.csv')!.not_in_data).toEqual({ refund_amount: ['returns.refund_amount'] });
    expect(logs.some((l) => l.includes('kpis.csv: 1 rows (not in the data: refund_amount)'))).toBe(true);
  });
});
