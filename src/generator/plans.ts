/**
 * Planted cases are decided up front, as "order number i gets treatment X", so their counts are
 * exact and known before any row is written (streaming cannot look back). Plans only use orders
 * placed early enough that every return stage is complete at the extract date.
 */
import { TINY_SKUS, type Catalog } from './catalog';
import type { Rng } from './random';

export const LEAK_TYPES = [
  'refund_above_paid',
  'refund_before_received',
  'refund_without_receipt',
  'refunded_outside_window',
  'duplicate_refund',
  'quantity_above_ordered',
  'label_cost_above_value',
] as const;
export type LeakType = (typeof LEAK_TYPES)[number];

/** How a scan of the files finds each leakage case; natural rows never match these. */
export const LEAK_RULES: Record<LeakType, string> = {
  refund_above_paid: 'one return row with refund_amount > unit_price * quantity of its order line (+0.005)',
  refund_before_received: 'refund_amount > 0 and received_at is set and refunded_at < received_at',
  refund_without_receipt: "resolution = 'refund', refund_amount > 0, refunded_at set, received_at empty",
  refunded_outside_window: 'refund_amount > 0 and requested_at - delivered_at (shipment) > 30 days',
  duplicate_refund: 'order lines with two or more return rows with refund_amount > 0 (counted once per line)',
  quantity_above_ordered: 'one return row with quantity > quantity of its order line',
  label_cost_above_value: 'label_cost > unit_price * quantity of the return row (the value of what came back)',
};

export type Plan =
  | { kind: 'leak'; leak: LeakType }
  | { kind: 'bracketing' }
  | { kind: 'empty_box' }
  | { kind: 'serial'; customer: number }
  | { kind: 'wardrobing'; customer: number };

export interface PlanCounts {
  leakPerType: number;
  serialCustomers: number;
  ordersPerSerial: number;
  wardrobingCustomers: number;
  ordersPerWardrober: number;
  bracketing: number;
  emptyBox: number;
  orphans: number;
}

export function planCounts(orders: number): PlanCounts {
  const clampRound = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));
  return {
    leakPerType: Math.max(5, Math.round(orders * 0.0004)), // 40 each at 100k orders
    serialCustomers: 5,
    ordersPerSerial: clampRound(orders / 250, 15, 80),
    wardrobingCustomers: 5,
    ordersPerWardrober: clampRound(orders / 500, 8, 40),
    bracketing: Math.max(10, Math.round(orders / 10_000)),
    emptyBox: Math.max(5, Math.round(orders / 20_000)),
    orphans: Math.max(3, Math.round(orders / 20_000)),
  };
}

export interface Plans {
  counts: PlanCounts;
  byOrder: Map<number, Plan>;
  /** Extra lines with tiny-sample SKUs, by order number. */
  tinyLines: Map<number, number[]>;
  /** Order numbers at which one orphan return (of an order outside the export) is written. */
  orphanAt: Set<number>;
}

/**
 * @param safeOrders orders [0, safeOrders) are old enough for complete return histories
 * @param firstCustomer number of the first abuser customer (abusers get no random orders)
 */
export function buildPlans(rng: Rng, orders: number, safeOrders: number, firstCustomer: number, catalog: Catalog): Plans {
  const counts = planCounts(orders);
  const wanted: Plan[] = [];
  for (const leak of LEAK_TYPES) {
    for (let i = 0; i < counts.leakPerType; i++) wanted.push({ kind: 'leak', leak });
  }
  for (let c = 0; c < counts.serialCustomers; c++) {
    for (let i = 0; i < counts.ordersPerSerial; i++) wanted.push({ kind: 'serial', customer: firstCustomer + c });
  }
  for (let c = 0; c < counts.wardrobingCustomers; c++) {
    for (let i = 0; i < counts.ordersPerWardrober; i++) wanted.push({ kind: 'wardrobing', customer: firstCustomer + counts.serialCustomers + c });
  }
  for (let i = 0; i < counts.bracketing; i++) wanted.push({ kind: 'bracketing' });
  for (let i = 0; i < counts.emptyBox; i++) wanted.push({ kind: 'empty_box' });

  if (wanted.length > safeOrders / 2) {
    throw new Error(`too few orders (${orders}) for the planted cases; use at least 1000`);
  }
  const byOrder = new Map<number, Plan>();
  const slots = rng.distinct(wanted.length, 0, safeOrders);
  wanted.forEach((plan, i) => byOrder.set(slots[i]!, plan));
  // Orphan returns belong to orders from before the export, so they are requested near its start;
  // they are extra rows written while order i is generated, independent of that order's own plan.
  const orphanAt = new Set(rng.distinct(counts.orphans, 0, Math.max(counts.orphans, Math.floor(orders * 0.05))));

  const tinyLines = new Map<number, number[]>();
  for (const t of TINY_SKUS) {
    const sku = catalog.bySku.get(t.sku);
    if (sku === undefined) continue;
    for (const o of rng.distinct(t.sales, 0, safeOrders)) tinyLines.set(o, [...(tinyLines.get(o) ?? []), sku]);
  }
  return { counts, byOrder, tinyLines, orphanAt };
}
