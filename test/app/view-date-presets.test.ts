import { describe, expect, it } from 'vitest';
import { compareRange, isIsoDay, resolvePreset, withPresetDates } from '../../src/app/view/date-presets';

describe('date presets, counted from the last order date of the data', () => {
  it('resolves each preset against the last order date, not today', () => {
    expect(resolvePreset('last_30', '2024-12-31')).toEqual({ date_from: '2024-12-02', date_to: '2024-12-31' });
    expect(resolvePreset('last_90', '2024-12-31')).toEqual({ date_from: '2024-10-03', date_to: '2024-12-31' });
    expect(resolvePreset('qtd', '2024-12-31')).toEqual({ date_from: '2024-10-01', date_to: '2024-12-31' });
    expect(resolvePreset('qtd', '2025-04-01')).toEqual({ date_from: '2025-04-01', date_to: '2025-04-01' });
    expect(resolvePreset('ytd', '2025-03-15')).toEqual({ date_from: '2025-01-01', date_to: '2025-03-15' });
  });

  it('counts days inclusively, across month ends, leap days and DST changes', () => {
    expect(resolvePreset('last_30', '2024-03-31')).toEqual({ date_from: '2024-03-02', date_to: '2024-03-31' });
    expect(resolvePreset('last_30', '2024-03-01')).toEqual({ date_from: '2024-02-01', date_to: '2024-03-01' });
    expect(resolvePreset('last_90', '2024-11-10')).toEqual({ date_from: '2024-08-13', date_to: '2024-11-10' });
    expect(resolvePreset('ytd', '2024-12-31')).toEqual({ date_from: '2024-01-01', date_to: '2024-12-31' });
  });

  it('gives nothing for an invalid last date', () => {
    expect(resolvePreset('last_30', '')).toBeNull();
    expect(resolvePreset('last_30', '2024-02-30')).toBeNull();
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2024-2-9')).toBe(false);
  });

  it('puts the preset dates into the filters', () => {
    expect(withPresetDates({ channel: ['web'] }, 'last_30', '2024-12-31')).toEqual({ channel: ['web'], date_from: '2024-12-02', date_to: '2024-12-31' });
    expect(withPresetDates({ date_from: '2020-01-01' }, null, '2024-12-31')).toEqual({ date_from: '2020-01-01' });
    expect(withPresetDates({}, 'last_30', null)).toEqual({});
    expect(withPresetDates({}, 'bogus', '2024-12-31')).toEqual({});
  });
});

describe('complete calendar periods and comparisons (issue 16, item 7)', () => {
  it('last month / quarter / year are the latest complete periods ending on or before the last order date', () => {
    // The latest period ending on or before the as-of day: data up to 30 June has a complete June.
    expect(resolvePreset('last_month', '2025-06-29')).toEqual({ date_from: '2025-05-01', date_to: '2025-05-31' });
    expect(resolvePreset('last_month', '2025-06-30')).toEqual({ date_from: '2025-06-01', date_to: '2025-06-30' });
    expect(resolvePreset('last_quarter', '2025-06-30')).toEqual({ date_from: '2025-04-01', date_to: '2025-06-30' });
    expect(resolvePreset('last_quarter', '2025-06-29')).toEqual({ date_from: '2025-01-01', date_to: '2025-03-31' });
    expect(resolvePreset('last_year', '2024-12-31')).toEqual({ date_from: '2024-01-01', date_to: '2024-12-31' });
    expect(resolvePreset('last_month', '2025-03-01')).toEqual({ date_from: '2025-02-01', date_to: '2025-02-28' });
    expect(resolvePreset('last_month', '2024-01-15')).toEqual({ date_from: '2023-12-01', date_to: '2023-12-31' });
    expect(resolvePreset('last_quarter', '2025-08-10')).toEqual({ date_from: '2025-04-01', date_to: '2025-06-30' });
    expect(resolvePreset('last_quarter', '2025-02-10')).toEqual({ date_from: '2024-10-01', date_to: '2024-12-31' });
    expect(resolvePreset('last_year', '2025-06-29')).toEqual({ date_from: '2024-01-01', date_to: '2024-12-31' });
  });

  it('compares whole months with as many months before, other ranges with as many days before', () => {
    expect(compareRange({ date_from: '2025-04-01', date_to: '2025-06-30' }, 'prev')).toEqual({ date_from: '2025-01-01', date_to: '2025-03-31' });
    expect(compareRange({ date_from: '2025-03-01', date_to: '2025-03-31' }, 'prev')).toEqual({ date_from: '2025-02-01', date_to: '2025-02-28' });
    expect(compareRange({ date_from: '2024-01-01', date_to: '2024-12-31' }, 'prev')).toEqual({ date_from: '2023-01-01', date_to: '2023-12-31' });
    // 10 days: the 10 days before
    expect(compareRange({ date_from: '2025-03-05', date_to: '2025-03-14' }, 'prev')).toEqual({ date_from: '2025-02-23', date_to: '2025-03-04' });
    expect(compareRange({ date_from: '2025-04-01', date_to: '2025-06-30' }, 'yoy')).toEqual({ date_from: '2024-04-01', date_to: '2024-06-30' });
    expect(compareRange({ date_from: '2024-02-29', date_to: '2024-03-10' }, 'yoy')).toEqual({ date_from: '2023-02-28', date_to: '2023-03-10' });
    // No range, or half of one: nothing to compare with.
    expect(compareRange({}, 'prev')).toBeNull();
    expect(compareRange({ date_from: '2025-01-01' }, 'yoy')).toBeNull();
  });
});
