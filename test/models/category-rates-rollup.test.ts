import { describe, expect, it } from 'vitest';
import { bindNamed } from '../../src/runner/bind-params';
import type { ModelParams } from '../../src/runner/runner';
import { demoForThisFile } from '../helpers/demo';

/**
 * return_rate_by by SKU rolls its category baselines up from its own SKU rows when those are
 * every SKU of each category (no supplier or SKU filter, not per supplier), instead of reading
 * the lines and returns again through category_rates_by (schema/filters.sql). Every row's
 * baseline must be category_rates_by's rate for its category, under many filter states, with
 * and without `by`; and in the states where the model still reads category_rates_by.
 */
const REFERENCE = `
SELECT by_value, category, rate
FROM category_rates_by(CASE WHEN $by = 'supplier' THEN NULL ELSE $by END, $date_from, $date_to, $channel, $region,
                       $category, $carrier, $reason)`;

const STATES: ModelParams[] = [
  {},
  { channel: 'web' },
  { region: ['DE', 'FR'] },
  { category: 'apparel' },
  { category: ['apparel', 'shoes'] },
  { carrier: 'ParcelOne' },
  { date_from: '2024-03-01', date_to: '2024-08-31' },
  { reason: 'too_small' },
  { reason: 'too_small', region: 'FR' },
  { by: 'region' },
  { by: 'category', channel: 'app' },
  { by: 'carrier', reason: 'defective' },
  // the model reads category_rates_by in these
  { by: 'supplier' },
  { supplier: 'Acme Textiles' },
  { sku: 'APP-0001' },
];

const demo = demoForThisFile();

async function reference(state: ModelParams): Promise<Map<string, number>> {
  const { sql, params } = bindNamed(REFERENCE, demo().resolveParams('return_rate_by', { ...state, dim: 'sku' }));
  const rows = await demo().engine.query(sql, params);
  return new Map(rows.map((r) => [`${String(r.by_value)}|${String(r.category)}`, Number(r.rate)]));
}

describe('category baselines rolled up from the SKU rows', () => {
  it('equal category_rates_by for every row, state after state', async () => {
    const resume = demo().pauseAnswerReuse();
    let compared = 0;
    try {
      for (const state of STATES) {
        const rows = (await demo().run('return_rate_by', { ...state, dim: 'sku' })).rows;
        const want = await reference(state);
        expect(rows.length, `${JSON.stringify(state)}: rows to compare`).toBeGreaterThan(0);
        const byValue = (v: unknown) => (state.by === 'supplier' ? '' : String(v ?? ''));
        for (const row of rows) {
          const rate = want.get(`${byValue(row.by_value)}|${String(row.category)}`);
          const what = `${JSON.stringify(state)} ${String(row.dim_value)}`;
          if (row.units_sold === 0 || rate === undefined) {
            // no sales of the SKU, or a category with none: no baseline either way
            if (rate === undefined) expect(row.baseline_rate, what).toBeNull();
            continue;
          }
          expect(Number(row.baseline_rate), what).toBeCloseTo(rate, 12);
          compared++;
        }
      }
    } finally {
      resume();
    }
    expect(compared).toBeGreaterThan(1000); // every demo SKU, state after state
  });
});
