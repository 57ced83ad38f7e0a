/**
 * Display geometry for the small hand-drawn charts (interval bars, bar lists). These helpers
 * only place marks on a scale; they never compute a number that is shown as data.
 */

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The end of a 0-based axis that holds every value: the largest value rounded up to a "nice"
 * step (1, 2, 2.5 or 5 × a power of ten), like a chart library's axis. 1 when there is nothing
 * positive to show (so a scale of zeros still draws).
 */
export function niceMax(values: readonly unknown[]): number {
  let max = 0;
  for (const v of values) if (isNum(v) && v > max) max = v;
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    // Guard against binary noise: 0.3 must give 0.5, not fail at 0.30000000000000004.
    if (candidate >= max * (1 - 1e-12)) return candidate;
  }
  return 10 * power;
}

/** Tick steps a reader takes as round (× a power of ten): 6.5 / 13 / 19.5 is not among them. */
const ROUND_STEPS = [1, 2, 3, 4, 5, 6, 8, 10];

/**
 * The top of a 0-based chart axis whose ticks fall on round values: 4 × a round step, the
 * smallest that holds every value (the chart library draws 5 ticks over a fixed domain, so it
 * divides the top by 4). Steps of 2.5 are left out: the library rounds them to 3 on some
 * scales. Undefined when there is nothing positive to show or a value is negative (the
 * library's own axis then).
 */
export function roundAxisTop(values: readonly unknown[], intervals = 4): number | undefined {
  let max = 0;
  for (const v of values) {
    if (!isNum(v)) continue;
    if (v < 0) return undefined;
    if (v > max) max = v;
  }
  if (max <= 0) return undefined;
  const rough = max / intervals;
  // Counts (all whole numbers) get whole steps: no tick at 0.8 orders.
  const whole = values.every((v) => !isNum(v) || Number.isInteger(v));
  const power = Math.max(10 ** Math.floor(Math.log10(rough)), whole ? 1 : 0);
  for (const step of ROUND_STEPS) {
    // Guard against binary noise: a top of exactly 0.24 must not be pushed to the next step.
    if (step * power * intervals >= max * (1 - 1e-12)) return Number((step * power * intervals).toPrecision(12));
  }
  return 10 * power * intervals;
}

/** Where a value sits on a 0..max axis, as a CSS percentage clamped to 0–100 (null when not a number). */
export function toPercentOfScale(v: unknown, max: number): number | null {
  if (!isNum(v) || !isNum(max) || max <= 0) return null;
  return Math.min(100, Math.max(0, (v / max) * 100));
}

/**
 * The drawn parts of an interval bar: the interval as a left offset and width, and the points
 * (rate, baseline) as offsets, all in percent of the scale. A missing low or high end draws no
 * interval; a reversed pair is drawn in order.
 */
export function intervalGeometry(
  rate: unknown,
  low: unknown,
  high: unknown,
  baseline: unknown,
  max: number,
): { interval: { left: number; width: number } | null; rate: number | null; baseline: number | null } {
  const a = toPercentOfScale(low, max);
  const b = toPercentOfScale(high, max);
  const interval = a === null || b === null ? null : { left: Math.min(a, b), width: Math.abs(b - a) };
  return { interval, rate: toPercentOfScale(rate, max), baseline: toPercentOfScale(baseline, max) };
}
