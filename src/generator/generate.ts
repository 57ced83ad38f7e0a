/**
 * The synthetic shop: streams orders day by day and, for each, its shipment, lines, returns and
 * reviews straight to the sink. Only the catalog, the plans and small counters live in memory,
 * so 10M lines cost the same memory as 10k.
 */
import { CONTRACT, type Reason } from '../data-model/contract';
import { buildCalendar } from './calendar';
import {
  CARRIERS, CATEGORIES, CHANNELS, CURRENCY, EXTRACTED_AT, POLICY_CHANGE, PRODUCT_REASONS, REGIONS, RETURN_WINDOW_DAYS,
  TINY_SKU_RETURN_PROBABILITY, buildCatalog, defaultSkuCount, type Catalog, type Sku,
} from './catalog';
import type { Cell, Sink, TableWriter } from './csv-writer';
import { buildPlans, type LeakType, type Plan, type Plans } from './plans';
import { Rng, hashUnit, round2, streamSeed, weightedTable, type Weighted } from './random';
import { draftReturn, type ReturnDraft } from './returns';
import { REVIEW_PROBABILITY, draftReview } from './reviews';
import { COMMENTS, RAW_REASONS, UNMAPPABLE_RAW_REASONS } from './texts';
import { DAY, HOUR, dayOf, fmtDate, fmtTimestamp, secondsOf } from './time';
import { Stats, buildTruth, type Truth } from './truth';

export interface GenerateOptions {
  orders: number;
  seed: number | string;
  /** SKU count; defaults to defaultSkuCount(orders). */
  skus?: number;
}

interface Order {
  index: number;
  id: string;
  placedAt: number;
  customer: number;
  customerId: string;
  region: string;
  promiseDays: number;
  afterPolicy: boolean;
  returnMultiplier: number;
  carrier: number;
  deliveredAt: number | null;
  late: boolean;
  damaged: boolean;
  plan: Plan | undefined;
}

/** Why a line is in the order: a planted case fixes what happens to it. */
type LineRole = 'normal' | 'tiny' | 'leak' | 'empty_box' | 'wardrobing' | 'bracket_keep' | 'bracket_small' | 'bracket_large';

interface Line {
  id: string;
  sku: Sku;
  quantity: number;
  unitPrice: number;
  role: LineRole;
}

function money(x: number): string {
  return x.toFixed(2);
}
function moneyCell(x: number | null): Cell {
  return x === null ? null : x.toFixed(2);
}
function tsCell(t: number | null): Cell {
  return t === null ? null : fmtTimestamp(t);
}
const LINE_COUNT = weightedTable([0.5, 0.28, 0.14, 0.08]);
const DISCOUNTS = [0.1, 0.15, 0.2, 0.25, 0.3, 0.4];
const WARDROBE_REASONS: Reason[] = ['changed_mind', 'changed_mind', 'changed_mind', 'not_as_described', 'size_too_large'];
const EMPTY_BOX_REASONS: Reason[] = ['not_as_described', 'defective', 'changed_mind'];
/** Customer trait salts: hashing (not storing) keeps per-customer state at zero bytes. */
const SALT_REGION = 0x52e610;
const SALT_RETURNS = 0x7e7a11;
/** Exchange values are hashed from the return number, so adding them left every random draw as it was. */
const SALT_EXCHANGE = 0xe8c4a1;
const SALT_EXCHANGE_SIZE = 0xe8c4a2;

