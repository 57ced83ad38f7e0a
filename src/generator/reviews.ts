/**
 * Product reviews: a few lines in twenty get one. Returned items and bad SKUs are rated lower,
 * and the text names the problem (runs small, stopped working, not as pictured ...).
 */
import type { Reason } from '../data-model/contract';
import { BAD_SUPPLIER, type Sku } from './catalog';
import type { Rng } from './random';
import { REVIEW_TEXTS, type ReviewTone } from './texts';

export interface ReviewDraft {
  rating: number;
  title: string | null;
  body: string;
}

/** Star weights for 1..5. */
const STARS = {
  happy: [0.03, 0.04, 0.1, 0.28, 0.55],
  badSupplier: [0.08, 0.12, 0.25, 0.3, 0.25],
  badSku: [0.18, 0.22, 0.28, 0.18, 0.14],
  fault: [0.55, 0.35, 0.1, 0, 0],
  size: [0.05, 0.3, 0.45, 0.2, 0],
  preference: [0.05, 0.1, 0.35, 0.3, 0.2],
} as const;

export const REVIEW_PROBABILITY = { returned: 0.14, kept: 0.055 };

function stars(rng: Rng, weights: readonly number[]): number {
  let x = rng.float();
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i + 1;
  }
  return 5;
}

function toneFor(rng: Rng, rating: number, sku: Sku, reason: Reason | null): ReviewTone {
  if (reason === 'size_too_small') return 'runsSmall';
  if (reason === 'size_too_large') return 'runsLarge';
  if (reason === 'damaged_in_transit') return 'damaged';
  if (reason === 'defective' || reason === 'missing_parts') return 'defective';
  if (reason === 'not_as_described' || reason === 'wrong_item') return 'notAsDescribed';
  if (rating >= 4) {
    // Kept but noticed the fit: the comments that warn the next buyer.
    if (sku.fit === 'runs_small' && rng.chance(0.4)) return 'runsSmall';
    if (sku.fit === 'runs_large' && rng.chance(0.4)) return 'runsLarge';
    return 'positive';
  }
  if (rating === 3) return 'neutral';
  return rng.chance(0.5) ? 'defective' : 'notAsDescribed';
}

/** A review of one line; `reason` is the return reason when the line came back. */
export function draftReview(rng: Rng, sku: Sku, reason: Reason | null): ReviewDraft {
  let weights: readonly number[] = STARS.happy;
  if (reason === null) {
    if (sku.bad) weights = STARS.badSku;
    else if (sku.supplier === BAD_SUPPLIER.name) weights = STARS.badSupplier;
  } else if (reason === 'size_too_small' || reason === 'size_too_large') weights = STARS.size;
  else if (reason === 'changed_mind' || reason === 'better_price' || reason === 'late_delivery' || reason === 'other') weights = STARS.preference;
  else weights = STARS.fault;
  const rating = stars(rng, weights);
  const texts = REVIEW_TEXTS[toneFor(rng, rating, sku, reason)];
  return { rating, title: rng.chance(0.85) ? rng.pick(texts.titles) : null, body: rng.pick(texts.bodies) };
}
