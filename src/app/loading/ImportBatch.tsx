import { Button, Callout } from '@tremor/react';
import { formatCount } from '../format';
import { clearBatch, loadBatch, removeEntry, setLookupOnly, toggleEntry, type BatchEntry } from './import-store';
import { batchReadiness, canLoad, draftProblems, lookedUpBy, openQuestions, sideFile } from './mapping-step';
import { MappingStep } from './MappingStep';

const TONE_DOT = { ok: 'bg-emerald-500', warn: 'bg-amber-500', error: 'bg-rose-500', busy: 'bg-tremor-brand dark:bg-dark-tremor-brand' } as const;

/**
 * The files dropped for the next load: each with its route (loads directly as a canonical file,
 * or through its mapping step, or cannot be read: one message), then one "Load all" that
 * replaces the data with the whole batch, all or nothing.
 */
export function ImportBatch({ entries, onAddFiles, busy }: { entries: BatchEntry[]; onAddFiles: () => void; busy: boolean }) {
  const { ready, waiting } = batchReadiness(entries);
  const usable = entries.filter((e) => !e.error && e.route.kind !== 'unsupported' && !e.lookupOnly).length;
  return (
    <section className="mt-4 space-y-3" data-testid="import-batch" aria-label="Files to load">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 className="text-tremor-title font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Files to load together ({formatCount(entries.length)})
        </h3>
        <div className="flex flex-wrap gap-2">
          <Button variant="light" onClick={onAddFiles} disabled={busy} data-testid="batch-add">
            Add files
          </Button>
          <Button variant="secondary" onClick={clearBatch} disabled={busy} data-testid="batch-cancel">
            Cancel
          </Button>
          <Button onClick={() => void loadBatch()} disabled={!ready || busy} data-testid="load-all" title={ready ? 'Replace the data with these files' : waiting.join('\n')}>
            {`Load all ${usable > 1 ? `${formatCount(usable)} files` : ''}`.trim()}
          </Button>
        </div>
      </div>
      <ul className="divide-y divide-tremor-border rounded-tremor-default border border-tremor-border dark:divide-dark-tremor-border dark:border-dark-tremor-border">
        {entries.map((e) => (
          <EntryRow key={e.id} entry={e} busy={busy} lookupBy={lookedUpBy(entries, e)} />
        ))}
      </ul>
      {!ready && waiting.length > 0 && (
        <Callout color="amber" title="Before loading" data-testid="batch-waiting">
          <ul className="list-disc pl-5">
            {waiting.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Callout>
      )}
      <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        “Load all” replaces the current data with these files once they hold usable order lines; otherwise the current data stays. Files load in the
        order products, order lines, shipments, returns, reviews, so returns are checked against their orders and SKUs against the products.
      </p>
    </section>
  );
}

function EntryRow({ entry: e, busy, lookupBy }: { entry: BatchEntry; busy: boolean; lookupBy: string[] }) {
  const d = e.draft;
  const open = d ? openQuestions(d).length : 0;
  const problems = d ? draftProblems(d).length : 0;
  const tone: keyof typeof TONE_DOT =
    e.status === 'preparing' ? 'busy' : e.error ? 'error' : e.lookupOnly || e.route.kind === 'canonical' || (d && canLoad(d)) ? 'ok' : 'warn';
  const route = e.lookupOnly
    ? `not loaded: ${lookupBy.length > 0
      ? `read by the lookups of ${lookupBy.join(', ')}`
      : sideFile(e)
        ? 'no table or preset fits its columns (untick to map it by hand)'
        : 'no mapping of the batch looks values up in it yet'}`
    : e.route.kind === 'canonical'
      ? `loads directly into ${e.route.table} (named after its table)`
      : e.status === 'preparing'
        ? 'reading the file…'
        : d
          ? `${d.choice.kind === 'preset' ? `preset: ${d.presets.find((p) => p.id === (d.choice as { id: string }).id)?.label ?? d.choice.id}` : 'custom mapping'} → ${d.mapping.targets.map((t) => t.table).join(', ')}`
          : '';
  const status = e.error
    ? null
    : e.lookupOnly || e.route.kind === 'canonical'
      ? 'ready'
      : d
        ? open > 0
          ? `${open === 1 ? 'a question' : `${open} questions`} to answer`
          : problems > 0
            ? `${problems === 1 ? 'a column' : `${problems} things`} to fix`
            : 'ready'
        : null;
  const stepId = `mapping-step-${e.id}`;
  return (
    <li
      className="px-3 py-2"
      data-testid="batch-entry"
      data-file={e.name}
      data-route={e.route.kind}
      data-ready={status === 'ready' || undefined}
      data-lookup-only={e.lookupOnly || undefined}
    >
      <div className="flex flex-wrap items-center gap-3">
        <span aria-hidden className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${TONE_DOT[tone]}`} />
        <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{e.name}</span>
        <span className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">{formatBytes(e.size)}</span>
        <span className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">{route}</span>
        {status && (
          <span className={`text-tremor-default ${status === 'ready' ? 'text-emerald-700 dark:text-emerald-400' : 'text-amber-700 dark:text-amber-400'}`} data-testid="entry-status">
            {status}
          </span>
        )}
        <span className="ml-auto flex items-center gap-2">
          {!e.error && e.route.kind !== 'unsupported' && (
            <label
              className="flex items-center gap-1.5 text-tremor-default text-tremor-content dark:text-dark-tremor-content"
              title="Not loaded into a table: a file that only serves the other files’ lookups (a list of categories), or a side file nothing fits (a sheet of regional managers). Untick to load it through a mapping."
            >
              <input type="checkbox" checked={e.lookupOnly ?? false} disabled={busy} onChange={(ev) => setLookupOnly(e.id, ev.target.checked)} data-testid="entry-lookup-only" />
              Not loaded
            </label>
          )}
          {d && !e.lookupOnly && (
            <Button variant="light" onClick={() => toggleEntry(e.id)} aria-expanded={e.open} aria-controls={stepId} data-testid="entry-toggle">
              {e.open ? 'Hide the mapping' : 'Check the mapping'}
            </Button>
          )}
          <Button variant="light" color="rose" onClick={() => removeEntry(e.id)} disabled={busy} aria-label={`Remove ${e.name} from the batch`} data-testid="entry-remove">
            Remove
          </Button>
        </span>
      </div>
      {e.error && (
        <p className="mt-1 text-tremor-default text-rose-700 dark:text-rose-400" role="alert" data-testid="entry-error">
          {e.error}
        </p>
      )}
      {d && e.open && !e.lookupOnly && (
        <div id={stepId}>
          <MappingStep id={e.id} draft={d} />
        </div>
      )}
    </li>
  );
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
