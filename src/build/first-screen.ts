import { FIRST_SCREEN, FIRST_SCREEN_BY_PAGE, INDEXED_FILTER_DIMS, filterIndexRequests, pageFilterRequests, presetRequests, type ModelRequest } from '../runner/first-screen';
import type { Runner } from '../runner/runner';

/**
 * What the build answers for the demo data (src/build/demo-snapshot.ts): every page's default
 * view, and the Overview's filter indexes (one answer per model and filter dimension holding
 * every value), so a link filtering the Overview to one value shows without DuckDB too.
 */
export function buildAnswers(runner: Runner): ModelRequest[] {
  return [...FIRST_SCREEN, ...filterIndexRequests(FIRST_SCREEN_BY_PAGE.overview!, (m) => runner.byDims(m))];
}

/**
 * The Overview under each date preset, resolved on the demo's as-of day as the page resolves it:
 * from the unfiltered kpis' as_of (src/app/use-filter-options.ts), which the page reads from
 * the build's own answer.
 */
export async function presetAnswers(runner: Runner): Promise<ModelRequest[]> {
  const kpis = await runner.run('kpis', {});
  const asOf = kpis.rows[0]?.as_of;
  if (!(asOf instanceof Date)) throw new Error('The demo data has no as-of day: its date presets cannot be answered');
  return presetRequests(asOf.toISOString().slice(0, 10));
}

/** Each value of each indexed filter dimension in the demo data, as the filter bar lists them. */
export async function demoFilterValues(runner: Runner): Promise<Record<string, string[]>> {
  const values: Record<string, string[]> = {};
  for (const dim of INDEXED_FILTER_DIMS) values[dim] = (await runner.run('filter_options', { dim })).rows.map((r) => String(r.value));
  return values;
}

/** `page`'s default view filtered to each value of each indexed dimension in the demo data. */
export async function pageFilterAnswers(runner: Runner, page: string): Promise<ModelRequest[]> {
  return pageFilterRequests(page, await demoFilterValues(runner));
}
