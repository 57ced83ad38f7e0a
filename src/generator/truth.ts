/**
 * What was planted and what came out, collected while streaming (small counters only) and
 * written as truth.json: the answer key the app's findings are checked against.
 */
import type { CanonicalTable, Reason } from '../data-model/contract';
import {
  BAD_SKUS, BAD_SUPPLIER, CARRIERS, CATEGORIES, CHANNELS, CURRENCY, EXTRACTED_AT, FIT, ORDER_PERIOD, POLICY_CHANGE,
  REGIONS, RETURN_WINDOW_DAYS, SUPPLIERS, TINY_SKUS, TINY_SKU_RETURN_PROBABILITY, WORST_CARRIER, type Catalog, type Sku,
} from './catalog';
import { LEAK_RULES, LEAK_TYPES, type LeakType, type PlanCounts } from './plans';
import { REVIEW_PROBABILITY } from './reviews';
import { RAW_REASONS, UNMAPPABLE_RAW_REASONS } from './texts';

export interface RateCounter {
  lines: number;
  units: number;
  returnedLines: number;
  returnedUnits: number;
}
const rateCounter = (): RateCounter => ({ lines: 0, units: 0, returnedLines: 0, returnedUnits: 0 });

function bump(c: RateCounter, units: number, returnedLines: number, returnedUnits: number): void {
  c.lines++;
  c.units += units;
  c.returnedLines += returnedLines;
  c.returnedUnits += returnedUnits;
}

export interface CarrierCounter {
  shipments: number;
  delivered: number;
  late: number;
  lost: number;
  returnedToSender: number;
  damagedParcels: number;
  transitDamageReturns: number;
  returnLegs: number;
  pickupFailed: number;
}

export interface CustomerCounter {
  customer_id: string;
  orders: number;
  units: number;
  returned_units: number;
  returns: number;
}

export class Stats {
  rows: Record<CanonicalTable, number> = { order_lines: 0, products: 0, shipments: 0, returns: 0, reviews: 0 };
  orders = 0;
  customers = 0;
  all = rateCounter();
  category = CATEGORIES.map(rateCounter);
  supplier = new Map<string, RateCounter & { defectiveOrNotAsDescribed: number }>();
  carrier: CarrierCounter[] = CARRIERS.map(() => ({ shipments: 0, delivered: 0, late: 0, lost: 0, returnedToSender: 0, damagedParcels: 0, transitDamageReturns: 0, returnLegs: 0, pickupFailed: 0 }));
  policy = { before: { ...rateCounter(), changedMind: 0, zeroLabel: 0 }, after: { ...rateCounter(), changedMind: 0, zeroLabel: 0 } };
  badSkus = new Map<string, RateCounter>(BAD_SKUS.map((b) => [b.sku, rateCounter()]));
  tinySkus = new Map<string, RateCounter>(TINY_SKUS.map((t) => [t.sku, rateCounter()]));
  leakage = Object.fromEntries(LEAK_TYPES.map((t) => [t, [] as string[]])) as Record<LeakType, string[]>;
  serial = new Map<number, CustomerCounter>();
  wardrobing = new Map<number, CustomerCounter>();
  bracketing: { order_id: string; customer_id: string; product_group: string; kept_sku: string; returned_return_ids: string[] }[] = [];
  emptyBox: { return_id: string; order_id: string; customer_id: string; sku: string }[] = [];
  orphans: string[] = [];
  reasonMissing = 0;
  reasonUnmappable = 0;
  recoveryMissing = 0;
  skuMissing = 0;
  openReturns = 0;
  resolutions: Record<string, number> = { refund: 0, exchange: 0, store_credit: 0, rejected: 0, open: 0, pickup_failed: 0 };

  /** Counts one order line and how much of it came back. */
  countLine(sku: Sku, afterPolicy: boolean, carrier: number, quantity: number, returnedQuantity: number, reason: Reason | null): void {
    const units = Math.min(returnedQuantity, quantity);
    const returned = reason !== null ? 1 : 0;
    const policy = afterPolicy ? this.policy.after : this.policy.before;
    const supplier = this.supplierCounter(sku.supplier);
    bump(this.all, quantity, returned, units);
    bump(this.category[sku.category]!, quantity, returned, units);
    bump(supplier, quantity, returned, units);
    bump(policy, quantity, returned, units);
    if (sku.bad) bump(this.badSkus.get(sku.sku)!, quantity, returned, units);
    if (sku.tiny) bump(this.tinySkus.get(sku.sku)!, quantity, returned, units);
    if (reason === 'defective' || reason === 'not_as_described') supplier.defectiveOrNotAsDescribed++;
    if (reason === 'changed_mind') policy.changedMind++;
    if (reason === 'damaged_in_transit') this.carrier[carrier]!.transitDamageReturns++;
  }

