import { columnValueLabel } from '../labels';
import { useMemo } from 'react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type PaginationState,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import type { Row } from '../../engine/types';
import { cellNotInDataTitle, formatCellFigure } from '../format';
import { columnKind, columnLabel, formatCell, isNumeric } from './columns';

/**
 * The rows of one page in a TanStack table. Sorting and paging are manual: a click on a
 * column header or a page button changes the state, the drawer re-runs the model with the
 * new `sort` / `desc` / `offset`, and this table shows what came back, in that order.
 */
export function DrillTable({
  rows,
  columns,
  sortable,
  sorting,
  onSortingChange,
  pagination,
  onPaginationChange,
  pageCount,
  visibility,
  onVisibilityChange,
  currency,
  notInData,
}: {
  rows: Row[];
  columns: string[];
  sortable: string[];
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  pagination: PaginationState;
  onPaginationChange: OnChangeFn<PaginationState>;
  pageCount: number;
  visibility: VisibilityState;
  onVisibilityChange: OnChangeFn<VisibilityState>;
  currency: string | null;
  /** The model's figures the loaded data has no inputs for (Runner.notInData): they read "not in the data". */
  notInData: Record<string, string[]>;
}) {
  const defs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((c) => {
        const kind = columnKind(c);
        return {
          id: c,
          accessorFn: (r: Row) => r[c],
          header: columnLabel(c),
          enableSorting: sortable.includes(c),
          // Numbers and dates sort largest / latest first on the first click, text A→Z.
          sortDescFirst: kind !== 'text' && kind !== 'long' && kind !== 'name',
          // Codes in words on screen (labels.ts); the export keeps the raw values.
          cell: (ctx) => formatCellFigure(ctx.row.original, c, notInData, (v) => formatCell(columnValueLabel(c, v), kind, currency)),
        };
      }),
    [columns, sortable, currency, notInData],
  );

  const table = useReactTable({
    data: rows,
    columns: defs,
    state: { sorting, pagination, columnVisibility: visibility },
    onSortingChange,
    onPaginationChange,
    onColumnVisibilityChange: onVisibilityChange,
    manualSorting: true,
    manualPagination: true,
    pageCount,
    enableMultiSort: false,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const visible = table.getVisibleLeafColumns();
  return (
    <table className="w-full border-separate border-spacing-0 text-tremor-default" data-testid="drill-table">
      <thead>
        {table.getHeaderGroups().map((hg) => (
          <tr key={hg.id}>
            {hg.headers.map((h) => {
              const kind = columnKind(h.column.id);
              const sorted = h.column.getIsSorted();
              const canSort = h.column.getCanSort();
              return (
                <th
                  key={h.id}
                  scope="col"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  className={`sticky top-0 z-10 whitespace-nowrap border-b border-tremor-border bg-tremor-background-muted px-3 py-2 font-semibold text-tremor-content-strong dark:border-dark-tremor-border dark:bg-dark-tremor-background-muted dark:text-dark-tremor-content-strong ${isNumeric(kind) ? 'text-right' : 'text-left'}`}
                >
                  {canSort ? (
                    <button
                      type="button"
                      onClick={h.column.getToggleSortingHandler()}
                      className="inline-flex items-center gap-1 rounded outline-none hover:text-tremor-brand focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:hover:text-dark-tremor-brand dark:focus-visible:ring-dark-tremor-brand-muted"
                      title={`Sort by ${columnLabel(h.column.id)}`}
                      data-testid={`drill-sort-${h.column.id}`}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden className="w-3 text-tremor-brand dark:text-dark-tremor-brand">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className="hover:bg-tremor-background-muted dark:hover:bg-dark-tremor-background-muted">
            {row.getVisibleCells().map((cell) => {
              const kind = columnKind(cell.column.id);
              const text = String(cell.renderValue() ?? '');
              const absent = cellNotInDataTitle(row.original, cell.column.id, notInData);
              return (
                <td
                  key={cell.id}
                  className={`border-b border-tremor-border px-3 py-1.5 text-tremor-content-emphasis dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis ${
                    isNumeric(kind) ? 'whitespace-nowrap text-right tabular-nums' : kind === 'long' || kind === 'name' ? 'max-w-[22rem] truncate' : 'whitespace-nowrap'
                  }`}
                  title={absent ?? (kind === 'long' || kind === 'name' ? text : undefined)}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              );
            })}
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={Math.max(1, visible.length)} className="px-3 py-6 text-center text-tremor-content dark:text-dark-tremor-content">
              No rows behind this number with the current filters.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