/** Generates the five canonical tables and truth.json into `sink`; returns the truth. */
export function generate(options: GenerateOptions, sink: Sink): Truth {
  const { orders, seed } = options;
  if (!Number.isInteger(orders) || orders < 1000) throw new Error('orders must be an integer >= 1000');
  // Below 150 SKUs the fixed ids of BAD_SKUS / TINY_SKUS would not all exist.
  if (options.skus !== undefined && (!Number.isInteger(options.skus) || options.skus < 150)) throw new Error('skus must be an integer >= 150');
  const catalog = buildCatalog(new Rng(streamSeed(seed, 'catalog')), options.skus ?? defaultSkuCount(orders));
  const calendar = buildCalendar(orders);
  // ~orders/3 ordinary customers so most come back; the planted abusers are numbered after them.
  const customers = Math.max(50, Math.round(orders / 3));
  const plans = buildPlans(new Rng(streamSeed(seed, 'plans')), orders, calendar.safeOrders, customers, catalog);
  const shop = new Shop(streamSeed(seed, 'orders'), customers, catalog, plans, sink);
  shop.run(calendar.firstDay, calendar.counts);
  const truth = buildTruth({ seed, orders, catalog, counts: plans.counts, stats: shop.stats });
  sink.json('truth.json', truth);
  return truth;
}

class Shop {
  readonly stats = new Stats();
  private readonly rng: Rng;
  private readonly w: Record<'order_lines' | 'shipments' | 'returns' | 'reviews', TableWriter>;
  private readonly customerCount: number;
  private readonly customerMultiplier: number;
  private readonly seenCustomers: Uint8Array;
  private readonly regionTable = weightedTable(REGIONS.map((r) => r.weight));
  private readonly channelTable = weightedTable(CHANNELS.map((c) => c.weight));
  private readonly carrierTable = weightedTable(CARRIERS.map((c) => c.weight));
  /** Marketplace orders go out more often with the cheap carrier. */
  private readonly marketplaceCarrierTable = weightedTable(CARRIERS.map((c) => c.weight * (c.lateRate > 0.2 ? 2 : 1)));
  private readonly policyDay = dayOf(POLICY_CHANGE.date);
  private readonly cut = secondsOf(EXTRACTED_AT);
  private readonly windowSeconds = RETURN_WINDOW_DAYS * DAY;
  private returnSeq = 0;
  private reviewSeq = 0;

  /** @param ordinaryCustomers customers [0, n) buy at random; the planted abusers come after them */
  constructor(
    seed: number,
    private readonly ordinaryCustomers: number,
    private readonly catalog: Catalog,
    private readonly plans: Plans,
    sink: Sink,
  ) {
    this.rng = new Rng(seed);
    this.customerCount = ordinaryCustomers + plans.counts.serialCustomers + plans.counts.wardrobingCustomers;
    this.customerMultiplier = [7919, 7927, 7933, 7937, 7949].find((p) => this.customerCount % p !== 0)!;
    this.seenCustomers = new Uint8Array(this.customerCount);
    const open = (name: keyof typeof CONTRACT) => sink.table(name, CONTRACT[name].columns.map((c) => c.name));
    const products = open('products');
    for (const s of catalog.skus) {
      products.row([s.sku, s.name, CATEGORIES[s.category]!.name, s.supplier, money(s.unitCost), catalog.groups[s.group]!.id, s.size, s.color]);
    }
    products.close();
    this.stats.rows.products = products.rowCount;
    this.w = { order_lines: open('order_lines'), shipments: open('shipments'), returns: open('returns'), reviews: open('reviews') };
  }

  run(firstDay: number, counts: Int32Array): void {
    let index = 0;
    for (let d = 0; d < counts.length; d++) {
      for (let k = 0; k < counts[d]!; k++) this.order(index++, firstDay + d);
    }
    for (const [name, writer] of Object.entries(this.w)) {
      writer.close();
      this.stats.rows[name as keyof typeof this.w] = writer.rowCount;
    }
    this.stats.customers = this.seenCustomers.reduce((a, b) => a + b, 0);
  }

  private customerId(c: number): string {
    // A fixed permutation, so reserved abusers do not stand out as the highest numbers.
    return `C${String(((c * this.customerMultiplier + 12345) % this.customerCount) + 1).padStart(7, '0')}`;
  }

