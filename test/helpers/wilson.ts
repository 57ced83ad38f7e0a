/**
 * The 95% Wilson score interval of x successes in n, written out independently of
 * queries/schema/macros.sql, so the model tests check the SQL against a second implementation.
 */
export function wilson(x: number, n: number): [number, number] {
  const z = 1.96;
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const d = 1 + (z * z) / n;
  return [Math.max(0, (centre - spread) / d), Math.min(1, (centre + spread) / d)];
}

/** Its low end. */
export function wilsonLow(x: number, n: number): number {
  return wilson(x, n)[0];
}
