import { formatDate, MISSING } from './format';

/**
 * The one label map: every code a model returns or a page names (reasons, audit rules, signal
 * rules, return stages and columns, assumptions, what-if settings, dispositions ...) has its
 * plain-language name here, and nowhere else. Pages call these functions; raw codes are shown
 * only on the SQL page and in exports (which keep the models' own columns and values).
 */

/** 'size_too_small' → 'Size too small': the fallback for a code no table names (a new code still reads well). */
export function humanize(code: unknown): string {
  if (typeof code !== 'string' || code === '') return '(unknown)';
  if (code.startsWith('(')) return code; // '(unknown)' from the models stays as is
  const s = code.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A code's name from a table of hand-written names, else humanized. */
export function labelFrom(labels: Record<string, string>, code: unknown): string {
  return (typeof code === 'string' && Object.prototype.hasOwnProperty.call(labels, code) && labels[code]) || humanize(code);
}

const ASSUMPTION_LABELS: Record<string, string> = {
  handling_cost_per_return: 'Handling per return',
  inspection_cost_per_return: 'Inspection per inspected return',
  restocking_fee_pct: 'Restocking fee charged today',
  return_window_days: 'Return window',
  recovery_rate_restock: 'Recovered when restocked',
  recovery_rate_refurbish: 'Recovered when refurbished',
  recovery_rate_liquidate: 'Recovered when liquidated',
  recovery_rate_return_to_vendor: 'Credited when returned to vendor',
  recovery_rate_dispose: 'Recovered when disposed',
};

/** The name of a business assumption (src/data-model/assumptions.ts) for people, wherever it is shown. */
export function assumptionLabel(key: string): string {
  const sla = /^sla_days_([a-z]+)_([a-z]+)$/.exec(key);
  if (sla) return `SLA: ${sla[1]} → ${sla[2]}`;
  return labelFrom(ASSUMPTION_LABELS, key);
}

/** Leakage audit rules (leakage.sql gives the full description of each). */
const LEAKAGE_RULE_LABELS: Record<string, string> = {
  refund_above_price: 'Refund above the price paid',
  refund_before_receipt: 'Refunded before the item arrived',
  refund_without_return: 'Refunded, item never received',
  outside_window: 'Accepted outside the return window',
  duplicate_refund: 'Order line refunded twice',
  quantity_above_ordered: 'More units returned than sold',
  label_above_value: 'Return label costs more than the item',
};

export function leakageRuleLabel(rule: unknown): string {
  return labelFrom(LEAKAGE_RULE_LABELS, rule);
}

/** Customer signal rules (abuse_signals.sql). */
const SIGNAL_RULE_LABELS: Record<string, string> = {
  bracketing: 'Bracketing (several sizes or colours, all but one returned)',
  wardrobing: 'Wardrobing-like (apparel returned at the end of the window, repeatedly)',
  refund_without_receipt: 'Refund without a received item',
  condition_mismatch: 'Item received does not match the claim',
  refunds_exceed_purchases: 'Refunds exceed purchases',
  shared_address_payment: 'Many customer ids, one address or payment',
};

export function signalLabel(rule: unknown): string {
  return labelFrom(SIGNAL_RULE_LABELS, rule);
}

/** Steps of a return (stage_times.stage), in process order, with a short name for chart axes. */
const STAGE_LABELS: Record<string, { label: string; short: string }> = {
  request_to_approve: { label: 'Request → approval', short: 'Approve' },
  approve_to_receive: { label: 'Approval → received at warehouse', short: 'Receive' },
  receive_to_inspect: { label: 'Received → inspected', short: 'Inspect' },
  inspect_to_refund: { label: 'Inspected → refunded', short: 'Refund' },
  request_to_refund: { label: 'Request → refund (end to end)', short: 'End to end' },
};

export function stageLabel(stage: unknown): string {
  return typeof stage === 'string' ? STAGE_LABELS[stage]?.label || humanize(stage) : MISSING;
}

export function stageShort(stage: unknown): string {
  return typeof stage === 'string' ? STAGE_LABELS[stage]?.short || humanize(stage) : MISSING;
}

/** Columns of the loaded tables, as a merchant calls them (in sentences: lower case). */
const COLUMN_LABELS: Record<string, string> = {
  requested_at: 'request date',
  approved_at: 'approval date',
  received_at: 'date received at the warehouse',
  inspected_at: 'inspection date',
  refunded_at: 'refund date',
  refund_amount: 'refund amount',
  unit_price: 'price paid',
  unit_cost: 'unit cost',
  order_date: 'order date',
  delivered_at: 'delivery date',
  label_cost: 'return label cost',
  recovery_value: 'recovered value',
  return_carrier: 'return carrier',
  customer_id: 'customer',
  order_id: 'order number',
  line_id: 'order line',
  exchange_value: 'exchange value',
  disposition: 'what happened to the item (restocked, refurbished, liquidated, returned to vendor, disposed)',
  condition: 'condition on arrival',
};

export function columnLabel(column: unknown): string {
  return typeof column === 'string' && Object.prototype.hasOwnProperty.call(COLUMN_LABELS, column) ? COLUMN_LABELS[column]! : humanize(column).toLowerCase();
}

/** What happened to a returned item (returns.disposition): the word "disposition" is jargon. */
export const DISPOSITION_TITLE = 'What happened to the item';
const DISPOSITION_LABELS: Record<string, string> = {
  restock: 'Restocked',
  refurbish: 'Refurbished',
  liquidate: 'Liquidated',
  return_to_vendor: 'Sent back to supplier',
  dispose: 'Disposed of',
};

export function dispositionLabel(code: unknown): string {
  return labelFrom(DISPOSITION_LABELS, code);
}

/** How a return was resolved (returns.resolution). */
const RESOLUTION_LABELS: Record<string, string> = {
  refund: 'Refund',
  exchange: 'Exchange',
  store_credit: 'Store credit',
  rejected: 'Rejected',
};

export function resolutionLabel(code: unknown): string {
  return labelFrom(RESOLUTION_LABELS, code);
}

/** An audit or signal rule (leakage_cases.rule, abuse_cases.rule), by whichever table names it. */
function ruleCodeLabel(code: unknown): string {
  if (typeof code === 'string' && Object.prototype.hasOwnProperty.call(SIGNAL_RULE_LABELS, code)) return SIGNAL_RULE_LABELS[code]!;
  return leakageRuleLabel(code);
}

/** Columns whose values are codes (not names or free text), and how each reads. */
const VALUE_LABELS: Record<string, (code: unknown) => string> = {
  disposition: dispositionLabel,
  resolution: resolutionLabel,
  rule: ruleCodeLabel,
  reason: humanize,
  fault: humanize,
  condition: humanize,
};

/**
 * A listed row's value in words, for a table that shows a model's raw columns (the drill-down):
 * codes ('store_credit', 'return_to_vendor', 'not_as_described', 'refund_above_price') by their
 * names here; ids, names, free text and missing values unchanged. Exports keep the raw value.
 */
export function columnValueLabel(column: string, value: unknown): unknown {
  const label = Object.prototype.hasOwnProperty.call(VALUE_LABELS, column) ? VALUE_LABELS[column] : undefined;
  return label && typeof value === 'string' && value !== '' ? label(value) : value;
}

/** The loaded tables (the data contract's names). */
const TABLE_LABELS: Record<string, string> = {
  order_lines: 'Order lines',
  returns: 'Returns',
  products: 'Products',
  shipments: 'Shipments',
  reviews: 'Reviews',
};

export function tableLabel(table: unknown): string {
  return labelFrom(TABLE_LABELS, table);
}

/** What-if settings and figures of the Policy page (policy_impact.sql parameters and metrics). */
const POLICY_LABELS: Record<string, string> = {
  window_days: 'the what-if return window',
  paid_returns: 'customers paying return labels',
  restocking_fee_pct: 'the what-if restocking fee',
  net_cost_per_order: 'net cost per order',
  change_date: 'the policy change date',
};

/** Any code a model's text may name, in words (the first table that knows it, else humanized, lower case). */
export function codeLabel(code: string): string {
  for (const table of [POLICY_LABELS, COLUMN_LABELS]) {
    if (Object.prototype.hasOwnProperty.call(table, code)) return table[code]!;
  }
  for (const table of [ASSUMPTION_LABELS, LEAKAGE_RULE_LABELS, SIGNAL_RULE_LABELS]) {
    if (Object.prototype.hasOwnProperty.call(table, code)) return table[code]!.toLowerCase();
  }
  return humanize(code).toLowerCase();
}

/**
 * A model's sentence (a note, a signal's facts) for people: every snake_case code in it named
 * by codeLabel ("paid_returns is off" → "customers paying return labels is off"), a column
 * named with its table ("returns.approved_at") by its column's name, and every ISO day in the
 * one date format. The model keeps its raw text for exports.
 */
export function inWords(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(/\b(?:order_lines|returns|shipments|products|reviews)\.([a-z][a-z0-9_]*)\b/g, (_, column: string) => columnLabel(column))
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => formatDate(day))
    .replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (code) => codeLabel(code));
}
