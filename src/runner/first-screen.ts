import { DATE_PRESETS, resolvePreset } from './date-presets';
import type { ModelParams } from './runner';

/*
 * What the build answers ahead of time on the bundled demo data (src/build/demo-snapshot.ts), so
 * a link shows its numbers before DuckDB has started in the page: every page's default view (the
 * URL names only the page), with exactly the parameters its panels pass then, and the filter
 * indexes of the Overview (a link filtering one dimension to one value). A panel missing here
 * still works: it waits for the database like every later query, and the page marks it
 * (ri:query-not-answered-ahead, src/app/session.ts). test/e2e/first-screen.e2e.ts opens every
 * page cold and fails on that mark: it is what keeps these lists faithful to the page code.
 */

export type ModelRequest = readonly [string, ModelParams];

/** The filter bar on every page (src/app/use-filter-options.ts): the unfiltered kpis and the lists. */
const FILTER_BAR: readonly ModelRequest[] = [
  ['kpis', {}],
  ['filter_options', { dim: 'channel' }],
  ['filter_options', { dim: 'region' }],
  ['filter_options', { dim: 'category' }],
  ['filter_options', { dim: 'supplier' }],
  ['filter_options', { dim: 'carrier' }],
];

/**
 * Each page's default view (ids of src/app/view/types.ts PAGES), its panels' models and parameters
 * with no filter, selection or page parameter in the URL (`paramsFor()` is then `{}`).
 */
export const FIRST_SCREEN_BY_PAGE: Readonly<Record<string, readonly ModelRequest[]>> = {
  // OverviewPage.tsx, KpiPanel, ReturnTrendPanel (grain month), ReasonsPanel, WorstSkusPanel, RetentionPanel.
  // Not kpi_change: the cards ask for it only with a date range (KpiPanel), see presetRequests.
  overview: [
    ['kpis', {}],
    ['return_trend', { grain: 'month' }],
    ['returns_by_reason', {}],
    ['return_rate_by', { dim: 'sku' }],
    ['retained_revenue', { dim: 'all' }],
    ['retained_revenue', { dim: 'period', grain: 'month' }],
  ],
  // products/RateRankingPanel (dim sku, the default), products/SkuPanels review signals (no SKU selected)
  products: [
    ['return_rate_by', { dim: 'sku' }],
    ['review_signals', {}],
  ],
  // reasons/ReasonPanels: reasons, fault costs, rate ranking by category and by SKU, review signals
  reasons: [
    ['returns_by_reason', {}],
    ['cost_of_returns', { dim: 'fault' }],
    ['return_rate_by', { dim: 'category' }],
    ['return_rate_by', { dim: 'sku' }],
    ['review_signals', {}],
  ],
  // suppliers/SupplierPanels: the scorecard with its kpis, the SKU ranking
  suppliers: [
    ['supplier_scorecard', {}],
    ['return_rate_by', { dim: 'sku' }],
  ],
  // carriers/CarrierPanels, carriers/ServiceLevelPanel
  carriers: [
    ['carrier_performance', {}],
    ['carrier_service_levels', {}],
  ],
  // turnaround/StagePanels
  turnaround: [['stage_times', {}]],
  // CostPage.tsx kpis; cost/CostBreakdownPanel (cost_dim default reason, and its `all` total); cost/RecoveryPanel
  cost: [
    ['cost_of_returns', { dim: 'reason' }],
    ['cost_of_returns', { dim: 'all' }],
    ['cost_of_returns', { dim: 'disposition' }],
  ],
  // leakage/LeakagePanel
  leakage: [['leakage', {}]],
  // policy/PolicyForm (kpis, in the filter bar's list), policy/PolicyResults with no what-if set
  policy: [['policy_impact', {}]],
  // customers/DistributionPanels (rate, segment); customers/TopCustomersPanel: its first page only
  // (topCustomerParams: default order, 25 rows), as the page asks for it
  customers: [
    ['customer_return_distribution', { dim: 'rate' }],
    ['customer_return_distribution', { dim: 'segment' }],
    ['customer_returns', { sort: 'refund_amount', desc: true, limit: 25, offset: 0 }],
  ],
  // signals/SignalPanels: the summary per rule and the signals (default thresholds, no rule chosen)
  signals: [
    ['abuse_signal_summary', {}],
    ['abuse_signals', {}],
  ],
  // DataPage.tsx quality and coverage; data/RejectedRowsPanel (first page, every table and severity);
  // data/ColumnProfilePanel (order_lines, the default); data/CurrencyPanel (the unfiltered kpis)
  data: [
    ['data_quality', {}],
    ['join_coverage', {}],
    ['rejected_rows', { table_name: null, severity: null, limit: 50, offset: 0 }],
    ['column_profile', { table_name: 'order_lines' }],
  ],
  // SqlPage.tsx shows the model files and queries nothing but the filter bar
  sql: [],
};

