import { ASSUMPTIONS } from '../../../data-model/assumptions';
import type { ModelParams } from '../../../runner/runner';
import { displayLocale, formatAssumption, formatCount, formatDays, formatMoney, formatPercent, MISSING } from '../../format';
import { assumptionLabel } from '../../labels';
import { numberFormat } from '../../intl-formats';

/**
 * The Policy page's inputs live in view.params (so the URL reproduces the what-if): change_date,
 * window_days, restocking_fee_pct, paid_returns, named exactly like policy_impact's parameters.
 * Invalid values in a URL are ignored (the model's default applies), never fatal.
 */
export interface PolicyInputs {
  change_date: string | null;
  window_days: number | null;
  restocking_fee_pct: number | null;
  paid_returns: boolean;
}

export const POLICY_KEYS = ['change_date', 'window_days', 'restocking_fee_pct', 'paid_returns'] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDate(v: string | undefined): string | null {
  return v && ISO_DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
}

function validNumber(v: string | undefined, min: number, max: number): number | null {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

export function readPolicy(params: Record<string, string>): PolicyInputs {
  return {
    change_date: validDate(params.change_date),
    window_days: validNumber(params.window_days, 0, 3650),
    restocking_fee_pct: validNumber(params.restocking_fee_pct, 0, 100),
    paid_returns: params.paid_returns === 'true',
  };
}

/** The inputs as policy_impact parameters; unset ones are left to the model's defaults. */
export function policyModelParams(p: PolicyInputs): ModelParams {
  const out: ModelParams = {};
  if (p.change_date) out.change_date = p.change_date;
  if (p.window_days !== null) out.window_days = p.window_days;
  if (p.restocking_fee_pct !== null && p.restocking_fee_pct !== 0) out.restocking_fee_pct = p.restocking_fee_pct;
  if (p.paid_returns) out.paid_returns = true;
  return out;
}

/** view.params with one input changed; empty, default (fee 0, paid off) and invalid values are omitted. */
export function withPolicyParam(params: Record<string, string>, key: PolicyKey, raw: string): Record<string, string> {
  const { [key]: _old, ...rest } = params;
  const probe = readPolicy({ [key]: raw });
  const keep =
    key === 'change_date'
      ? probe.change_date !== null
      : key === 'window_days'
        ? probe.window_days !== null
        : key === 'restocking_fee_pct'
          ? probe.restocking_fee_pct !== null && probe.restocking_fee_pct !== 0
          : probe.paid_returns;
  return keep ? { ...rest, [key]: raw.trim() } : rest;
}

/** The day halfway between two ISO days (a suggestion for change_date), or null. */
export function middleDate(first: unknown, last: unknown): string | null {
  const a = toTime(first);
  const b = toTime(last);
  if (a === null || b === null || b < a) return null;
  const mid = new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000);
  return mid.toISOString().slice(0, 10);
}

