import { setMoneyCents } from '../../src/app/format';
import { describe, expect, it } from 'vitest';
import {
  assumptionRowLabel,
  deltaTone,
  formatAssumptionRow,
  formatDelta,
  middleDate,
  policyModelParams,
  readPolicy,
  splitPolicyRows,
  withPolicyParam,
} from '../../src/app/panels/policy/policy-params';
import { caseNoun, exampleIds, neededColumns, ruleLabel } from '../../src/app/panels/leakage/rules';

describe('policy inputs in the URL', () => {
  it('reads valid inputs and ignores invalid ones (the model default applies)', () => {
    expect(readPolicy({})).toEqual({ change_date: null, window_days: null, restocking_fee_pct: null, paid_returns: false });
    expect(readPolicy({ change_date: '2025-01-01', window_days: '14', restocking_fee_pct: '12.5', paid_returns: 'true' })).toEqual({
      change_date: '2025-01-01', window_days: 14, restocking_fee_pct: 12.5, paid_returns: true,
    });
    expect(readPolicy({ change_date: '2025-13-45', window_days: '-3', restocking_fee_pct: '150', paid_returns: 'yes' })).toEqual({
      change_date: null, window_days: null, restocking_fee_pct: null, paid_returns: false,
    });
  });

  it('passes only the set inputs to policy_impact', () => {
    expect(policyModelParams(readPolicy({}))).toEqual({});
    expect(policyModelParams(readPolicy({ change_date: '2025-01-01', window_days: '0', restocking_fee_pct: '0', paid_returns: 'true' }))).toEqual({
      change_date: '2025-01-01', window_days: 0, paid_returns: true,
    });
  });

  it('writes one input, omitting empty, default and invalid values', () => {
    const p = { page_other: 'x', window_days: '30' };
    expect(withPolicyParam(p, 'window_days', '14')).toEqual({ page_other: 'x', window_days: '14' });
    expect(withPolicyParam(p, 'window_days', '')).toEqual({ page_other: 'x' });
    expect(withPolicyParam(p, 'restocking_fee_pct', '0')).toEqual(p);
    expect(withPolicyParam(p, 'restocking_fee_pct', '7.5')).toEqual({ ...p, restocking_fee_pct: '7.5' });
    expect(withPolicyParam({ paid_returns: 'true' }, 'paid_returns', '')).toEqual({});
    expect(withPolicyParam({}, 'change_date', 'not a date')).toEqual({});
  });

  it('suggests the middle day of the data range', () => {
    expect(middleDate('2024-01-01', '2025-06-30')).toBe('2024-09-30');
    expect(middleDate(new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2025, 0, 3)))).toBe('2025-01-02');
    expect(middleDate('2025-01-01', '2025-01-01')).toBe('2025-01-01');
    expect(middleDate(null, '2025-01-01')).toBeNull();
    expect(middleDate('2025-02-01', '2025-01-01')).toBeNull();
  });
});

describe('before/after deltas', () => {
  it('shows rate changes in percentage points, money and days in their units, with a true minus', () => {
    expect(formatDelta('rate', 0.0123, null, 'en-US')).toBe('+1.2 pp');
    expect(formatDelta('rate', -0.033, null, 'en-US')).toBe('−3.3 pp');
    // the Policy page shows money with cents (src/app/view/display-settings.ts)
    setMoneyCents(true);
    expect(formatDelta('money', -2.5, 'EUR', 'en-US')).toBe('−€2.50');
    expect(formatDelta('money', 3, 'USD', 'en-US')).toBe('+$3.00');
    setMoneyCents(false);
    expect(formatDelta('money', -2.5, 'EUR', 'en-US')).toBe('−€3'); // a whole-units page
    expect(formatDelta('days', 1, null, 'en-US')).toBe('+1 day');
    expect(formatDelta('count', 650, null, 'en-US')).toBe('+650');
    expect(formatDelta('count', null, null, 'en-US')).toBe('—');
  });

  it('calls lower rates and costs better, and has no opinion on orders or days', () => {
    expect(deltaTone('unit_return_rate', -0.01)).toBe('better');
    expect(deltaTone('net_cost_per_order', 2)).toBe('worse');
    expect(deltaTone('orders', 100)).toBe('neutral');
    expect(deltaTone('median_days_order_to_request', -1)).toBe('neutral');
    expect(deltaTone('refund_per_order', 0)).toBe('same');
    expect(deltaTone('refund_per_order', null)).toBe('neutral');
  });

  it('groups the long-format rows by section for layout, keeping the model order', () => {
    const rows = [
      { section: 'before_after', metric: 'orders' },
      { section: 'before_after', metric: 'unit_return_rate' },
      { section: 'what_if', metric: 'returns_outside_window' },
      { section: 'what_if', metric: 'total_saved' },
      { section: 'assumption', metric: 'window_days' },
    ];
    const s = splitPolicyRows(rows);
    expect(s.beforeAfter.map((r) => r.metric)).toEqual(['orders', 'unit_return_rate']);
    expect(s.whatIf.map((r) => r.metric)).toEqual(['returns_outside_window']);
    expect(s.total?.metric).toBe('total_saved');
    expect(s.assumptions.map((r) => r.metric)).toEqual(['window_days']);
  });

  it('labels and formats the assumption rows', () => {
    expect(assumptionRowLabel('paid_returns')).toBe('Customers pay return labels');
    expect(assumptionRowLabel('some_new_setting')).toBe('Some new setting');
    // an assumption row is named as the assumption is everywhere else; the what-if fee is not the fee charged today
    expect(assumptionRowLabel('handling_cost_per_return')).toBe('Handling per return');
    expect(assumptionRowLabel('restocking_fee_pct')).toBe('What-if restocking fee');
    expect(formatAssumptionRow('restocking_fee_pct', 12.5, null)).toBe('12.5%');
    expect(formatAssumptionRow('handling_cost_per_return', 4.5, 'EUR')).toMatch(/4\.50/);
    expect(formatAssumptionRow('window_days', 14, null)).toBe('14 days');
    expect(formatAssumptionRow('paid_returns', 1, null)).toBe('yes');
    expect(formatAssumptionRow('recovery_rate_restock', 0.95, null)).toMatch(/^95%/);
    expect(formatAssumptionRow('customer_behaviour', null, null)).toBeNull();
  });
});

describe('leakage rules', () => {
  it('names rules, reads the needs status and example ids', () => {
    expect(ruleLabel('duplicate_refund')).toBe('Order line refunded twice');
    expect(ruleLabel('new_rule')).toBe('New rule');
    expect(neededColumns('ok')).toBeNull();
    expect(neededColumns('needs returns.refunded_at, returns.received_at')).toEqual(['returns.refunded_at', 'returns.received_at']);
    expect(exampleIds('R1,R2')).toEqual(['R1', 'R2']);
    expect(exampleIds(null)).toEqual([]);
    expect(caseNoun('quantity_above_ordered', 2)).toBe('order lines');
    expect(caseNoun('outside_window', 1)).toBe('return');
  });
});
