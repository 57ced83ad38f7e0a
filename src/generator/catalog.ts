/**
 * What the synthetic shop sells and the patterns planted in it. Everything a test or an analyst
 * needs to know to check that the app finds the planted signal is exported from here and
 * copied into truth.json.
 */
import type { Reason } from '../data-model/contract';
import { type Rng, type Weighted, round2, weightedTable } from './random';

export const CURRENCY = 'EUR';
/** Orders are placed on these days (inclusive); fixed so output never depends on today's date. */
export const ORDER_PERIOD = { start: '2024-01-01', end: '2025-06-30' } as const;
/** The export was taken at this instant: later events (deliveries, refunds...) do not exist yet. */
export const EXTRACTED_AT = '2025-07-03 00:00:00';
/** Returns requested later than this many days after delivery are outside policy (the whole period). */
export const RETURN_WINDOW_DAYS = 30;

/** The reasons driven by the product (category mix); transit damage and lateness come from the carrier. */
export const PRODUCT_REASONS = [
  'size_too_small',
  'size_too_large',
  'defective',
  'not_as_described',
  'wrong_item',
  'missing_parts',
  'changed_mind',
  'better_price',
  'other',
] as const satisfies readonly Reason[];
export type ProductReason = (typeof PRODUCT_REASONS)[number];

/**
 * Free returns ended on this date. Orders placed on or after it: the customer pays the return
 * label for preference returns (so the merchant's label_cost is 0 on those rows), and fewer
 * such returns happen. The 30-day window is unchanged.
 */
export const POLICY_CHANGE = {
  date: '2025-01-01',
  appliesTo: 'orders with order_date on or after the date',
  name: 'Free returns ended',
  before: 'Free returns: the merchant pays the return label for every return.',
  after:
    'Customer-paid returns for preference reasons (size_too_small, size_too_large, changed_mind, better_price): ' +
    'label_cost is 0 on those rows and their likelihood drops (multipliers below). Fault returns keep a free label.',
  customerPaidReasons: ['size_too_small', 'size_too_large', 'changed_mind', 'better_price'] as Reason[],
  reasonMultipliersAfter: { changed_mind: 0.4, better_price: 0.5, size_too_small: 0.85, size_too_large: 0.85 } as Partial<
    Record<ProductReason, number>
  >,
  returnWindowDaysBefore: RETURN_WINDOW_DAYS,
  returnWindowDaysAfter: RETURN_WINDOW_DAYS,
};

export const CHANNELS = [
  { name: 'web', weight: 0.5, returnMultiplier: 1.0 },
  { name: 'app', weight: 0.3, returnMultiplier: 0.9 },
  { name: 'marketplace', weight: 0.2, returnMultiplier: 1.2 },
] as const;

/** Country codes the orders ship to; promise days grow with distance from the warehouse. */
export const REGIONS = [
  { name: 'DE', weight: 0.3, promiseDays: 2 },
  { name: 'FR', weight: 0.18, promiseDays: 3 },
  { name: 'NL', weight: 0.12, promiseDays: 2 },
  { name: 'AT', weight: 0.1, promiseDays: 3 },
  { name: 'ES', weight: 0.15, promiseDays: 4 },
  { name: 'IT', weight: 0.15, promiseDays: 4 },
] as const;

export interface CarrierSpec {
  name: string;
  weight: number;
  /** Outbound: days from shipping to an on-time delivery. */
  transitDays: readonly [number, number];
  /** Share of parcels delivered after promised_at. */
  lateRate: number;
  /** Share of parcels lost (status lost, no delivered_at). */
  lostRate: number;
  returnedToSenderRate: number;
  /** Share of parcels damaged on the way; their lines come back as damaged_in_transit. */
  damageRate: number;
  /** Return leg: days from approval (pickup) to arrival at the warehouse. */
  returnTransitDays: readonly [number, number];
  /** Merchant-paid return label, +/- 0.50. */
  labelCost: number;
  /** Share of reverse pickups that finally fail (the item never reaches the warehouse). */
  pickupFailRate: number;
  /** Chance of each extra pickup attempt before success. */
  extraAttemptRate: number;
}