function toTime(v: unknown): number | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate());
  if (typeof v === 'string' && ISO_DAY.test(v.slice(0, 10))) {
    const t = Date.parse(v.slice(0, 10));
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

export type MetricKind = 'count' | 'rate' | 'money' | 'days';

/** The before/after metrics of policy_impact: how to show them and which way is better. */
export const BEFORE_AFTER: Record<string, { label: string; kind: MetricKind; lowerIsBetter: boolean | null }> = {
  orders: { label: 'Orders', kind: 'count', lowerIsBetter: null },
  unit_return_rate: { label: 'Unit return rate', kind: 'rate', lowerIsBetter: true },
  order_return_rate: { label: 'Order return rate', kind: 'rate', lowerIsBetter: true },
  refund_per_order: { label: 'Refunds per order', kind: 'money', lowerIsBetter: true },
  net_cost_per_order: { label: 'Net return cost per order', kind: 'money', lowerIsBetter: true },
  changed_mind_share: { label: '“Changed mind” share of returned units', kind: 'rate', lowerIsBetter: true },
  median_days_order_to_request: { label: 'Median days from order to return request', kind: 'days', lowerIsBetter: null },
};

export const WHAT_IF: Record<string, { label: string; kind: MetricKind }> = {
  returns_outside_window: { label: 'Returns outside the window', kind: 'count' },
  refunds_saved_by_window: { label: 'Refunds the window would have refused', kind: 'money' },
  restocking_fee_revenue: { label: 'Restocking fees', kind: 'money' },
  label_costs_shifted: { label: 'Return labels paid by customers', kind: 'money' },
  total_saved: { label: 'Total saved', kind: 'money' },
};

export function metricKind(metric: unknown): MetricKind {
  const m = String(metric);
  return BEFORE_AFTER[m]?.kind ?? WHAT_IF[m]?.kind ?? 'count';
}

export function formatMetric(kind: MetricKind, v: unknown, currency: string | null): string {
  switch (kind) {
    case 'rate':
      return formatPercent(v);
    case 'money':
      return formatMoney(v, currency);
    case 'days':
      return formatDays(v);
    default:
      return formatCount(v);
  }
}

/** A change with its sign in the metric's unit; rates change in percentage points ("+1.2 pp"). */
export function formatDelta(kind: MetricKind, delta: unknown, currency: string | null, locale = displayLocale()): string {
  if (typeof delta !== 'number' || !Number.isFinite(delta)) return MISSING;
  // A true minus sign (U+2212), like the money deltas, whatever the locale's sign character.
  const sign = (digits: number, v: number) =>
    numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0, signDisplay: 'exceptZero' })
      .format(v)
      .replace(/^-/, '−');
  switch (kind) {
    case 'rate':
      return `${sign(1, delta * 100)} pp`;
    case 'money': {
      const m = formatMoney(Math.abs(delta), currency, locale);
      return delta > 0 ? `+${m}` : delta < 0 ? `−${m}` : m;
    }
    case 'days':
      return `${sign(1, delta)} ${Math.abs(delta) === 1 ? 'day' : 'days'}`;
    default:
      return sign(0, delta);
  }
}

export type DeltaTone = 'better' | 'worse' | 'same' | 'neutral';

/** Whether a change is good news: lower rates and costs are; orders and days are neither. */
export function deltaTone(metric: unknown, delta: unknown): DeltaTone {
  if (typeof delta !== 'number' || !Number.isFinite(delta)) return 'neutral';
  if (Math.abs(delta) < 1e-12) return 'same';
  const lower = BEFORE_AFTER[String(metric)]?.lowerIsBetter;
  if (lower === null || lower === undefined) return 'neutral';
  return delta < 0 === lower ? 'better' : 'worse';
}

// The what-if settings policy_impact lists next to the assumptions it reads: their own names
// and units (restocking_fee_pct here is the what-if fee, not the fee charged today).
const SETTING_ROWS: Record<string, { label: string; unit?: string }> = {
  window_days: { label: 'What-if return window', unit: 'days' },
  restocking_fee_pct: { label: 'What-if restocking fee', unit: '%' },
  paid_returns: { label: 'Customers pay return labels' },
  customer_behaviour: { label: 'Customer behaviour' },
  fault: { label: 'Who pays fees and labels' },
};

/** The name of an assumption row (section 'assumption' of policy_impact) for people. */
export function assumptionRowLabel(metric: unknown): string {
  const m = String(metric ?? '');
  return SETTING_ROWS[m]?.label ?? assumptionLabel(m);
}

/** How an assumption row's value reads (section 'assumption' of policy_impact). */
export function formatAssumptionRow(metric: unknown, value: unknown, currency: string | null): string | null {
  const m = String(metric);
  if (value === null || value === undefined) return null;
  if (m === 'paid_returns') return value === 1 ? 'yes' : 'no';
  return formatAssumption(value, SETTING_ROWS[m]?.unit ?? ASSUMPTIONS.find((a) => a.key === m)?.unit, currency);
}

/**
 * policy_impact answers in long format, one row per metric, tagged with its section. This
 * groups the rows by that tag for layout (no number is computed or dropped): before/after,
 * the what-if figures, the what-if total, and the assumption rows, each in the model's order.
 */
export function splitPolicyRows<R extends { section?: unknown; metric?: unknown }>(
  rows: readonly R[],
): { beforeAfter: R[]; whatIf: R[]; total: R | null; assumptions: R[] } {
  const out = { beforeAfter: [] as R[], whatIf: [] as R[], total: null as R | null, assumptions: [] as R[] };
  for (const r of rows) {
    if (r.section === 'before_after') out.beforeAfter.push(r);
    else if (r.section === 'what_if' && r.metric === 'total_saved') out.total = r;
    else if (r.section === 'what_if') out.whatIf.push(r);
    else if (r.section === 'assumption') out.assumptions.push(r);
  }
  return out;
}
