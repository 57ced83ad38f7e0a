/** Display formats the shared format.ts does not have; missing values show as its em dash. */
import { MISSING } from '../../format';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A mean star rating: "3.4 ★". */
export function formatStars(v: unknown, locale?: string): string {
  return isNum(v) ? `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} ★` : MISSING;
}

/** A day (a Date from the models, or an ISO string) as a medium date: "12 Mar 2025". */
export function formatDay(v: unknown, locale?: string): string {
  const d = v instanceof Date ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(v.slice(0, 10)) : null;
  if (!d || Number.isNaN(d.getTime())) return MISSING;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
