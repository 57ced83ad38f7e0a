import type { ModelParams } from '../../runner/runner';
import { formatDate } from '../format';
import { compareRange, COMPARE_CHOICES, presetLabel, type DateRange } from './date-presets';
import type { PageId, ViewState } from './types';

/**
 * The date basis of money figures (queries/schema/filters.sql, basis_date): by the date of the
 * order (cohort, the default: a return counts with its order, like every rate) or by the date
 * the money moved (cash: the refund date, else the day the item was received, else requested).
 * The view holds it (URL `basis=refund`); models taking `@param basis` get it as a parameter.
 */
export type DateBasis = 'order' | 'refund';

export const BASIS_LABELS: Record<DateBasis, string> = {
  order: 'Order date (cohort)',
  refund: 'Refund date (cash)',
};

/** One line saying what the basis means, for the pages and the printout. */
export const BASIS_EXPLAINED: Record<DateBasis, string> = {
  order: 'by order date (cohort): each return counts in the period its order was placed',
  refund:
    'by refund date (cash): each return counts in the period its refund was issued (no refund: when the item was received, else requested)',
};

/**
 * Pages whose money figures follow the basis (their models take `@param basis`): the Overview
 * (kpis, kpi_change, retained_revenue), Cost (cost_of_returns) and Leakage (leakage). Policy does
 * not: its what-if is about orders (policy_impact.sql says why).
 */
export const BASIS_PAGES: readonly PageId[] = ['overview', 'cost', 'leakage'];

export function basisOf(view: Pick<ViewState, 'basis'>): DateBasis {
  return view.basis === 'refund' ? 'refund' : 'order';
}

/**
 * The basis as a model parameter, or as a drill target's `where` (the rows behind a
 * refund-dated figure): nothing for the default, so cohort answers keep their keys and URLs.
 */
export function basisParams(view: Pick<ViewState, 'basis'>): Record<string, string> {
  return view.basis === 'refund' ? { basis: 'refund' } : {};
}

/** The period in words: "1 Apr 2025 – 30 Jun 2025 (Last complete quarter of data)", or all dates. */
export function periodText(dates: Partial<DateRange>, preset: string | null = null): string {
  const { date_from: from, date_to: to } = dates;
  const named = presetLabel(preset);
  const span = from && to ? `${formatDate(from)} – ${formatDate(to)}` : from ? `from ${formatDate(from)}` : to ? `until ${formatDate(to)}` : 'all dates';
  return named && (from || to) ? `${span} (${named})` : span;
}

/**
 * The comparison of the view: its label and the same model parameters over the compared
 * range, or null when there is none (no comparison chosen, or no complete range to compare).
 */
export function comparison(view: Pick<ViewState, 'compare'>, params: ModelParams): { label: string; range: DateRange; params: ModelParams } | null {
  if (!view.compare) return null;
  const range = compareRange({ date_from: params.date_from as string | undefined, date_to: params.date_to as string | undefined }, view.compare);
  if (!range) return null;
  const label = COMPARE_CHOICES.find((c) => c.id === view.compare)!.label;
  return { label, range, params: { ...params, ...range } };
}