export const CARRIERS: readonly CarrierSpec[] = [
  { name: 'SwiftPost', weight: 0.35, transitDays: [1, 3], lateRate: 0.07, lostRate: 0.003, returnedToSenderRate: 0.002, damageRate: 0.008, returnTransitDays: [2, 5], labelCost: 5.5, pickupFailRate: 0.02, extraAttemptRate: 0.08 },
  { name: 'ParcelOne', weight: 0.3, transitDays: [1, 4], lateRate: 0.1, lostRate: 0.005, returnedToSenderRate: 0.003, damageRate: 0.012, returnTransitDays: [3, 6], labelCost: 4.9, pickupFailRate: 0.04, extraAttemptRate: 0.12 },
  { name: 'EuroExpress', weight: 0.2, transitDays: [1, 2], lateRate: 0.05, lostRate: 0.002, returnedToSenderRate: 0.002, damageRate: 0.006, returnTransitDays: [2, 4], labelCost: 7.9, pickupFailRate: 0.015, extraAttemptRate: 0.05 },
  { name: 'BudgetShip', weight: 0.15, transitDays: [2, 5], lateRate: 0.24, lostRate: 0.02, returnedToSenderRate: 0.006, damageRate: 0.045, returnTransitDays: [4, 9], labelCost: 4.2, pickupFailRate: 0.14, extraAttemptRate: 0.35 },
];
/** Worst on every measure: late, lost, transit damage, slow and failing reverse pickups. */
export const WORST_CARRIER = 'BudgetShip';

export interface CategorySpec {
  name: string;
  prefix: string;
  /** Share of the SKU count. */
  skuShare: number;
  /** Share of the demand (order lines). */
  salesShare: number;
  /** Unit return rate of a typical SKU before carrier effects. */
  baseReturnRate: number;
  /** How that rate splits over product reasons (sums to 1). */
  reasonMix: Partial<Record<ProductReason, number>>;
  /** Sizes of each product group; groups of unsized categories vary by colour. */
  sizes: readonly string[] | null;
  costRange: readonly [number, number];
  items: readonly string[];
  colors: readonly (string | null)[];
}

const CLOTHES_COLORS = ['Black', 'White', 'Navy', 'Grey', 'Red', 'Green', 'Beige', 'Blue', 'Pink'];

