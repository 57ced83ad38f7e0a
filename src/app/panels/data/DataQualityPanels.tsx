import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import type { CanonicalTable } from '../../../data-model/contract';
import { Empty, Note } from '../../components/charts/PageHeader';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount, formatDate, isoDay, MISSING } from '../../format';
import { tableLabel } from '../../labels';
import type { ModelState } from '../../model-state';

const num = 'text-right tabular-nums';

/**
 * data_quality, per canonical table: what was loaded (rows read = loaded + rejected + excluded,
 * warnings, rows now, date range, most common rejection) — clicking a rejected count lists
 * those rows — and, in a second card, the checks across tables (orphans, unmapped reasons,
 * returns without or before their order).
 */
export function LoadedTablesPanel({ state, onShowRejected }: { state: ModelState; onShowRejected: (table: CanonicalTable) => void }) {
  return (
    <ModelPanel title="What was loaded" subtitle="Every row read was loaded or refused; nothing is dropped silently" state={state} testId="panel-loaded">
      {(rows) =>
        rows.length === 0 ? (
          <Empty>Nothing loaded.</Empty>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="loaded-tables">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Table</TableHeaderCell>
                  <TableHeaderCell className="text-right">Rows read</TableHeaderCell>
                  <TableHeaderCell className="text-right">Loaded</TableHeaderCell>
                  <TableHeaderCell className="text-right">Rejected</TableHeaderCell>
                  <TableHeaderCell className="text-right">Excluded</TableHeaderCell>
                  <TableHeaderCell className="text-right">Repeats merged</TableHeaderCell>
                  <TableHeaderCell className="text-right">With warnings</TableHeaderCell>
                  <TableHeaderCell className="text-right">In the table now</TableHeaderCell>
                  <TableHeaderCell>Dates</TableHeaderCell>
                  <TableHeaderCell>Most common rejection</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => {
                  const table = String(r.table_name) as CanonicalTable;
                  const rejected = typeof r.rows_rejected === 'number' ? r.rows_rejected : 0;
                  const from = isoDay(r.date_min);
                  const to = isoDay(r.date_max);
                  return (
                    <TableRow key={table} data-table={table}>
                      <TableCell className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{tableLabel(table)}</TableCell>
                      <TableCell className={num}>{formatCount(r.rows_read)}</TableCell>
                      <TableCell className={num}>{formatCount(r.rows_loaded)}</TableCell>
                      <TableCell className={num}>
                        {rejected > 0 ? (
                          <button
                            type="button"
                            className="tabular-nums text-tremor-brand underline decoration-dotted underline-offset-2 hover:decoration-solid dark:text-dark-tremor-brand-emphasis"
                            onClick={() => onShowRejected(table)}
                            title={`List the ${formatCount(rejected)} rejected rows of ${table}`}
                          >
                            {formatCount(rejected)}
                          </button>
                        ) : (
                          formatCount(r.rows_rejected)
                        )}
                      </TableCell>
                      <TableCell className={num}>{formatCount(r.rows_excluded)}</TableCell>
                      <TableCell className={num}>{formatCount(r.rows_merged)}</TableCell>
                      <TableCell className={num}>{formatCount(r.rows_warned)}</TableCell>
                      <TableCell className={num}>{formatCount(r.rows_now)}</TableCell>
                      <TableCell className="tabular-nums">{from && to ? `${formatDate(from)} – ${formatDate(to)}` : MISSING}</TableCell>
                      <TableCell className="whitespace-normal">{r.top_rejection == null ? MISSING : String(r.top_rejection)}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        )
      }
    </ModelPanel>
  );
}

export function QualityChecksPanel({ state }: { state: ModelState }) {
  return (
    <ModelPanel title="Data-quality checks" subtitle="Rows that were loaded but do not fit together" state={state} testId="panel-quality">
      {(rows) => (
        <>
          <div className="overflow-x-auto">
            <Table data-testid="quality-checks">
              <TableHead>
                <TableRow>
                  <TableHeaderCell>Table</TableHeaderCell>
                  <TableHeaderCell className="text-right">Orphans</TableHeaderCell>
                  <TableHeaderCell>What an orphan is here</TableHeaderCell>
                  <TableHeaderCell className="text-right">Unmapped reasons</TableHeaderCell>
                  <TableHeaderCell className="text-right">Returns without order</TableHeaderCell>
                  <TableHeaderCell className="text-right">Returns before their order</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={String(r.table_name)}>
                    <TableCell className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{tableLabel(r.table_name)}</TableCell>
                    <TableCell className={num} title={r.orphans == null ? 'Not checked: no products loaded' : undefined}>
                      {r.orphans == null ? 'not checked' : <Flag n={r.orphans} />}
                    </TableCell>
                    <TableCell className="whitespace-normal">{r.orphan_rule == null ? MISSING : String(r.orphan_rule)}</TableCell>
                    <TableCell className={num}>{r.table_name === 'returns' ? <Flag n={r.unmapped_reasons} /> : MISSING}</TableCell>
                    <TableCell className={num}>{r.table_name === 'returns' ? <Flag n={r.returns_without_order} /> : MISSING}</TableCell>
                    <TableCell className={num}>{r.table_name === 'returns' ? <Flag n={r.returns_before_order} /> : MISSING}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {rows.some((r) => typeof r.notes === 'string') && (
            <ul className="mt-3 list-disc space-y-1 pl-5 text-tremor-default text-amber-800 dark:text-amber-200" data-testid="quality-notes">
              {rows.flatMap((r) =>
                typeof r.notes === 'string' ? r.notes.split('\n').map((n) => <li key={`${String(r.table_name)}:${n}`}>{`${String(r.table_name)}: ${n}`}</li>) : [],
              )}
            </ul>
          )}
          <Note>
            Unmapped reasons are raw reason texts that matched no rule and count as “unknown”. A return without an order is dated by its
            request and has no order details.
          </Note>
        </>
      )}
    </ModelPanel>
  );
}

/** A count that is a finding when above zero. */
function Flag({ n }: { n: unknown }) {
  const found = typeof n === 'number' && n > 0;
  return <span className={found ? 'font-medium text-amber-700 dark:text-amber-400' : ''}>{formatCount(n)}</span>;
}
