import { describe, expect, it } from 'vitest';
import { formatBound, formatParamType, viewKeyFor, viewParamsFor } from '../../src/app/panels/sql/bound-params';
import type { Engine } from '../../src/engine/types';
import { readQuerySources } from '../../src/runner/query-files-node';
import { LIST_SEPARATOR, Runner } from '../../src/runner/runner';

// Headers are parsed and parameters resolved without touching the engine.
const runner = new Runner({} as Engine, readQuerySources());

describe('SQL view: parameters bound for the current view', () => {
  it('takes page parameters under their view names, and the filters only for @filters models', () => {
    const filters = { channel: ['web'], date_from: '2025-01-01' };
    expect(viewKeyFor('cost_of_returns', 'dim')).toBe('cost_dim');
    expect(viewKeyFor('policy_impact', 'change_date')).toBe('change_date');
    const cost = viewParamsFor(runner, runner.header('cost_of_returns'), { cost_dim: 'supplier', rate_dim: 'category' }, filters);
    expect(cost).toEqual({ channel: ['web'], date_from: '2025-01-01', dim: 'supplier' });
    expect(runner.resolveParams('cost_of_returns', cost)).toMatchObject({ dim: 'supplier', channel: 'web', date_from: '2025-01-01', region: null });
    expect(viewParamsFor(runner, runner.header('data_quality'), { cost_dim: 'supplier' }, filters)).toEqual({});
  });

  it('leaves out a page value the model would refuse, so its default shows', () => {
    const p = viewParamsFor(runner, runner.header('policy_impact'), { change_date: 'soon', window_days: '21', paid_returns: 'true' }, {});
    expect(p).toEqual({ window_days: '21', paid_returns: 'true' });
    expect(runner.resolveParams('policy_impact', p)).toMatchObject({ change_date: null, window_days: 21, paid_returns: true, restocking_fee_pct: 0 });
    expect(viewParamsFor(runner, runner.header('cost_of_returns'), { cost_dim: 'bogus' }, {})).toEqual({});
  });

  it('shows bound values as text: lists split back, NULL spelled out', () => {
    expect(formatBound(['web', 'app'].join(LIST_SEPARATOR))).toBe('web, app');
    expect(formatBound(null)).toBe('NULL');
    expect(formatBound(21)).toBe('21');
    expect(formatBound(false)).toBe('false');
    expect(formatParamType({ kind: 'enum', values: ['a', 'b'] })).toBe('enum(a | b)');
    expect(formatParamType({ kind: 'date' })).toBe('date');
  });
});
