/**
 * One return: its timeline (request -> approval -> pickup -> receipt -> inspection -> refund),
 * what was found and what it cost. Stages later than the extract date are left empty, which is
 * how open returns look in a real export.
 */
import type { Reason } from '../data-model/contract';
import { CARRIERS, CATEGORIES, POLICY_CHANGE, type Sku } from './catalog';
import { type Rng, round2 } from './random';
import { DAY, HOUR } from './time';

export interface ReturnDraft {
  reason: Reason;
  quantity: number;
  requested: number;
  approved: number | null;
  received: number | null;
  inspected: number | null;
  refunded: number | null;
  resolution: 'refund' | 'exchange' | 'store_credit' | 'rejected' | null;
  refundAmount: number | null;
  condition: string | null;
  disposition: string | null;
  recoveryValue: number | null;
  returnCarrier: number;
  labelCost: number | null;
  pickupAttempts: number | null;
  pickupFailed: boolean | null;
}

export interface DraftInput {
  reason: Reason;
  sku: Sku;
  quantity: number;
  unitPrice: number;
  deliveredAt: number;
  outboundCarrier: number;
  afterPolicy: boolean;
  extractedAt: number;
  /** Seconds from delivery to the request; drawn from the reason when absent. */
  requestDelay?: number;
  /** Planted returns are complete and refunded: no failed pickup, no rejection, not cut. */
  forceRefund?: boolean;
  condition?: string;
}

/** Mean days from delivery to the request: breakage is noticed at once, doubts take longer. */
const REQUEST_DELAY_DAYS: Record<Reason, [number, number]> = {
  damaged_in_transit: [0.1, 2],
  wrong_item: [0.1, 2],
  missing_parts: [0.2, 3],
  late_delivery: [0.05, 1],
  defective: [0.5, 6],
  not_as_described: [0.5, 4],
  size_too_small: [1, 5],
  size_too_large: [1, 5],
  better_price: [0.5, 4],
  changed_mind: [1, 8],
  other: [1, 7],
  unknown: [1, 7],
};

const RECOVERY_RATE: Record<string, number> = { restock: 0.95, refurbish: 0.6, liquidate: 0.25, return_to_vendor: 0.9, dispose: 0 };
const FAULT_FREE = new Set<Reason>(['size_too_small', 'size_too_large', 'changed_mind', 'better_price', 'late_delivery', 'other']);
const CUSTOMER_PAID = new Set<Reason>(POLICY_CHANGE.customerPaidReasons);
const RETURN_CARRIER_WEIGHTS = CARRIERS.map((c) => c.weight);

/** Days from delivery to the request, always inside the 30-day window (planted cases aside). */
export function requestDelay(rng: Rng, reason: Reason): number {
  const [min, mean] = REQUEST_DELAY_DAYS[reason];
  let days = min - mean * Math.log(1 - rng.float());
  if (days > 29.9) days = rng.range(20, 29.9);
  return Math.floor(days * DAY);
}

/** Whole days drawn from a small weight table, plus random hours. */
function daysFrom(rng: Rng, weights: readonly number[]): number {
  let x = rng.float() * weights.reduce((a, b) => a + b, 0);
  let d = 0;
  while (d < weights.length - 1 && x >= weights[d]!) x -= weights[d++]!;
  return d * DAY + Math.floor(rng.range(1, 10) * HOUR);
}

