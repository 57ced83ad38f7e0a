import type { Filters } from '../filters';
import { addDays, differenceInCalendarDays, differenceInCalendarMonths, isLastDayOfMonth, parseISO, subDays, subMonths, subYears } from 'date-fns';
import { isCalendarDate } from '../../runner/param-check';
import { DATE_PRESETS, isDatePreset, isoDate as day, resolvePreset, type DateRange } from '../../runner/date-presets';

// The presets and their resolution live with the runner (the build answers them too).
export { DATE_PRESETS, isDatePreset, resolvePreset, type DatePreset, type DateRange } from '../../runner/date-presets';

export function presetLabel(id: string | null): string | null {
  return DATE_PRESETS.find((p) => p.id === id)?.label ?? null;
}

/** A valid calendar day 'yyyy-MM-dd' (2025-02-30 is not): the runner's own date check. */
export function isIsoDay(v: unknown): v is string {
  return typeof v === 'string' && isCalendarDate(v);
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
