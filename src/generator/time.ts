/**
 * Time as whole seconds since EPOCH (UTC, no time zones or DST), so arithmetic is plain integer
 * math and formatting is a table lookup: formatting Date objects would dominate a 10M-line run.
 */

export const DAY = 86_400;
export const HOUR = 3_600;
const EPOCH_MS = Date.UTC(2023, 11, 1); // a month before the first order, so day numbers stay small
const DAY_COUNT = 1_200; // well past the extract date; anything later is formatted the slow way

const DAY_TEXT: string[] = [];
for (let d = 0; d < DAY_COUNT; d++) DAY_TEXT.push(new Date(EPOCH_MS + d * DAY * 1000).toISOString().slice(0, 10));
const TWO_DIGITS: string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Day number of a `YYYY-MM-DD` date. */
export function dayOf(isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - EPOCH_MS) / (DAY * 1000));
}

/** Seconds of a `YYYY-MM-DD HH:MM:SS` timestamp. */
export function secondsOf(isoTimestamp: string): number {
  return Math.round((Date.parse(`${isoTimestamp.replace(' ', 'T')}Z`) - EPOCH_MS) / 1000);
}

export function fmtDate(day: number): string {
  return DAY_TEXT[day] ?? new Date(EPOCH_MS + day * DAY * 1000).toISOString().slice(0, 10);
}

export function fmtTimestamp(seconds: number): string {
  const day = Math.floor(seconds / DAY);
  let rest = seconds - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / 60);
  return `${fmtDate(day)} ${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[rest - m * 60]}`;
}

/** Month key `YYYY-MM` of a day number (for the per-month truth figures). */
export function monthOf(day: number): string {
  return fmtDate(day).slice(0, 7);
}
