import type { ModelParams } from './runner';

/**
 * The models the first screen asks for on the bundled demo data (the Overview with no filters
 * and the filter bar), with the parameters its panels pass. The build answers them ahead of
 * time so the Overview shows before DuckDB has started (src/build/demo-snapshot.ts), and a
 * data set kept in the browser keeps them too (src/app/session.ts). A panel
 * missing here still works: it waits for the database like every later query.
 */
/** The pages whose default view FIRST_SCREEN answers in full (src/app/view/answered-ahead.ts). */
export const PAGES_ANSWERED_AHEAD: readonly string[] = ['overview'];

export const FIRST_SCREEN: readonly (readonly [string, ModelParams])[] = [
  // Overview (src/app/pages/OverviewPage.tsx and its panels)
  ['kpis', {}],
  ['kpi_change', {}],
  ['return_trend', { grain: 'month' }],
  ['returns_by_reason', {}],
  ['return_rate_by', { dim: 'sku' }],
  ['retained_revenue', { dim: 'all' }],
  ['retained_revenue', { dim: 'period', grain: 'month' }],
  // The filter bar's lists (src/app/use-filter-options.ts)
  ['filter_options', { dim: 'channel' }],
  ['filter_options', { dim: 'region' }],
  ['filter_options', { dim: 'category' }],
  ['filter_options', { dim: 'supplier' }],
  ['filter_options', { dim: 'carrier' }],
];
