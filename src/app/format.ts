import { format, parseISO } from 'date-fns';
import { cellNotInData } from '../runner/model-header';

/**
 * Number formatting for display only (values arrive computed from the models). Missing values
 * show as an em dash, never as 0, so "no data" is not mistaken for "zero".
 * `locale` defaults to the browser's; tests pass one explicitly.
 */
export const MISSING = '—';

/**
 * What a figure reads when the loaded data has no values for its inputs (the model leaves it
 * NULL and says so in its header: `@missing`, Runner.notInData). Not '—', which means there is
 * nothing to compute, and never 0.
 */
export const NOT_IN_DATA = 'not in the data';

/**
 * The one way to show a model's figure that may be absent from the data: "not in the data"
 * when it is NULL and its inputs are missing (`notInData`), else `format(v)`.
 */
export function formatFigure(v: unknown, notInData: boolean, format: (v: unknown) => string): string {
  return (v === null || v === undefined) && notInData ? NOT_IN_DATA : format(v);
}

/**
 * formatFigure for one cell of a model's row: `figures` is Runner.notInData(model), which may
 * name a whole output or one row of a long-format model (`amount[rule=outside_window]`).
 */
export function formatCellFigure(row: Record<string, unknown>, output: string, figures: Record<string, string[]>, format: (v: unknown) => string): string {
  return formatFigure(row[output], cellNotInData(figures, output, row) !== undefined, format);
}

/** The hover title of a cell that reads "not in the data" (undefined for any other cell). */
export function cellNotInDataTitle(row: Record<string, unknown>, output: string, figures: Record<string, string[]>): string | undefined {
  const columns = row[output] == null ? cellNotInData(figures, output, row) : undefined;
  return columns ? notInDataTitle(columns) : undefined;
}

/** The hover text of such a figure: which columns hold no value. */
export function notInDataTitle(columns: readonly string[]): string {
  return `Not in the data: the loaded data has no values in ${columns.join(', ')}`;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A size in bytes as people read it, in decimal units as disks are sold: "0.1 KB", "42.4 MB", "10.7 GB". */
export function formatBytes(bytes: number, locale?: string): string {
  const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1e6) return `${one.format(Math.max(0, bytes) / 1e3)} KB`;
  if (bytes < 1e9) return `${one.format(bytes / 1e6)} MB`;
  return `${one.format(bytes / 1e9)} GB`;
}

export function formatCount(v: unknown, locale?: string): string {
  return isNum(v) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(v) : MISSING;
}

/** Money in the data's currency (its usual decimals); an unknown or absent code gives a plain number. */
export function formatMoney(v: unknown, currency: unknown, locale?: string): string {
  return isNum(v) ? moneyFormat(currency, locale, {}).format(v) : MISSING;
}

/**
 * Money for a headline card, where width is short: whole units below a million ("€268,372"),
 * compact above ("€12.3M"). The card shows the exact amount (formatMoney) on hover.
 */
export function formatMoneyHeadline(v: unknown, currency: unknown, locale?: string): string {
  if (!isNum(v)) return MISSING;
  const opts: Intl.NumberFormatOptions =
    Math.abs(v) >= 1_000_000
      ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
      : { minimumFractionDigits: 0, maximumFractionDigits: 0 };
  return moneyFormat(currency, locale, opts).format(v);
}

function moneyFormat(currency: unknown, locale: string | undefined, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  if (typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(locale, { ...opts, style: 'currency', currency: currency.toUpperCase() });
    } catch {
      // a well-formed but unknown code: fall through to a plain number
    }
  }
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...opts });
}

/** Rates are fractions (0.25 → 25%). */
export function formatPercent(v: unknown, locale?: string, digits = 1): string {
  return isNum(v)
    ? new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
    : MISSING;
}

export function formatDays(v: unknown, locale?: string): string {
  if (!isNum(v)) return MISSING;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  return `${n} ${v === 1 ? 'day' : 'days'}`;
}

/** A rate with its interval: "12.5% (9.8–15.7%)". */
export function formatRateInterval(rate: unknown, low: unknown, high: unknown, locale?: string): string {
  const main = formatPercent(rate, locale);
  if (!isNum(low) || !isNum(high)) return main;
  return `${main} (${formatPercent(low, locale)}–${formatPercent(high, locale)})`;
}

/** A date from a model (a Date, see rows.ts) as an ISO day, for inputs and labels. */
export function isoDay(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

/** An ISO day as people write it: "5 Mar 2025" (a bad value is shown as it is). */
export function formatLongDay(day: string): string {
  const d = parseISO(day);
  return Number.isNaN(d.getTime()) ? day : format(d, 'd MMM yyyy');
}

/** A period's month from a model (a Date at UTC midnight, see rows.ts): "Mar 2025". */
export function formatMonth(d: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A period's first day from a model, short: "3 Mar 25" (week labels on a chart axis). */
export function formatShortDay(d: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' }).format(d);
}

/** A difference with its sign: "+12.4", "−3", "0". */
export function formatSigned(v: unknown, locale?: string, digits = 1): string {
  return isNum(v) ? new Intl.NumberFormat(locale, { maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v) : MISSING;
}

/** An assumption's value in its unit (AssumptionSpec.unit): money, %, days or a share of unit cost. */
export function formatAssumption(value: unknown, unit: string | undefined, currency: string | null, locale?: string): string {
  switch (unit) {
    case 'money':
      return formatMoney(value, currency, locale);
    case '%':
      return isNum(value) ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}%` : MISSING;
    case 'days':
      return formatDays(value, locale);
    case 'share of unit cost':
      return `${formatPercent(value, locale, 0)} of unit cost`;
    default:
      return formatCount(value, locale);
  }
}
