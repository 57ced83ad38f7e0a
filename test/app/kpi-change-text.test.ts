import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDisplayLocale } from '../../src/app/format';
import { changeText, comparedWith, comparisonNote, isMaturing, periodCaption } from '../../src/app/components/kpi-change';

// Rows as kpi_change returns them (dates arrive as Dates, see engine/rows.ts).
const day = (d: string) => new Date(`${d}T00:00:00Z`);
const periods = {
  period_days: 90,
  current_from: day('2024-10-03'),
  current_to: day('2024-12-31'),
  previous_from: day('2024-07-05'),
  previous_to: day('2024-10-02'),
};

describe('the text of a KPI change (numbers from kpi_change)', () => {
  // Expected texts written for en-GB dates and figures.
  beforeAll(() => setDisplayLocale('en-GB'));
  afterAll(() => setDisplayLocale(null));

  it('counts and money: the relative change in %; rising orders is good, rising refunds is not', () => {
    expect(changeText('count', 0.1, 100, true, 'en')).toMatchObject({ direction: 'up', text: '10.0%', good: true, description: 'up 10.0% from 100' });
    expect(changeText('money', -0.1, 100, false, 'en', 'EUR')).toMatchObject({ direction: 'down', text: '10.0%', good: true, description: 'down 10.0% from €100' }); // whole units: the page's money
    expect(changeText('money', 0.2, 100, false, 'en')).toMatchObject({ direction: 'up', good: false });
    expect(changeText('count', null, 0, true, 'en')).toBeNull(); // the model has no change from 0
    expect(changeText('count', 0.0004, 100, true, 'en')).toMatchObject({ direction: 'flat', text: '0.0%', good: null, description: 'unchanged from 100' });
  });

  it('rates: the difference of fractions in percentage points', () => {
    expect(changeText('rate', 0.05, 0.2, false, 'en')).toMatchObject({ direction: 'up', text: '5.0 pp', good: false, description: 'up 5.0 pp from 20.0%' });
    expect(changeText('rate', -0.019, 0.2, false, 'en')).toMatchObject({ direction: 'down', text: '1.9 pp', good: true });
    expect(changeText('rate', 0.0004, 0.2, false, 'en')).toMatchObject({ direction: 'flat', text: '0.0 pp' });
    // flat only when the shown number rounds to zero: 0.05 pp shows as 0.1
    expect(changeText('rate', 0.0005, 0.2, false, 'en')).toMatchObject({ direction: 'up', text: '0.1 pp' });
  });

  it('days: the difference in days; a missing side gives no change', () => {
    expect(changeText('days', 1.5, 4, false, 'en')).toMatchObject({ direction: 'up', text: '1.5 days', good: false, description: 'up 1.5 days from 4 days' });
    expect(changeText('days', -1, 4, false, 'en')).toMatchObject({ direction: 'down', text: '1.0 day', good: true });
    expect(changeText('days', 0.5, null, false)).toBeNull();
    expect(changeText('rate', undefined, 0.2, false)).toBeNull();
  });

  it('names the compared periods from the dates the model returned', () => {
    expect(comparisonNote({ ...periods, basis: 'date_range', maturing: false, maturing_share: 0 })).toBe(
      'Every card covers 3 Oct 2024 – 31 Dec 2024 (90 days) and compares it with the 90 days before (5 Jul 2024 – 2 Oct 2024).',
    );
    // 34% of the period's units on orders still inside the return window: the rates are starred and explained
    expect(comparisonNote({ ...periods, basis: 'date_range', maturing: true, maturing_share: 0.34 })).toBe(
      'Every card covers 3 Oct 2024 – 31 Dec 2024 (90 days) and compares it with the 90 days before (5 Jul 2024 – 2 Oct 2024). ' +
        '* Still maturing: 34% of the units of this period were ordered inside the return window and can still come back, so its return rates will still rise; part of a fall against the period before is returns not made yet.',
    );
    expect(comparisonNote({ ...periods, basis: 'date_range', previous_from: null, previous_to: null, maturing: true })).toBe(
      'No change shown: the data has no orders before 3 Oct 2024.',
    );
    // no period: a range outside the data, or no answer yet
    expect(comparisonNote({ ...periods, current_from: null, current_to: null, previous_from: null, previous_to: null })).toBeNull();
    expect(comparisonNote(undefined)).toBeNull();
  });

  it('a card states the period of its number, and its change is against as many days before (issue 16, item 1)', () => {
    const row = { ...periods, basis: 'date_range', maturing: true, maturing_share: 0.34 };
    expect(periodCaption(row, undefined)).toEqual({ text: '3 Oct 2024 – 31 Dec 2024', days: 90 });
    expect(comparedWith(row)).toBe('vs the 90 days before');
    expect(comparedWith({ ...row, previous_from: null })).toBeNull();
    // without a range: all dates, from the kpis row's first to last order date
    expect(periodCaption(undefined, { first_order_date: day('2024-01-01'), last_order_date: day('2025-12-30') })).toEqual({
      text: 'All dates: 1 Jan 2024 – 30 Dec 2025',
      days: null,
    });
    expect(periodCaption(undefined, undefined)).toBeNull();
    expect(isMaturing(row)).toBe(true);
    expect(isMaturing({ ...row, maturing_share: 0 })).toBe(false);
    expect(isMaturing({ ...row, maturing: false })).toBe(false);
  });
});
