import { describe, expect, it } from 'vitest';
import { formatAssumption } from '../../src/app/format';
import { ruleLabel } from '../../src/app/panels/leakage/rules';
import { signalRuleLabel } from '../../src/app/panels/customers/customer-params';
import { assumptionLabel, columnLabel, humanize, inWords, labelFrom, stageLabel, tableLabel } from '../../src/app/labels';
import { setDisplayLocale } from '../../src/app/format';

describe('labels', () => {
  it('names codes and assumptions for people, one name per assumption everywhere', () => {
    expect(humanize('size_too_small')).toBe('Size too small');
    expect(humanize('(unknown)')).toBe('(unknown)');
    expect(humanize(null)).toBe('(unknown)');
    expect(assumptionLabel('recovery_rate_return_to_vendor')).toBe('Credited when returned to vendor');
    expect(assumptionLabel('sla_days_request_refund')).toBe('SLA: request → refund');
    expect(assumptionLabel('new_assumption_key')).toBe('New assumption key');
  });

  it('names rules from their tables, and humanizes a code they do not know', () => {
    expect(labelFrom({ a_b: 'Named' }, 'a_b')).toBe('Named');
    expect(labelFrom({ a_b: 'Named' }, 'c_d')).toBe('C d');
    expect(labelFrom({}, 'constructor')).toBe('Constructor'); // not Object.prototype's
    expect(ruleLabel('outside_window')).toBe('Accepted outside the return window');
    expect(ruleLabel('new_rule')).toBe('New rule');
    expect(signalRuleLabel('bracketing')).toMatch(/^Bracketing/);
    expect(signalRuleLabel('shared_address_payment')).toBe('Many customer ids, one address or payment');
    expect(signalRuleLabel('new_signal')).toBe('New signal');
  });

  it('formats an assumption in its unit', () => {
    expect(formatAssumption(4.5, 'money', 'EUR', 'en-US')).toBe('€4.50');
    expect(formatAssumption(12.25, '%', null, 'en-US')).toBe('12.25%');
    expect(formatAssumption('x', '%', null, 'en-US')).toBe('—');
    expect(formatAssumption(30, 'days', null, 'en-US')).toBe('30 days');
    expect(formatAssumption(0.95, 'share of unit cost', null, 'en-US')).toBe('95% of unit cost');
    expect(formatAssumption(7, undefined, null, 'en-US')).toBe('7');
  });

  it('puts a model\'s sentence in words: no raw codes, columns by name, days in the one date format (issue 16, item 12)', () => {
    try {
      setDisplayLocale('en-GB');
      // the Policy page's notes, as policy_impact.sql writes them
      expect(inWords('paid_returns is off: the merchant keeps paying the labels')).toBe('customers paying return labels is off: the merchant keeps paying the labels');
      expect(inWords('what-if return window in days: window_days (assumption return_window_days is 30)')).toBe(
        'what-if return window in days: the what-if return window (assumption return window is 30)',
      );
      // stage_times / leakage needs, signal facts
      expect(inWords('needs returns.approved_at, returns.received_at')).toBe('needs approval date, date received at the warehouse');
      expect(inWords('conditions empty_box / wrong_item on 2024-03-20')).toBe('conditions empty box / wrong item on 20 Mar 2024');
      expect(inWords('refund_above_price')).toBe('refund above the price paid');
      expect(inWords(null)).toBe('');
    } finally {
      setDisplayLocale(null);
    }
    expect(columnLabel('requested_at')).toBe('request date');
    expect(columnLabel('some_new_column')).toBe('some new column');
    expect(tableLabel('order_lines')).toBe('Order lines');
    expect(stageLabel('request_to_approve')).toBe('Request → approval');
    expect(stageLabel('new_stage')).toBe('New stage');
  });
});