  supplierCounter(name: string) {
    let c = this.supplier.get(name);
    if (!c) this.supplier.set(name, (c = { ...rateCounter(), defectiveOrNotAsDescribed: 0 }));
    return c;
  }
}

const rate = (c: RateCounter) => ({
  ...c,
  line_return_rate: c.lines ? round4(c.returnedLines / c.lines) : null,
  unit_return_rate: c.units ? round4(c.returnedUnits / c.units) : null,
});
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface TruthInput {
  seed: number | string;
  orders: number;
  catalog: Catalog;
  counts: PlanCounts;
  stats: Stats;
}

export function buildTruth({ seed, orders, catalog, counts, stats: s }: TruthInput) {
  const runsSmall = catalog.groups.filter((g) => g.fit === 'runs_small').map((g) => g.id);
  const runsLarge = catalog.groups.filter((g) => g.fit === 'runs_large').map((g) => g.id);
  return {
    generator: { name: 'returns-insight synthetic shop', version: 1, seed, orders, skus: catalog.skus.length },
    period: { first_order_date: ORDER_PERIOD.start, last_order_date: ORDER_PERIOD.end, extracted_at: EXTRACTED_AT },
    currency: CURRENCY,
    rows: s.rows,
    totals: { ...rate(s.all), orders: s.orders, distinct_customers: s.customers, return_rows: s.rows.returns, open_returns: s.openReturns, resolutions: s.resolutions },
    return_window_days: RETURN_WINDOW_DAYS,
    policy_change: { ...POLICY_CHANGE, observed: { before: rate(s.policy.before), after: rate(s.policy.after) } },
    categories: CATEGORIES.map((c, i) => ({ name: c.name, planted_base_return_rate: c.baseReturnRate, reason_mix: c.reasonMix, observed: rate(s.category[i]!) })),
    suppliers: SUPPLIERS.map((sp) => ({ name: sp.name, categories: sp.categories, observed: s.supplier.get(sp.name) ?? null })),
    bad_supplier: { ...BAD_SUPPLIER, effect: 'defective and not_as_described return rates multiplied on all its SKUs' },
    bad_skus: BAD_SKUS.map((b) => {
      const sku = catalog.skus[catalog.bySku.get(b.sku)!]!;
      return {
        ...b,
        category: CATEGORIES[sku.category]!.name,
        category_base_return_rate: CATEGORIES[sku.category]!.baseReturnRate,
        product_return_probability: round4(sku.hazardSum),
        observed: rate(s.badSkus.get(b.sku)!),
      };
    }),
    tiny_sample_skus: TINY_SKUS.map((t) => ({ ...t, return_probability: TINY_SKU_RETURN_PROBABILITY, observed: s.tinySkus.get(t.sku) })),
    fit: { ...FIT, runs_small_groups: runsSmall, runs_large_groups: runsLarge },
    carriers: CARRIERS.map((c, i) => ({ ...c, observed: s.carrier[i] })),
    worst_carrier: WORST_CARRIER,
    channels: CHANNELS,
    regions: REGIONS,
    leakage: Object.fromEntries(
      LEAK_TYPES.map((t) => [t, { count: s.leakage[t].length, rule: LEAK_RULES[t], return_ids: s.leakage[t] }]),
    ) as Record<LeakType, { count: number; rule: string; return_ids: string[] }>,
    leakage_note: 'duplicate_refund: count = lines refunded twice; return_ids = the second (duplicate) row of each.',
    abuse: {
      serial_returners: [...s.serial.values()],
      wardrobing_customers: { note: 'apparel returned 26-29.5 days after delivery (the last days of the 30-day window)', customers: [...s.wardrobing.values()] },
      bracketing_orders: s.bracketing,
      empty_box_returns: s.emptyBox,
    },
    data_quality: {
      orphan_returns: { count: s.orphans.length, rule: 'order_id not in order_lines (orders from before the export)', return_ids: s.orphans },
      reason_empty_rows: s.reasonMissing,
      reason_empty_unmappable_raw: s.reasonUnmappable,
      recovery_value_empty_inspected_rows: s.recoveryMissing,
      sku_empty_rows: s.skuMissing,
      raw_reason_vocabulary: RAW_REASONS,
      unmappable_raw_reasons: UNMAPPABLE_RAW_REASONS,
    },
    review_probability: REVIEW_PROBABILITY,
    planned: counts,
  };
}
export type Truth = ReturnType<typeof buildTruth>;
