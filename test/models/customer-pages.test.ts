import { describe, expect, it } from 'vitest';
import type { ModelParams } from '../../src/runner/runner';
import { demoForThisFile } from '../helpers/demo';

/**
 * customer_returns ranks every customer and keeps one page, then looks up the product each
 * customer of that page returns most. On the demo data, every page asked for must be exactly
 * that slice of the whole ranked list, top products and total_rows included, for each sort,
 * both directions, a segment and a filter.
 */
const demo = demoForThisFile();

const VIEWS: ModelParams[] = [
  {},
  { sort: 'refund_amount' },
  { sort: 'customer_id', desc: false },
  { sort: 'last_order', desc: false },
  { sort: 'units_returned', category: ['apparel'] },
  { min_orders: 2, segment: 'regular', sort: 'net_revenue', desc: false },
  { channel: ['web'], date_from: '2024-03-01', date_to: '2024-12-31' },
];
const PAGE = 25;

describe('customer_returns pages', () => {
  it.each(VIEWS.map((v) => [JSON.stringify(v), v] as const))('%s: each page is the whole list sliced', async (_name, view) => {
    const runner = demo();
    const all = (await runner.run('customer_returns', view)).rows;
    // the demo has customers with returns on the first pages and without on the last
    expect(all.length).toBeGreaterThan(2 * PAGE);
    expect(all.some((r) => r.top_product !== null)).toBe(true);
    const last = Math.floor((all.length - 1) / PAGE) * PAGE;
    for (const offset of [0, PAGE, last]) {
      const page = (await runner.run('customer_returns', { ...view, limit: PAGE, offset })).rows;
      expect(page).toEqual(all.slice(offset, offset + PAGE));
    }
  });
});
