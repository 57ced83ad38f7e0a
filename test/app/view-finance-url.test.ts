import { describe, expect, it } from 'vitest';
import { relativeChange } from '../../src/app/panels/cost/cost-change';
import { basisParams, comparison, periodText } from '../../src/app/view/date-basis';
import { DEFAULT_VIEW, parseView, patchView, serializeView } from '../../src/app/view/view-url';

describe('the date basis, comparison and finance pack in the URL', () => {
  it('round-trips basis=refund, cmp and pack, after the other parts and before the data set', () => {
    const search = '?page=cost&preset=last_quarter&basis=refund&cmp=yoy&pack=finance';
    const view = parseView(search);
    expect(view).toMatchObject({ page: 'cost', datePreset: 'last_quarter', basis: 'refund', compare: 'yoy', pack: 'finance' });
    expect(serializeView(view)).toBe(search);
  });

  it('omits the defaults and ignores invalid values', () => {
    expect(serializeView({ ...DEFAULT_VIEW, page: 'cost' })).toBe('?page=cost');
    const bad = parseView('?page=cost&basis=order&cmp=lastweek&pack=all');
    expect(bad.basis).toBeUndefined();
    expect(bad.compare).toBeUndefined();
    expect(bad.pack).toBeUndefined();
    expect(serializeView(bad)).toBe('?page=cost');
  });

  it('a new basis sends an open drill back to its first page (its rows change)', () => {
    const view = { ...DEFAULT_VIEW, drill: { kind: 'returns' as const, where: {}, title: 'x', page: 3 } };
    expect(patchView(view, { basis: 'refund' }).drill?.page).toBeUndefined();
    expect(patchView(view, { compare: 'prev' }).drill?.page).toBe(3);
  });

  it('the basis is a model parameter only when it is not the default', () => {
    expect(basisParams({})).toEqual({});
    expect(basisParams({ basis: 'refund' })).toEqual({ basis: 'refund' });
  });

  it('compares the effective dates of the view, and nothing without a range', () => {
    const q2 = { date_from: '2025-04-01', date_to: '2025-06-30', channel: ['web'] };
    expect(comparison({ compare: 'prev' }, q2)).toEqual({
      label: 'Previous period',
      range: { date_from: '2025-01-01', date_to: '2025-03-31' },
      params: { date_from: '2025-01-01', date_to: '2025-03-31', channel: ['web'] },
    });
    expect(comparison({ compare: 'yoy' }, q2)?.range).toEqual({ date_from: '2024-04-01', date_to: '2024-06-30' });
    expect(comparison({}, q2)).toBeNull();
    expect(comparison({ compare: 'prev' }, { channel: ['web'] })).toBeNull();
  });

  it('states the period in words', () => {
    expect(periodText({})).toBe('all dates');
    expect(periodText({ date_from: '2025-04-01', date_to: '2025-06-30' }, 'last_quarter')).toMatch(/2025 – .*2025 \(Last complete quarter of data\)$/);
  });

  it('relative change: as kpi_change gives it for money, none from 0 or from a missing side', () => {
    expect(relativeChange(120, 100)).toBeCloseTo(0.2, 12);
    expect(relativeChange(80, 100)).toBeCloseTo(-0.2, 12);
    expect(relativeChange(5, -10)).toBeCloseTo(1.5, 12);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 10)).toBeNull();
  });
});
