import type { Row } from '../../engine/types';
import { displayLocale, formatCount, formatDate, formatDays, formatMoney, formatPercent, isoDay } from '../format';
import { numberFormat } from '../intl-formats';

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
  const one = numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
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

/** "2 Oct 2025 – 30 Dec 2025" in the one date format. */
function span(from: string, to: string): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/**
 * The period a card's number covers, as the card states it: the compared period of the
 * kpi_change row (the view's dates, clipped to the data), or, without a date range, all dates
 * from the kpis row's first to last order date. Null while neither is known.
 */
export function periodCaption(change: Row | undefined, kpis: Row | undefined): { text: string; days: number | null } | null {
  const [from, to] = [change?.current_from, change?.current_to].map(isoDay);
  if (from && to) return { text: span(from, to), days: typeof change?.period_days === 'number' ? change.period_days : null };
  const [first, last] = [kpis?.first_order_date, kpis?.last_order_date].map(isoDay);
  return first && last ? { text: `All dates: ${span(first, last)}`, days: null } : null;
}

/** What a card's change is measured against: "vs the 90 days before" (null without a previous period). */
export function comparedWith(row: Row | undefined): string | null {
  if (!row || row.previous_from == null || typeof row.period_days !== 'number') return null;
  return `vs the ${formatCount(row.period_days)} days before`;
}

/**
 * Whether a return rate of this period is still maturing: some of its orders are inside their
 * return window (kpi_change's maturing_share > 0), so a fall against the previous period is
 * partly returns not made yet.
 */
export function isMaturing(row: Row | undefined): boolean {
  return row?.maturing === true && typeof row.maturing_share === 'number' && row.maturing_share > 0;
}

/** What the change compares with what, from the periods the model returned (null: no comparison). */
export function comparisonNote(row: Row | undefined): string | null {
  const [from, to, prevFrom, prevTo] = [row?.current_from, row?.current_to, row?.previous_from, row?.previous_to].map(isoDay);
  if (!row || !from || !to) return null;
  const n = formatCount(row.period_days);
  if (!prevFrom || !prevTo) return `No change shown: the data has no orders before ${formatDate(from)}.`;
  const note = `Every card covers ${span(from, to)} (${n} days) and compares it with the ${n} days before (${span(prevFrom, prevTo)}).`;
  if (!isMaturing(row)) return note;
  return `${note} * Still maturing: ${formatPercent(row.maturing_share, undefined, 0)} of the units of this period were ordered inside the return window and can still come back, so its return rates will still rise; part of a fall against the period before is returns not made yet.`;
}
