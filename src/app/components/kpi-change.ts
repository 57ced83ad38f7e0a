import type { Row } from '../../engine/types';
import { displayLocale, formatCount, formatDate, formatDays, formatMoney, formatPercent, isoDay } from '../format';

/**
 * How the KPI cards show a row of the kpi_change model. The model decides the periods and
 * computes every change; this only turns its numbers and dates into text.
 */

export type KpiKind = 'count' | 'money' | 'rate' | 'days';

export interface ChangeText {
  direction: 'up' | 'down' | 'flat';
  /** "12.3%" (relative change), "1.2 pp" (rates), "0.5 days"; without sign (the arrow has it). */
  text: string;
  /** Whether the change is good news, null when flat. */
  good: boolean | null;
  /** For screen readers and the tooltip: "up 12.3% from 1,024". */
  description: string;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The change's number in the unit shown: % for counts and money, pp for rates, days. */
function shownNumber(kind: KpiKind, change: number): number {
  return kind === 'days' ? change : change * 100;
}

function unitText(kind: KpiKind, magnitude: string, isOne: boolean): string {
  if (kind === 'rate') return `${magnitude} pp`;
  if (kind === 'days') return `${magnitude} ${isOne ? 'day' : 'days'}`;
  return `${magnitude}%`;
}

/**
 * The card text of one kpi_change row (`change` as the model returns it: relative for counts
 * and money, a difference of fractions for rates, days for days). Flat when the number shown,
 * at one decimal, rounds to zero. Null when the model has no change (a side missing, or a
 * relative change from 0).
 */
export function changeText(
  kind: KpiKind,
  change: unknown,
  previous: unknown,
  higherIsBetter: boolean,
  locale = displayLocale(),
  currency?: unknown,
): ChangeText | null {
  if (!isNum(change) || !isNum(previous)) return null;
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const shown = Math.abs(shownNumber(kind, change));
  const flat = one.format(shown) === one.format(0);
  const direction = flat ? 'flat' : change > 0 ? 'up' : 'down';
  const text = unitText(kind, one.format(flat ? 0 : shown), one.format(shown) === one.format(1));
  // The previous value as its card shows such a number.
  const from =
    kind === 'rate' ? formatPercent(previous, locale) : kind === 'money' ? formatMoney(previous, currency, locale) : kind === 'days' ? formatDays(previous, locale) : formatCount(previous, locale);
  return {
    direction,
    text,
    good: flat ? null : (direction === 'up') === higherIsBetter,
    description: flat ? `unchanged from ${from}` : `${direction} ${text} from ${from}`,
  };
}

/** What the change compares with what, from the periods the model returned (null: no comparison). */
export function comparisonNote(row: Row | undefined): string | null {
  const [from, to, prevFrom, prevTo] = [row?.current_from, row?.current_to, row?.previous_from, row?.previous_to].map(isoDay);
  if (!row || !from || !to) return null;
  const n = formatCount(row.period_days);
  const span = (a: string, b: string) => `${formatDate(a)} – ${formatDate(b)}`;
  if (!prevFrom || !prevTo) return `No change shown: the data has no orders before ${formatDate(from)}.`;
  const note =
    row.basis === 'last_days'
      ? `Change: the last ${n} days of data (${span(from, to)}) vs the ${n} days before (${span(prevFrom, prevTo)}).`
      : `Change vs the ${n} days before (${span(prevFrom, prevTo)}).`;
  return row.maturing === true ? `${note} Recent orders are still inside their return window, so their return rates will still rise.` : note;
}
