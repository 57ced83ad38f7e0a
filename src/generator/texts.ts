/**
 * Raw texts as real exports carry them. Every raw reason below is one that
 * queries/schema/reason_map.sql maps back to its canonical reason, except UNMAPPABLE_RAW_REASONS,
 * which must end as 'unknown' (they exercise the data-quality path).
 */
import type { Reason } from '../data-model/contract';

export const RAW_REASONS: Record<Exclude<Reason, 'unknown'>, readonly string[]> = {
  size_too_small: ['Too small', 'APPAREL_TOO_SMALL', 'Runs small', 'Size too small', 'Too tight'],
  size_too_large: ['Too large', 'APPAREL_TOO_LARGE', 'Too big', 'Runs large', 'Size too large'],
  damaged_in_transit: ['Arrived damaged', 'DAMAGED_BY_CARRIER', 'Box crushed, item broken', 'Damaged in shipping'],
  defective: ['Defective', 'Stopped working', 'Item does not work', 'QUALITY_UNACCEPTABLE', 'Faulty'],
  not_as_described: ['Item not as described', 'NOT_AS_DESCRIBED', 'Not as pictured', 'Different from the photo'],
  wrong_item: ['Wrong item sent', 'WRONG_ITEM', 'Not what I ordered'],
  missing_parts: ['Missing parts', 'MISSING_PARTS', 'Parts missing', 'Incomplete set'],
  late_delivery: ['Arrived too late', 'MISSED_ESTIMATED_DELIVERY', 'Delivery took too long'],
  changed_mind: ['Changed my mind', 'No longer needed', 'UNWANTED_ITEM', 'Bought by mistake'],
  better_price: ['Found better price', 'FOUND_BETTER_PRICE', 'Cheaper elsewhere'],
  other: ['Other', 'OTHER'],
};

export const UNMAPPABLE_RAW_REASONS = ['See ticket', 'RMA 4471', 'per CS agent', 'misc', 'n/a', 'Kundenwunsch'];

export const COMMENTS: Partial<Record<Reason, readonly string[]>> = {
  size_too_small: ['runs small, order a size up', 'Too tight around the shoulders', 'Much smaller than the size chart'],
  size_too_large: ['runs large', 'Too baggy, I need a size down', 'Sleeves far too long'],
  damaged_in_transit: ['Box was crushed, item broken', 'Arrived with a crack', 'Parcel was soaked, item ruined'],
  defective: ['zipper broke after one day', 'stopped working after a week', 'Seam came apart on first wash', 'Does not charge'],
  not_as_described: ['Colour is nothing like the photos', 'not as pictured', 'Material feels cheap, not like the description'],
  wrong_item: ['Received a different model', 'Wrong colour sent'],
  missing_parts: ['Charger missing from the box', 'Pieces missing, cannot assemble'],
  late_delivery: ['Arrived after the event, no longer needed'],
  changed_mind: ['Ordered two, kept one', "Didn't suit me", 'Gift, the recipient did not want it'],
  better_price: ['Found it cheaper elsewhere'],
  other: ['See my email from last week'],
};

/** Review texts by tone; bodies carry the terms text analysis looks for. */
export const REVIEW_TEXTS = {
  positive: {
    titles: ['Love it', 'Great quality', 'Perfect', 'Exactly as described', 'Very happy'],
    bodies: [
      'love it, wearing it all the time',
      'great quality for the price',
      'Fits perfectly, true to size.',
      'Works great, would buy again.',
      'Beautiful colour, "exactly" like the photo.',
      'Pros: quality, fast delivery\nCons: none',
    ],
  },
  runsSmall: {
    titles: ['Runs small', 'Nice but small', 'Order a size up'],
    bodies: ['runs small, order a size up', 'Nice fabric but too small in the shoulders', 'Lovely, though it runs small.'],
  },
  runsLarge: {
    titles: ['Runs large', 'Too big', 'Size down'],
    bodies: ['runs large, size down', 'too large around the waist', 'Good quality, but too large.'],
  },
  defective: {
    titles: ['Broke quickly', 'Stopped working', 'Poor quality'],
    bodies: ['broke after two weeks', 'stopped working after a few days', 'cheap material, the zipper broke', 'Worked once, then "stopped working"'],
  },
  notAsDescribed: {
    titles: ['Not as pictured', 'Disappointed', 'Cheap material'],
    bodies: ['not as pictured, the colour is off', 'cheap material, feels flimsy', 'Looks nothing like the photos.\nReturned it.'],
  },
  damaged: {
    titles: ['Arrived damaged', 'Bad packaging'],
    bodies: ['Arrived damaged, the box was crushed', 'Item was broken on arrival'],
  },
  neutral: {
    titles: ['OK', 'Fine', 'Does the job'],
    bodies: ['It is okay, nothing special', 'Decent, but not great quality', 'Average, fine for the price'],
  },
} as const;
export type ReviewTone = keyof typeof REVIEW_TEXTS;