  private order(index: number, day: number): void {
    const rng = this.rng;
    const plan = this.plans.byOrder.get(index);
    const reserved = plan?.kind === 'serial' || plan?.kind === 'wardrobing';
    const loyal = rng.chance(0.25);
    const customer = reserved ? plan.customer : Math.floor(rng.float() * this.ordinaryCustomers * (loyal ? 0.05 : 1));
    this.seenCustomers[customer] = 1;
    const r = hashUnit(customer, SALT_RETURNS);
    const channel = rng.weighted(this.channelTable);
    const region = REGIONS[weightedIndex(this.regionTable, hashUnit(customer, SALT_REGION))]!;
    const o: Order = {
      index,
      id: `ORD-${String(index + 1).padStart(8, '0')}`,
      placedAt: day * DAY + Math.floor(rng.range(6, 24) * HOUR),
      customer,
      customerId: this.customerId(customer),
      region: region.name,
      promiseDays: region.promiseDays,
      afterPolicy: day >= this.policyDay,
      returnMultiplier: (r < 0.7 ? 0.85 : r < 0.9 ? 1.2 : 1.8) * CHANNELS[channel]!.returnMultiplier,
      carrier: rng.weighted(CHANNELS[channel]!.name === 'marketplace' ? this.marketplaceCarrierTable : this.carrierTable),
      deliveredAt: null,
      late: false,
      damaged: false,
      plan,
    };
    this.stats.orders++;
    this.shipment(o, plan !== undefined);

    const lines = this.lines(o, fmtDate(day).slice(5, 7) >= '11' ? 0.5 : 0.28);
    const returnIds: (string | null)[] = [];
    for (const line of lines) {
      this.w.order_lines.row([o.id, line.id, fmtDate(day), line.sku.sku, String(line.quantity), money(line.unitPrice), CURRENCY, CHANNELS[channel]!.name, o.customerId, o.region]);
      returnIds.push(this.lineOutcome(o, line));
    }
    if (plan?.kind === 'bracketing') {
      const kept = lines.find((l) => l.role === 'bracket_keep')!;
      const returned = lines.flatMap((l, i) => (l.role === 'bracket_small' || l.role === 'bracket_large' ? [returnIds[i]!] : []));
      this.stats.bracketing.push({ order_id: o.id, customer_id: o.customerId, product_group: this.catalog.groups[kept.sku.group]!.id, kept_sku: kept.sku.sku, returned_return_ids: returned });
    }
    const boxIndex = lines.findIndex((l) => l.role === 'empty_box');
    if (boxIndex >= 0) this.stats.emptyBox.push({ return_id: returnIds[boxIndex]!, order_id: o.id, customer_id: o.customerId, sku: lines[boxIndex]!.sku.sku });
    if (this.plans.orphanAt.has(index)) this.orphan(o);
  }

  /** Outbound parcel: on time or late against the promise, lost, damaged, or still travelling. */
  private shipment(o: Order, forceDelivered: boolean): void {
    const rng = this.rng;
    const c = CARRIERS[o.carrier]!;
    const promiseDays = o.promiseDays;
    const shipped = o.placedAt + Math.floor(rng.range(2, 40) * HOUR);
    const shipDay = Math.floor(shipped / DAY);
    const promised = (shipDay + promiseDays) * DAY + 20 * HOUR;
    o.late = rng.chance(c.lateRate);
    const deliveryDay = o.late ? shipDay + promiseDays + rng.int(1, 4) : shipDay + rng.int(c.transitDays[0], Math.min(c.transitDays[1], promiseDays));
    const delivered = deliveryDay * DAY + Math.floor(rng.range(8, 19.9) * HOUR);
    const x = rng.float();
    const damagedRoll = rng.float();
    let status = 'delivered';
    if (!forceDelivered && x < c.lostRate) status = 'lost';
    else if (!forceDelivered && x < c.lostRate + c.returnedToSenderRate) status = 'returned_to_sender';
    else if (delivered > this.cut) status = 'in_transit';
    else {
      o.deliveredAt = delivered;
      o.damaged = !forceDelivered && damagedRoll < c.damageRate;
      if (o.damaged && rng.chance(0.4)) status = 'damaged'; // the carrier logged the damage itself
    }
    const s = this.stats.carrier[o.carrier]!;
    s.shipments++;
    if (o.deliveredAt !== null) {
      s.delivered++;
      if (o.late) s.late++;
      if (o.damaged) s.damagedParcels++;
    } else o.late = false;
    if (status === 'lost') s.lost++;
    if (status === 'returned_to_sender') s.returnedToSender++;
    // The service sold follows the region's promise (no random draw: every other figure stays as it was).
    const serviceLevel = promiseDays <= 2 ? 'express' : 'standard';
    this.w.shipments.row([o.id, c.name, fmtTimestamp(shipped), fmtTimestamp(promised), o.deliveredAt === null ? null : fmtTimestamp(o.deliveredAt), status, serviceLevel]);
  }

