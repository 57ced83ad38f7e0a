import type { ModelParams } from '../../runner/runner';
import { filtersToParams, type Filters } from '../filters';
import type { SelectDim, Selection } from './types';

/**
 * A list filter no value passes. The runner binds a list as its values joined by chr(31) and
 * only an EMPTY list means "no filter", so the intersection of a filter with a selection
 * outside it must be sent as something non-empty: one empty string, which no dimension value
 * equals (the loader stores missing values as NULL, and in_list(NULL) is not true).
 */
export const MATCH_NOTHING: readonly string[] = Object.freeze(['']);

/**
 * Model parameters of one panel under the cross-filter rule: the global filters, plus the
 * selection as a filter on its dimension (intersected with a filter already on that
 * dimension), except in the panel showing that dimension itself (`ownDim`), which keeps all
 * its values so the selected one can be highlighted among them.
 *
 * `filters` are the effective filters (a date preset already resolved to dates).
 */
export function paramsFor(filters: Filters, selection: Selection | null, ownDim?: SelectDim): ModelParams {
  const params = filtersToParams(filters);
  if (!selection || selection.dim === ownDim) return params;
  const existing = filters[selection.dim];
  if (existing && existing.length > 0) {
    params[selection.dim] = existing.includes(selection.value) ? [selection.value] : MATCH_NOTHING;
  } else {
    params[selection.dim] = [selection.value];
  }
  return params;
}

/** Clicking a value selects it; clicking the selected value again clears the selection. */
export function toggleSelection(current: Selection | null, dim: SelectDim, value: string): Selection | null {
  if (current && current.dim === dim && current.value === value) return null;
  return { dim, value };
}

/** Whether a value is the selected one of this dimension (for highlighting). */
export function isSelected(selection: Selection | null, dim: SelectDim, value: unknown): boolean {
  return !!selection && selection.dim === dim && selection.value === String(value);
}
