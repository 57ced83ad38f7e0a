import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCEPTED } from '../../src/app/components/charts/drill-where';
import { RATE_DIMS } from '../../src/app/panels/products/products-params';
import { FILTER_PARAMS, parseHeader, type ModelHeader } from '../../src/runner/model-header';

const header = (model: string): ModelHeader =>
  parseHeader(model, readFileSync(path.join(__dirname, '../../queries', `${model}.sql`), 'utf8'));

const accepts = (h: ModelHeader, key: string) => h.params.some((p) => p.name === key) || (h.usesFilters && (FILTER_PARAMS as readonly string[]).includes(key));

const enumValues = (h: ModelHeader, name: string): string[] => {
  const t = h.params.find((p) => p.name === name)?.type;
  return t?.kind === 'enum' ? t.values : [];
};

/**
 * The pages pass these parameters and drill filters; a model renamed under them would show an
 * error panel or a drill that silently widens (DrillDrawer lists ignored keys). Checked against
 * the model headers here, without DuckDB.
 */
describe('model parameters used by the merchandising and operations pages', () => {
  it('return_rate_by offers every dimension of the Products toggle', () => {
    expect(enumValues(header('return_rate_by'), 'dim')).toEqual(expect.arrayContaining([...RATE_DIMS]));
  });

  it('cost_of_returns groups by fault, return_trend by month', () => {
    expect(enumValues(header('cost_of_returns'), 'dim')).toContain('fault');
    expect(enumValues(header('return_trend'), 'grain')).toContain('month');
  });

  it('drill_returns sorts by request date and pages (the SKU comments panel)', () => {
    const h = header('drill_returns');
    expect(enumValues(h, 'sort')).toContain('requested_at');
    for (const k of ['desc', 'limit']) expect(accepts(h, k)).toBe(true);
    for (const c of ['customer_comment', 'reason', 'requested_at', 'return_id']) expect(h.outputs.map((o) => o.name)).toContain(c);
  });

  it('drill_returns takes every drill filter the pages put in `where`', () => {
    const h = header('drill_returns');
    const used = ['sku', 'category', 'supplier', 'carrier', 'region', 'channel', 'reason', 'fault', 'return_carrier', 'pickup_failed', ...Object.keys(ACCEPTED)];
    expect(used.filter((k) => !accepts(h, k))).toEqual([]);
  });

  it('the models the pages read have the columns they draw', () => {
    const cols = (m: string) => header(m).outputs.map((o) => o.name);
    expect(cols('return_rate_by')).toEqual(
      expect.arrayContaining(['dim_value', 'category', 'units_sold', 'units_returned', 'unit_return_rate', 'rate_low', 'rate_high', 'baseline_rate', 'excess_units', 'significant', 'top_reason']),
    );
    expect(cols('supplier_scorecard')).toEqual(
      expect.arrayContaining(['supplier', 'rate_low', 'rate_high', 'defect_rate', 'not_as_described_rate', 'wrong_item_rate', 'excess_defect_units', 'supplier_fault_units']),
    );
    expect(cols('carrier_performance')).toEqual(
      expect.arrayContaining(['carrier', 'late_rate', 'lost', 'lost_rate', 'transit_damage_rate', 'pickup_failure_rate', 'median_return_transit_days', 'return_legs']),
    );
    expect(cols('stage_times')).toEqual(expect.arrayContaining(['stage', 'median_days', 'p90_days', 'sla_days', 'breaches', 'breach_rate', 'open', 'negative', 'note']));
    expect(cols('review_signals')).toEqual(expect.arrayContaining(['sku', 'avg_rating', 'low_rating_share', 'baseline_low_share', 'top_terms', 'complaint_mentions']));
    expect(cols('returns_by_reason')).toEqual(expect.arrayContaining(['reason', 'fault', 'label', 'share_of_units', 'contribution_to_rate']));
  });
});
