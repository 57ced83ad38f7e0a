import { describe, expect, it } from 'vitest';
import {
  asSelectDim,
  costDrillWhere,
  isKnownValue,
  readCostDim,
  readShowAll,
  stackGeometry,
  withCostDim,
  withShowAll,
} from '../../src/app/panels/cost/cost-params';

describe('cost page parameters', () => {
  it('reads the dimension from view.params, falling back to reason for anything invalid', () => {
    expect(readCostDim({})).toBe('reason');
    expect(readCostDim({ cost_dim: 'supplier' })).toBe('supplier');
    expect(readCostDim({ cost_dim: 'month' })).toBe('month');
    expect(readCostDim({ cost_dim: 'bogus' })).toBe('reason');
  });

  it('writes the dimension without its default and restarts the row count', () => {
    expect(withCostDim({ grain: 'week', cost_rows: 'all' }, 'carrier')).toEqual({ grain: 'week', cost_dim: 'carrier' });
    expect(withCostDim({ cost_dim: 'carrier' }, 'reason')).toEqual({});
    expect(readShowAll(withShowAll({}, true))).toBe(true);
    expect(withShowAll({ cost_rows: 'all', x: '1' }, false)).toEqual({ x: '1' });
  });

  it('selects only the dimensions that are global filters, and never (unknown)', () => {
    expect(asSelectDim('supplier')).toBe('supplier');
    expect(asSelectDim('reason')).toBe('reason');
    expect(asSelectDim('fault')).toBeNull();
    expect(asSelectDim('disposition')).toBeNull();
    expect(asSelectDim('month')).toBeNull();
    expect(isKnownValue('(unknown)')).toBe(false);
    expect(isKnownValue('')).toBe(false);
    expect(isKnownValue('DHL')).toBe(true);
  });

  it('drills to the accepted returns of a value; a month becomes its order dates inside the view range', () => {
    expect(costDrillWhere('fault', 'supplier', {})).toEqual({ fault: 'supplier', accepted_only: 'true' });
    expect(costDrillWhere('month', '2024-02', {})).toEqual({ date_from: '2024-02-01', date_to: '2024-02-29', accepted_only: 'true' });
    expect(costDrillWhere('month', '2025-12', { date_from: '2025-12-10', date_to: '2026-01-31' })).toEqual({
      date_from: '2025-12-10',
      date_to: '2025-12-31',
      accepted_only: 'true',
    });
    expect(costDrillWhere('month', '(unknown)', {})).toBeNull();
  });

  it('stacks the cost parts left to right on the shared scale, clipped at its end', () => {
    const row = { refund_amount: 50, label_cost: 10, handling_cost: 20, inspection_cost: null };
    expect(stackGeometry(row, 100)).toEqual([
      { key: 'refund_amount', left: 0, width: 50 },
      { key: 'label_cost', left: 50, width: 10 },
      { key: 'handling_cost', left: 60, width: 20 },
      { key: 'inspection_cost', left: 80, width: 0 },
    ]);
    expect(stackGeometry({ refund_amount: 150, label_cost: 10 }, 100).slice(0, 2)).toEqual([
      { key: 'refund_amount', left: 0, width: 100 },
      { key: 'label_cost', left: 100, width: 0 },
    ]);
    expect(stackGeometry(row, 0)).toEqual([]);
  });
});