  /** The lines of an order; planted orders get the products their case needs. */
  private lines(o: Order, promo: number): Line[] {
    const rng = this.rng;
    const cat = this.catalog;
    const out: Line[] = [];
    const plan = o.plan;
    if (plan?.kind === 'bracketing') {
      // 2-3 neighbouring sizes of one product; the middle one is kept.
      const group = cat.groups[rng.pick(cat.bracketable)]!;
      const k = Math.min(group.skus.length, rng.int(2, 3));
      const start = rng.int(0, group.skus.length - k);
      const keep = start + Math.floor(k / 2);
      for (let i = start; i < start + k; i++) this.addLine(out, group.skus[i]!, i < keep ? 'bracket_small' : i > keep ? 'bracket_large' : 'bracket_keep', promo);
    } else if (plan?.kind === 'wardrobing') {
      for (let i = rng.int(1, 2); i > 0; i--) this.addLine(out, cat.apparel[rng.weighted(cat.apparelDemand)]!, 'wardrobing', promo);
    } else {
      if (plan?.kind === 'leak') {
        const sku = plan.leak === 'label_cost_above_value' ? rng.pick(cat.cheap) : rng.weighted(cat.demand);
        this.addLine(out, sku, 'leak', promo, plan.leak === 'label_cost_above_value' ? 1 : rng.int(1, 2));
      }
      if (plan?.kind === 'empty_box') this.addLine(out, cat.pricey.length ? rng.pick(cat.pricey) : rng.weighted(cat.demand), 'empty_box', promo);
      const n = Math.max(out.length, 1 + rng.weighted(LINE_COUNT));
      while (out.length < n) {
        // Re-draw a second size/colour of a group already in the order: bracketing is planted, not accidental.
        let s = rng.weighted(cat.demand);
        for (let t = 0; t < 3 && out.some((l) => l.sku.group === cat.skus[s]!.group); t++) s = rng.weighted(cat.demand);
        const q = rng.float();
        this.addLine(out, s, 'normal', promo, q < 0.85 ? 1 : q < 0.96 ? 2 : 3);
      }
    }
    for (const s of this.plans.tinyLines.get(o.index) ?? []) this.addLine(out, s, 'tiny', promo);
    return out;
  }

  /** Appends a line; `promo` is the chance of a discount (more in November and December). */
  private addLine(out: Line[], sku: number, role: LineRole, promo: number, quantity = 1): void {
    const s = this.catalog.skus[sku]!;
    const unitPrice = this.rng.chance(promo) ? Math.max(9.99, round2(s.listPrice * (1 - this.rng.pick(DISCOUNTS)))) : s.listPrice;
    out.push({ id: String(out.length + 1), sku: s, quantity, unitPrice, role });
  }

  /** Units returned of a line: usually all of them. */
  private returnedQuantity(line: Line): number {
    return line.quantity === 1 || this.rng.chance(0.7) ? line.quantity : this.rng.int(1, line.quantity - 1);
  }