/** The pages whose default view the build answers in full (read by src/app/view/answered-ahead.ts). */
export const PAGES_ANSWERED_AHEAD: readonly string[] = Object.keys(FIRST_SCREEN_BY_PAGE);

/**
 * The dimensions whose filter indexes the build answers for the Overview's default view: a link
 * to the Overview with one value of one of these (`?channel=web`) reads its numbers from them
 * (Runner's filter indexes). The `by` values the models take (queries/*.sql `@param by`).
 */
export const INDEXED_FILTER_DIMS: readonly string[] = ['channel', 'region', 'category', 'supplier', 'carrier'];

/** The Overview's panels with the filter bar: what a data set kept in the browser keeps answered (cheap at 1M lines). */
export const OVERVIEW_FIRST_SCREEN: readonly ModelRequest[] = unique([...FILTER_BAR, ...FIRST_SCREEN_BY_PAGE.overview!]);

/** Every page's default view with the filter bar, each request once: what the build answers for the demo. */
export const FIRST_SCREEN: readonly ModelRequest[] = unique([...FILTER_BAR, ...Object.values(FIRST_SCREEN_BY_PAGE).flat()]);

/**
 * The filter indexes of these requests, as FilterIndexes.buildFilterIndexes (filter-indexes.ts) asks for
 * them: each model with a `by` parameter (`byDims`: the dimensions it takes), once per dimension of
 * INDEXED_FILTER_DIMS.
 */
export function filterIndexRequests(requests: readonly ModelRequest[], byDims: (model: string) => readonly string[]): ModelRequest[] {
  return requests.flatMap(([model, params]) =>
    byDims(model)
      .filter((by) => INDEXED_FILTER_DIMS.includes(by))
      .map((by): ModelRequest => [model, { ...params, by }]),
  );
}

/**
 * The pages whose default view the build also answers filtered to one value of one of
 * INDEXED_FILTER_DIMS (`?page=products&category=shoes`), each in a chunk of its own fetched only
 * by such a link. The Overview has its filter indexes instead; the Data and SQL pages take no filters.
 */
export const PAGES_FILTERED_AHEAD: readonly string[] = Object.keys(FIRST_SCREEN_BY_PAGE).filter((p) => !['overview', 'data', 'sql'].includes(p));

/** A page's default view filtered to each of `values` (per dimension), one value at a time, as the page asks for it. */
export function pageFilterRequests(page: string, values: Readonly<Record<string, readonly string[]>>): ModelRequest[] {
  return INDEXED_FILTER_DIMS.flatMap((dim) =>
    (values[dim] ?? []).flatMap((value) => FIRST_SCREEN_BY_PAGE[page]!.map(([model, params]): ModelRequest => [model, { ...params, [dim]: [value] }])),
  );
}

/**
 * The Overview's panels under each date preset (`?preset=last_90`), the KPI changes among them
 * (a range is set), with the dates the page
 * resolves it to on data whose as-of day is `asOf` (src/app/App.tsx withPresetDates). The build
 * answers these in a chunk of their own (src/build/first-screen.ts), fetched only by a link
 * with a preset: they are as large as the rest of the first screens together.
 */
export function presetRequests(asOf: string): ModelRequest[] {
  return DATE_PRESETS.flatMap(({ id }) => {
    const range = resolvePreset(id, asOf);
    const panels: readonly ModelRequest[] = [...FIRST_SCREEN_BY_PAGE.overview!, ['kpi_change', {}]];
    return range ? panels.map(([model, params]): ModelRequest => [model, { ...params, ...range }]) : [];
  });
}

function unique(requests: readonly ModelRequest[]): ModelRequest[] {
  const seen = new Set<string>();
  return requests.filter(([model, params]) => {
    const key = JSON.stringify([model, params]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
