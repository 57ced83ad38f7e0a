import { FILTER_PARAMS, type FilterParam } from '../runner/model-header';
import type { ModelParams } from '../runner/runner';

/** The date filters hold one ISO day; every other global filter is a list of values. */
export type DateFilter = 'date_from' | 'date_to';
export type ListFilter = Exclude<FilterParam, DateFilter>;

export type Filters = Partial<Record<DateFilter, string>> & Partial<Record<ListFilter, readonly string[]>>;

const DATE_FILTERS: readonly DateFilter[] = ['date_from', 'date_to'];
const isDateFilter = (f: FilterParam): f is DateFilter => (DATE_FILTERS as readonly string[]).includes(f);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the global filters from a URL query string. The URL is the single source of the filter
 * state (shareable, survives reload, back/forward work); anything invalid is ignored, not fatal.
 */
export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const out: Record<string, string | string[]> = {};
  for (const f of FILTER_PARAMS) {
    if (isDateFilter(f)) {
      const v = params.get(f);
      if (v && ISO_DAY.test(v) && !Number.isNaN(Date.parse(v))) out[f] = v;
    } else {
      const values = [...new Set(params.getAll(f).filter((v) => v !== ''))];
      if (values.length > 0) out[f] = values;
    }
  }
  return out as Filters;
}

/**
 * Writes the filters into a query string, keeping the parameters that are not filters (a later
 * page or drill-down state). Defaults (no filter) are omitted so a clean dashboard has a clean URL.
 */
export function filtersToSearch(filters: Filters, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  for (const f of FILTER_PARAMS) params.delete(f);
  for (const f of FILTER_PARAMS) {
    if (isDateFilter(f)) {
      const v = filters[f];
      if (v) params.set(f, v);
    } else {
      for (const v of filters[f] ?? []) if (v !== '') params.append(f, v);
    }
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

/** The filters as runner parameters (the runner binds lists as one separated string). */
export function filtersToParams(filters: Filters): ModelParams {
  const out: ModelParams = {};
  for (const f of FILTER_PARAMS) {
    const v = filters[f];
    if (v !== undefined && v.length > 0) out[f] = v;
  }
  return out;
}

export function sameFilters(a: Filters, b: Filters): boolean {
  return filtersToSearch(a) === filtersToSearch(b);
}
