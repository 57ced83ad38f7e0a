import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PaginationState, SortingState, Updater, VisibilityState } from '@tanstack/react-table';
import type { ExportFormat } from '../../export/export-file';
import type { ModelParams, Runner } from '../../runner/runner';
import { ErrorNote } from '../components/ErrorNote';
import { NeedsColumns } from '../components/NeedsColumns';
import { Spinner } from '../components/Spinner';
import { formatCount } from '../format';
import { useModel } from '../use-model';
import { pageBounds, pageCount, totalRows } from '../view/paging';
import type { DrillTarget } from '../view/types';
import { columnLabel, defaultVisibility, exportTypes } from './columns';
import { downloadFile } from '../download';
import {
  DEFAULT_PAGE_SIZE,
  DRILL_MODELS,
  PAGE_SIZES,
  dataColumns,
  defaultSort,
  drillParams,
  drillSort,
  fetchAllRows,
  pageParams,
  sortableColumns,
  withDrillPage,
  withDrillSort,
} from './drill-model';
import { DrillTable } from './DrillTable';
import { useDialog } from './use-dialog';

const buttonClass =
  'rounded-tremor-default border border-tremor-border px-3 py-1.5 text-tremor-default text-tremor-content-emphasis shadow-tremor-input outline-none hover:bg-tremor-background-subtle focus-visible:ring-2 focus-visible:ring-tremor-brand-muted disabled:cursor-not-allowed disabled:opacity-50 dark:border-dark-tremor-border dark:text-dark-tremor-content-emphasis dark:shadow-dark-tremor-input dark:hover:bg-dark-tremor-background-subtle dark:focus-visible:ring-dark-tremor-brand-muted';
const mutedText = 'text-tremor-label text-tremor-content dark:text-dark-tremor-content';

const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);

const NOUN: Record<DrillTarget['kind'], [string, string]> = {
  returns: ['return line', 'return lines'],
  lines: ['order line', 'order lines'],
  leakage: ['case', 'cases'],
  abuse: ['row', 'rows'],
};

interface ExportState {
  format: ExportFormat;
  step: string;
  fraction: number;
}

/**
 * The rows behind a number, in a modal drawer: the model chosen by the target's kind
 * (drill_returns, drill_lines, leakage_cases, abuse_cases) with the view's filters and the target's `where`,
 * sorted and paged by the model itself (so 100,000+ rows page at once), column visibility, and
 * CSV / Parquet exports of every row. The order and the page are part of the target (the URL):
 * a change is reported with `onChange`. Escape or the close button closes it.
 */
