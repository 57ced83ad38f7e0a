import type { ExportColumnType } from '../../export/parquet';
import { MISSING, NOT_IN_DATA, displayLocale, formatCount, formatDate, formatDateTime, formatDays, formatMoney } from '../format';
import { DISPOSITION_TITLE, humanize } from '../labels';
import { numberFormat } from '../intl-formats';

/**
 * How the drill-down shows each column the drill models return: its label, how its values
 * are formatted, its Parquet type and whether it is shown before the user picks columns.
 * The list of columns itself comes from the model's header (@output), so a column added to a
 * model appears here too (as text, hidden) without a change.
 */

/** 'name': a product name; an empty one reads "not in the data" (the SKU column says which product). */
export type ColumnKind = 'text' | 'long' | 'name' | 'money' | 'count' | 'number' | 'days' | 'date' | 'datetime' | 'bool';

interface ColumnSpec {
  label: string;
  kind: ColumnKind;
}

const SPECS: Record<string, ColumnSpec> = {
  return_id: { label: 'Return', kind: 'text' },
  return_ids: { label: 'Returns', kind: 'text' },
  order_id: { label: 'Order', kind: 'text' },
  line_id: { label: 'Line', kind: 'text' },
  sku: { label: 'SKU', kind: 'text' },
  product_name: { label: 'Product', kind: 'name' },
  product_group: { label: 'Parent product code', kind: 'text' },
  size: { label: 'Size', kind: 'text' },
  color: { label: 'Colour', kind: 'text' },
  category: { label: 'Category', kind: 'text' },
  supplier: { label: 'Supplier', kind: 'text' },
  carrier: { label: 'Carrier', kind: 'text' },
  return_carrier: { label: 'Return carrier', kind: 'text' },
  region: { label: 'Region', kind: 'text' },
  channel: { label: 'Channel', kind: 'text' },
  customer_id: { label: 'Customer', kind: 'text' },
  reason: { label: 'Reason', kind: 'text' },
  fault: { label: 'Fault', kind: 'text' },
  reason_raw: { label: 'Reason as exported', kind: 'long' },
  customer_comment: { label: 'Customer comment', kind: 'long' },
  quantity: { label: 'Qty', kind: 'count' },
  unit_price: { label: 'Unit price', kind: 'money' },
  line_value: { label: 'Line value', kind: 'money' },
  unit_cost: { label: 'Unit cost', kind: 'money' },
  currency: { label: 'Currency', kind: 'text' },
  refund_amount: { label: 'Refund', kind: 'money' },
  label_cost: { label: 'Label cost', kind: 'money' },
  recovery_value: { label: 'Recovered', kind: 'money' },
  recovery_estimated: { label: 'Recovery estimated', kind: 'bool' },
  resolution: { label: 'Resolution', kind: 'text' },
  condition: { label: 'Condition', kind: 'text' },
  disposition: { label: DISPOSITION_TITLE, kind: 'text' },
  order_date: { label: 'Order date', kind: 'date' },
  requested_at: { label: 'Requested', kind: 'datetime' },
  approved_at: { label: 'Approved', kind: 'datetime' },
  received_at: { label: 'Received', kind: 'datetime' },
  inspected_at: { label: 'Inspected', kind: 'datetime' },
  refunded_at: { label: 'Refunded', kind: 'datetime' },
  shipped_at: { label: 'Shipped', kind: 'datetime' },
  promised_at: { label: 'Promised', kind: 'datetime' },
  delivered_at: { label: 'Delivered', kind: 'datetime' },
  shipment_status: { label: 'Shipment status', kind: 'text' },
  delay_days: { label: 'Days late', kind: 'days' },
  pickup_attempts: { label: 'Pickup attempts', kind: 'count' },
  pickup_failed: { label: 'Pickup failed', kind: 'bool' },
  returns: { label: 'Returns', kind: 'count' },
  units_returned: { label: 'Units returned', kind: 'count' },
  rule: { label: 'Rule', kind: 'text' },
  amount: { label: 'Amount', kind: 'money' },
  detail: { label: 'Detail', kind: 'long' },
};

/** Shown when the drawer opens; every other column is one click away (Columns). */
const DEFAULT_VISIBLE: Record<string, string[]> = {
  drill_returns: [
    'return_id', 'order_id', 'sku', 'product_name', 'size', 'category', 'supplier', 'carrier', 'reason', 'customer_comment', 'quantity',
    'refund_amount', 'resolution', 'disposition', 'order_date', 'requested_at',
  ],
  drill_lines: [
    'order_id', 'line_id', 'order_date', 'sku', 'product_name', 'size', 'category', 'supplier', 'channel', 'region', 'carrier', 'quantity',
    'unit_price', 'line_value', 'shipment_status', 'delay_days', 'units_returned',
  ],
  leakage_cases: ['rule', 'return_ids', 'order_id', 'sku', 'product_name', 'customer_id', 'amount', 'detail'],
};

export function columnLabel(column: string): string {
  return SPECS[column]?.label ?? humanize(column);
}

export function columnKind(column: string): ColumnKind {
  return SPECS[column]?.kind ?? 'text';
}

export function defaultVisibility(model: string, columns: string[]): Record<string, boolean> {
  const shown = DEFAULT_VISIBLE[model];
  return Object.fromEntries(columns.map((c) => [c, shown ? shown.includes(c) : true]));
}

const EXPORT_TYPE: Record<ColumnKind, ExportColumnType> = {
  text: 'string',
  long: 'string',
  name: 'string',
  money: 'double',
  count: 'int',
  number: 'double',
  days: 'double',
  date: 'date',
  datetime: 'timestamp',
  bool: 'bool',
};

/** Parquet types of the exported columns (known columns only; the rest are inferred). */
export function exportTypes(columns: string[]): Record<string, ExportColumnType> {
  return Object.fromEntries(columns.filter((c) => SPECS[c]).map((c) => [c, EXPORT_TYPE[columnKind(c)]]));
}

/** Right-aligned (numbers) or not. */
export function isNumeric(kind: ColumnKind): boolean {
  return kind === 'money' || kind === 'count' || kind === 'number' || kind === 'days';
}

/**
 * A cell as text. Timestamps in the data have no time zone: they are shown as stored (UTC
 * fields of the Date), never shifted to the viewer's zone. Text (customer ids included) is
 * shown exactly as given.
 */
export function formatCell(value: unknown, kind: ColumnKind, currency: string | null, locale = displayLocale()): string {
  if (value === null || value === undefined) return kind === 'name' ? NOT_IN_DATA : MISSING;
  switch (kind) {
    case 'money':
      // a row is one record: its exact amount, as in an export
      return formatMoney(value, currency, locale, true);
    case 'count':
      return formatCount(value, locale);
    case 'number':
      return typeof value === 'number' ? numberFormat(locale, { maximumFractionDigits: 2 }).format(value) : String(value);
    case 'days':
      return formatDays(value, locale);
    case 'date':
      return value instanceof Date ? formatDate(value, locale) : String(value);
    case 'datetime':
      return value instanceof Date ? formatDateTime(value, locale) : String(value);
    case 'bool':
      return value === true ? 'yes' : value === false ? 'no' : String(value);
    default:
      return value instanceof Date ? formatDateTime(value, locale) : String(value);
  }
}