  /** Whether and how a line comes back (returns the return id), and whether it is reviewed. */
  private lineOutcome(o: Order, line: Line): string | null {
    const rng = this.rng;
    let reason: Reason | null = null;
    let draft: ReturnDraft | null = null;
    let leak: LeakType | null = null;
    let returnId: string | null = null;
    if (o.deliveredAt !== null) {
      const base = { sku: line.sku, unitPrice: line.unitPrice, deliveredAt: o.deliveredAt, outboundCarrier: o.carrier, afterPolicy: o.afterPolicy, extractedAt: this.cut };
      switch (line.role) {
        case 'bracket_small':
        case 'bracket_large':
          reason = line.role === 'bracket_small' ? 'size_too_small' : 'size_too_large';
          draft = draftReturn(rng, { ...base, reason, quantity: 1, requestDelay: Math.floor(rng.range(2, 10) * DAY), forceRefund: true, condition: 'as_new' });
          break;
        case 'bracket_keep':
          break;
        case 'wardrobing':
          if (rng.chance(0.85)) {
            reason = rng.pick(WARDROBE_REASONS);
            const requestDelay = Math.floor(rng.range(26, 29.5) * DAY); // the last days of the window
            draft = draftReturn(rng, { ...base, reason, quantity: line.quantity, requestDelay, forceRefund: true, condition: rng.chance(0.6) ? 'opened' : 'used' });
          }
          break;
        case 'empty_box':
          reason = rng.pick(EMPTY_BOX_REASONS);
          draft = draftReturn(rng, { ...base, reason, quantity: line.quantity, forceRefund: true, condition: 'empty_box' });
          break;
        case 'leak': {
          leak = o.plan?.kind === 'leak' ? o.plan.leak : null;
          if (leak === null) throw new Error('leak line outside a leak plan');
          const why = this.drawReason(o, line.sku, true) ?? 'other';
          reason = why;
          const requestDelay = leak === 'refunded_outside_window' ? Math.floor(rng.range(32, 55) * DAY) : undefined;
          const quantity = leak === 'quantity_above_ordered' ? line.quantity + rng.int(1, 2) : leak === 'refund_above_paid' ? line.quantity : this.returnedQuantity(line);
          draft = draftReturn(rng, { ...base, reason: why, quantity, requestDelay, forceRefund: true });
          break;
        }
        default: {
          const serial = o.plan?.kind === 'serial';
          const forced = serial ? rng.chance(0.95) : line.role === 'tiny' ? rng.chance(TINY_SKU_RETURN_PROBABILITY) : false;
          reason = this.drawReason(o, line.sku, forced);
          if (reason !== null) draft = draftReturn(rng, { ...base, reason, quantity: serial ? line.quantity : this.returnedQuantity(line) });
          if (draft !== null && draft.requested > this.cut) draft = null; // not asked for yet
          if (draft === null) reason = null;
        }
      }
    }
    if (draft !== null && reason !== null) returnId = this.emitReturn(o, line, draft, line.role === 'normal' || line.role === 'tiny', leak);
    this.stats.countLine(line.sku, o.afterPolicy, o.carrier, line.quantity, draft?.quantity ?? 0, reason);
    if (o.plan?.kind === 'serial' || o.plan?.kind === 'wardrobing') {
      const m = o.plan.kind === 'serial' ? this.stats.serial : this.stats.wardrobing;
      let c = m.get(o.customer);
      if (!c) m.set(o.customer, (c = { customer_id: o.customerId, orders: 0, units: 0, returned_units: 0, returns: 0 }));
      if (line.id === '1') c.orders++;
      c.units += line.quantity;
      if (draft) {
        c.returned_units += Math.min(draft.quantity, line.quantity);
        c.returns++;
      }
    }
    if (o.deliveredAt !== null) this.review(o, line, reason, draft?.requested ?? null);
    return returnId;
  }

