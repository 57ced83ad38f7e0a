import { addDays, endOfMonth, endOfQuarter, endOfYear, format, parseISO, startOfMonth, startOfQuarter, startOfYear, subDays, subMonths, subQuarters, subYears } from 'date-fns';
import { isCalendarDate } from './param-check';

/**
 * Relative date ranges. They are resolved against the data's LAST ORDER DATE (its as-of day,
 * dataset_info.as_of), not today's date: a demo or an export can be months old, and "last 30
 * days" of a file from last year must still show something; the engine has no clock of its
 * own either. The UI says "of data" for that reason.
 * Last month / quarter / year are COMPLETE calendar periods: the latest one that ends on or
 * before the as-of day (data up to 30 June has a complete Q2; data up to 29 June does not,
 * so its last quarter is Q1). The same as-of day serves both date bases (app/view/date-basis.ts):
 * a refund dated after the last order belongs to a period the data does not cover in full yet.
 * Here, below the app, because the build answers the Overview's presets on the demo data too
 * (first-screen.ts) and must resolve them to the very dates the page will ask for.
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

// Days are handled as local dates (parseISO of a bare day is local midnight) and written
// back with format(), so no time zone shifts a day.
export const isoDate = (d: Date) => format(d, 'yyyy-MM-dd');

/** The range of a preset, ending on the last order date of the data (inclusive). */
export function resolvePreset(preset: DatePreset, lastOrderDate: string): DateRange | null {
  if (typeof lastOrderDate !== 'string' || !isCalendarDate(lastOrderDate)) return null;
  const last = parseISO(lastOrderDate);
  let from: Date;
  // The day after the as-of day: the period holding it is the first one not complete.
  const next = addDays(last, 1);
  switch (preset) {
    case 'last_month': {
      const m = subMonths(startOfMonth(next), 1);
      return { date_from: isoDate(m), date_to: isoDate(endOfMonth(m)) };
    }
    case 'last_quarter': {
      const q = subQuarters(startOfQuarter(next), 1);
      return { date_from: isoDate(q), date_to: isoDate(endOfQuarter(q)) };
    }
    case 'last_year': {
      const y = subYears(startOfYear(next), 1);
      return { date_from: isoDate(y), date_to: isoDate(endOfYear(y)) };
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
  return { date_from: isoDate(from), date_to: lastOrderDate };
}
