import { readShownRows, withShownRows } from '../../view/paging';

/**
 * Page parameters of the Products page, read from view.params (so they are in the URL).
 * Invalid values fall back to the default instead of failing.
 */

/** Dimensions the ranking can group by (return_rate_by.dim); each is also a selectable dimension. */
export const RATE_DIMS = ['sku', 'category', 'supplier', 'region', 'channel'] as const;
export type RateDim = (typeof RATE_DIMS)[number];

export const RATE_DIM_LABELS: Record<RateDim, string> = {
  sku: 'SKU',
  category: 'Category',
  supplier: 'Supplier',
  region: 'Region',
  channel: 'Channel',
};

export function readRateDim(params: Record<string, string>): RateDim {
  const v = params.rate_dim;
  return (RATE_DIMS as readonly string[]).includes(v ?? '') ? (v as RateDim) : 'sku';
}

/** view.params without its defaults, so a default view keeps a clean URL. */
export function withRateDim(params: Record<string, string>, dim: RateDim): Record<string, string> {
  const { rate_dim: _old, rate_rows: _rows, ...rest } = params;
  return dim === 'sku' ? rest : { ...rest, rate_dim: dim };
}

/** Rows of the ranking shown: 25, then 25 more per "show more" (view.params.rate_rows). */
export const PAGE_SIZE = 25;

export function readRowCount(params: Record<string, string>): number {
  return readShownRows(params.rate_rows, PAGE_SIZE);
}

export function withRowCount(params: Record<string, string>, rows: number): Record<string, string> {
  return withShownRows(params, 'rate_rows', rows, PAGE_SIZE);
}
