import type { Question } from '../suggest';
import { MAPPING_VERSION, type ExclusionRule, type MappingSpec, type TargetSpec, type ValueSource } from '../spec';
import { dateFor, numberFor, role, sourceOf, type PresetDef } from './define';

// Amazon seller-fulfilled (MFN) returns report

/** Resolution → canonical resolution (Amazon flat-file values). */
export const AMAZON_SELLER_RESOLUTION: Record<string, string> = {
  StandardRefund: 'refund',
  RefundAtFirstScan: 'refund',
  Refund: 'refund',
  ReplacementIssued: 'exchange',
  Replacement: 'exchange',
};
/** Return request status values that mean the request was refused. */
export const AMAZON_SELLER_REFUSED = ['Rejected', 'Declined', 'Denied'];
/** Return request status values that mean no return happened. */
export const AMAZON_SELLER_CANCELLED = ['Cancelled', 'Canceled'];

export const AMAZON_SELLER: PresetDef = {
  id: 'amazon_seller_returns',
  label: 'Amazon seller-fulfilled returns',
  description:
    'The "Returns" report of seller-fulfilled (MFN) orders (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE): one row per returned item ' +
    'of a return request (RMA), with the return label, carrier, reason code, policy flag, resolution and refunded amount.',
  roles: {
    order_id: role(['Order ID'], 1, true),
    order_date: role(['Order date'], 0.5),
    request_date: role(['Return request date'], 2, true),
    status: role(['Return request status'], 2),
    rma: role(['Amazon RMA ID'], 2),
    merchant_rma: role(['Merchant RMA ID'], 1),
    label_type: role(['Label type'], 1),
    label_cost: role(['Label cost'], 1),
    currency: role(['Currency code'], 0.5),
    carrier: role(['Return carrier'], 1),
    tracking: role(['Tracking ID'], 0.5),
    label_payer: role(['Label to be paid by'], 1),
    a_to_z: role(['A-to-Z Claim'], 1),
    asin: role(['ASIN'], 0.5),
    sku: role(['Merchant SKU'], 1, true),
    item_name: role(['Item Name'], 0.5),
    quantity: role(['Return quantity'], 1, true),
    reason: role(['Return Reason'], 1),
    in_policy: role(['In policy'], 1),
    return_type: role(['Return type'], 0.5),
    resolution: role(['Resolution'], 1),
    delivery_date: role(['Return delivery date'], 1),
    refunded: role(['Refunded Amount'], 1),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const dateCols = [m.request_date!, ...(m.delivery_date ? [m.delivery_date] : [])];
    const fills = [{ target: 0, column: 'requested_at' }, ...(m.delivery_date ? [{ target: 0, column: 'received_at' }] : [])];
    // Amazon writes 10-Jul-2025 in the download; DD-MM-YYYY on some marketplaces: ask if unclear.
    const date = dateFor(s, dateCols, fills, notes, questions, '%d-%m-%Y');
    const keyParts = [...(m.rma ? [m.rma] : []), m.order_id!, m.sku!];
    const columns: TargetSpec['columns'] = {
      return_id: { concat: keyParts, separator: '|' },
      order_id: { column: m.order_id! },
      sku: { column: m.sku! },
      quantity: { column: m.quantity!, transform: numberFor(s, m.quantity) },
      requested_at: { column: m.request_date!, transform: date },
    };
    if (m.delivery_date) columns.received_at = { column: m.delivery_date, transform: date };
    if (m.reason) columns.reason_raw = { column: m.reason };
    if (m.refunded) columns.refund_amount = { column: m.refunded, transform: numberFor(s, m.refunded) };
    if (m.carrier) columns.return_carrier = { column: m.carrier };
    if (m.label_cost) {
      const cost: ValueSource = { column: m.label_cost, transform: numberFor(s, m.label_cost) };
      // The merchant pays the label unless the report says the customer does.
      columns.label_cost = m.label_payer
        ? { if: { column: m.label_payer, is: 'equals', value: 'Customer' }, then: { constant: 0 }, else: cost }
        : cost;
    }
    const resolution: ValueSource[] = [];
    if (m.status) {
      resolution.push({ column: m.status, transform: { kind: 'map', values: Object.fromEntries(AMAZON_SELLER_REFUSED.map((v) => [v, 'rejected'])), otherwise: 'null' } });
    }
    if (m.resolution) resolution.push({ column: m.resolution, transform: { kind: 'map', values: AMAZON_SELLER_RESOLUTION, otherwise: 'null' } });
    if (resolution.length > 0) columns.resolution = { firstOf: resolution };
    const exclude: ExclusionRule[] = m.status
      ? [{ when: { column: m.status, is: 'one_of', values: AMAZON_SELLER_CANCELLED }, reason: 'return request cancelled by the buyer: no return happened' }]
      : [];
    notes.push(
      `Each row is one returned item of a return request: return_id = ${keyParts.join(' | ')} (the same row in an overlapping report is rejected as a duplicate).`,
      'Return request date fills requested_at; Return delivery date (the parcel reached you) fills received_at.',
      'Resolution: StandardRefund and RefundAtFirstScan are refunds, ReplacementIssued an exchange; a request with status Rejected is a refused return (resolution rejected: counted as a request, not in rates). Cancelled requests are excluded.',
      'Label cost counts as a return cost only when the label is paid by the seller (Label to be paid by is not Customer).',
      'Return Reason codes (CR-*, AMZ-PG-*, NO_LONGER_NEEDED ...) go to reason_raw and are mapped through reason_map; codes it does not know are listed.',
      '"In policy", "A-to-Z Claim" and SafeT columns are not loaded (the canonical tables have no place for them).',
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: AMAZON_SELLER.label, preset: AMAZON_SELLER.id,
      source: sourceOf(s),
      targets: [{ table: 'returns', columns, ...(exclude.length > 0 ? { exclude } : {}) }],
      notes,
    };
    // Amazon flat files are tab-separated and never quoted.
    if (s.delimiter.delimiter === '\t') mapping.source.quote = '';
    return { mapping, questions, notes };
  },
};
