import type { Sniff } from '../decode';
import { readNumber } from '../profile';
import type { NumberTransform } from '../spec';
import { column } from './define';

/**
 * Whether a column named like a total (Sales, Amount, Line Total ...) holds LINE totals (price
 * × quantity) or unit prices, from the sampled rows: among rows of the same product (and the
 * same discount, when there is a discount column) sold in different quantities, a line total
 * divided by the quantity stays put while the total grows with it; a unit price stays put
 * itself. Products sold once in the sample say nothing.
 */
export interface TotalCheck {
  verdict: 'line_total' | 'unit_price' | 'unknown';
  /** Products (× discount) sold in different quantities in the sample that were compared. */
  compared: number;
  /** Of those, how many read as line totals. */
  asTotal: number;
}

/** Relative spread of positive numbers: (max − min) / max. */
const spread = (xs: number[]) => (Math.max(...xs) - Math.min(...xs)) / Math.max(...xs);
/** Same price within a cent's rounding of the line total. */
const SAME = 0.01;

export function checkLineTotal(
  s: Sniff,
  cols: { sku: string; quantity: string; total: string; discount?: string },
  formats: { quantity: NumberTransform; total: NumberTransform },
): TotalCheck {
  const skus = column(s, cols.sku);
  const qty = column(s, cols.quantity).map((v) => readNumber(v, formats.quantity.decimal, formats.quantity.thousands, formats.quantity.currency));
  const total = column(s, cols.total).map((v) => readNumber(v, formats.total.decimal, formats.total.thousands, formats.total.currency));
  const discount = cols.discount ? column(s, cols.discount) : [];
  const groups = new Map<string, { q: number; t: number }[]>();
  skus.forEach((sku, i) => {
    const q = qty[i];
    const t = total[i];
    if (sku.trim() === '' || q == null || t == null || q <= 0 || t <= 0) return;
    const key = `${sku.trim()}\u0000${(discount[i] ?? '').trim()}`;
    groups.set(key, [...(groups.get(key) ?? []), { q, t }]);
  });
  let compared = 0;
  let asTotal = 0;
  let asUnit = 0;
  for (const rows of groups.values()) {
    if (new Set(rows.map((r) => r.q)).size < 2) continue;
    compared++;
    const perUnit = spread(rows.map((r) => r.t / r.q));
    const raw = spread(rows.map((r) => r.t));
    if (perUnit <= SAME && raw > SAME) asTotal++;
    else if (raw <= SAME && perUnit > SAME) asUnit++;
  }
  const verdict = asTotal > asUnit ? 'line_total' : asUnit > asTotal ? 'unit_price' : 'unknown';
  return { verdict, compared, asTotal };
}
