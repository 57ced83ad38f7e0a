import { describe, expect, it } from 'vitest';
import { MATCH_NOTHING, isSelected, paramsFor, toggleSelection } from '../../src/app/view/crossfilter';

describe('cross-filtering', () => {
  const filters = { date_from: '2025-01-01', channel: ['web'] };

  it('adds the selection as a filter on its dimension', () => {
    expect(paramsFor(filters, { dim: 'sku', value: 'A-1' })).toEqual({ date_from: '2025-01-01', channel: ['web'], sku: ['A-1'] });
    expect(paramsFor(filters, { dim: 'reason', value: 'defective' }, 'sku')).toEqual({
      date_from: '2025-01-01',
      channel: ['web'],
      reason: ['defective'],
    });
  });

  it('leaves the selection out of the panel showing its own dimension', () => {
    expect(paramsFor(filters, { dim: 'sku', value: 'A-1' }, 'sku')).toEqual({ date_from: '2025-01-01', channel: ['web'] });
    // ...but keeps that dimension's global filter there.
    expect(paramsFor({ channel: ['web', 'app'] }, { dim: 'channel', value: 'web' }, 'channel')).toEqual({ channel: ['web', 'app'] });
  });

  it('intersects with a filter already on that dimension', () => {
    expect(paramsFor({ channel: ['web', 'app'] }, { dim: 'channel', value: 'app' })).toEqual({ channel: ['app'] });
    // Outside the filter: nothing passes (an empty list would mean "no filter").
    expect(paramsFor({ channel: ['web', 'app'] }, { dim: 'channel', value: 'store' })).toEqual({ channel: MATCH_NOTHING });
    expect(MATCH_NOTHING).toEqual(['']);
    // An empty filter list is no filter.
    expect(paramsFor({ channel: [] }, { dim: 'channel', value: 'store' })).toEqual({ channel: ['store'] });
  });

  it('without a selection, gives the filters', () => {
    expect(paramsFor(filters, null)).toEqual(filters);
    expect(paramsFor(filters, null, 'sku')).toEqual(filters);
    expect(paramsFor({}, null)).toEqual({});
  });

  it('does not change the filters it is given', () => {
    const f = { sku: ['A', 'B'] };
    paramsFor(f, { dim: 'sku', value: 'A' });
    expect(f).toEqual({ sku: ['A', 'B'] });
  });

  it('toggles: a new value selects, the selected value clears', () => {
    expect(toggleSelection(null, 'sku', 'A')).toEqual({ dim: 'sku', value: 'A' });
    expect(toggleSelection({ dim: 'sku', value: 'A' }, 'sku', 'A')).toBeNull();
    expect(toggleSelection({ dim: 'sku', value: 'A' }, 'sku', 'B')).toEqual({ dim: 'sku', value: 'B' });
    // Same value on another dimension is another selection.
    expect(toggleSelection({ dim: 'sku', value: 'A' }, 'category', 'A')).toEqual({ dim: 'category', value: 'A' });
  });

  it('says which value is highlighted', () => {
    expect(isSelected({ dim: 'sku', value: 'A' }, 'sku', 'A')).toBe(true);
    expect(isSelected({ dim: 'sku', value: 'A' }, 'category', 'A')).toBe(false);
    expect(isSelected(null, 'sku', 'A')).toBe(false);
  });
});
