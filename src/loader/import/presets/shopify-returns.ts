import type { Question } from '../suggest';
import { MAPPING_VERSION, type MappingSpec, type TargetSpec } from '../spec';
import { dateFor, numberFor, role, sourceOf, type PresetDef } from './define';

// Shopify returns (the Return objects of the Admin API, flattened to one row per returned line)

export const SHOPIFY_RETURNS: PresetDef = {
  id: 'shopify_returns',
  label: 'Shopify returns',
  description:
    'Shopify returns flattened to one row per returned line item (an app export or the Admin API\'s Return / ReturnLineItem): ' +
    'order name, return name, SKU, returned quantity, return reason enum (SIZE_TOO_SMALL, DEFECTIVE ...) and return status.',
  roles: {
    order: role(['Order', 'Order name', 'Order number', 'Name'], 1, true),
    return_name: role(['Return', 'Return name', 'Return ID', 'Return number'], 2),
    sku: role(['SKU', 'Lineitem sku', 'Line item SKU', 'Variant SKU'], 1, true),
    quantity: role(['Returned quantity', 'Return quantity', 'Quantity returned', 'Quantity'], 1.5, true),
    reason: role(['Return reason', 'Reason'], 2, true),
    reason_note: role(['Return reason note', 'Reason note', 'Customer note'], 1),
    status: role(['Return status', 'Status'], 1),
    requested: role(['Requested at', 'Return requested at', 'Created at', 'Request date'], 1),
    refund: role(['Refunded amount', 'Refund amount', 'Refund total'], 0.5),
  },
  build(s, m) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const keyParts = [m.return_name ?? m.order!, m.sku!];
    const columns: TargetSpec['columns'] = {
      return_id: { concat: m.return_name ? keyParts : [m.order!, m.sku!], separator: '|' },
      order_id: { column: m.order! },
      sku: { column: m.sku! },
      quantity: { column: m.quantity!, transform: numberFor(s, m.quantity) },
      reason_raw: { column: m.reason! },
    };
    if (m.reason_note) columns.customer_comment = { column: m.reason_note };
    if (m.requested) columns.requested_at = { column: m.requested, transform: dateFor(s, [m.requested], [{ target: 0, column: 'requested_at' }], notes, questions) };
    if (m.refund) columns.refund_amount = { column: m.refund, transform: numberFor(s, m.refund) };
    if (m.status) columns.resolution = { column: m.status, transform: { kind: 'map', values: { DECLINED: 'rejected' }, otherwise: 'null' } };
    notes.push(
      `return_id = ${keyParts.join(' | ')}; the order is found by order name + SKU (load the Shopify orders export with refunds not turned into returns, or they count twice).`,
      'The reason enum (SIZE_TOO_SMALL, UNWANTED, DEFECTIVE, STYLE, COLOR ...) goes to reason_raw and is mapped by reason_map; the reason note becomes the customer comment.',
      'Status DECLINED is a refused return (resolution rejected); CANCELED returns are excluded (nothing came back).',
    );
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: SHOPIFY_RETURNS.label, preset: SHOPIFY_RETURNS.id,
      source: sourceOf(s),
      targets: [{
        table: 'returns', columns,
        ...(m.status ? { exclude: [{ when: { column: m.status, is: 'one_of', values: ['CANCELED', 'CANCELLED'] }, reason: 'return canceled: nothing came back' }] } : {}),
      }],
      notes,
    };
    return { mapping, questions, notes };
  },
};
