import type { Filters } from '../filters';
import { format, parseISO, startOfQuarter, startOfYear, subDays } from 'date-fns';
import { isCalendarDate } from '../../runner/param-check';

/**
 * Relative date ranges. They are resolved against the data's LAST ORDER DATE, not today's
 * date: a demo or an export can be months old, and "last 30 days" of a file from last year
 * must still show something. The UI says "of data" for that reason.
 */
export const DATE_PRESETS = [
  { id: 'last_30', label: 'Last 30 days of data' },
  { id: 'last_90', label: 'Last 90 days of data' },
  { id: 'qtd', label: 'Quarter to date (of data)' },
  { id: 'ytd', label: 'Year to date (of data)' },
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
  switch (preset) {
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