export const CATEGORIES: readonly CategorySpec[] = [
  {
    name: 'apparel', prefix: 'APP', skuShare: 0.38, salesShare: 0.4, baseReturnRate: 0.25,
    reasonMix: { size_too_small: 0.3, size_too_large: 0.2, defective: 0.06, not_as_described: 0.14, wrong_item: 0.03, changed_mind: 0.2, better_price: 0.04, other: 0.03 },
    sizes: ['XS', 'S', 'M', 'L', 'XL'], costRange: [6, 35],
    items: ['T-Shirt', 'Hoodie', 'Slim Jeans', 'Summer Dress', 'Rain Jacket', 'Chinos', 'Knit Sweater', 'Polo Shirt', 'Leggings', 'Blazer'],
    colors: CLOTHES_COLORS,
  },
  {
    name: 'shoes', prefix: 'SHO', skuShare: 0.17, salesShare: 0.17, baseReturnRate: 0.2,
    reasonMix: { size_too_small: 0.3, size_too_large: 0.22, defective: 0.08, not_as_described: 0.1, wrong_item: 0.03, changed_mind: 0.2, better_price: 0.04, other: 0.03 },
    sizes: ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45'], costRange: [18, 60],
    items: ['Running Shoe', 'Leather Sneaker', 'Chelsea Boot', 'Sandal', 'Loafer', 'Hiking Boot'],
    colors: ['Black', 'White', 'Brown', 'Grey', 'Navy'],
  },
  {
    name: 'home', prefix: 'HOM', skuShare: 0.13, salesShare: 0.13, baseReturnRate: 0.08,
    reasonMix: { defective: 0.18, not_as_described: 0.26, wrong_item: 0.06, missing_parts: 0.1, changed_mind: 0.3, better_price: 0.06, other: 0.04 },
    sizes: null, costRange: [5, 60],
    items: ['Ceramic Vase 12"', 'Linen Bedding Set', 'Bath Towels, 2-pack', 'Table Lamp', 'Throw Blanket', 'Cast Iron Pan', 'Storage Baskets, set of 3', 'Wall Mirror'],
    colors: ['White', 'Grey', 'Sand', 'Sage', 'Terracotta', 'Black'],
  },
  {
    name: 'electronics', prefix: 'ELE', skuShare: 0.11, salesShare: 0.1, baseReturnRate: 0.06,
    reasonMix: { defective: 0.36, not_as_described: 0.12, wrong_item: 0.06, missing_parts: 0.12, changed_mind: 0.24, better_price: 0.07, other: 0.03 },
    sizes: null, costRange: [12, 180],
    items: ['Wireless Earbuds', 'Bluetooth Speaker', 'USB-C Charger 65W', 'Smart Watch', 'Fitness Tracker', 'LED Desk Lamp', 'Power Bank 20000mAh', 'HD Webcam'],
    colors: ['Black', 'White', 'Silver'],
  },
  {
    name: 'beauty', prefix: 'BEA', skuShare: 0.1, salesShare: 0.1, baseReturnRate: 0.04,
    reasonMix: { defective: 0.12, not_as_described: 0.22, wrong_item: 0.1, changed_mind: 0.46, better_price: 0.05, other: 0.05 },
    sizes: null, costRange: [2.5, 14],
    items: ['Face Serum', 'Lip Balm', 'Repair Shampoo', 'Hand Cream', 'Eyeshadow Palette', 'Sunscreen SPF 50', 'Night Cream'],
    colors: [null, null, null, 'Nude', 'Rose', 'Coral'],
  },
  {
    name: 'toys', prefix: 'TOY', skuShare: 0.11, salesShare: 0.1, baseReturnRate: 0.07,
    reasonMix: { defective: 0.28, not_as_described: 0.15, wrong_item: 0.05, missing_parts: 0.15, changed_mind: 0.3, better_price: 0.04, other: 0.03 },
    sizes: null, costRange: [4, 40],
    items: ['Building Blocks Set', 'Plush Bear', 'Puzzle, 1000 pieces', 'RC Car', 'Board Game', 'Wooden Train'],
    colors: [null, null, 'Red', 'Blue', 'Yellow'],
  },
];

const ADJECTIVES = ['Classic', 'Essential', 'Premium', 'Urban', 'Eco', 'Comfort', 'Pro', 'Studio', 'Nordic', 'Everyday'];

/** Suppliers by category with their share of that category's product groups. */
export const SUPPLIERS: readonly { name: string; categories: Partial<Record<string, number>> }[] = [
  { name: 'Acme Textiles', categories: { apparel: 0.25, home: 0.2 } },
  { name: 'Nordwind Apparel', categories: { apparel: 0.75, shoes: 0.3 } },
  { name: 'Pacific Footwear', categories: { shoes: 0.7 } },
  { name: 'Casa Living', categories: { home: 0.8, toys: 0.2 } },
  { name: 'Lumen Electronics', categories: { electronics: 0.6 } },
  { name: 'VoltEdge', categories: { electronics: 0.4 } },
  { name: 'Bloom Beauty', categories: { beauty: 1 } },
  { name: 'Playfield Toys', categories: { toys: 0.8 } },
];

/** The one supplier whose goods break and disappoint: these reason rates are multiplied. */
export const BAD_SUPPLIER = {
  name: 'Acme Textiles',
  reasonMultipliers: { defective: 4, not_as_described: 3.5 } as Partial<Record<ProductReason, number>>,
};

/**
 * SKUs returned 2-3x as often as their category (every reason multiplied), and popular enough
 * (popularity = this many times the category's mean) for the difference to be significant.
 * Fixed ids: the catalog numbers SKUs per category, so these exist at every size.
 */
