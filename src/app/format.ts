import { cellNotInData } from '../runner/model-header';
import { numberFormat, dateTimeFormat } from './intl-formats';

/**
 * The one formatter of every figure and date shown (values arrive computed from the models).
 * Missing values show as an em dash, never as 0, so "no data" is not mistaken for "zero".
 *
 * Locale: every function takes an optional `locale` (tests pass one); without it, the display
 * locale of the view (`loc=de-DE` in the URL, set by setDisplayLocale when the view is read),
 * else the browser's own locale, else en-GB. The browser's by default because a merchant reads
 * figures and dates in the conventions of the system they set up (1.234,56 or 1,234.56;
 * 05.03.2025 or 3/5/2025), and the browser's date inputs already use that locale, so the
 * filters and the page agree; en-GB when the browser names none Intl knows, for its
 * unambiguous day-month-year dates. A shared link carries `loc` only when someone chose one.
 *
 * Money: whole units or cents on a whole page (setMoneyCents, decided per page by the view),
 * never both; the exact amount with cents on hover and in the drill-down's rows.
 */
export const MISSING = '—';

/** The locale when neither the view nor the browser names one Intl supports. */
export const FALLBACK_LOCALE = 'en-GB';

let viewLocale: string | null = null;
let pageCents = false;

/** A locale tag Intl can format with ('de-DE', 'en-GB'), canonicalized; null for anything else. */
export function supportedLocale(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag === '' || tag.length > 35) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0 ? canonical : null;
  } catch {
    return null;
  }
}

/** The browser's locale when Intl supports it, else FALLBACK_LOCALE. */
export function browserLocale(): string {
  const nav = typeof navigator === 'undefined' ? undefined : navigator.language;
  return supportedLocale(nav) ?? FALLBACK_LOCALE;
}

/** The locale of the view (null: the browser's). Called when the view is read, before it renders. */
export function setDisplayLocale(tag: string | null | undefined): void {
  viewLocale = supportedLocale(tag);
}

/** The locale figures and dates are shown in now. */
export function displayLocale(): string {
  return viewLocale ?? browserLocale();
}

/** Whether money on the current page shows cents (true) or whole units (false). */
export function setMoneyCents(cents: boolean): void {
  pageCents = cents;
}

export function moneyCents(): boolean {
  return pageCents;
}

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
export function formatBytes(bytes: number, locale = displayLocale()): string {
  const one = numberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1e6) return `${one.format(Math.max(0, bytes) / 1e3)} KB`;
  if (bytes < 1e9) return `${one.format(bytes / 1e6)} MB`;
  return `${one.format(bytes / 1e9)} GB`;
}

export function formatCount(v: unknown, locale = displayLocale()): string {
  return isNum(v) ? numberFormat(locale, { maximumFractionDigits: 0 }).format(v) : MISSING;
}

/**
 * Money in the data's currency; an unknown or absent code gives a plain number. `cents`: the
 * currency's usual decimals (true) or whole units (false); by default what the page shows
 * (setMoneyCents), so one page never mixes the two.
 */
export function formatMoney(v: unknown, currency: unknown, locale = displayLocale(), cents = pageCents): string {
  return isNum(v) ? moneyFormat(currency, locale, cents ? {} : WHOLE).format(v) : MISSING;
}

const WHOLE: Intl.NumberFormatOptions = { minimumFractionDigits: 0, maximumFractionDigits: 0 };

/**
 * Money for a headline card, where width is short: as the page shows money below a million
 * ("€268,372" or "€268,372.40"), compact above ("€12.3M"). The card shows the exact amount
 * (formatMoney with cents) on hover.
 */
export function formatMoneyHeadline(v: unknown, currency: unknown, locale = displayLocale(), cents = pageCents): string {
  if (!isNum(v)) return MISSING;
  if (Math.abs(v) < 1_000_000) return formatMoney(v, currency, locale, cents);
  return moneyFormat(currency, locale, { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(v);
}

function moneyFormat(currency: unknown, locale: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  if (typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency)) {
    try {
      return numberFormat(locale, { ...opts, style: 'currency', currency: currency.toUpperCase() });
    } catch {
      // a well-formed but unknown code: fall through to a plain number
    }
  }
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...opts });
}

