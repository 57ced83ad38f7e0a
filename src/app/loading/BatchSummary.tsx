import { Button } from '@tremor/react';
import type { JoinCoverage, ReplaceResult } from '../../loader/replace-data';
import type { Runner } from '../../runner/runner';
import { ErrorNote } from '../components/ErrorNote';
import { formatCount } from '../format';
import { useCsvDownload } from '../use-csv-download';
import { useModel } from '../use-model';
import { totalRows } from '../view/paging';
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
// Only the count: total_rows is on every row.
const COUNT_ONLY = { limit: 1 };

/**
 * Every row of the batch that was rejected, excluded or loaded with a warning, as CSV (cells a
 * spreadsheet would run as formulas neutralised). A batch that replaced the data is in
 * load_issues: rejected_rows counts and lists it. A refused batch never reached those tables,
 * so it hands its rows back with the result, and those are what is saved.
 */
export function RejectsDownload({ result, runner, dataVersion }: { result: ReplaceResult; runner: Runner; dataVersion: number }) {
  const download = useCsvDownload();
  const loaded = useModel(runner, 'rejected_rows', COUNT_ONLY, dataVersion);
  const count = result.replaced ? (loaded.status === 'ok' && !loaded.stale ? (totalRows(loaded.rows) ?? 0) : null) : result.issues.length;
  if (!count) return null;
  const save = () =>
    result.replaced
      ? download.save('rejected-rows.csv', ISSUE_COLUMNS, async () => (await runner.run('rejected_rows', { limit: null })).rows)
      : download.save('rejected-rows-not-loaded-batch.csv', ISSUE_COLUMNS, () => result.issues);
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={() => void save()} loading={download.busy} data-testid="batch-rejects-download">
        {`Download the ${formatCount(count)} rejected, excluded and flagged rows (CSV)`}
      </Button>
      <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">file, line, reason and the row as read, for fixing and loading again</span>
      {download.error && <ErrorNote title="The download failed" message={download.error} />}
    </div>
  );
}
