import { Button, Select, SelectItem, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@tremor/react';
import { CANONICAL_TABLES, type CanonicalTable } from '../../../data-model/contract';
import { Empty } from '../../components/charts/PageHeader';
import { ErrorNote } from '../../components/ErrorNote';
import { ModelPanel } from '../../components/ModelPanel';
import { formatCount } from '../../format';
import { useCsvDownload } from '../../use-csv-download';
import { useModel } from '../../use-model';
import { pageBounds, totalRows } from '../../view/paging';
import type { PageProps } from '../../view/types';
import {
  readRejected,
  REJECTED_PAGE_SIZE,
  rejectedFileName,
  rejectedParams,
  SEVERITIES,
  withRejected,
  type Severity,
} from './data-params';

const ALL = '__all__';
const MODEL = 'rejected_rows';

/**
 * The rows the loader refused or flagged (rejected_rows), with file, line, reason and the raw
 * row, a page at a time; the table and severity switches and the page are URL parameters.
 * "Download" saves every matching row as CSV (formula-like cells neutralised for spreadsheets).
 */
export function RejectedRowsPanel(props: PageProps) {
  const v = readRejected(props.view.params);
  const params = rejectedParams(v);
  const state = useModel(props.runner, MODEL, params, props.dataVersion);
  const download = useCsvDownload();
  const update = (patch: Parameters<typeof withRejected>[1]) => props.setView({ params: withRejected(props.view.params, patch) }, { replace: true });
  const columns = props.runner.header(MODEL).outputs.map((o) => o.name).filter((c) => c !== 'total_rows');

  const downloadAll = () => download.save(rejectedFileName(v), columns, async () => (await props.runner.run(MODEL, rejectedParams(v, true))).rows);

  return (
    <ModelPanel
      title="Rejected rows"
      subtitle="Rows of your files that were refused (not loaded) or loaded with a warning, with the line to fix; repeats merged into their first row are listed under Kind “Repeats merged”"
      state={state}
      testId="panel-rejected"
    >
      {(rows) => {
        const total = totalRows(rows) ?? 0;
        const { first, last } = pageBounds(v.page, REJECTED_PAGE_SIZE, rows.length);
        const hasNext = last < total;
        return (
          <div className="space-y-4">
            <div className="flex flex-wrap items-end gap-4">
              <div className="flex w-48 flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                Table
                <Select value={v.table ?? ALL} onValueChange={(t) => update({ table: t === ALL ? null : (t as CanonicalTable) })} enableClear={false} data-testid="rejected-table">
                  {[ALL, ...CANONICAL_TABLES].map((t) => (
                    <SelectItem key={t} value={t}>
                      {t === ALL ? 'All tables' : t}
                    </SelectItem>
                  ))}
                </Select>
              </div>
              <div className="flex w-56 flex-col gap-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                Kind
                <Select value={v.severity ?? ALL} onValueChange={(s) => update({ severity: s === ALL ? null : (s as Severity) })} enableClear={false} data-testid="rejected-severity">
                  {[ALL, ...SEVERITIES].map((s) => (
                    <SelectItem key={s} value={s}>
                      {s === ALL ? 'Rejected and warnings' : s === 'rejected' ? 'Rejected' : s === 'warning' ? 'Warnings' : s === 'merged' ? 'Repeats merged' : 'Excluded'}
                    </SelectItem>
                  ))}
                </Select>
              </div>
              <Button variant="secondary" onClick={() => void downloadAll()} disabled={download.busy || total === 0} loading={download.busy} data-testid="rejected-download">
                {`Download ${total > 0 ? formatCount(total) : ''} as CSV`.replace('  ', ' ')}
              </Button>
            </div>
            {download.error && <ErrorNote title="The download failed" message={download.error} />}
            {rows.length === 0 ? (
              <Empty>{v.page > 0 ? 'No rows on this page.' : 'No rejected rows: every row read was loaded.'}</Empty>
            ) : (
              <>
                <div className="overflow-x-auto">
                  <Table data-testid="rejected-rows">
                    <TableHead>
                      <TableRow>
                        <TableHeaderCell>Table</TableHeaderCell>
                        <TableHeaderCell>File</TableHeaderCell>
                        <TableHeaderCell className="text-right">Line</TableHeaderCell>
                        <TableHeaderCell>Kind</TableHeaderCell>
                        <TableHeaderCell>Reason</TableHeaderCell>
                        <TableHeaderCell>Row as read</TableHeaderCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {rows.map((r, i) => (
                        <TableRow key={`${String(r.source_file)}:${String(r.line_number)}:${i}`}>
                          <TableCell>{String(r.table_name ?? '')}</TableCell>
                          <TableCell>{String(r.source_file ?? '')}</TableCell>
                          <TableCell className="text-right tabular-nums">{formatCount(r.line_number)}</TableCell>
                          <TableCell>
                            <span className={r.severity === 'rejected' ? 'text-rose-700 dark:text-rose-400' : 'text-amber-700 dark:text-amber-400'}>
                              {String(r.severity ?? '')}
                            </span>
                          </TableCell>
                          <TableCell className="whitespace-normal">{String(r.reason ?? '')}</TableCell>
                          <TableCell className="max-w-md">
                            <code className="block truncate font-mono text-xs" title={String(r.raw ?? '')}>
                              {String(r.raw ?? '')}
                            </code>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
                <div className="flex items-center justify-between gap-3 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
                  <span className="tabular-nums" data-testid="rejected-range">
                    Rows {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
                  </span>
                  {(v.page > 0 || hasNext) && (
                    <span className="flex gap-2">
                      <Button variant="light" disabled={v.page === 0} onClick={() => update({ page: v.page - 1 })}>
                        ← Previous {REJECTED_PAGE_SIZE}
                      </Button>
                      <Button variant="light" disabled={!hasNext} onClick={() => update({ page: v.page + 1 })} data-testid="rejected-next">
                        Next {REJECTED_PAGE_SIZE} →
                      </Button>
                    </span>
                  )}
                </div>
              </>
            )}
          </div>
        );
      }}
    </ModelPanel>
  );
}
