/** Small statistics over repeated timings (milliseconds). */
export function median(xs: readonly number[]): number | null {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export function quantile(xs: readonly number[], q: number): number | null {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))]!;
}

/** Runs `fn` up to `runs` times; stops early once one run took longer than `budgetMs` in total. */
export async function repeat<T>(runs: number, budgetMs: number, fn: (i: number) => Promise<T>, msOf: (t: T) => number): Promise<T[]> {
  const out: T[] = [];
  let spent = 0;
  for (let i = 0; i < runs; i++) {
    const r = await fn(i);
    out.push(r);
    spent += msOf(r);
    if (spent > budgetMs && i + 1 < runs) break;
  }
  return out;
}
