import { describe, expect, it } from 'vitest';
import { formatAssumption } from '../../src/app/format';
import { ruleLabel } from '../../src/app/panels/leakage/rules';
import { signalRuleLabel } from '../../src/app/panels/customers/customer-params';
import { assumptionLabel, humanize, labelFrom } from '../../src/app/labels';

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
});