/** Rates are fractions (0.25 → 25%). */
export function formatPercent(v: unknown, locale = displayLocale(), digits = 1): string {
  return isNum(v)
    ? numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)
    : MISSING;
}

export function formatDays(v: unknown, locale = displayLocale()): string {
  if (!isNum(v)) return MISSING;
  const n = numberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  return `${n} ${v === 1 ? 'day' : 'days'}`;
}

/** A rate with its interval: "12.5% (9.8–15.7%)". */
export function formatRateInterval(rate: unknown, low: unknown, high: unknown, locale = displayLocale()): string {
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

/** A day from a model (a Date at UTC midnight, see rows.ts) or an ISO day / timestamp string, as a Date; null when it is none. */
function asDay(v: unknown): Date | null {
  const d = v instanceof Date ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(`${v.slice(0, 10)}T00:00:00Z`) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/**
 * THE date format: every day shown (a period, a range end, a week on an axis, a row's date) is
 * the locale's medium date: "5 Mar 2025" (en-GB), "Mar 5, 2025" (en-US), "05.03.2025" (de-DE).
 * In UTC: dates in the data have no time zone and are never shifted to the viewer's. Missing: '—'.
 */
export function formatDate(v: unknown, locale = displayLocale()): string {
  const d = asDay(v);
  return d ? dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d) : MISSING;
}

/** A timestamp: formatDate's date, then the time when it is not midnight ("5 Mar 2025, 14:05"). */
export function formatDateTime(v: unknown, locale = displayLocale()): string {
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) return formatDate(v, locale);
  if (v.getTime() % 86_400_000 === 0) return formatDate(v, locale);
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(v);
}

/**
 * A moment of this app's own (a data set kept, a view saved: an ISO timestamp), in the viewer's
 * time zone, unlike the data's dates: formatDate's date with the time ("5 Mar 2025, 14:05").
 */
export function formatMoment(iso: unknown, locale = displayLocale()): string {
  const d = typeof iso === 'string' ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d) : MISSING;
}

/** A period's month from a model (a Date at UTC midnight): the same style as formatDate, without the day: "Mar 2025". */
export function formatMonth(d: Date, locale = displayLocale()): string {
  return dateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/**
 * How the browser's date inputs want a day typed ("dd/mm/yyyy", "mm/dd/yyyy", "dd.mm.yyyy"),
 * for their labels: Chrome draws them in the browser's locale, whatever the view's.
 */
export function dateInputPattern(locale = browserLocale()): string {
  const parts = dateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2025, 0, 2)));
  return parts.map((p) => (p.type === 'day' ? 'dd' : p.type === 'month' ? 'mm' : p.type === 'year' ? 'yyyy' : p.value)).join('');
}

/** A difference with its sign: "+12.4", "−3", "0". */
export function formatSigned(v: unknown, locale = displayLocale(), digits = 1): string {
  // As many decimals on every row, so a column reads "+6.0" above "+6.2", never "+6".
  return isNum(v) ? numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v) : MISSING;
}

/** An assumption's value in its unit (AssumptionSpec.unit): money, %, days or a share of unit cost. */
export function formatAssumption(value: unknown, unit: string | undefined, currency: string | null, locale = displayLocale()): string {
  switch (unit) {
    case 'money':
      // a value as typed (a handling cost of 4.50): exact, on any page
      return formatMoney(value, currency, locale, true);
    case '%':
      return isNum(value) ? `${numberFormat(locale, { maximumFractionDigits: 2 }).format(value)}%` : MISSING;
    case 'days':
      return formatDays(value, locale);
    case 'share of unit cost':
      return `${formatPercent(value, locale, 0)} of unit cost`;
    default:
      return formatCount(value, locale);
  }
}

/**
 * How an assumption is typed: as it is shown. A share of unit cost is stored as a fraction
 * (0.95) but shown as 95%, so it is typed as 95: the field shows value × this, and a typed
 * number is divided by it.
 */
export function assumptionInputScale(unit: string | undefined): number {
  return unit === 'share of unit cost' ? 100 : 1;
}
