import type { Question } from '../suggest';
import { MAPPING_VERSION, type ExclusionRule, type MappingSpec, type RowTest, type TargetSpec, type ValueSource } from '../spec';
import { column, dateFor, nonEmpty, numberFor, role, shipModeColumns, sourceOf, type PresetDef } from './define';

// Shopify orders export

/** Order-level columns that the export writes on an order's first row only. */
const SHOPIFY_ORDER_LEVEL = ['financial_status', 'fulfillment_status', 'currency', 'refunded', 'cancelled', 'ship_country', 'bill_country', 'source', 'email', 'created_at'];

export const SHOPIFY_ORDERS: PresetDef = {
  id: 'shopify_orders',
  label: 'Shopify orders export',
  description:
    'The Shopify admin "Export orders" CSV: one row per line item; order-level fields (financial status, refunded amount, ' +
    'cancellation, countries) only on each order\'s first row. Refunds are order-level: fully refunded orders become returns of every line.',
  roles: {
    name: role(['Name', 'Order Name'], 1.5, true),
    created_at: role(['Created at', 'Processed at'], 1, true),
    financial_status: role(['Financial Status', 'Payment Status'], 2),
    fulfillment_status: role(['Fulfillment Status'], 1),
    quantity: role(['Lineitem quantity', 'Line item quantity', 'Line Item Qty'], 2, true),
    item_name: role(['Lineitem name', 'Line item name'], 2, true),
    price: role(['Lineitem price', 'Line item price'], 2, true),
    sku: role(['Lineitem sku', 'Line item sku'], 2),
    discount: role(['Lineitem discount', 'Line item discount'], 1),
    currency: role(['Currency'], 0.5),
    refunded: role(['Refunded Amount'], 1),
    cancelled: role(['Cancelled at', 'Canceled at'], 1),
    vendor: role(['Vendor'], 1),
    ship_country: role(['Shipping Country'], 0.5),
    bill_country: role(['Billing Country'], 0.5),
    source: role(['Source'], 0.5),
    email: role(['Email'], 0.5),
    // Read when present; weight 0: it does not count towards recognising the export.
    shipping_method: role(['Shipping Method'], 0),
  },
  build(s, m, o) {
    const notes: string[] = [];
    const questions: Question[] = [];
    const refundsAsReturns = (o.refundsAsReturns ?? true) && Boolean(m.financial_status);
    const date = dateFor(s, [m.created_at!], [{ target: 0, column: 'order_date' }], notes, questions);
    const name = m.name!;
    const skuOrName: ValueSource = m.sku ? { firstOf: [{ column: m.sku }, { column: m.item_name! }] } : { column: m.item_name! };
    const numbered = (col: string): ValueSource => ({ concat: [col], separator: '', numberRepeats: { within: [name] } });
    const lineId: ValueSource = m.sku ? { firstOf: [numbered(m.sku), numbered(m.item_name!)] } : numbered(m.item_name!);
    const qty = numberFor(s, m.quantity);
    const price: ValueSource = { column: m.price!, transform: numberFor(s, m.price) };
    // Lineitem discount is the discount on the whole line: spread over its units.
    const unitPrice: ValueSource = m.discount
      ? { minus: [price, { divide: [{ firstOf: [{ column: m.discount, transform: numberFor(s, m.discount) }, { constant: 0 }] }, { column: m.quantity!, transform: qty }] }] }
      : price;
    const fs = m.financial_status;
    const cancelled: ExclusionRule[] = m.cancelled ? [{ when: nonEmpty(m.cancelled), reason: 'order cancelled: not a sale' }] : [];
    const refundedUnfulfilled: RowTest | null = fs && m.fulfillment_status
      ? { all: [{ column: fs, is: 'equals', value: 'refunded' }, { column: m.fulfillment_status, is: 'equals', value: 'unfulfilled' }] }
      : null;
    const lineColumns: TargetSpec['columns'] = {
      order_id: { column: name },
      line_id: lineId,
      order_date: { column: m.created_at!, transform: date },
      sku: skuOrName,
      quantity: { column: m.quantity!, transform: qty },
      unit_price: unitPrice,
    };
    if (m.currency) lineColumns.currency = { column: m.currency };
    if (m.source) lineColumns.channel = { column: m.source };
    if (m.email) lineColumns.customer_id = { column: m.email, transform: { kind: 'text', case: 'lower' } };
    const region = [m.ship_country, m.bill_country].filter((x): x is string => Boolean(x)).map((c) => ({ column: c }));
    if (region.length > 0) lineColumns.region = { firstOf: region };
    const lineExclude: ExclusionRule[] = [
      ...cancelled,
      ...(fs ? [{ when: { column: fs, is: 'equals' as const, value: 'voided' }, reason: 'payment voided: not a sale' }] : []),
      ...(refundedUnfulfilled ? [{ when: refundedUnfulfilled, reason: 'refunded before it was fulfilled: a cancellation, not a sale' }] : []),
    ];
    const targets: TargetSpec[] = [
      { table: 'order_lines', columns: lineColumns, ...(lineExclude.length > 0 ? { exclude: lineExclude } : {}) },
      {
        table: 'products',
        columns: { sku: skuOrName, product_name: { column: m.item_name! }, ...(m.vendor ? { supplier: { column: m.vendor } } : {}) },
        duplicates: 'first',
      },
    ];
    // Shipping Method (on an order's first row): one shipment per order, the carrier when it names
    // one, else the service level; only when the sample holds a value (older exports leave it empty).
    const method = m.shipping_method;
    if (method && column(s, method).some((v) => v.trim() !== '')) {
      targets.push({
        table: 'shipments',
        when: { column: name, is: 'first' },
        columns: { order_id: { column: name }, ...shipModeColumns(method) },
        exclude: [
          ...(m.cancelled ? [{ when: nonEmpty(m.cancelled), reason: 'order cancelled: not shipped' }] : []),
          ...(fs ? [{ when: { column: fs, is: 'equals' as const, value: 'voided' }, reason: 'payment voided: not shipped' }] : []),
          ...(refundedUnfulfilled ? [{ when: refundedUnfulfilled, reason: 'refunded before it was fulfilled: not shipped' }] : []),
        ],
      });
    }
    if (refundsAsReturns && fs) {
      targets.push({
        table: 'returns',
        // Every line of a fully refunded order; only the first row of a partially refunded one (to count it once).
        when: {
          all: [
            { column: fs, is: 'one_of', values: ['refunded', 'partially_refunded'] },
            { any: [{ column: fs, is: 'equals', value: 'refunded' }, { column: name, is: 'first' }] },
          ],
        },
        columns: {
          return_id: m.sku
            ? { if: nonEmpty(m.sku), then: { concat: [name, m.sku], separator: '|', numberRepeats: { within: [name] } }, else: { concat: [name, m.item_name!], separator: '|', numberRepeats: { within: [name] } } }
            : { concat: [name, m.item_name!], separator: '|', numberRepeats: { within: [name] } },
          order_id: { column: name },
          line_id: lineId,
          sku: skuOrName,
          quantity: { column: m.quantity!, transform: qty },
          refund_amount: { multiply: [{ column: m.quantity!, transform: qty }, unitPrice] },
          resolution: { constant: 'refund' },
        },
        exclude: [
          ...(m.cancelled ? [{ when: nonEmpty(m.cancelled), reason: 'order cancelled: a cancellation, not a return' }] : []),
          ...(refundedUnfulfilled ? [{ when: refundedUnfulfilled, reason: 'refunded before it was fulfilled: a cancellation, not a return' }] : []),
          {
            when: { column: fs, is: 'equals', value: 'partially_refunded' },
            reason: 'order-level partial refund: the export does not say which lines were refunded, so it is kept out of unit return rates (one row per order)',
          },
        ],
      });
    }
    const fill = SHOPIFY_ORDER_LEVEL.map((k) => m[k]).filter((x): x is string => Boolean(x) && x !== name);
    notes.push(
      `Order-level cells (${fill.map((c) => `"${c}"`).join(', ')}) are written on an order's first row only: they are filled down within each "${name}".`,
      `Order lines: order_id = ${name}; line_id = the line's SKU (its name when it has no SKU), numbered #2, #3 ... when it repeats in the order; unit price = Lineitem price${m.discount ? ' − Lineitem discount / quantity' : ''}; dates keep the wall-clock time written (the offset is dropped).`,
      'Excluded from sales: cancelled orders, voided payments, and fully refunded orders that were never fulfilled (cancellations in effect).',
      'Products: one per SKU (its first line), with the line item name and the Vendor as supplier; later lines of the same SKU are merged into it (repeats, not errors).',
      refundsAsReturns
        ? 'Refunds are order-level in this export. A fully refunded (Financial Status "refunded"), fulfilled order counts as a return of every line (quantity and line value). A partially refunded order cannot be attributed to lines: it is excluded from returns once per order with that reason, so unit rates count only what is known.'
        : 'Refunded orders are not turned into returns: the line-level returns come from another file.',
    );
    if (targets.some((t) => t.table === 'shipments')) {
      notes.push(`Shipments: one per order, "${method}" as the service level (or the carrier when it names one: UPS, DHL ...); cancelled, voided and unfulfilled refunded orders have none.`);
    }
    if (!m.financial_status) notes.push('No Financial Status column: refunds cannot be read from this export.');
    const mapping: MappingSpec = {
      version: MAPPING_VERSION, name: SHOPIFY_ORDERS.label, preset: SHOPIFY_ORDERS.id,
      source: sourceOf(s),
      fillDown: { groupBy: name, columns: fill },
      routing: 'each',
      targets,
      notes,
    };
    return { mapping, questions, notes };
  },
};
