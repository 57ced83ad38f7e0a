import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDays,
  formatLongDay,
  formatMonth,
  formatShortDay,
  formatMoney,
  formatMoneyHeadline,
  formatPercent,
  formatRateInterval,
  formatSigned,
  isoDay,
  MISSING,
} from '../../src/app/format';

// Expected strings written by hand for the en-US locale.
describe('format', () => {
  it('formats counts with grouping and shows missing values as a dash, not 0', () => {
    expect(formatCount(1500, 'en-US')).toBe('1,500');
    expect(formatCount(0, 'en-US')).toBe('0');
    expect(formatCount(null, 'en-US')).toBe(MISSING);
    expect(formatCount(Number.NaN, 'en-US')).toBe(MISSING);
  });

  it('formats money in the data currency, and plainly for an absent or unknown code', () => {
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'usd', 'en-US')).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'JPY', 'en-US')).toBe('¥1,235');
    expect(formatMoney(1234.5, null, 'en-US')).toBe('1,234.50');
    expect(formatMoney(1234.5, 'euro', 'en-US')).toBe('1,234.50');
    expect(formatMoney(undefined, 'EUR', 'en-US')).toBe(MISSING);
  });

  it('shortens headline money: whole units below a million, compact above', () => {
    expect(formatMoneyHeadline(268372.4, 'EUR', 'en-US')).toBe('€268,372');
    expect(formatMoneyHeadline(12_345_678, 'EUR', 'en-US')).toBe('€12.3M');
    expect(formatMoneyHeadline(999.5, null, 'en-US')).toBe('1,000');
  });

  it('formats rates given as fractions', () => {
    expect(formatPercent(0.138, 'en-US')).toBe('13.8%');
    expect(formatPercent(0, 'en-US')).toBe('0.0%');
    expect(formatPercent(null, 'en-US')).toBe(MISSING);
    expect(formatRateInterval(0.356, 0.27, 0.451, 'en-US')).toBe('35.6% (27.0%–45.1%)');
    expect(formatRateInterval(0.356, null, 0.451, 'en-US')).toBe('35.6%');
  });

  it('formats days, signed differences and ISO days', () => {
    expect(formatDays(8, 'en-US')).toBe('8 days');
    expect(formatDays(1, 'en-US')).toBe('1 day');
    expect(formatDays(7.25, 'en-US')).toBe('7.3 days');
    expect(formatSigned(15.44, 'en-US')).toBe('+15.4');
    expect(formatSigned(-3, 'en-US')).toBe('-3');
    expect(formatSigned(0, 'en-US')).toBe('0');
    expect(isoDay(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    expect(isoDay('2025-01-31T00:00:00')).toBe('2025-01-31');
    expect(isoDay(null)).toBeNull();
    expect(formatLongDay('2025-03-05')).toBe('5 Mar 2025');
    expect(formatLongDay('2024-02-29')).toBe('29 Feb 2024');
    expect(formatLongDay('soon')).toBe('soon');
    // model dates are UTC midnight: the label must not slip to the day or month before
    expect(formatMonth(new Date(Date.UTC(2025, 2, 1)), 'en-US')).toBe('Mar 2025');
    expect(formatShortDay(new Date(Date.UTC(2025, 2, 3)), 'en-GB')).toBe('3 Mar 25');
  });

  it('formats stored sizes in decimal KB, MB and GB, as the Data page shows them', () => {
    expect(formatBytes(92, 'en-US')).toBe('0.1 KB');
    expect(formatBytes(2_616_458, 'en-US')).toBe('2.6 MB');
    expect(formatBytes(42_446_580, 'en-US')).toBe('42.4 MB');
    expect(formatBytes(10_740_035_312, 'en-US')).toBe('10.7 GB');
  });
});