export const BAD_SKUS = [
  { sku: 'APP-0008', supplier: 'Acme Textiles', returnMultiplier: 1.7, popularity: 3 }, // x Acme's own effect
  { sku: 'SHO-0009', supplier: 'Pacific Footwear', returnMultiplier: 2.5, popularity: 3 },
  { sku: 'HOM-0004', supplier: 'Casa Living', returnMultiplier: 3.5, popularity: 4 },
  { sku: 'ELE-0003', supplier: 'VoltEdge', returnMultiplier: 3.5, popularity: 4 },
  { sku: 'TOY-0005', supplier: 'Playfield Toys', returnMultiplier: 3.5, popularity: 4 },
] as const;

/** SKUs sold only a handful of times (exactly `sales` lines), half of them returned on average. */
export const TINY_SKUS = [
  { sku: 'HOM-0002', sales: 3 },
  { sku: 'ELE-0007', sales: 2 },
  { sku: 'BEA-0004', sales: 4 },
  { sku: 'TOY-0003', sales: 3 },
  { sku: 'BEA-0009', sales: 5 },
  { sku: 'HOM-0011', sales: 2 },
] as const;
export const TINY_SKU_RETURN_PROBABILITY = 0.5;

/** Mean return multiplier of the customer x channel mix (see generate.ts), used to calibrate. */
export const CUSTOMER_MIX_MULTIPLIER = 1.025;
/** Approximate line return probability added by transit damage and late delivery. */
export const CARRIER_EFFECT = 0.016;

/** Fit of sized product groups: share of groups that run small / large and what that does. */
export const FIT = {
  runsSmallShare: 0.2,
  runsLargeShare: 0.1,
  /** Multipliers on [size_too_small, size_too_large]. */
  runsSmall: [2.2, 0.4],
  runsLarge: [0.4, 2.2],
  /** Extra size returns on the smallest and largest size of a group. */
  edgeSizeMultiplier: 1.25,
} as const;

/** SKU count used for `orders` unless overridden: more orders, a wider range, but capped. */
export function defaultSkuCount(orders: number): number {
  return Math.min(2000, Math.round(150 + orders / 100));
}

export type Fit = 'true_to_size' | 'runs_small' | 'runs_large';

export interface Sku {
  index: number;
  sku: string;
  name: string;
  category: number;
  supplier: string;
  group: number;
  size: string | null;
  color: string | null;
  unitCost: number;
  listPrice: number;
  popularity: number;
  fit: Fit;
  bad: boolean;
  tiny: boolean;
  /** Per-reason return probability before customer and channel effects (PRODUCT_REASONS order). */
  hazards: Float64Array;
  /** The same for orders placed after the policy change. */
  hazardsAfter: Float64Array;
  /** Sums of the two vectors. */
  hazardSum: number;
  hazardSumAfter: number;
}

export interface ProductGroup {
  id: string;
  category: number;
  supplier: string;
  fit: Fit;
  /** SKU indices in size order. */
  skus: number[];
}

export interface Catalog {
  skus: Sku[];
  groups: ProductGroup[];
  /** Demand over all SKUs except the tiny ones (they are sold only by plan). */
  demand: Weighted;
  /** Cheap SKUs (list price under 20), for label-cost-above-value cases. */
  cheap: number[];
  /** Expensive SKUs (list price from 60), for empty-box claims. */
  pricey: number[];
  /** Apparel SKUs by demand, for wardrobing customers. */
  apparel: number[];
  apparelDemand: Weighted;
  /** Sized groups with at least 3 sizes, for bracketing orders. */
  bracketable: number[];
  bySku: Map<string, number>;
}

