import { useState } from 'react';
import { Button } from '@tremor/react';
import { toCsv } from '../../export/csv';
import type { JoinCoverage, ReplaceResult } from '../../loader/replace-data';
import { ErrorNote } from '../components/ErrorNote';
import { formatCount } from '../format';
import { downloadText } from '../download';
import { getSession } from '../session';
import { coverageLines } from './load-summary';

const TONE_TEXT = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  warn: 'text-amber-700 dark:text-amber-400',
  error: 'text-rose-700 dark:text-rose-400',
} as const;

/** How the loaded files join: returns to their orders, SKUs to their products (join_coverage). */
export function CoverageList({ coverage }: { coverage: JoinCoverage[] | null }) {
  if (!coverage) return null;
  const lines = coverageLines(coverage);
  if (lines.length === 0) return null;
  return (
    <div className="mt-3" data-testid="join-coverage">
      <p className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">How the files join</p>
      <ul className="mt-1 space-y-0.5">
        {lines.map((l) => (
          <li key={l.join} className={`text-tremor-default ${TONE_TEXT[l.tone]}`} data-join={l.join}>
            {l.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

const ISSUE_COLUMNS = ['table_name', 'source_file', 'line_number', 'severity', 'reason', 'raw'];

/**
 * Every row of the batch that was rejected, excluded or loaded with a warning, as CSV (cells a
 * spreadsheet would run as formulas neutralised). A batch that replaced the data is read back
 * from load_issues through rejected_rows; a refused batch hands its rows back with the result.
 */
export function RejectsDownload({ result }: { result: ReplaceResult }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const count = result.reports.reduce((n, r) => n + r.rowsRejected + r.rowsExcluded + r.rowsWarned, 0);
  if (count === 0) return null;
  const save = async () => {
    setState({ busy: true, error: null });
    try {
      const rows = result.replaced
        ? (await (await getSession()).runner.run('rejected_rows', { table_name: null, severity: null, limit: null, offset: 0 })).rows
        : result.issues;
      downloadText(result.replaced ? 'rejected-rows.csv' : 'rejected-rows-not-loaded-batch.csv', toCsv(rows, ISSUE_COLUMNS, { neutralizeFormulas: true }));
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => void save()} loading={state.busy} data-testid="batch-rejects-download">
        {`Download the ${formatCount(count)} rejected, excluded and flagged rows (CSV)`}
      </Button>
      <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">file, line, reason and the row as read, for fixing and loading again</span>
      {state.error && <ErrorNote title="The download failed" message={state.error} />}
    </div>
  );
}
