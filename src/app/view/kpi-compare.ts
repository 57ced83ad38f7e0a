import { format, parseISO } from 'date-fns';
import { daysBetween, isIsoDay, lastDays, previousPeriod, rangeDays, type DateRange } from './date-presets';

/**
 * "Change vs previous period" of the KPI cards: which periods to compare, and the change of
 * one KPI between the two answers of the kpis model. This is parameter computation and
 * formatting of two model numbers; every number itself comes from the model.
 */

export interface Comparison {
  /** The period the change starts from, or null when it is the cards' own period (same filters). */
  current: DateRange | null;
  /** The period before, of the same length; null when the data has nothing that early. */
  previous: DateRange | null;
  /** What is compared with what, shown under the cards. */
  note: string;
  /** The current period ends inside the return window: its rates are not final yet. */
  maturing: boolean;
}

const COMPARE_DAYS_WITHOUT_RANGE = 90;

const label = (d: string) => format(parseISO(d), 'd MMM yyyy');
const span = (r: DateRange) => `${label(r.date_from)} – ${label(r.date_to)}`;

/**
 * The comparison for the cards. With a date range (custom or preset) the cards' period is
 * compared with the same number of days just before it; the range is clipped to the data
 * first (a range reaching past the last order would otherwise compare against empty days).
 * Without a range the cards show all the data, so the change compares the last 90 days of
 * data with the 90 before, and says so.
 */
export function comparisonPeriods(
  dates: { date_from?: string; date_to?: string },
  data: { first: string; last: string },
  returnWindowDays: number,
): Comparison | null {
  if (!isIsoDay(data.first) || !isIsoDay(data.last)) return null;
  const hasRange = isIsoDay(dates.date_from) || isIsoDay(dates.date_to);
  let current: DateRange | null;
  let period: DateRange;
  if (!hasRange) {
    period = lastDays(data.last, COMPARE_DAYS_WITHOUT_RANGE)!;
    current = period;
  } else {
    const from = isIsoDay(dates.date_from) && dates.date_from > data.first ? dates.date_from : data.first;
    const to = isIsoDay(dates.date_to) && dates.date_to < data.last ? dates.date_to : data.last;
    if (rangeDays({ date_from: from, date_to: to }) === 0) return null;
    period = { date_from: from, date_to: to };
    current = null;
  }
  const before = previousPeriod(period);
  const previous = before && before.date_to >= data.first ? before : null;
  const maturing = daysBetween(period.date_to, data.last) < returnWindowDays;
  const n = rangeDays(period);
  let note: string;
  if (!previous) note = `No change shown: the data has no orders before ${label(period.date_from)}.`;
  else if (!hasRange) note = `Change: the last ${n} days of data (${span(period)}) vs the ${n} days before (${span(previous)}).`;
  else note = `Change vs the ${n} days before (${span(previous)}).`;
  if (maturing && previous) note += ' Recent orders are still inside their return window, so their return rates will still rise.';
  return { current, previous, note, maturing };
}

export type KpiKind = 'count' | 'money' | 'rate' | 'days';

export interface KpiDelta {
  direction: 'up' | 'down' | 'flat';
  /** "12.3%" (relative change), "1.2 pp" (rates), "0.5 days"; without sign (the arrow has it). */
  text: string;
  /** Whether the change is good news, null when flat. */
  good: boolean | null;
  /** For screen readers and the tooltip: "up 12.3% from 1,024". */
  description: string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The change of one KPI from `previous` to `current`: relative (%) for counts and money,
 * percentage points for rates, days for durations. Null when either side is missing or a
 * relative change has nothing to divide by.
 */
export function kpiDelta(kind: KpiKind, current: unknown, previous: unknown, higherIsBetter: boolean, locale?: string): KpiDelta | null {
  if (!isNum(current) || !isNum(previous)) return null;
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  let change: number;
  let text: string;
  if (kind === 'count' || kind === 'money') {
    if (previous === 0) return null;
    change = (current - previous) / Math.abs(previous);
    text = `${one.format(Math.abs(change) * 100)}%`;
  } else if (kind === 'rate') {
    change = (current - previous) * 100;
    text = `${one.format(Math.abs(change))} pp`;
  } else {
    change = current - previous;
    text = `${one.format(Math.abs(change))} ${Math.abs(change) === 1 ? 'day' : 'days'}`;
  }
  // Flat when the shown change (one decimal of %, pp or days) rounds to zero.
  const shown = kind === 'count' || kind === 'money' ? change * 100 : change;
  const direction = Math.round(Math.abs(shown) * 10) === 0 ? 'flat' : change > 0 ? 'up' : 'down';
  const prevText = kind === 'rate' ? `${one.format(previous * 100)}%` : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(previous);
  return {
    direction,
    text: direction === 'flat' ? (kind === 'rate' ? '0.0 pp' : kind === 'days' ? '0.0 days' : '0.0%') : text,
    good: direction === 'flat' ? null : (direction === 'up') === higherIsBetter,
    description: direction === 'flat' ? `unchanged from ${prevText}` : `${direction} ${text} from ${prevText}`,
  };
}