/** Builds the catalog; SKU ids are numbered per category, so BAD_SKUS and TINY_SKUS are stable. */
export function buildCatalog(rng: Rng, skuCount: number): Catalog {
  const skus: Sku[] = [];
  const groups: ProductGroup[] = [];
  const badById = new Map<string, (typeof BAD_SKUS)[number]>(BAD_SKUS.map((b) => [b.sku, b]));
  const tinyIds = new Set<string>(TINY_SKUS.map((t) => t.sku));
  const counts = CATEGORIES.map((c) => Math.floor(c.skuShare * skuCount));
  counts[0]! += skuCount - counts.reduce((a, b) => a + b, 0);

  CATEGORIES.forEach((cat, ci) => {
    const first = skus.length;
    const names = new Map<string, number>();
    let n = 0;
    while (n < counts[ci]!) {
      // Shoe groups cover a women's (36-41) or men's (40-45) run of sizes; apparel all five.
      const sizes = cat.sizes === null ? null : cat.sizes.length > 5 ? (rng.chance(0.5) ? cat.sizes.slice(0, 6) : cat.sizes.slice(4)) : cat.sizes;
      const variants = Math.min(counts[ci]! - n, sizes ? sizes.length : rng.int(1, 3));
      const base = `${rng.pick(ADJECTIVES)} ${rng.pick(cat.items)}`;
      const seen = (names.get(base) ?? 0) + 1;
      names.set(base, seen);
      const groupName = seen === 1 ? base : `${base} ${seen}`;
      const ids = Array.from({ length: variants }, (_, v) => `${cat.prefix}-${String(n + v + 1).padStart(4, '0')}`);
      const forced = ids.map((id) => badById.get(id)?.supplier).find((s) => s !== undefined);
      const supplier = forced ?? pickSupplier(rng, cat.name);
      const fit: Fit = sizes === null ? 'true_to_size' : pickFit(rng);
      const group: ProductGroup = { id: `${cat.prefix}-G${String(groups.length + 1).padStart(4, '0')}`, category: ci, supplier, fit, skus: [] };
      const cost = Math.exp(rng.range(Math.log(cat.costRange[0]), Math.log(cat.costRange[1])));
      const listPrice = Math.max(9.99, Math.ceil(cost * rng.range(1.8, 3)) - 0.01);
      const groupPopularity = Math.exp(0.8 * rng.normal());
      const groupColor = sizes ? rng.pick(cat.colors) : null;
      for (let v = 0; v < variants; v++) {
        const size = sizes ? sizes[v]! : null;
        const color = sizes ? groupColor : rng.pick(cat.colors);
        const name = [groupName, color, size].filter(Boolean).join(' ');
        // Middle sizes sell more than the edges.
        const sizeWeight = sizes ? 1.3 - 0.7 * Math.abs(v - (variants - 1) / 2) / Math.max(1, (variants - 1) / 2) : rng.range(0.5, 1.5);
        group.skus.push(skus.length);
        skus.push({
          index: skus.length, sku: ids[v]!, name, category: ci, supplier, group: groups.length, size, color,
          unitCost: round2(cost), listPrice, popularity: groupPopularity * sizeWeight, fit,
          bad: badById.has(ids[v]!), tiny: tinyIds.has(ids[v]!),
          hazards: new Float64Array(PRODUCT_REASONS.length), hazardsAfter: new Float64Array(PRODUCT_REASONS.length), hazardSum: 0, hazardSumAfter: 0,
        });
      }
      groups.push(group);
      n += variants;
    }
    // Popular bad SKUs, unsellable tiny ones: set relative to the category mean.
    const own = skus.slice(first);
    const mean = own.reduce((a, s) => a + s.popularity, 0) / own.length;
    for (const s of own) {
      const bad = badById.get(s.sku);
      if (bad) s.popularity = bad.popularity * mean;
      if (s.tiny) s.popularity = 0;
    }
  });

  for (const s of skus) fillHazards(s, groups[s.group]!, rng);
  calibrate(skus);
  const catTotals = CATEGORIES.map((_, ci) => skus.filter((s) => s.category === ci).reduce((a, s) => a + s.popularity, 0));
  const demandWeights = skus.map((s) => (CATEGORIES[s.category]!.salesShare * s.popularity) / catTotals[s.category]!);
  const apparel = skus.filter((s) => CATEGORIES[s.category]!.name === 'apparel' && !s.tiny).map((s) => s.index);
  return {
    skus,
    groups,
    demand: weightedTable(demandWeights),
    cheap: skus.filter((s) => s.listPrice < 20 && !s.tiny).map((s) => s.index),
    pricey: skus.filter((s) => s.listPrice >= 60 && !s.tiny).map((s) => s.index),
    apparel,
    apparelDemand: weightedTable(apparel.map((i) => skus[i]!.popularity)),
    bracketable: groups.flatMap((g, gi) => (CATEGORIES[g.category]!.sizes && g.skus.length >= 3 ? [gi] : [])),
    bySku: new Map(skus.map((s) => [s.sku, s.index])),
  };
}

