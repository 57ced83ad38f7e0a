/**
 * The relative change of one figure against the compared period, as kpi_change gives it for
 * money (changeText reads it): (current − previous) / |previous|. Null when either side is
 * not a number (a part not in the data) or the previous one is 0 (no relative change from 0).
 */
export function relativeChange(current: unknown, previous: unknown): number | null {
  if (typeof current !== 'number' || typeof previous !== 'number' || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
