import { describe, expect, it } from 'vitest';
import { parseRate } from '../../src/data-model/currency';
import { DEFAULT_VIEW, parseView, serializeView } from '../../src/app/view/view-url';

describe('currency settings in the URL', () => {
  it('reads the reporting currency and valid rates, drops the rest, and writes them back in one order', () => {
    const v = parseView('?rate.gbp=0.5&cur=usd&rate.EUR=1.1&rate.JPY=-1&rate.CHF=abc&rate.USD=2&rate.US$=1');
    // USD is the reporting currency: its own rate is 1 by definition; JPY, CHF and US$ are not valid
    expect(v.currency).toEqual({ reporting: 'USD', rates: { EUR: 1.1, GBP: 0.5 } });
    expect(serializeView(v)).toBe('?cur=USD&rate.EUR=1.1&rate.GBP=0.5');
  });

  it('leaves a view without settings as it was', () => {
    expect('currency' in parseView('?page=cost')).toBe(false);
    expect(serializeView({ ...DEFAULT_VIEW, currency: { reporting: null, rates: {} } })).toBe('');
  });
});

describe('--rate CODE=rate', () => {
  it('takes a code and a rate above 0', () => {
    expect(parseRate('usd=0.92')).toEqual({ currency: 'USD', rate: 0.92 });
    for (const bad of ['USD', 'USD=', 'USD=0', 'USD=-1', 'USD=x', 'DOLLAR=1', '=1']) expect(parseRate(bad), bad).toHaveProperty('error');
  });
});
