import { readShownRows, withShownRows } from '../../view/paging';

/**
 * Page parameters of the Products page, read from view.params (so they are in the URL).
 * Invalid values fall back to the default instead of failing.
 */

/**
 * Dimensions the ranking can group by (return_rate_by.dim). Each is a selectable dimension
 * except `product` (the parent product of size / colour variants), whose click opens its size
 * breakdown instead (view.params.product, see readProduct).
 */
export const RATE_DIMS = ['sku', 'product', 'category', 'supplier', 'region', 'channel'] as const;
export type RateDim = (typeof RATE_DIMS)[number];

export const RATE_DIM_LABELS: Record<RateDim, string> = {
  sku: 'SKU',
  product: 'Product',
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

/** The parent product whose sizes are shown (view.params.product), or null. */
export function readProduct(params: Record<string, string>): string | null {
  return params.product ?? null;
}

/** view.params showing this parent product's sizes; the same one again (or null) hides them. */
export function withProduct(params: Record<string, string>, product: string | null): Record<string, string> {
  const { product: old, sizes_page: _page, ...rest } = params;
  return product === null || product === old ? rest : { ...rest, product };
}
