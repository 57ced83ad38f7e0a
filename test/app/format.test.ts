import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDays,
  assumptionInputScale,
  dateInputPattern,
  displayLocale,
  formatDate,
  formatDateTime,
  formatMonth,
  moneyCents,
  setDisplayLocale,
  setMoneyCents,
  supportedLocale,
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
    expect(formatMoney(1234.5, 'EUR', 'en-US', true)).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'usd', 'en-US', true)).toBe('$1,234.50');
    expect(formatMoney(1234.5, 'JPY', 'en-US', true)).toBe('¥1,235');
    expect(formatMoney(1234.5, null, 'en-US', true)).toBe('1,234.50');
    expect(formatMoney(1234.5, 'euro', 'en-US', true)).toBe('1,234.50');
    expect(formatMoney(1234.5, null, 'en-US', false)).toBe('1,235');
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
    expect(formatSigned(-3, 'en-US')).toBe('-3.0');
    expect(formatSigned(6, 'en-US')).toBe('+6.0');
    expect(formatSigned(0, 'en-US')).toBe('0.0');
    expect(isoDay(new Date(Date.UTC(2025, 0, 31)))).toBe('2025-01-31');
    expect(isoDay('2025-01-31T00:00:00')).toBe('2025-01-31');
    expect(isoDay(null)).toBeNull();
    // model dates are UTC midnight: the label must not slip to the day or month before
    expect(formatMonth(new Date(Date.UTC(2025, 2, 1)), 'en-US')).toBe('Mar 2025');
  });

  it('shows every date in one format per locale (no "1 Jan 2024" / "2024-01-01" / "Jun 29, 2025" / "Dec 25, 23" mix)', () => {
    const day = new Date(Date.UTC(2025, 2, 5));
    // a Date from a model and an ISO day from a filter read the same
    for (const v of [day, '2025-03-05', '2025-03-05T00:00:00']) {
      expect(formatDate(v, 'en-GB')).toBe('5 Mar 2025');
      expect(formatDate(v, 'en-US')).toBe('Mar 5, 2025');
      expect(formatDate(v, 'de-DE')).toBe('05.03.2025');
    }
    expect(formatDate('2024-02-29', 'en-GB')).toBe('29 Feb 2024');
    expect(formatDate('soon', 'en-GB')).toBe(MISSING);
    expect(formatDateTime(new Date('2025-03-05T14:05:00Z'), 'en-GB')).toBe('5 Mar 2025, 14:05');
    expect(formatDateTime(day, 'de-DE')).toBe('05.03.2025');
    expect(dateInputPattern('en-US')).toBe('mm/dd/yyyy');
    expect(dateInputPattern('en-GB')).toBe('dd/mm/yyyy');
    expect(dateInputPattern('de-DE')).toBe('dd.mm.yyyy');
  });

  it('follows the view\'s locale when none is passed, and only a locale Intl knows', () => {
    try {
      setDisplayLocale('de-DE');
      expect(displayLocale()).toBe('de-DE');
      expect(formatCount(1500)).toBe('1.500');
      expect(formatDate('2025-03-05')).toBe('05.03.2025');
      setDisplayLocale('not a locale');
      expect(displayLocale()).not.toBe('not a locale');
      expect(supportedLocale('en-gb')).toBe('en-GB');
      expect(supportedLocale('xx-??')).toBeNull();
      expect(supportedLocale(42)).toBeNull();
    } finally {
      setDisplayLocale(null);
    }
  });

  it('types a rate as it is shown: a recovery rate shown as 95% is typed as 95 (issue 16, item 11)', () => {
    expect(assumptionInputScale('share of unit cost')).toBe(100);
    expect(0.95 * assumptionInputScale('share of unit cost')).toBe(95);
    expect(assumptionInputScale('money')).toBe(1);
    expect(assumptionInputScale('days')).toBe(1);
  });

  it('shows money with cents or whole on the whole page, never both', () => {
    try {
      setMoneyCents(false);
      expect([formatMoney(65827.69, 'EUR', 'en-GB'), formatMoneyHeadline(65827.69, 'EUR', 'en-GB')]).toEqual(['€65,828', '€65,828']);
      setMoneyCents(true);
      expect(moneyCents()).toBe(true);
      expect([formatMoney(65827.69, 'EUR', 'en-GB'), formatMoneyHeadline(65827.69, 'EUR', 'en-GB')]).toEqual(['€65,827.69', '€65,827.69']);
      // an exact amount asked for (a drill row, a hover) has cents on any page
      setMoneyCents(false);
      expect(formatMoney(25.99, 'EUR', 'en-GB', true)).toBe('€25.99');
    } finally {
      setMoneyCents(false);
    }
  });

  it('formats stored sizes in decimal KB, MB and GB, as the Data page shows them', () => {
    expect(formatBytes(92, 'en-US')).toBe('0.1 KB');
    expect(formatBytes(2_616_458, 'en-US')).toBe('2.6 MB');
    expect(formatBytes(42_446_580, 'en-US')).toBe('42.4 MB');
    expect(formatBytes(10_740_035_312, 'en-US')).toBe('10.7 GB');
  });
});

describe('Intl formatters are made once per locale and options', () => {
  it('gives the same formatter for equal options and another for another locale or options', async () => {
    const { numberFormat, dateTimeFormat } = await import('../../src/app/intl-formats');
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).toBe(numberFormat('de-DE', { maximumFractionDigits: 1 }));
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).not.toBe(numberFormat('en-US', { maximumFractionDigits: 1 }));
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 })).not.toBe(numberFormat('de-DE', { maximumFractionDigits: 2 }));
    expect(numberFormat('de-DE', { maximumFractionDigits: 1 }).format(1234.56)).toBe('1.234,6');
    expect(dateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(2025, 2, 5)))).toBe('5 Mar 2025');
    expect(() => numberFormat('en-US', { style: 'currency', currency: 'XYZW' })).toThrow();
  });
});
