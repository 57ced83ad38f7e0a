import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDisplayLocale } from '../../src/app/format';
import { DrillTable } from '../../src/app/drill/DrillTable';
import { cellNotInData } from '../../src/runner/model-header';

/**
 * Missing is not zero in the drill-down tables. Regression: the cases of a leakage rule listed
 * without refund amounts showed a dash (or $0) in the amount column, with nothing saying why.
 */
describe('drill cells not in the data', () => {
  // expected cells written for en-US figures (the view's locale)
  beforeAll(() => setDisplayLocale('en-US'));
  afterAll(() => setDisplayLocale(null));

  const figures = { 'amount[rule=outside_window]': ['returns.refund_amount'], label_cost: ['returns.label_cost'] };

  it('cellNotInData names the empty columns of a whole output, or of one rule row of it', () => {
    expect(cellNotInData(figures, 'label_cost', {})).toEqual(['returns.label_cost']);
    expect(cellNotInData(figures, 'amount', { rule: 'outside_window' })).toEqual(['returns.refund_amount']);
    expect(cellNotInData(figures, 'amount', { rule: 'quantity_above_ordered' })).toBeUndefined();
    expect(cellNotInData(figures, 'detail', { rule: 'outside_window' })).toBeUndefined();
  });

  it('shows "not in the data" in those cells only, with the reason on hover; a known 0 stays 0', () => {
    const rows = [
      { rule: 'outside_window', return_id: 'R5', amount: null, label_cost: null },
      { rule: 'quantity_above_ordered', return_id: null, amount: 10, label_cost: null },
      { rule: 'refund_before_receipt', return_id: 'R7', amount: 0, label_cost: null },
    ];
    const columns = ['rule', 'return_id', 'amount', 'label_cost'];
    const html = renderToStaticMarkup(
      createElement(DrillTable, {
        rows, columns, sortable: [], sorting: [], onSortingChange: () => {}, pagination: { pageIndex: 0, pageSize: 50 },
        onPaginationChange: () => {}, pageCount: 1, visibility: {}, onVisibilityChange: () => {}, currency: 'USD',
        notInData: figures,
      }),
    );
    const cells = [...html.matchAll(/<tr class="hover[^>]*>(.*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]),
    );
    expect(cells).toEqual([
      // the rule in words (labels.ts): codes never reach the screen
      ['Accepted outside the return window', 'R5', 'not in the data', 'not in the data'],
      ['More units returned than sold', '—', '$10.00', 'not in the data'],
      ['Refunded before the item arrived', 'R7', '$0.00', 'not in the data'],
    ]);
    expect(html).toContain('title="Not in the data: the loaded data has no values in returns.refund_amount"');
  });
});
