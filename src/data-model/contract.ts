/**
 * The data contract: the canonical tables every import ends in.
 * The loader builds its DDL and its row checks from this list, and the README's
 * "Data contract" section is checked against it by a test, so this is the one place
 * a column is defined.
 */

export type ColumnType = 'VARCHAR' | 'DATE' | 'TIMESTAMP' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  description: string;
  /** Values must be >= 0 (quantities, money); a negative value rejects the row. */
  nonNegative?: boolean;
}

export interface TableSpec {
  name: CanonicalTable;
  description: string;
  /** Columns that identify a row; a repeated key rejects the later row as a duplicate. */
  key: string[];
  columns: ColumnSpec[];
}

export const CANONICAL_TABLES = ['order_lines', 'products', 'shipments', 'returns', 'reviews'] as const;
export type CanonicalTable = (typeof CANONICAL_TABLES)[number];

const c = (
  name: string,
  type: ColumnType,
  required: boolean,
  description: string,
  nonNegative = false,
): ColumnSpec => ({ name, type, required, description, nonNegative });

export const CONTRACT: Record<CanonicalTable, TableSpec> = {
  order_lines: {
    name: 'order_lines',
    description: 'One row per order line (what was sold).',
    key: ['order_id', 'line_id'],
    columns: [
      c('order_id', 'VARCHAR', true, 'Order identifier, shared by all lines of one order.'),
      c('line_id', 'VARCHAR', true, 'Line identifier, unique within the order.'),
      c('order_date', 'DATE', true, 'Date the order was placed; rates are attributed to this date (cohort view).'),
      c('sku', 'VARCHAR', true, 'Stock keeping unit sold on this line.'),
      c('quantity', 'INTEGER', true, 'Units sold on this line.', true),
      c('unit_price', 'DOUBLE', true, 'Price actually paid per unit, after discounts, in `currency`.', true),
      c('currency', 'VARCHAR', false, 'ISO 4217 code of the prices. Money figures are in one reporting currency (the most common one, or the user\'s choice); lines in another are converted at a rate the user gives, else left out of money figures.'),
      c('channel', 'VARCHAR', false, 'Sales channel (web, app, marketplace, store ...).'),
      c('customer_id', 'VARCHAR', false, 'Customer identifier as exported (personal data: never leaves the machine).'),
      c('region', 'VARCHAR', false, 'Region or country the order ships to.'),
    ],
  },
  products: {
    name: 'products',
    description: 'One row per SKU: what it is, who supplies it and what it costs.',
    key: ['sku'],
    columns: [
      c('sku', 'VARCHAR', true, 'Stock keeping unit.'),
      c('product_name', 'VARCHAR', false, 'Human-readable name.'),
      c('category', 'VARCHAR', false, 'Category used as the baseline for a SKU return rate.'),
      c('supplier', 'VARCHAR', false, 'Supplier or vendor of the SKU.'),
      c('unit_cost', 'DOUBLE', false, 'Landed cost per unit (for lost margin and recovery estimates).', true),
      c('product_group', 'VARCHAR', false, 'Parent product shared by size/colour variants (for bracketing signals).'),
      c('size', 'VARCHAR', false, 'Size of the variant, if any.'),
      c('color', 'VARCHAR', false, 'Colour of the variant, if any.'),
    ],
  },
  shipments: {
    name: 'shipments',
    description: 'Outbound delivery of an order.',
    key: ['order_id'],
    columns: [
      c('order_id', 'VARCHAR', true, 'Order shipped.'),
      c('carrier', 'VARCHAR', false, 'Outbound carrier.'),
      c('shipped_at', 'TIMESTAMP', false, 'Handed to the carrier.'),
      c('promised_at', 'TIMESTAMP', false, 'Delivery date promised to the customer.'),
      c('delivered_at', 'TIMESTAMP', false, 'Delivered to the customer.'),
      c('status', 'VARCHAR', false, 'delivered, in_transit, lost, returned_to_sender, damaged.'),
      c('service_level', 'VARCHAR', false, 'Shipping service as sold (ship mode, shipping method: standard, express, same day ...), when it is not a carrier.'),
    ],
  },
  returns: {
    name: 'returns',
    description: 'One row per returned line.',
    key: ['return_id'],
    columns: [
      c('return_id', 'VARCHAR', true, 'Return identifier (one per returned line).'),
      c('order_id', 'VARCHAR', false, 'Order the item was bought in; may be missing (returns keyed by product, region and date).'),
      c('line_id', 'VARCHAR', false, 'Order line returned, when the export has it (otherwise matched by order_id + sku).'),
      c('sku', 'VARCHAR', false, 'SKU returned; inherited from the order line when absent.'),
      c('quantity', 'INTEGER', true, 'Units returned.', true),
      c('reason', 'VARCHAR', false, 'Canonical reason (see reason taxonomy); mapped from reason_raw when absent.'),
      c('reason_raw', 'VARCHAR', false, 'Reason exactly as exported.'),
      c('customer_comment', 'VARCHAR', false, 'Free-text comment of the customer.'),
      c('requested_at', 'TIMESTAMP', false, 'Customer asked for the return.'),
      c('approved_at', 'TIMESTAMP', false, 'Return authorised.'),
      c('received_at', 'TIMESTAMP', false, 'Item received at the warehouse.'),
      c('inspected_at', 'TIMESTAMP', false, 'Item inspected.'),
      c('refunded_at', 'TIMESTAMP', false, 'Refund (or credit) issued.'),
      c('refund_amount', 'DOUBLE', false, 'Money refunded for this line.', true),
      c('resolution', 'VARCHAR', false, 'refund, exchange, store_credit or rejected.'),
      c('condition', 'VARCHAR', false, 'Inspection result (as_new, opened, damaged, defective, empty_box, wrong_item ...).'),
      c('disposition', 'VARCHAR', false, 'restock, refurbish, liquidate, return_to_vendor or dispose.'),
      c('recovery_value', 'DOUBLE', false, 'Money recovered from the item; estimated from the disposition when absent.', true),
      c('return_carrier', 'VARCHAR', false, 'Carrier of the return leg.'),
      c('label_cost', 'DOUBLE', false, 'Return label paid by the merchant.', true),
      c('pickup_attempts', 'INTEGER', false, 'Reverse pickup attempts.', true),
      c('pickup_failed', 'BOOLEAN', false, 'Reverse pickup finally failed.'),
      c('region', 'VARCHAR', false, 'Region of the return; inherited from the order line when absent.'),
      c('exchange_value', 'DOUBLE', false, 'Exchanges: value of the replacement item(s) sent, at the price charged (for the exchange upsell).', true),
    ],
  },
  reviews: {
    name: 'reviews',
    description: 'Product reviews.',
    key: ['review_id'],
    columns: [
      c('review_id', 'VARCHAR', true, 'Review identifier.'),
      c('sku', 'VARCHAR', true, 'SKU reviewed.'),
      c('order_id', 'VARCHAR', false, 'Order the review is about, if known.'),
      c('rating', 'INTEGER', true, 'Stars, 1 to 5.'),
      c('created_at', 'TIMESTAMP', false, 'When the review was written.'),
      c('title', 'VARCHAR', false, 'Review title.'),
      c('body', 'VARCHAR', false, 'Review text.'),
    ],
  },
};

export const REASONS = [
  'size_too_small',
  'size_too_large',
  'damaged_in_transit',
  'defective',
  'not_as_described',
  'wrong_item',
  'missing_parts',
  'late_delivery',
  'changed_mind',
  'better_price',
  'other',
  'unknown',
] as const;
export type Reason = (typeof REASONS)[number];

export const RESOLUTIONS = ['refund', 'exchange', 'store_credit', 'rejected'] as const;
export const DISPOSITIONS = ['restock', 'refurbish', 'liquidate', 'return_to_vendor', 'dispose'] as const;
