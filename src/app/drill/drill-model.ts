import type { Row } from '../../engine/types';
import { FILTER_PARAMS, type ModelHeader } from '../../runner/model-header';
import type { ModelParams, ModelResult } from '../../runner/runner';
import type { DrillTarget } from '../view/types';

/**
 * The drill-down's logic, apart from React: which model lists the rows behind a number, how
 * the view's filters and the drill's `where` become that model's parameters, and how sorting
 * and paging become `sort` / `desc` / `limit` / `offset` (the model sorts and pages in SQL).
 */

export const DRILL_MODELS: Record<DrillTarget['kind'], string> = {
  returns: 'drill_returns',
  lines: 'drill_lines',
  leakage: 'leakage_cases',
  abuse: 'abuse_cases',
};

export const PAGE_SIZES = [50, 100, 500] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** Parameters the table itself sets; a drill's `where` or the view cannot override them. */
const TABLE_PARAMS = new Set(['sort', 'desc', 'limit', 'offset']);

export interface SortSpec {
  column: string;
  desc: boolean;
}

export interface DrillParams {
  /** The model's parameters apart from sort and paging. */
  params: ModelParams;
  /** Keys of `where` this model does not take (shown, so a drill never silently widens). */
  ignored: string[];
}

/** Parameter names a model accepts: its own plus the global filters when it takes them. */
export function acceptedParams(header: ModelHeader): Set<string> {
  return new Set([...header.params.map((p) => p.name), ...(header.usesFilters ? FILTER_PARAMS : [])]);
}

/**
 * The view's parameters (global filters + cross-filter selection) with the drill's `where`
 * on top: a where key names a global filter (reason, sku, carrier ...) or one of the model's
 * own drill filters (fault, rule, accepted_only ...). Keys the model does not take are dropped
 * from the view's parameters silently (they belong to other models) and reported from `where`.
 */
export function drillParams(header: ModelHeader, view: ModelParams, where: Record<string, string>): DrillParams {
  const accepted = acceptedParams(header);
  const params: ModelParams = {};
  for (const [k, v] of Object.entries(view)) {
    if (accepted.has(k) && !TABLE_PARAMS.has(k) && v !== undefined) params[k] = v;
  }
  const ignored: string[] = [];
  for (const [k, v] of Object.entries(where)) {
    if (accepted.has(k) && !TABLE_PARAMS.has(k)) params[k] = v;
    else ignored.push(k);
  }
  return { params, ignored };
}

/** Columns the model can sort by (its `sort` enum), in the model's order. */
export function sortableColumns(header: ModelHeader): string[] {
  const p = header.params.find((x) => x.name === 'sort');
  return p && p.type.kind === 'enum' ? p.type.values : [];
}

/** The model's own default order (its `sort` and `desc` defaults). */
export function defaultSort(header: ModelHeader): SortSpec | null {
  const sort = header.params.find((x) => x.name === 'sort');
  if (!sort?.defaultValue) return null;
  const desc = header.params.find((x) => x.name === 'desc');
  return { column: sort.defaultValue, desc: desc?.defaultValue !== 'false' };
}

/** One page: the model sorts, skips `pageIndex × pageSize` rows and returns `pageSize`. */
export function pageParams(params: ModelParams, sort: SortSpec | null, pageIndex: number, pageSize: number): ModelParams {
  return {
    ...params,
    ...(sort ? { sort: sort.column, desc: sort.desc } : {}),
    limit: pageSize,
    offset: Math.max(0, pageIndex) * pageSize,
  };
}

/**
 * The drill with the order the user chose, from the first page. The model's default order is
 * left out (absent means default), so the URL of a drill in its default order stays bare.
 */
export function withDrillSort(target: DrillTarget, sort: SortSpec | null, modelDefault: SortSpec | null): DrillTarget {
  const { sort: _sort, page: _page, ...rest } = target;
  const isDefault = !sort || (modelDefault !== null && sort.column === modelDefault.column && sort.desc === modelDefault.desc);
  return isDefault ? rest : { ...rest, sort };
}

/** The drill on another page (zero-based) or page size; the first page and the default size are left out. */
export function withDrillPage(target: DrillTarget, pageIndex: number, pageSize: number): DrillTarget {
  const { page: _page, pageSize: _size, ...rest } = target;
  return { ...rest, ...(pageIndex > 0 ? { page: pageIndex } : {}), ...(pageSize !== DEFAULT_PAGE_SIZE ? { pageSize } : {}) };
}

/** The order the table shows: the drill's own when the model can sort by it, else the model's default. */
export function drillSort(target: DrillTarget, sortable: string[], modelDefault: SortSpec | null): SortSpec | null {
  return target.sort && sortable.includes(target.sort.column) ? target.sort : modelDefault;
}

/** Every row, in the table's order: no limit (exports have no row cap). */
export function allRowsParams(params: ModelParams, sort: SortSpec | null): ModelParams {
  return { ...params, ...(sort ? { sort: sort.column, desc: sort.desc } : {}), limit: null, offset: 0 };
}

/** The model's output columns shown and exported (total_rows is paging bookkeeping). */
export function dataColumns(header: ModelHeader): string[] {
  return header.outputs.map((o) => o.name).filter((c) => c !== 'total_rows');
}

/** Runs the model for every row; the caller turns them into a file. */
export async function fetchAllRows(
  runner: { run: (model: string, params: ModelParams) => Promise<ModelResult> },
  model: string,
  params: ModelParams,
  sort: SortSpec | null,
): Promise<Row[]> {
  const res = await runner.run(model, allRowsParams(params, sort));
  if (res.status !== 'ok') throw new Error(`The rows cannot be listed: the data has no values in ${res.missing.join(', ')}.`);
  return res.rows;
}
