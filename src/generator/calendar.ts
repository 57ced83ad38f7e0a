/**
 * How many orders fall on each day: growth over the period, a November/December peak with Black
 * Friday week, busier weekends. Counts are exact (cumulative rounding), so order i always lands
 * on the same day for a given order total and the stream is chronological.
 */
import { EXTRACTED_AT, ORDER_PERIOD } from './catalog';
import { DAY, dayOf, fmtDate, secondsOf } from './time';

const MONTH_FACTOR = [0.85, 0.8, 0.9, 0.95, 1.0, 0.95, 0.9, 0.9, 1.0, 1.05, 1.45, 1.5];
/** Returns need this many days after the order to be complete (slowest carrier, 55-day planted delay). */
const SAFE_MARGIN_DAYS = 110;

export interface Calendar {
  firstDay: number;
  /** Orders per day, from firstDay. */
  counts: Int32Array;
  /** Orders [0, safeOrders) were placed at least SAFE_MARGIN_DAYS before the extract. */
  safeOrders: number;
}

export function buildCalendar(orders: number): Calendar {
  const firstDay = dayOf(ORDER_PERIOD.start);
  const lastDay = dayOf(ORDER_PERIOD.end);
  const weights: number[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    const date = fmtDate(d);
    const month = Number(date.slice(5, 7));
    const dom = Number(date.slice(8, 10));
    const growth = 1 + 0.4 * ((d - firstDay) / (lastDay - firstDay));
    const blackFriday = (month === 11 && dom >= 24) || (month === 12 && dom <= 2) ? 1.6 : 1;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? 1.1 : 1;
    weights.push(growth * MONTH_FACTOR[month - 1]! * blackFriday * weekend);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = new Int32Array(weights.length);
  const safeLastDay = Math.floor(secondsOf(EXTRACTED_AT) / DAY) - SAFE_MARGIN_DAYS;
  let cum = 0;
  let placed = 0;
  let safeOrders = 0;
  weights.forEach((w, i) => {
    cum += w;
    const upTo = Math.round((orders * cum) / total);
    counts[i] = upTo - placed;
    placed = upTo;
    if (firstDay + i <= safeLastDay) safeOrders = placed;
  });
  return { firstDay, counts, safeOrders };
}
