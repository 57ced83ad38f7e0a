import { describe, expect, it } from 'vitest';
import { bindNamed } from '../../src/runner/bind-params';
import type { ModelParams } from '../../src/runner/runner';
import { demoForThisFile } from '../helpers/demo';

/**
 * Bracketing reads its lines from bracket_lines (schema/derive.sql: the (order, product group)
 * pairs with two SKUs or more in orders with an accepted return, found once per load) instead of
 * every order line. Its signals must be those of the rule as written (schema/abuse_rules.sql,
 * rule 1), worked out here from all the order lines, under many filter states and thresholds.
 */
// Rule 1 on every order line: the pairs with a return in the selection, judged on all their
// lines; a line is returned when an accepted return is matched to it.
const REFERENCE = `
WITH scope AS (
  SELECT DISTINCT r.order_id, p.product_group
  FROM filtered_returns($date_from, $date_to, $channel, $region, $category, $supplier, $carrier, $sku, $reason) r
  JOIN products p ON p.sku = r.sku
  WHERE r.line_matched AND p.product_group IS NOT NULL
), lines AS (
  SELECT l.order_id, l.line_id, l.product_group, l.sku FROM lines_enriched l JOIN scope s USING (order_id, product_group)
), returned AS (
  SELECT DISTINCT order_id, line_id FROM returns_enriched WHERE resolution IS DISTINCT FROM 'rejected'
), groups AS (
  SELECT order_id, product_group, count(DISTINCT sku) AS variants, count(*) FILTER (WHERE r.line_id IS NULL) AS kept
  FROM lines l LEFT JOIN returned r USING (order_id, line_id)
  GROUP BY order_id, product_group
)
SELECT 'bracketing|' || order_id || '|' || product_group AS signal_id
FROM groups WHERE variants >= greatest(2, $bracketing_min_variants) AND kept = 1
ORDER BY 1`;

const STATES: ModelParams[] = [
  {},
  { channel: 'web' },
  { region: ['DE', 'FR'] },
  { category: 'apparel' },
  { supplier: 'Acme Textiles' },
  { carrier: 'ParcelOne' },
  { date_from: '2024-03-01', date_to: '2024-08-31' },
  { reason: 'too_small' },
  { bracketing_min_variants: 3 },
  { category: 'apparel', bracketing_min_variants: 3 },
];

const demo = demoForThisFile();

// The reference bound with the values abuse_signals gets for the same state (the runner's own
// parameter resolution: lists, defaults), so both read the same selection.
async function reference(state: ModelParams): Promise<string[]> {
  const { sql, params } = bindNamed(REFERENCE, demo().resolveParams('abuse_signals', { ...state, rule: 'bracketing' }));
  const rows = await demo().engine.query(sql, params);
  return rows.map((r) => String(r.signal_id));
}

describe('bracketing from the lines found once per load', () => {
  it('finds the signals the rule finds on all the order lines, state after state', async () => {
    let total = 0;
    for (const state of STATES) {
      const got = (await demo().run('abuse_signals', { ...state, rule: 'bracketing' })).rows.map((r) => String(r.signal_id)).sort();
      const want = await reference(state);
      expect(got, JSON.stringify(state)).toEqual(want);
      total += want.length;
    }
    expect(total).toBeGreaterThan(0); // the demo data has bracketing orders: the comparison is not of empty lists
  });
});
