import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KpiCards } from '../../src/app/components/KpiCards';
import { formatFigure, formatMoney, formatPercent, MISSING, NOT_IN_DATA } from '../../src/app/format';

/**
 * Missing is not zero on the page. Regression: with no refund amounts in the data, the
 * Overview's "Refunded" card read "$0" (the model summed an empty column to 0).
 */
describe('not in the data', () => {
  it('formatFigure: NULL with its inputs absent reads "not in the data"; otherwise the figure or the dash', () => {
    const money = (v: unknown) => formatMoney(v, 'USD', 'en-US', true);
    expect(formatFigure(null, true, money)).toBe(NOT_IN_DATA);
    expect(formatFigure(undefined, true, money)).toBe('not in the data');
    // a value the data does have is shown as it is, 0 included
    expect(formatFigure(0, true, money)).toBe('$0.00');
    expect(formatFigure(12.5, false, money)).toBe('$12.50');
    // NULL for another reason (nothing to compute) keeps the dash
    expect(formatFigure(null, false, (v) => formatPercent(v, 'en-US'))).toBe(MISSING);
  });

  it('the KPI cards say "not in the data" for the refunds and show the returned value', () => {
    const row = {
      orders: 3, units_sold: 8, gross_sales: 80, returns: 4, units_returned: 6, refund_amount: null, returned_value: 45,
      order_return_rate: 2 / 3, unit_return_rate: 0.75, value_return_rate: 45 / 80, median_days_to_refund: 4, currency: 'USD',
    };
    const html = renderToStaticMarkup(
      createElement(KpiCards, {
        state: { status: 'ok', rows: [row], stale: false },
        notInData: { refund_amount: ['returns.refund_amount'] },
      }),
    );
    // one card's markup: from its test id to the next card's
    const card = (key: string) => html.split(`data-testid="kpi-${key}"`)[1]?.split('data-testid="kpi-')[0] ?? '';
    expect(card('refund_amount')).toContain('not in the data');
    expect(card('refund_amount')).toContain('no values in returns.refund_amount');
    expect(card('refund_amount')).not.toMatch(/\$0/);
    expect(card('returned_value')).toContain('Returned value');
    expect(card('returned_value')).toContain('$45');
  });

  it('the cards chosen by keys only, in the catalogue order (the Cost page: returned value, refunded)', () => {
    const html = renderToStaticMarkup(
      createElement(KpiCards, {
        state: { status: 'ok', rows: [{ orders: 1, returned_value: 10, refund_amount: 0, currency: 'EUR' }], stale: false },
        keys: ['refund_amount', 'returned_value'],
      }),
    );
    const keys = [...html.matchAll(/data-testid="kpi-(\w+)"/g)].map((m) => m[1]).filter((k) => k !== 'cards');
    expect(keys).toEqual(['returned_value', 'refund_amount']);
    // a refund column with values: a known 0 is shown as 0
    expect(html).toContain('€0');
  });
});
