import type { Row } from '../../../engine/types';
import type { ModelParams } from '../../../runner/runner';
import { DISPOSITION_TITLE } from '../../labels';
import { SELECT_DIMS, type SelectDim } from '../../view/types';

/**
 * Page parameters of the Cost & recovery page (view.params, so they are in the URL) and the
 * small pure helpers its panels use. Invalid URL values fall back to the default.
 */

/** cost_of_returns.dim values, in the order the switch offers them. */
export const COST_DIMS = ['reason', 'fault', 'category', 'supplier', 'carrier', 'region', 'channel', 'disposition', 'month', 'sku'] as const;
export type CostDim = (typeof COST_DIMS)[number];

export const COST_DIM_LABELS: Record<CostDim, string> = {
  reason: 'Reason',
  fault: 'Fault',
  category: 'Category',
  supplier: 'Supplier',
  carrier: 'Carrier',
  region: 'Region',
  channel: 'Channel',
  disposition: DISPOSITION_TITLE,
  month: 'Order month',
  sku: 'SKU',
};

const DEFAULT_DIM: CostDim = 'reason';

/** A dimension's label under the view's date basis: months are refund months by refund date. */
export function costDimLabel(dim: CostDim, basis: 'order' | 'refund'): string {
  return dim === 'month' && basis === 'refund' ? 'Refund month' : COST_DIM_LABELS[dim];
}

export function readCostDim(params: Record<string, string>): CostDim {
  const v = params.cost_dim;
  return (COST_DIMS as readonly string[]).includes(v ?? '') ? (v as CostDim) : DEFAULT_DIM;
}

/** view.params with the new dimension (the default is omitted; the row count starts over). */
export function withCostDim(params: Record<string, string>, dim: CostDim): Record<string, string> {
  const { cost_dim: _dim, cost_rows: _rows, ...rest } = params;
  return dim === DEFAULT_DIM ? rest : { ...rest, cost_dim: dim };
}

/** Rows of the breakdown table shown: 15, or every row once "show all" was asked (cost_rows=all). */
export const COST_TABLE_ROWS = 15;

export function readShowAll(params: Record<string, string>): boolean {
  return params.cost_rows === 'all';
}

export function withShowAll(params: Record<string, string>, all: boolean): Record<string, string> {
  const { cost_rows: _rows, ...rest } = params;
  return all ? { ...rest, cost_rows: 'all' } : rest;
}

/** A dimension a click can select (cross-filter); fault, disposition and month are not filters. */
export function asSelectDim(dim: CostDim): SelectDim | null {
  return (SELECT_DIMS as readonly string[]).includes(dim) ? (dim as SelectDim) : null;
}

/** '(unknown)' (a missing value) cannot be selected or drilled: no filter matches it. */
export function isKnownValue(v: unknown): v is string {
  return typeof v === 'string' && v !== '' && v !== '(unknown)';
}

/**
 * The drill-down filters of one value of the dimension: the accepted returns behind it (costs
 * count accepted returns only). A month becomes an order-date range, kept inside the view's
 * own date range so the drill never shows orders the view leaves out.
 */
export function costDrillWhere(dim: CostDim, value: string, viewParams: ModelParams): Record<string, string> | null {
  if (dim !== 'month') return { [dim]: value, accepted_only: 'true' };
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const first = `${m[1]}-${m[2]}-01`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = `${m[1]}-${m[2]}-${String(lastDay).padStart(2, '0')}`;
  const from = typeof viewParams.date_from === 'string' && viewParams.date_from > first ? viewParams.date_from : first;
  const to = typeof viewParams.date_to === 'string' && viewParams.date_to < last ? viewParams.date_to : last;
  return { date_from: from, date_to: to, accepted_only: 'true' };
}

/** The cost parts drawn as the stacked bar, in drawing order. lost_margin is inside the refund. */
export const COST_PARTS = [
  { key: 'refund_amount', label: 'Refunds', color: 'bg-blue-500', swatch: 'bg-blue-500' },
  { key: 'label_cost', label: 'Return labels', color: 'bg-violet-500', swatch: 'bg-violet-500' },
  { key: 'handling_cost', label: 'Handling', color: 'bg-amber-500', swatch: 'bg-amber-500' },
  { key: 'inspection_cost', label: 'Inspection', color: 'bg-cyan-500', swatch: 'bg-cyan-500' },
] as const;

/**
 * Where the parts of one row's bar start and how wide they are, in percent of a shared scale
 * (display geometry only: nothing here is shown as a number).
 */
export function stackGeometry(row: Row, max: number): { key: string; left: number; width: number }[] {
  const out: { key: string; left: number; width: number }[] = [];
  if (!(max > 0)) return out;
  let left = 0;
  for (const part of COST_PARTS) {
    const v = row[part.key];
    const width = typeof v === 'number' && v > 0 ? (v / max) * 100 : 0;
    out.push({ key: part.key, left: Math.min(100, left), width: Math.max(0, Math.min(100 - left, width)) });
    left += width;
  }
  return out;
}
