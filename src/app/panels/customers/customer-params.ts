import type { ModelParams } from '../../../runner/runner';
import { pageCount, readPageIndex, readShownRows, withPageIndex, withShownRows } from '../../view/paging';

/**
 * Page parameters of the Customers and Signals pages, read from view.params (so the URL holds
 * them) and named exactly like the models' parameters. Invalid values in a URL are ignored (the
 * model's default applies), never fatal; defaults are left out of the URL.
 */

/** The note every place showing customer ids carries (the page, its drills and their CSV exports). */
export const PERSONAL_DATA_NOTE =
  'Customer ids are personal data: shown as given, never sent anywhere; exports from this page carry this note.';

export interface ThresholdSpec {
  key: string;
  label: string;
  /** The model's default (its @param default). */
  defaultValue: number;
  min: number;
  max: number;
  step: number;
  integer: boolean;
  hint: string;
}

/** customer_returns / customer_return_distribution thresholds. */
export const CUSTOMER_THRESHOLDS: ThresholdSpec[] = [
  {
    key: 'serial_rate_low',
    label: 'Serial returner above (low end of the rate interval)',
    defaultValue: 0.5,
    min: 0,
    max: 1,
    step: 0.05,
    integer: false,
    hint: 'A share of units, 0–1: even the low end of the 95% interval of their unit return rate is above it.',
  },
  {
    key: 'min_orders',
    label: 'Orders needed before judging',
    defaultValue: 5,
    min: 1,
    max: 1000,
    step: 1,
    integer: true,
    hint: 'Customers with fewer orders are “few orders”: too few to judge.',
  },
];

/** abuse_signal_summary / abuse_signals / abuse_cases thresholds (the page edits these three). */
export const SIGNAL_THRESHOLDS: ThresholdSpec[] = [
  {
    key: 'bracketing_min_variants',
    label: 'Bracketing: variants of one product in one order, at least',
    defaultValue: 2,
    min: 2,
    max: 50,
    step: 1,
    integer: true,
    hint: 'Different SKUs (sizes, colours) of one product group, all but one returned.',
  },
  {
    key: 'wardrobe_days_before_end',
    label: 'Wardrobing: returned in the last … days of the window',
    defaultValue: 5,
    min: 1,
    max: 365,
    step: 1,
    integer: true,
    hint: 'Counted from delivery; the window is the return window assumption.',
  },
  {
    key: 'wardrobe_min_returns',
    label: 'Wardrobing: such returns per customer, at least',
    defaultValue: 3,
    min: 1,
    max: 1000,
    step: 1,
    integer: true,
    hint: 'Apparel returns requested near the end of the window.',
  },
];

/** A threshold's valid value from view.params, or null (unset or invalid: the model's default). */
export function readThreshold(params: Record<string, string>, spec: ThresholdSpec): number | null {
  const raw = params[spec.key];
  if (raw === undefined || raw.trim() === '') return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < spec.min || n > spec.max) return null;
  if (spec.integer && !Number.isInteger(n)) return null;
  return n;
}

/** The thresholds as model parameters: only the set, valid, non-default ones. */
export function thresholdParams(params: Record<string, string>, specs: readonly ThresholdSpec[]): ModelParams {
  const out: ModelParams = {};
  for (const s of specs) {
    const v = readThreshold(params, s);
    if (v !== null && v !== s.defaultValue) out[s.key] = v;
  }
  return out;
}

/** The same thresholds as a drill's `where` (strings), so the rows behind a number use them too. */
export function thresholdWhere(params: Record<string, string>, specs: readonly ThresholdSpec[]): Record<string, string> {
  return Object.fromEntries(Object.entries(thresholdParams(params, specs)).map(([k, v]) => [k, String(v)]));
}

/**
 * view.params with one threshold changed (the lists go back to their first page); empty,
 * invalid and default values are dropped from the URL.
 */
export function withThreshold(params: Record<string, string>, spec: ThresholdSpec, raw: string): Record<string, string> {
  const { [spec.key]: _old, cust_page: _p, sig_rows: _r, ...rest } = params;
  const v = readThreshold({ [spec.key]: raw }, spec);
  return v === null || v === spec.defaultValue ? rest : { ...rest, [spec.key]: raw.trim() };
}

/** The value in effect (set or the model's default), for display next to the answer. */
export function effectiveThreshold(params: Record<string, string>, spec: ThresholdSpec): number {
  return readThreshold(params, spec) ?? spec.defaultValue;
}

// ---- top customers: order and paging (customer_returns sorts and pages in SQL) ----

