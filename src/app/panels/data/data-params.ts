import { CANONICAL_TABLES, type CanonicalTable } from '../../../data-model/contract';
import { readPageIndex } from '../../view/paging';

/**
 * Page parameters of the Data page (view.params, in the URL): which table the column profile
 * shows, and the rejected rows' table, severity and page. Defaults are omitted; invalid values
 * fall back to them.
 */
export const SEVERITIES = ['rejected', 'warning', 'excluded', 'merged'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REJECTED_PAGE_SIZE = 50;

const isTable = (v: string | undefined): v is CanonicalTable => (CANONICAL_TABLES as readonly string[]).includes(v ?? '');

export function readProfileTable(params: Record<string, string>): CanonicalTable {
  return isTable(params.profile_table) ? params.profile_table : 'order_lines';
}

export function withProfileTable(params: Record<string, string>, table: CanonicalTable): Record<string, string> {
  const { profile_table: _old, ...rest } = params;
  return table === 'order_lines' ? rest : { ...rest, profile_table: table };
}

export interface RejectedView {
  table: CanonicalTable | null;
  severity: Severity | null;
  page: number;
}

export function readRejected(params: Record<string, string>): RejectedView {
  return {
    table: isTable(params.rejected_table) ? params.rejected_table : null,
    severity: (SEVERITIES as readonly string[]).includes(params.rejected_severity ?? '') ? (params.rejected_severity as Severity) : null,
    page: readPageIndex(params.rejected_page),
  };
}

/** view.params with the rejected rows' view changed; a new table or severity starts at page 0. */
export function withRejected(params: Record<string, string>, patch: Partial<RejectedView>): Record<string, string> {
  const current = readRejected(params);
  const next = { ...current, ...patch };
  if (patch.table !== undefined || patch.severity !== undefined) next.page = patch.page ?? 0;
  const { rejected_table: _t, rejected_severity: _s, rejected_page: _p, ...rest } = params;
  return {
    ...rest,
    ...(next.table ? { rejected_table: next.table } : {}),
    ...(next.severity ? { rejected_severity: next.severity } : {}),
    ...(next.page > 0 ? { rejected_page: String(next.page) } : {}),
  };
}

/** rejected_rows parameters for one page (limit/offset) or for the export (every row). */
export function rejectedParams(v: RejectedView, all = false): Record<string, string | number | null> {
  return {
    table_name: v.table,
    severity: v.severity,
    limit: all ? null : REJECTED_PAGE_SIZE,
    offset: all ? 0 : v.page * REJECTED_PAGE_SIZE,
  };
}

/** File name of the rejected rows export: rejected-rows[-table][-severity].csv */
export function rejectedFileName(v: RejectedView): string {
  return ['rejected-rows', v.table, v.severity].filter(Boolean).join('-') + '.csv';
}