function pickSupplier(rng: Rng, category: string): string {
  const options = SUPPLIERS.flatMap((s) => (s.categories[category] ? [[s.name, s.categories[category]!] as const] : []));
  let x = rng.float() * options.reduce((a, [, w]) => a + w, 0);
  for (const [name, w] of options) {
    x -= w;
    if (x < 0) return name;
  }
  return options[options.length - 1]![0];
}

function pickFit(rng: Rng): Fit {
  const x = rng.float();
  return x < FIT.runsSmallShare ? 'runs_small' : x < FIT.runsSmallShare + FIT.runsLargeShare ? 'runs_large' : 'true_to_size';
}

/** Per-reason return probabilities of one SKU: category mix x fit x supplier x bad-SKU. */
function fillHazards(s: Sku, group: ProductGroup, rng: Rng): void {
  const cat = CATEGORIES[s.category]!;
  // Normal SKUs scatter around their category; the bad ones sit far above it.
  const jitter = s.bad ? BAD_SKUS.find((b) => b.sku === s.sku)!.returnMultiplier : Math.exp(0.2 * rng.normal());
  const edge = group.skus.length > 1 && (group.skus[0] === s.index || group.skus[group.skus.length - 1] === s.index);
  PRODUCT_REASONS.forEach((reason, r) => {
    let h = cat.baseReturnRate * (cat.reasonMix[reason] ?? 0) * jitter;
    if (reason === 'size_too_small' || reason === 'size_too_large') {
      const k = reason === 'size_too_small' ? 0 : 1;
      if (s.fit === 'runs_small') h *= FIT.runsSmall[k];
      if (s.fit === 'runs_large') h *= FIT.runsLarge[k];
      if (edge) h *= FIT.edgeSizeMultiplier;
    }
    if (s.supplier === BAD_SUPPLIER.name) h *= BAD_SUPPLIER.reasonMultipliers[reason] ?? 1;
    s.hazards[r] = h;
  });
}

/**
 * Scales each category so its ordinary SKUs (demand-weighted, bad and tiny ones left out) return
 * at the category's base rate once carrier damage/lateness and customer mix are added: fit,
 * supplier and jitter then move SKUs around the base instead of inflating it.
 */
function calibrate(skus: Sku[]): void {
  CATEGORIES.forEach((cat, ci) => {
    const own = skus.filter((s) => s.category === ci);
    const typical = own.filter((s) => !s.bad && !s.tiny);
    const weight = typical.reduce((a, s) => a + s.popularity, 0);
    const mean = typical.reduce((a, s) => a + s.popularity * s.hazards.reduce((x, h) => x + h, 0), 0) / weight;
    const factor = (cat.baseReturnRate / CUSTOMER_MIX_MULTIPLIER - CARRIER_EFFECT) / mean;
    for (const s of own) {
      PRODUCT_REASONS.forEach((reason, r) => {
        const h = s.hazards[r]! * factor;
        s.hazards[r] = h;
        s.hazardsAfter[r] = h * (POLICY_CHANGE.reasonMultipliersAfter[reason] ?? 1);
        s.hazardSum += h;
        s.hazardSumAfter += s.hazardsAfter[r]!;
      });
    }
  });
}
