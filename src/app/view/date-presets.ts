import type { Filters } from '../filters';
import {
  addDays,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  format,
  isLastDayOfMonth,
  parseISO,
  startOfMonth,
  startOfQuarter,
  startOfYear,
  subDays,
  subMonths,
  subQuarters,
  subYears,
} from 'date-fns';
import { isCalendarDate } from '../../runner/param-check';

/**
 * Relative date ranges. They are resolved against the data's LAST ORDER DATE (its as-of day,
 * dataset_info.as_of), not today's date: a demo or an export can be months old, and "last 30
 * days" of a file from last year must still show something; the engine has no clock of its
 * own either. The UI says "of data" for that reason.
 * Last month / quarter / year are COMPLETE calendar periods: the latest one that ends on or
 * before the as-of day (data up to 30 June has a complete Q2; data up to 29 June does not,
 * so its last quarter is Q1). The same as-of day serves both date bases (date-basis.ts): a
 * refund dated after the last order belongs to a period the data does not cover in full yet.
 */
export const DATE_PRESETS = [
  { id: 'last_30', label: 'Last 30 days of data' },
  { id: 'last_90', label: 'Last 90 days of data' },
  { id: 'qtd', label: 'Quarter to date (of data)' },
  { id: 'ytd', label: 'Year to date (of data)' },
  { id: 'last_month', label: 'Last complete month of data' },
  { id: 'last_quarter', label: 'Last complete quarter of data' },
  { id: 'last_year', label: 'Last complete year of data' },
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number]['id'];

export interface DateRange {
  date_from: string;
  date_to: string;
}

export function isDatePreset(v: unknown): v is DatePreset {
  return typeof v === 'string' && DATE_PRESETS.some((p) => p.id === v);
}

export function presetLabel(id: string | null): string | null {
  return DATE_PRESETS.find((p) => p.id === id)?.label ?? null;
}

/** A valid calendar day 'yyyy-MM-dd' (2025-02-30 is not): the runner's own date check. */
export function isIsoDay(v: unknown): v is string {
  return typeof v === 'string' && isCalendarDate(v);
}

// Days are handled as local dates (parseISO of a bare day is local midnight) and written
// back with format(), so no time zone shifts a day.
const day = (d: Date) => format(d, 'yyyy-MM-dd');

/** The range of a preset, ending on the last order date of the data (inclusive). */
export function resolvePreset(preset: DatePreset, lastOrderDate: string): DateRange | null {
  if (!isIsoDay(lastOrderDate)) return null;
  const last = parseISO(lastOrderDate);
  let from: Date;
  // The day after the as-of day: the period holding it is the first one not complete.
  const next = addDays(last, 1);
  switch (preset) {
    case 'last_month': {
      const m = subMonths(startOfMonth(next), 1);
      return { date_from: day(m), date_to: day(endOfMonth(m)) };
    }
    case 'last_quarter': {
      const q = subQuarters(startOfQuarter(next), 1);
      return { date_from: day(q), date_to: day(endOfQuarter(q)) };
    }
    case 'last_year': {
      const y = subYears(startOfYear(next), 1);
      return { date_from: day(y), date_to: day(endOfYear(y)) };
    }
    case 'last_30':
      from = subDays(last, 29);
      break;
    case 'last_90':
      from = subDays(last, 89);
      break;
    case 'qtd':
      from = startOfQuarter(last);
      break;
    case 'ytd':
      from = startOfYear(last);
      break;
  }
  return { date_from: day(from), date_to: lastOrderDate };
}

/**
 * The filters the models get: a date preset replaced by its dates. Until the last order date
 * is known a preset gives no dates (the app waits for it before rendering pages).
 */
export function withPresetDates(filters: Filters, preset: string | null, lastOrderDate: string | null | undefined): Filters {
  if (!isDatePreset(preset) || !lastOrderDate) return filters;
  const range = resolvePreset(preset, lastOrderDate);
  return range ? { ...filters, ...range } : filters;
}

/** Compare with: the period just before (as long), or the same dates one year earlier. */
export const COMPARE_CHOICES = [
  { id: 'prev', label: 'Previous period' },
  { id: 'yoy', label: 'Same period last year' },
] as const;
export type CompareChoice = (typeof COMPARE_CHOICES)[number]['id'];

export function isCompareChoice(v: unknown): v is CompareChoice {
  return typeof v === 'string' && COMPARE_CHOICES.some((c) => c.id === v);
}

/**
 * The range a period is compared with. `prev`: a range of whole calendar months (a complete
 * month, quarter or year, or a custom range from a 1st to a month's end) is compared with as
 * many whole months just before it (Q2 with Q1, not with the 91 days before); any other range
 * with as many days just before it. `yoy`: the same days one year earlier (29 Feb → 28 Feb).
 * Null without both dates: "all dates" has nothing before it to compare with.
 */
export function compareRange(range: Partial<DateRange>, choice: CompareChoice): DateRange | null {
  if (!isIsoDay(range.date_from) || !isIsoDay(range.date_to) || range.date_from > range.date_to) return null;
  const from = parseISO(range.date_from);
  const to = parseISO(range.date_to);
  if (choice === 'yoy') return { date_from: day(subYears(from, 1)), date_to: day(subYears(to, 1)) };
  if (from.getDate() === 1 && isLastDayOfMonth(to)) {
    const months = differenceInCalendarMonths(to, from) + 1;
    const start = subMonths(from, months);
    return { date_from: day(start), date_to: day(subDays(from, 1)) };
  }
  const days = differenceInCalendarDays(to, from) + 1;
  return { date_from: day(subDays(from, days)), date_to: day(addDays(subDays(from, days), days - 1)) };
}
