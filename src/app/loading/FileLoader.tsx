import { useRef, useState, type DragEvent } from 'react';
import { Button, Callout, Card, ProgressBar, Title } from '@tremor/react';
import type { FileLoadReport } from '../../loader/load-file';
import type { BatchFileReport } from '../../loader/replace-data';
import type { Runner } from '../../runner/runner';
import { formatCount } from '../format';
import { CoverageList, RejectsDownload } from './BatchSummary';
import { ImportBatch } from './ImportBatch';
import { addFiles, getImportBatch, routeFiles, useImportBatch } from './import-store';
import { ACCEPTED_EXTENSIONS, progressFraction, progressText, summarizeFile, type FileTone } from './load-summary';
import { acceptPartialBatch, loadFiles, partialAcceptable, resetDemo } from './load-store';
import { useLoadState } from './load-state';
import { useDataSource } from './use-data-source';

const TONE_DOT: Record<FileTone, string> = {
  ok: 'bg-emerald-500',
  warn: 'bg-amber-500',
  error: 'bg-rose-500',
};

/**
 * Drop files (or pick them) to analyse your own data. Files named after their canonical table
 * load directly, as a batch; any other export (Shopify, Amazon, a spreadsheet) opens the
 * mapping step, and the files dropped together then load with one "Load all". Progress while
 * they load (rows read); what each file gave (rows read = loaded + rejected + excluded,
 * warnings, errors in plain words), how the files join, the rejects as CSV; back to the demo
 * data. A batch replaces the data only when it has usable order lines; otherwise the last good
 * data stays and this card says what failed.
 */
