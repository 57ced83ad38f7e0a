import type { Row } from '../../engine/types';

/**
 * Paging kept in view.params (the URL), shared by the tables that page or grow: a zero-based
 * page index, or a "show N more" row count that grows by whole steps. Defaults (the first
 * page, one step) are left out of the URL; invalid values read as the default.
 */

/** A zero-based page index from a URL value. */
export function readPageIndex(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** view.params with the page index under `key` (the first page left out). */
export function withPageIndex(params: Record<string, string>, key: string, page: number): Record<string, string> {
  const { [key]: _old, ...rest } = params;
  return page > 0 ? { ...rest, [key]: String(page) } : rest;
}

/** Rows matching before paging: total_rows, which a paged model puts on every row (null without rows). */
export function totalRows(rows: Row[]): number | null {
  const v = rows[0]?.total_rows;
  return typeof v === 'number' ? v : null;
}

/** Pages needed for `total` rows (total_rows of a paged model); at least one. */
export function pageCount(total: unknown, pageSize: number): number {
  return typeof total === 'number' && total > 0 ? Math.ceil(total / pageSize) : 1;
}

/** "Rows 51–100" of a page: first and last row numbers shown (1-based; 0 and 0 when it is empty). */
export function pageBounds(pageIndex: number, pageSize: number, shown: number): { first: number; last: number } {
  const before = pageIndex * pageSize;
  return { first: shown > 0 ? before + 1 : 0, last: shown > 0 ? before + shown : 0 };
}

/** Rows a "show N more" list shows: a whole number of steps, at least one. */
export function readShownRows(value: string | undefined, step: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > step ? Math.ceil(n / step) * step : step;
}

/** view.params with the shown row count under `key` (one step left out). */
export function withShownRows(params: Record<string, string>, key: string, rows: number, step: number): Record<string, string> {
  const { [key]: _old, ...rest } = params;
  return rows > step ? { ...rest, [key]: String(rows) } : rest;
}
