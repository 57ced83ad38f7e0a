import { describe, expect, it } from 'vitest';
import { columnValueLabel, resolutionLabel } from '../../src/app/labels';

// The drill-down listed raw codes ('store_credit', 'return_to_vendor', 'not_as_described',
// 'refund_above_price') to merchants: columnValueLabel is the one place a listed value becomes words.
describe('columnValueLabel', () => {
  it('names the codes of code columns', () => {
    expect(columnValueLabel('resolution', 'store_credit')).toBe('Store credit');
    expect(resolutionLabel('exchange')).toBe('Exchange');
    expect(columnValueLabel('disposition', 'return_to_vendor')).toBe('Sent back to supplier');
    expect(columnValueLabel('reason', 'not_as_described')).toBe('Not as described');
    expect(columnValueLabel('condition', 'empty_box')).toBe('Empty box');
    expect(columnValueLabel('rule', 'refund_above_price')).toBe('Refund above the price paid');
    expect(columnValueLabel('rule', 'wardrobing')).toMatch(/^Wardrobing-like/);
    expect(columnValueLabel('rule', 'a_new_rule')).toBe('A new rule');
  });

  it('leaves ids, names, numbers and missing values as they are', () => {
    expect(columnValueLabel('sku', 'APP_0001')).toBe('APP_0001');
    expect(columnValueLabel('customer_comment', 'too_small really')).toBe('too_small really');
    expect(columnValueLabel('refund_amount', 12.5)).toBe(12.5);
    expect(columnValueLabel('resolution', null)).toBe(null);
    expect(columnValueLabel('disposition', '')).toBe('');
  });
});
