import { describe, expect, it } from 'vitest';
import { comparisonPeriods, kpiDelta } from '../../src/app/view/kpi-compare';

const DATA = { first: '2024-01-01', last: '2024-12-31' };

describe('KPI change vs the previous period', () => {
  it('without a range: the last 90 days of data vs the 90 before, and says so', () => {
    const c = comparisonPeriods({}, DATA, 30)!;
    expect(c.current).toEqual({ date_from: '2024-10-03', date_to: '2024-12-31' });
    expect(c.previous).toEqual({ date_from: '2024-07-05', date_to: '2024-10-02' });
    expect(c.note).toMatch(/last 90 days of data/);
    expect(c.maturing).toBe(true);
    expect(c.note).toMatch(/return window/);
  });

  it('with a range: the cards themselves vs the same number of days before', () => {
    const c = comparisonPeriods({ date_from: '2024-06-01', date_to: '2024-06-30' }, DATA, 30)!;
    expect(c.current).toBeNull();
    expect(c.previous).toEqual({ date_from: '2024-05-02', date_to: '2024-05-31' });
    expect(c.maturing).toBe(false);
    expect(c.note).toMatch(/30 days before/);
  });

  it('clips an open or overlong range to the data', () => {
    expect(comparisonPeriods({ date_from: '2024-12-01' }, DATA, 30)!.previous).toEqual({ date_from: '2024-10-31', date_to: '2024-11-30' });
    expect(comparisonPeriods({ date_from: '2024-12-01', date_to: '2026-01-01' }, DATA, 30)!.previous).toEqual({
      date_from: '2024-10-31',
      date_to: '2024-11-30',
    });
    expect(comparisonPeriods({ date_to: '2024-01-10' }, DATA, 30)!.previous).toBeNull();
  });

  it('has no previous period before the data starts, and nothing for a range outside it', () => {
    const c = comparisonPeriods({ date_from: '2024-01-01', date_to: '2024-03-31' }, DATA, 30)!;
    expect(c.previous).toBeNull();
    expect(c.note).toMatch(/no orders before/);
    expect(comparisonPeriods({ date_from: '2030-01-01' }, DATA, 30)).toBeNull();
    expect(comparisonPeriods({}, { first: '', last: '' }, 30)).toBeNull();
  });

  it('counts: relative change; rising orders is good, rising refunds is not', () => {
    expect(kpiDelta('count', 110, 100, true, 'en')).toMatchObject({ direction: 'up', text: '10.0%', good: true });
    expect(kpiDelta('money', 90, 100, false, 'en')).toMatchObject({ direction: 'down', text: '10.0%', good: true });
    expect(kpiDelta('money', 120, 100, false, 'en')).toMatchObject({ direction: 'up', good: false });
    expect(kpiDelta('count', 5, 0, true, 'en')).toBeNull(); // nothing to divide by
    expect(kpiDelta('count', 100.04, 100, true, 'en')).toMatchObject({ direction: 'flat', good: null });
  });

  it('rates: percentage points', () => {
    expect(kpiDelta('rate', 0.25, 0.2, false, 'en')).toMatchObject({ direction: 'up', text: '5.0 pp', good: false });
    expect(kpiDelta('rate', 0.181, 0.2, false, 'en')).toMatchObject({ direction: 'down', text: '1.9 pp', good: true });
    expect(kpiDelta('rate', 0.2004, 0.2, false, 'en')).toMatchObject({ direction: 'flat', text: '0.0 pp' });
  });

  it('days: difference in days; missing values give no change', () => {
    expect(kpiDelta('days', 5.5, 4, false, 'en')).toMatchObject({ direction: 'up', text: '1.5 days', good: false });
    expect(kpiDelta('days', 3, 4, false, 'en')).toMatchObject({ direction: 'down', text: '1.0 day', good: true });
    expect(kpiDelta('days', null, 4, false)).toBeNull();
    expect(kpiDelta('rate', 0.2, undefined, false)).toBeNull();
  });
});