  /** A product reason (or carrier damage / lateness) for this line, or null when it is kept. */
  private drawReason(o: Order, sku: Sku, forced: boolean): Reason | null {
    const hz = o.afterPolicy ? sku.hazardsAfter : sku.hazards;
    const m = o.returnMultiplier;
    const damage = o.damaged ? 0.85 : 0;
    const late = o.late ? 0.03 : 0;
    const total = (o.afterPolicy ? sku.hazardSumAfter : sku.hazardSum) * m + damage + late;
    let x = this.rng.float() * (forced ? total : Math.max(1, total / 0.95));
    if (x >= total) return null;
    if ((x -= damage) < 0) return 'damaged_in_transit';
    if ((x -= late) < 0) return 'late_delivery';
    for (let r = 0; r < PRODUCT_REASONS.length; r++) if ((x -= hz[r]! * m) < 0) return PRODUCT_REASONS[r]!;
    return 'other';
  }

  /** Writes one return row (two for a planted duplicate refund); returns the first id. */
  private emitReturn(o: Order, line: Line, d: ReturnDraft, plain: boolean, leak: LeakType | null): string {
    const rng = this.rng;
    const paid = round2(line.unitPrice * line.quantity);
    if (leak === 'refund_above_paid') d.refundAmount = round2(paid * rng.range(1.15, 1.6));
    if (leak === 'quantity_above_ordered') d.refundAmount = paid; // the refund was capped, the count was not
    if (leak === 'refund_before_received') d.refunded = d.approved! + Math.floor(rng.range(2, 20) * HOUR);
    if (leak === 'refund_without_receipt') {
      d.refunded = d.approved! + Math.floor(rng.range(1, 4) * DAY);
      d.received = d.inspected = null;
      d.condition = d.disposition = d.recoveryValue = null;
    }
    if (leak === 'label_cost_above_value') d.labelCost = round2(line.unitPrice * d.quantity + rng.range(1.5, 8));
    const id = this.writeReturnRow(o, line, d, plain);
    if (leak === 'duplicate_refund') {
      // The same line refunded a second time through a second claim.
      const again = draftReturn(rng, { reason: d.reason, sku: line.sku, quantity: d.quantity, unitPrice: line.unitPrice, deliveredAt: o.deliveredAt!, outboundCarrier: o.carrier, afterPolicy: o.afterPolicy, extractedAt: this.cut, forceRefund: true });
      this.stats.leakage.duplicate_refund.push(this.writeReturnRow(o, line, again, false));
    } else if (leak !== null) this.stats.leakage[leak].push(id);
    if (leak === 'refunded_outside_window' && d.requested - o.deliveredAt! <= this.windowSeconds) throw new Error('planted late request is inside the window');
    return id;
  }

  private writeReturnRow(o: Order, line: Line, d: ReturnDraft, plain: boolean, regionShare = 0.1): string {
    const rng = this.rng;
    const s = this.stats;
    const id = `RT-${String(++this.returnSeq).padStart(8, '0')}`;
    let reason: string | null = d.reason;
    let raw: string | null = rng.pick(RAW_REASONS[d.reason as Exclude<Reason, 'unknown'>]);
    if (plain && rng.chance(0.04)) {
      // Only the raw text came through: the loader has to map it (or call it unknown).
      reason = null;
      s.reasonMissing++;
      if (rng.chance(0.3)) {
        raw = rng.pick(UNMAPPABLE_RAW_REASONS);
        s.reasonUnmappable++;
      }
    } else if (plain && rng.chance(0.07)) raw = null;
    const skuMissing = plain && rng.chance(0.03); // the loader inherits it from the line
    if (skuMissing) s.skuMissing++;
    const comments = COMMENTS[d.reason];
    const comment = comments && rng.chance(0.3) ? rng.pick(comments) : null;
    if (d.inspected !== null && d.recoveryValue === null && d.disposition !== null) s.recoveryMissing++;
    s.resolutions[d.resolution ?? (d.pickupFailed ? 'pickup_failed' : 'open')]!++;
    if (d.resolution === null && !d.pickupFailed) s.openReturns++;
    if (d.approved !== null) {
      const c = s.carrier[d.returnCarrier]!;
      c.returnLegs++;
      if (d.pickupFailed) c.pickupFailed++;
    }
    if (d.labelCost === 0) s.policy[o.afterPolicy ? 'after' : 'before'].zeroLabel++;
    this.w.returns.row([
      id, o.id, line.id, skuMissing ? null : line.sku.sku, String(d.quantity), reason, raw, comment,
      tsCell(d.requested), tsCell(d.approved), tsCell(d.received), tsCell(d.inspected), tsCell(d.refunded),
      moneyCell(d.refundAmount), d.resolution, d.condition, d.disposition, moneyCell(d.recoveryValue),
      CARRIERS[d.returnCarrier]!.name, moneyCell(d.labelCost),
      d.pickupAttempts === null ? null : String(d.pickupAttempts), d.pickupFailed === null ? null : String(d.pickupFailed),
      rng.chance(regionShare) ? o.region : null,
      d.resolution === 'exchange' ? money(exchangeValue(this.returnSeq, line.unitPrice * d.quantity)) : null,
    ]);
    return id;
  }