export function FileLoader({ runner, dataVersion }: { runner: Runner; dataVersion: number }) {
  const load = useLoadState();
  const source = useDataSource();
  const batch = useImportBatch();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const start = (files: File[]) => {
    if (files.length === 0 || load.running) return;
    // Only canonical files (by name and header) and nothing waiting in the mapping step: load them at once, as before.
    void routeFiles(files).then((routes) => {
      if (getImportBatch().length === 0 && routes.every((r) => r.kind === 'canonical')) void loadFiles(files);
      else addFiles(files, routes);
    });
  };
  const onDrag = (e: DragEvent<HTMLDivElement>, over: boolean) => {
    e.preventDefault();
    if (over && e.dataTransfer) e.dataTransfer.dropEffect = load.running ? 'none' : 'copy';
    setDragging(over && !load.running);
  };
  const last = load.last;

  return (
    <Card data-testid="file-loader">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <Title>Load your data</Title>
          <p className="mt-1 text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            Now showing: <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid="loader-source">{source.label ?? '…'}</span>
          </p>
        </div>
        <Button
          variant="secondary"
          onClick={() => void resetDemo()}
          disabled={load.running || source.label === 'Demo data'}
          data-testid="reset-demo"
          title={source.label === 'Demo data' ? 'The demo data is already loaded' : 'Replace the loaded files by the bundled demo data'}
        >
          Reset to demo data
        </Button>
      </div>

      <div
        className={`mt-4 flex flex-col items-center justify-center gap-2 rounded-tremor-default border-2 border-dashed px-6 py-8 text-center transition-colors ${
          dragging
            ? 'border-tremor-brand bg-tremor-brand-faint dark:border-dark-tremor-brand dark:bg-dark-tremor-brand-faint'
            : 'border-tremor-border dark:border-dark-tremor-border'
        } ${load.running ? 'opacity-60' : ''}`}
        onDragEnter={(e) => onDrag(e, true)}
        onDragOver={(e) => onDrag(e, true)}
        onDragLeave={(e) => onDrag(e, false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          start(Array.from(e.dataTransfer?.files ?? []));
        }}
        data-testid="drop-zone"
        data-dragging={dragging || undefined}
      >
        <p className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
          Drop files here, or{' '}
          <button
            type="button"
            className="font-medium text-tremor-brand underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-tremor-brand disabled:no-underline dark:text-dark-tremor-brand"
            onClick={() => input.current?.click()}
            disabled={load.running}
            data-testid="choose-files"
          >
            choose files
          </button>
        </p>
        <p className="max-w-2xl text-tremor-label text-tremor-content dark:text-dark-tremor-content">
          CSV, TSV, Parquet, JSON or Excel workbooks (each sheet is a file: <code>book.xlsx › Orders</code>). Files named after their table (<code>order_lines</code>, which every data set needs, <code>products</code>,{' '}
          <code>shipments</code>, <code>returns</code>, <code>reviews</code>) load directly; any other export (Shopify orders, Amazon returns, a
          spreadsheet) opens a mapping step first. The files you load together replace the current data; they are read in this browser and
          never uploaded.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPTED_EXTENSIONS.join(',')}
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(e) => {
            start(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
          data-testid="file-input"
        />
      </div>

      {batch.length > 0 && <ImportBatch entries={batch} onAddFiles={() => input.current?.click()} busy={load.running} />}

      <div aria-live="polite" className="mt-4 space-y-4">
        {load.running && (
          <div data-testid="load-progress">
            <p className="text-tremor-default text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">
              {load.kind === 'demo' ? 'Loading the demo data. ' : ''}
              {load.progress ? progressText(load.progress) : 'Starting…'}
            </p>
            <ProgressBar className="mt-2" value={load.progress ? Math.round(progressFraction(load.progress) * 100) : 0} showAnimation />
          </div>
        )}
        {!load.running && last && (
          <div data-testid="load-result" data-replaced={last.result.replaced}>
            {last.result.replaced ? (
              <Callout color="emerald" title={last.kind === 'demo' ? 'Back to the demo data' : `Loaded: ${source.label ?? ''}`}>
                Every page now shows this data.
                {last.result.reports.some((r) => r.error) && ' Some files were not loaded; see below.'}
              </Callout>
            ) : (
              <Callout color="rose" title="The data was not replaced" data-testid="load-problem">
                {last.result.problem}
                {partialAcceptable(last.result) && (
                  <div className="mt-3">
                    <Button size="xs" variant="secondary" onClick={() => void acceptPartialBatch()} data-testid="accept-partial">
                      Load the rest without {last.result.refusedFiles.join(', ')}
                    </Button>
                  </div>
                )}
              </Callout>
            )}
            <FileResults reports={last.result.reports} batchReplaced={last.result.replaced} />
            <CoverageList coverage={last.result.coverage} />
            <RejectsDownload result={last.result} runner={runner} dataVersion={dataVersion} />
          </div>
        )}
        {!load.running && !last && source.reports.length > 0 && (
          <details className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
            <summary className="cursor-pointer">How the current files loaded</summary>
            <FileResults reports={source.reports} />
          </details>
        )}
      </div>
    </Card>
  );
}

/** One line per file: its table, status, the row accounting and notes in plain words. */
export function FileResults({ reports, batchReplaced = true }: { reports: (FileLoadReport & Partial<BatchFileReport>)[]; batchReplaced?: boolean }) {
  if (reports.length === 0) return null;
  return (
    <ul className="mt-3 divide-y divide-tremor-border dark:divide-dark-tremor-border" data-testid="file-results">
      {reports.map((r, i) => {
        const s = summarizeFile(r, batchReplaced);
        return (
          <li
            key={`${r.file}-${i}`}
            className="flex gap-3 py-2"
            data-tone={s.tone}
            data-file={r.file}
            data-read={r.rowsRead}
            data-loaded={r.rowsLoaded}
            data-rejected={r.rowsRejected}
            data-excluded={r.rowsExcluded ?? 0}
            data-merged={r.rowsMerged ?? 0}
            data-warned={r.rowsWarned}
          >
            <span aria-hidden className={`mt-1.5 inline-block h-2.5 w-2.5 shrink-0 rounded-full ${TONE_DOT[s.tone]}`} />
            <div className="min-w-0">
              <p className="text-tremor-default">
                <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{s.file}</span>
                {s.table && <span className="ml-2 text-tremor-content dark:text-dark-tremor-content">→ {s.table}</span>}
                <span className="ml-2 text-tremor-content-emphasis dark:text-dark-tremor-content-emphasis">{s.status}</span>
              </p>
              {s.accounting && (
                <p className="text-tremor-label tabular-nums text-tremor-content dark:text-dark-tremor-content" title={`${formatCount(r.rowsWarned)} with warnings`} data-testid="file-accounting">
                  {s.accounting}
                </p>
              )}
              {s.tableLines.length > 0 && (
                <ul className="text-tremor-label tabular-nums text-tremor-content dark:text-dark-tremor-content" data-testid="table-accounting">
                  {s.tableLines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
              {s.notes.map((n) => (
                <p key={n} className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
                  {n}
                </p>
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