export const CUSTOMER_ORDERS = {
  refund_amount: { label: 'Most refunded', sort: 'refund_amount', desc: true },
  rate_low: { label: 'Highest return rate (low end of interval)', sort: 'rate_low', desc: true },
  net_revenue: { label: 'Lowest net revenue', sort: 'net_revenue', desc: false },
} as const;
export type CustomerOrder = keyof typeof CUSTOMER_ORDERS;
const DEFAULT_ORDER: CustomerOrder = 'refund_amount';

export const CUSTOMER_SEGMENTS = ['serial returner', 'frequent returner', 'regular', 'few orders'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

export const CUSTOMER_PAGE_SIZE = 25;

export function readCustomerOrder(params: Record<string, string>): CustomerOrder {
  const v = params.cust_order;
  return v && Object.prototype.hasOwnProperty.call(CUSTOMER_ORDERS, v) ? (v as CustomerOrder) : DEFAULT_ORDER;
}

export function readSegment(params: Record<string, string>): CustomerSegment | null {
  const v = params.segment;
  return (CUSTOMER_SEGMENTS as readonly string[]).includes(v ?? '') ? (v as CustomerSegment) : null;
}

/** Zero-based page of the top-customers table. */
export function readCustomerPage(params: Record<string, string>): number {
  return readPageIndex(params.cust_page);
}

/** customer_returns parameters for one page of the table. */
export function topCustomerParams(params: Record<string, string>): ModelParams {
  const order = CUSTOMER_ORDERS[readCustomerOrder(params)];
  const segment = readSegment(params);
  return {
    ...thresholdParams(params, CUSTOMER_THRESHOLDS),
    ...(segment ? { segment } : {}),
    sort: order.sort,
    desc: order.desc,
    limit: CUSTOMER_PAGE_SIZE,
    offset: readCustomerPage(params) * CUSTOMER_PAGE_SIZE,
  };
}

/** view.params with another order (back to the first page). */
export function withCustomerOrder(params: Record<string, string>, order: CustomerOrder): Record<string, string> {
  const { cust_order: _o, cust_page: _p, ...rest } = params;
  return order === DEFAULT_ORDER ? rest : { ...rest, cust_order: order };
}

/** view.params with the segment toggled (clicking the selected segment clears it; back to the first page). */
export function withSegment(params: Record<string, string>, segment: string): Record<string, string> {
  const { segment: old, cust_page: _p, ...rest } = params;
  return old === segment || !(CUSTOMER_SEGMENTS as readonly string[]).includes(segment) ? rest : { ...rest, segment };
}

export function withCustomerPage(params: Record<string, string>, page: number): Record<string, string> {
  return withPageIndex(params, 'cust_page', page);
}

/** Pages of the table from total_rows (the same on every row of customer_returns). */
export function customerPageCount(total: unknown): number {
  return pageCount(total, CUSTOMER_PAGE_SIZE);
}

// ---- signals ----

export const SIGNAL_RULES = ['bracketing', 'wardrobing', 'refund_without_receipt', 'condition_mismatch', 'refunds_exceed_purchases'] as const;

/** Names of the signal rules: the one label map (labels.ts). */
export { signalLabel as signalRuleLabel } from '../../labels';

/** A rule abuse_signals can list (shared_address_payment cannot run: no address column). */
export function isSignalRule(v: unknown): v is (typeof SIGNAL_RULES)[number] {
  return typeof v === 'string' && (SIGNAL_RULES as readonly string[]).includes(v);
}

/** The rule the signals table is narrowed to (view.params.rule), or null. */
export function readSignalRule(params: Record<string, string>): string | null {
  return isSignalRule(params.rule) ? params.rule : null;
}

/** view.params with the rule toggled (clicking the selected rule clears it). */
export function withSignalRule(params: Record<string, string>, rule: string): Record<string, string> {
  const { rule: old, sig_rows: _r, ...rest } = params;
  return old === rule || !isSignalRule(rule) ? rest : { ...rest, rule };
}

/** Rows of the signals table shown: 50, then 50 more per "show more" (view.params.sig_rows). */
export const SIGNAL_ROWS_STEP = 50;

export function readSignalRows(params: Record<string, string>): number {
  return readShownRows(params.sig_rows, SIGNAL_ROWS_STEP);
}

export function withSignalRows(params: Record<string, string>, rows: number): Record<string, string> {
  return withShownRows(params, 'sig_rows', rows, SIGNAL_ROWS_STEP);
}

/** abuse_summary status 'ok' or 'needs …': the text after "needs", or null when ok. */
export function signalNeeds(status: unknown): string | null {
  if (typeof status !== 'string' || status === 'ok') return null;
  return status.replace(/^needs\s+/, '');
}