  private review(o: Order, line: Line, reason: Reason | null, requested: number | null): void {
    const rng = this.rng;
    if (!rng.chance(reason === null ? REVIEW_PROBABILITY.kept : REVIEW_PROBABILITY.returned)) return;
    const created = requested !== null ? requested + Math.floor(rng.range(0, 5) * DAY) : o.deliveredAt! + Math.floor(rng.range(1, 40) * DAY);
    if (created > this.cut) return;
    const r = draftReview(rng, line.sku, reason);
    const id = `RV-${String(++this.reviewSeq).padStart(8, '0')}`;
    this.w.reviews.row([id, line.sku.sku, rng.chance(0.9) ? o.id : null, String(r.rating), fmtTimestamp(created), r.title, r.body]);
  }

  /** A return of an order placed before the export began: it matches no order line. */
  private orphan(o: Order): void {
    const rng = this.rng;
    const sku = this.catalog.skus[rng.weighted(this.catalog.demand)]!;
    const reason = this.drawReason({ ...o, damaged: false, late: false, afterPolicy: false }, sku, true)!;
    const deliveredAt = o.placedAt - Math.floor(rng.range(5, 25) * DAY);
    const d = draftReturn(rng, { reason, sku, quantity: 1, unitPrice: sku.listPrice, deliveredAt, outboundCarrier: rng.weighted(this.carrierTable), afterPolicy: false, extractedAt: this.cut, forceRefund: true });
    const fake: Order = { ...o, id: `ORD-2023-${String(this.stats.orphans.length * 40 + rng.int(1, 39)).padStart(5, '0')}` };
    const fakeLine: Line = { id: '1', sku, quantity: 1, unitPrice: sku.listPrice, role: 'normal' };
    const id = this.writeReturnRow(fake, fakeLine, d, false, 1); // nothing to inherit the region from
    this.stats.orphans.push(id);
  }
}

/**
 * What an exchange sent out instead: mostly the same product in another size or colour (the same
 * value), sometimes a dearer item (upsell, +10-60%), sometimes a cheaper one (-5-40%).
 */
function exchangeValue(returnNumber: number, returnedValue: number): number {
  const kind = hashUnit(returnNumber, SALT_EXCHANGE);
  const size = hashUnit(returnNumber, SALT_EXCHANGE_SIZE);
  const factor = kind < 0.65 ? 1 : kind < 0.9 ? 1.1 + 0.5 * size : 0.6 + 0.35 * size;
  return round2(returnedValue * factor);
}

/** weighted pick with a given uniform number (for hashed, per-customer traits). */
function weightedIndex(table: Weighted, u: number): number {
  const x = u * table.total;
  let i = 0;
  while (i < table.cum.length - 1 && table.cum[i]! <= x) i++;
  return i;
}
