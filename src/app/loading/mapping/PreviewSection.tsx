import type { Row } from '../../../engine/types';
import type { TableAccount } from '../../../loader/import';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../format';
import { previewCell, previewColumns, type MappingDraft } from '../mapping-step';
import { muted, Section } from './ui';
import { PREVIEW_RECORDS, usePreview } from './use-preview';

/** The first rows through the mapping, exactly as they will load, with every refused row's reason. */
export function PreviewSection({ id, draft, ready }: { id: number; draft: MappingDraft; ready: boolean }) {
  const { state, preview, error } = usePreview(id, draft, ready);
  const r = preview?.report;
  return (
    <Section title={`Preview: the first ${PREVIEW_RECORDS} rows, exactly as they will load`} testId="mapping-preview">
      {!ready ? (
        <p className={muted}>The preview appears once the questions are answered and every required column has a source.</p>
      ) : state === 'running' && !preview ? (
        <Spinner label="Reading the first rows through the mapping…" />
      ) : error ? (
        <p className="text-tremor-default text-rose-700 dark:text-rose-400" role="alert">
          The preview failed: {error}
        </p>
      ) : r?.error ? (
        <p className="text-tremor-default text-rose-700 dark:text-rose-400" role="alert" data-testid="preview-error">
          {r.error}
        </p>
      ) : r && preview ? (
        <div className={`space-y-3 ${state === 'running' ? 'opacity-60' : ''}`} aria-busy={state === 'running'}>
          <p className="text-tremor-default tabular-nums" data-testid="preview-accounting" data-read={r.rowsRead} data-loaded={r.rowsLoaded} data-merged={r.rowsMerged} data-rejected={r.rowsRejected} data-excluded={r.rowsExcluded}>
            Of the first {formatCount(r.rowsRead)} rows: {formatCount(r.rowsLoaded)} would load,{r.rowsMerged > 0 ? ` ${formatCount(r.rowsMerged)} repeats would be merged,` : ''}{' '}
            {formatCount(r.rowsRejected)} would be rejected, {formatCount(r.rowsExcluded)} excluded{r.rowsWarned > 0 ? `; ${formatCount(r.rowsWarned)} with a warning` : ''}.
          </p>
          {draft.mapping.targets.map((t) => (
            <PreviewTable key={t.table} table={t.table} columns={previewColumns(draft.mapping, t.table)} rows={r.preview?.[t.table] ?? []} account={r.tables.find((a) => a.table === t.table)} />
          ))}
          <IssuesTable issues={preview.issues} />
          {r.unmappedReasons.length > 0 && (
            <p className={muted}>
              Reasons no rule knows (they will count as “unknown”): {r.unmappedReasons.slice(0, 8).map((u) => `${u.reasonRaw} (${formatCount(u.rows)})`).join(', ')}.
            </p>
          )}
          <p className={muted}>
            The preview checks this file on its own. Checks against the other files of the batch (unknown SKUs, returns dated before their order, ids
            already loaded) run when the batch loads.
          </p>
        </div>
      ) : null}
    </Section>
  );
}

function PreviewTable({ table, columns, rows, account }: { table: string; columns: string[]; rows: Row[]; account: TableAccount | undefined }) {
  return (
    <div>
      <p className={muted} data-testid={`preview-account-${table}`}>
        {table}
        {account
          ? `: ${formatCount(account.rowsRead)} read = ${formatCount(account.rowsLoaded)} would load + ${account.rowsMerged > 0 ? `${formatCount(account.rowsMerged)} merged + ` : ''}${formatCount(account.rowsRejected)} rejected + ${formatCount(account.rowsExcluded)} excluded; the first ${formatCount(rows.length)} shown`
          : `: the first ${formatCount(rows.length)} rows that would load`}
      </p>
      {rows.length === 0 ? (
        <p className="text-tremor-default">None.</p>
      ) : (
        <div className="mt-1 overflow-x-auto">
          <table className="text-left text-tremor-label tabular-nums" data-testid={`preview-rows-${table}`}>
            <thead className={muted}>
              <tr>
                <th className="px-2 py-1 font-normal">line</th>
                {columns.map((c) => (
                  <th key={c} className="px-2 py-1 font-normal">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
              {rows.map((row, i) => (
                <tr key={i} className="text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
                  <td className="px-2 py-1">{previewCell(row.line)}</td>
                  {columns.map((c) => (
                    <td key={c} className="max-w-[14rem] truncate px-2 py-1" title={previewCell(row[c])}>
                      {previewCell(row[c])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function IssuesTable({ issues }: { issues: Row[] }) {
  if (issues.length === 0) return <p className="text-tremor-default">No row of the preview is refused or flagged.</p>;
  return (
    <div>
      <p className={muted}>Rows refused, excluded or flagged, with the reason</p>
      <div className="mt-1 max-h-72 overflow-auto">
        <table className="text-left text-tremor-label" data-testid="preview-issues">
          <thead className={muted}>
            <tr>
              <th className="px-2 py-1 font-normal">line</th>
              <th className="px-2 py-1 font-normal">kind</th>
              <th className="px-2 py-1 font-normal">reason</th>
              <th className="px-2 py-1 font-normal">row as read</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-tremor-border dark:divide-dark-tremor-border">
            {issues.map((x, i) => (
              <tr key={i} data-line={String(x.line_number)} data-severity={String(x.severity)}>
                <td className="px-2 py-1 tabular-nums">{previewCell(x.line_number)}</td>
                <td className={`px-2 py-1 ${x.severity === 'rejected' ? 'text-rose-700 dark:text-rose-400' : 'text-amber-700 dark:text-amber-400'}`}>{String(x.severity)}</td>
                <td className="px-2 py-1 text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{String(x.reason)}</td>
                <td className="max-w-md px-2 py-1">
                  <code className="block truncate font-mono text-xs" title={String(x.raw ?? '')}>
                    {String(x.raw ?? '')}
                  </code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