export function DrillDrawer({
  runner,
  target,
  params,
  onChange,
  onClose,
  dataVersion,
  currency = null,
}: {
  runner: Runner;
  target: DrillTarget;
  /** The view's model parameters (global filters + cross-filter selection). */
  params: ModelParams;
  /** The same drill in another order or on another page. */
  onChange: (target: DrillTarget) => void;
  onClose: () => void;
  dataVersion: number;
  /** Currency of the data, for money columns (plain numbers without it). */
  currency?: string | null;
}) {
  const model = DRILL_MODELS[target.kind];
  const header = runner.header(model);
  // asked on every render (the data, and so what it lacks, can change while the drawer is
  // open), kept as the same object while it says the same
  const absentKey = JSON.stringify(runner.notInData(model));
  const notInData = useMemo(() => JSON.parse(absentKey) as Record<string, string[]>, [absentKey]);
  const columns = useMemo(() => dataColumns(header), [header]);
  const sortable = useMemo(() => sortableColumns(header), [header]);
  const initialSort = useMemo(() => defaultSort(header), [header]);

  const viewKey = JSON.stringify(params);
  const whereKey = JSON.stringify(target.where);
  const { params: baseParams, ignored } = useMemo(
    () => drillParams(header, JSON.parse(viewKey) as ModelParams, JSON.parse(whereKey) as Record<string, string>),
    [header, viewKey, whereKey],
  );

  const sort = drillSort(target, sortable, initialSort);
  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort.column, desc: sort.desc }] : []), [sort]);
  const pagination: PaginationState = { pageIndex: target.page ?? 0, pageSize: target.pageSize ?? DEFAULT_PAGE_SIZE };
  const [visibility, setVisibility] = useState<VisibilityState>(() => defaultVisibility(model, columns));
  const [lastTotal, setLastTotal] = useState<number | null>(null);

  const setPagination = useCallback(
    (u: Updater<PaginationState>) => {
      const next = apply(u, { pageIndex: target.page ?? 0, pageSize: target.pageSize ?? DEFAULT_PAGE_SIZE });
      onChange(withDrillPage(target, next.pageIndex, next.pageSize));
    },
    [onChange, target],
  );

  useEffect(() => {
    setVisibility(defaultVisibility(model, columns));
  }, [model, columns]);

  const queryParams = useMemo(
    () => pageParams(baseParams, sort, pagination.pageIndex, pagination.pageSize),
    [baseParams, sort, pagination.pageIndex, pagination.pageSize],
  );
  const state = useModel(runner, model, queryParams, dataVersion);

  const rows = state.status === 'ok' ? state.rows : [];
  const pageTotal = state.status === 'ok' ? totalRows(state.rows) : null;
  useEffect(() => {
    if (state.status !== 'ok' || state.stale) return;
    if (pageTotal !== null) setLastTotal(pageTotal);
    else if (pagination.pageIndex === 0) setLastTotal(0);
    // Past the end (the rows shrank under the same page number): back to the first page.
    else setPagination((p) => ({ ...p, pageIndex: 0 }));
  }, [state, pageTotal, pagination.pageIndex, setPagination]);
  const total = pageTotal ?? lastTotal;
  const pages = pageCount(total ?? 0, pagination.pageSize);

  const onSortingChange = useCallback(
    (u: Updater<SortingState>) => {
      const next = apply(u, sorting)[0];
      onChange(withDrillSort(target, next ? { column: next.id, desc: next.desc } : null, initialSort));
    },
    [onChange, target, initialSort, sorting],
  );
  const onPaginationChange = setPagination;
  const onVisibilityChange = useCallback((u: Updater<VisibilityState>) => setVisibility((old) => apply(u, old)), []);

  // Exports: every row (limit NULL), in the table's order, all columns.
  const [exporting, setExporting] = useState<ExportState | null>(null);
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const runExport = async (format: ExportFormat) => {
    setExportNote(null);
    setExporting({ format, step: 'Listing all the rows…', fraction: 0 });
    try {
      const all = await fetchAllRows(runner, model, baseParams, sort);
      if (!mounted.current) return;
      const count = formatCount(all.length);
      setExporting({ format, step: `Writing ${count} rows…`, fraction: 0 });
      // Loaded on the first export: the file writers bring apache-arrow, which the first screen does not need.
      const { buildExport, exportFileName } = await import('../../export/export-file');
      const parquetWriter =
        format === 'parquet' ? (await import('../../export/parquet-browser')).writeParquetBrowser : () => new Uint8Array();
      const file = await buildExport(format, all, columns, {
        parquetWriter,
        types: exportTypes(columns),
        // The drill's note (personal data) travels with the file: a CSV's first line, Parquet metadata.
        ...(target.note ? { note: target.note } : {}),
        onProgress: (fraction) => mounted.current && setExporting({ format, step: `Writing ${count} rows…`, fraction }),
      });
      if (!mounted.current) return;
      const name = exportFileName(target.kind, file.extension);
      downloadFile(file, name);
      setExportNote({ ok: true, text: `Saved ${count} rows to ${name}.` });
    } catch (e) {
      if (mounted.current) setExportNote({ ok: false, text: `The export failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      if (mounted.current) setExporting(null);
    }
  };

  const panel = useRef<HTMLDivElement>(null);
  useDialog(panel, onClose);

  const { first, last } = pageBounds(pagination.pageIndex, pagination.pageSize, total ? rows.length : 0);
  const whereEntries = Object.entries(target.where).filter(([k]) => !ignored.includes(k));
  const stale = state.status !== 'loading' && state.stale;

  return (
    <div className="fixed inset-0 z-50 flex justify-end" data-testid="drill-drawer">
      <div className="absolute inset-0 bg-gray-900/40 dark:bg-black/60" onClick={onClose} aria-hidden />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby="drill-title"
        tabIndex={-1}
        className="relative flex h-full w-full max-w-7xl flex-col border-l border-tremor-border bg-tremor-background shadow-tremor-dropdown outline-none dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-dropdown"
      >
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-tremor-border p-4 dark:border-dark-tremor-border">
          <div className="min-w-0">
            <h2 id="drill-title" className="text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {target.title}
            </h2>
            <p className={`mt-1 ${mutedText}`} role="status" data-testid="drill-count">
              {total === null ? 'Counting the rows…' : `${formatCount(total)} ${total === 1 ? NOUN[target.kind][0] : NOUN[target.kind][1]}`}
              {sort && `, sorted by ${columnLabel(sort.column)} (${sort.desc ? 'descending' : 'ascending'})`}
            </p>
            {(whereEntries.length > 0 || ignored.length > 0) && (
              <p className={`mt-1 flex flex-wrap gap-1 ${mutedText}`}>
                {whereEntries.map(([k, v]) => (
                  <span
                    key={k}
                    className="rounded-full border border-tremor-border px-2 py-0.5 dark:border-dark-tremor-border"
                    data-testid="drill-where"
                  >
                    {whereLabel(k, v)}
                  </span>
                ))}
                {ignored.length > 0 && <span>Not applicable to these rows, so not applied: {ignored.join(', ')}.</span>}
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <ColumnPicker columns={columns} visibility={visibility} onChange={setVisibility} />
            <button
              type="button"
              className={buttonClass}
              disabled={exporting !== null || state.status !== 'ok'}
              onClick={() => void runExport('csv')}
              title="Every row (not just this page) and every column, as CSV; cells that a spreadsheet would run as formulas are neutralised"
              data-testid="drill-export-csv"
            >
              CSV
            </button>
            <button
              type="button"
              className={buttonClass}
              disabled={exporting !== null || state.status !== 'ok'}
              onClick={() => void runExport('parquet')}
              title="Every row (not just this page) and every column, as Parquet"
              data-testid="drill-export-parquet"
            >
              Parquet
            </button>
            <button type="button" onClick={onClose} className={buttonClass} aria-label="Close the table" data-testid="drill-close">
              Close
            </button>
          </div>
        </div>
        {target.note && (
          <p
            className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-tremor-default text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
            role="note"
            data-testid="drill-note"
          >
            {target.note}
          </p>
        )}
        {(exporting || exportNote) && (
          <div className={`border-b border-tremor-border px-4 py-2 dark:border-dark-tremor-border ${mutedText}`} role="status" data-testid="drill-export-status">
            {exporting ? (
              <div className="flex items-center gap-3">
                <span>
                  {exporting.format === 'csv' ? 'CSV' : 'Parquet'}: {exporting.step}
                </span>
                <progress className="h-2 w-48" max={1} value={exporting.fraction} aria-label="Export progress" />
              </div>
            ) : (
              exportNote && <span className={exportNote.ok ? '' : 'text-rose-600 dark:text-rose-400'}>{exportNote.text}</span>
            )}
          </div>
        )}
        <div className={`min-h-0 flex-1 overflow-auto transition-opacity ${stale ? 'opacity-60' : ''}`} aria-busy={state.status === 'loading' || stale}>
          {state.status === 'loading' && (
            <div className="p-4">
              <Spinner label="Listing the rows…" />
            </div>
          )}
          {state.status === 'error' && (
            <div className="p-4">
              <ErrorNote title="The rows could not be listed" message={state.message} />
            </div>
          )}
          {state.status === 'needs_columns' && (
            <div className="p-4">
              <NeedsColumns missing={state.missing} />
            </div>
          )}
          {state.status === 'ok' && (
            <DrillTable
              rows={rows}
              columns={columns}
              sortable={sortable}
              sorting={sorting}
              onSortingChange={onSortingChange}
              pagination={pagination}
              onPaginationChange={onPaginationChange}
              pageCount={pages}
              visibility={visibility}
              onVisibilityChange={onVisibilityChange}
              currency={currency}
              notInData={notInData}
            />
          )}
        </div>
        <nav
          aria-label="Pages"
          className={`flex flex-wrap items-center justify-between gap-3 border-t border-tremor-border px-4 py-2 dark:border-dark-tremor-border ${mutedText}`}
        >
          <span data-testid="drill-range">
            {total ? `Rows ${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}` : total === 0 ? 'No rows' : ''}
          </span>
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2">
              Rows per page
              <select
                className={`${buttonClass} bg-tremor-background dark:bg-dark-tremor-background`}
                value={pagination.pageSize}
                onChange={(e) => setPagination({ pageIndex: 0, pageSize: Number(e.target.value) })}
                data-testid="drill-page-size"
              >
                {PAGE_SIZES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <PageButton label="First page" text="«" disabled={pagination.pageIndex === 0} onClick={() => setPagination((p) => ({ ...p, pageIndex: 0 }))} />
            <PageButton
              label="Previous page"
              text="‹"
              disabled={pagination.pageIndex === 0}
              onClick={() => setPagination((p) => ({ ...p, pageIndex: Math.max(0, p.pageIndex - 1) }))}
              testId="drill-prev"
            />
            <span data-testid="drill-page">
              Page {formatCount(pagination.pageIndex + 1)} of {formatCount(pages)}
            </span>
            <PageButton
              label="Next page"
              text="›"
              disabled={pagination.pageIndex + 1 >= pages}
              onClick={() => setPagination((p) => ({ ...p, pageIndex: Math.min(pages - 1, p.pageIndex + 1) }))}
              testId="drill-next"
            />
            <PageButton
              label="Last page"
              text="»"
              disabled={pagination.pageIndex + 1 >= pages}
              onClick={() => setPagination((p) => ({ ...p, pageIndex: pages - 1 }))}
              testId="drill-last"
            />
          </div>
        </nav>
      </div>
    </div>
  );
}

function PageButton({ label, text, disabled, onClick, testId }: { label: string; text: string; disabled: boolean; onClick: () => void; testId?: string }) {
  return (
    <button type="button" className={buttonClass} aria-label={label} title={label} disabled={disabled} onClick={onClick} data-testid={testId}>
      {text}
    </button>
  );
}

/** "Reason: defective", "Accepted returns only" ... for the drill's own filters. */
function whereLabel(key: string, value: string): string {
  if (key === 'accepted_only') return value === 'true' ? 'Accepted returns only' : 'Rejected returns included';
  if (key === 'date_from') return `Ordered from ${value}`;
  if (key === 'date_to') return `Ordered until ${value}`;
  // the view's dates apply to the refund date (queries/schema/filters.sql, basis_date)
  if (key === 'basis') return value === 'refund' ? 'Dated by refund date (cash)' : 'Dated by order date (cohort)';
  const shown = value.split('\u001f').join(', ');
  if (value === 'true' || value === 'false') return `${columnLabel(key)}: ${value === 'true' ? 'yes' : 'no'}`;
  return `${columnLabel(key)}: ${shown}`;
}

/** Checkboxes for the columns shown; exports always carry every column. */
function ColumnPicker({
  columns,
  visibility,
  onChange,
}: {
  columns: string[];
  visibility: VisibilityState;
  onChange: (v: VisibilityState) => void;
}) {
  const shown = columns.filter((c) => visibility[c] !== false).length;
  return (
    <details
      className="relative"
      data-testid="drill-columns"
      // Escape closes this list first, then (pressed again) the drawer.
      onKeyDown={(e) => {
        if (e.key === 'Escape' && e.currentTarget.open) {
          e.stopPropagation();
          e.currentTarget.open = false;
          e.currentTarget.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className={`${buttonClass} cursor-pointer list-none`}>
        Columns ({shown}/{columns.length})
      </summary>
      <fieldset className="absolute right-0 z-20 mt-1 max-h-96 w-64 overflow-y-auto rounded-tremor-default border border-tremor-border bg-tremor-background p-2 shadow-tremor-dropdown dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:shadow-dark-tremor-dropdown">
        <legend className="sr-only">Columns shown</legend>
        <div className="mb-1 flex gap-2 px-1 text-tremor-label">
          <button type="button" className="text-tremor-brand underline dark:text-dark-tremor-brand" onClick={() => onChange(Object.fromEntries(columns.map((c) => [c, true])))}>
            All
          </button>
          <button
            type="button"
            className="text-tremor-brand underline dark:text-dark-tremor-brand"
            onClick={() => onChange(Object.fromEntries(columns.map((c, i) => [c, i === 0])))}
          >
            None
          </button>
        </div>
        {columns.map((c) => (
          <label
            key={c}
            className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 text-tremor-default text-tremor-content-emphasis hover:bg-tremor-background-subtle dark:text-dark-tremor-content-emphasis dark:hover:bg-dark-tremor-background-subtle"
          >
            <input
              type="checkbox"
              checked={visibility[c] !== false}
              // The last visible column stays: a table with no columns shows nothing.
              disabled={visibility[c] !== false && shown === 1}
              onChange={(e) => onChange({ ...visibility, [c]: e.target.checked })}
            />
            {columnLabel(c)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