function pickIndex(rng: Rng, weights: readonly number[]): number {
  let x = rng.float() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function conditionFor(rng: Rng, reason: Reason): string {
  const x = rng.float();
  switch (reason) {
    case 'damaged_in_transit':
      return 'damaged';
    case 'defective':
      return x < 0.9 ? 'defective' : 'as_new'; // "no fault found"
    case 'missing_parts':
      return 'opened';
    case 'wrong_item':
      return 'as_new';
    case 'not_as_described':
      return x < 0.5 ? 'as_new' : x < 0.9 ? 'opened' : 'defective';
    default:
      return x < 0.65 ? 'as_new' : x < 0.92 ? 'opened' : 'used';
  }
}

function dispositionFor(rng: Rng, condition: string, sku: Sku): string {
  const x = rng.float();
  switch (condition) {
    case 'as_new':
      return 'restock';
    case 'opened':
      return x < (CATEGORIES[sku.category]!.name === 'electronics' ? 0.4 : 0.7) ? 'restock' : 'refurbish';
    case 'used':
      return x < 0.7 ? 'liquidate' : 'dispose';
    case 'damaged':
      return x < 0.5 ? 'liquidate' : 'dispose';
    case 'defective':
      return x < 0.6 ? 'return_to_vendor' : 'dispose';
    default:
      return 'dispose'; // empty_box: nothing to resell
  }
}

/** A stage time if it happened by the extract date, else null. */
function seenBy(cut: number, t: number | null): number | null {
  return t !== null && t <= cut ? t : null;
}

export function draftReturn(rng: Rng, input: DraftInput): ReturnDraft {
  const { reason, sku, quantity, unitPrice, extractedAt: cut } = input;
  const returnCarrier = rng.chance(0.7) ? input.outboundCarrier : pickIndex(rng, RETURN_CARRIER_WEIGHTS);
  const carrier = CARRIERS[returnCarrier]!;
  const requested = input.deliveredAt + (input.requestDelay ?? requestDelay(rng, reason));
  const approveHours = rng.float() < 0.6 ? rng.range(0.5, 12) : rng.chance(0.75) ? rng.range(12, 36) : rng.range(36, 48);
  const approved = requested + Math.floor(approveHours * HOUR);

  let attempts = 1;
  while (attempts < 3 && rng.chance(carrier.extraAttemptRate)) attempts++;
  const failed = !input.forceRefund && rng.chance(carrier.pickupFailRate);
  if (failed) attempts = 3;
  const transit = rng.range(carrier.returnTransitDays[0], carrier.returnTransitDays[1] + 1) + (attempts - 1);
  const received = failed ? null : approved + Math.floor(transit * DAY);
  const inspected = received === null ? null : received + daysFrom(rng, [0.3, 0.3, 0.2, 0.12, 0.08]);

  const condition = input.condition ?? conditionFor(rng, reason);
  const sizeReason = reason === 'size_too_small' || reason === 'size_too_large';
  let resolution: NonNullable<ReturnDraft['resolution']> = 'refund';
  const x = rng.float();
  if (input.forceRefund) resolution = 'refund';
  else if (condition === 'used' && x < 0.45) resolution = 'rejected';
  else if (x < (sizeReason ? 0.25 : 0.05)) resolution = 'exchange';
  else if (x > 0.91) resolution = 'store_credit';
  const paysMoney = resolution === 'refund' || resolution === 'store_credit';
  const refunded = inspected !== null && paysMoney ? inspected + daysFrom(rng, [0.25, 0.3, 0.2, 0.12, 0.08, 0.05]) : null;
  const disposition = resolution === 'rejected' ? null : dispositionFor(rng, condition, sku);
  const recovery = disposition === null || rng.chance(0.3) ? null : round2(RECOVERY_RATE[disposition]! * sku.unitCost * quantity * rng.range(0.85, 1.1));
  const freeLabel = !(input.afterPolicy && CUSTOMER_PAID.has(reason));
  const labelCost = freeLabel ? round2(carrier.labelCost + rng.range(-0.5, 0.5)) : 0;

  // What the export shows at the extract date: later stages have not happened yet.
  const closedAt = paysMoney ? refunded : inspected;
  const closed = seenBy(cut, closedAt) !== null;
  return {
    reason,
    quantity,
    requested,
    approved: seenBy(cut, approved),
    received: seenBy(cut, received),
    inspected: seenBy(cut, inspected),
    refunded: seenBy(cut, refunded),
    resolution: closed ? resolution : null,
    refundAmount: closed ? (paysMoney ? round2(unitPrice * quantity) : 0) : null,
    condition: seenBy(cut, inspected) !== null ? condition : null,
    disposition: seenBy(cut, inspected) !== null ? disposition : null,
    recoveryValue: seenBy(cut, inspected) !== null ? recovery : null,
    returnCarrier,
    labelCost: seenBy(cut, approved) !== null ? labelCost : null,
    pickupAttempts: seenBy(cut, approved) !== null ? attempts : null,
    pickupFailed: seenBy(cut, approved) !== null ? failed && approved + 3 * DAY <= cut : null,
  };
}

/** Reasons the customer, not the shop, is responsible for (used for review tone). */
export const isFaultFree = (reason: Reason): boolean => FAULT_FREE.has(reason);
