import { Button, Callout, Card, Title } from '@tremor/react';
import { formatBytes, formatMoment } from '../format';
import { resetDemo } from '../loading/load-store';
import { useLoadState } from '../loading/load-state';
import { useDataSource } from '../loading/use-data-source';
import { DataSetList } from './DataSetList';
import { useStorageFigures, useStorageState, type StorageState } from './storage-state';

const when = (iso: string) => formatMoment(iso);

/**
 * What this browser keeps of the loaded data (it opens next time without importing), how much
 * room it takes of what the browser allows, whether the browser promised to keep it, and
 * "Forget this data" (back to the demo, now and next time); the list of kept data sets (DataSetList).
 * A new version of the app waiting for the next open is said on every page (AppUpdateNote in App.tsx).
 */
export function StoredDataCard() {
  const storage = useStorageState();
  const figures = useStorageFigures(storage);
  const load = useLoadState();
  const source = useDataSource();
  const canForget = storage.entry !== null || storage.status === 'saving';
  return (
    <Card data-testid="stored-data">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <Title>Kept in this browser</Title>
        {canForget && (
          <Button variant="secondary" onClick={() => void resetDemo()} disabled={load.running || storage.status === 'saving'} data-testid="forget-data"
            title="Remove the kept copy and show the demo data, now and the next time the page opens">
            Forget this data
          </Button>
        )}
      </div>
      {storage.unfinishedSince && (
        <Callout className="mt-3" color="amber" title="The previous load did not finish" data-testid="unfinished-load">
          A load started {when(storage.unfinishedSince)} was still going on when the page was closed or reloaded. Nothing of it was kept;
          the data from before it is shown.
        </Callout>
      )}
      <p className="mt-2 text-tremor-default text-tremor-content dark:text-dark-tremor-content" data-testid="storage-status" data-status={storage.status}>
        {statusText(storage)}
      </p>
      <DataSetList storage={storage} bySlot={figures?.bySlot ?? null} shownSlot={source.dataSet?.slot ?? null} />
      {figures && (
        <p className="mt-2 text-tremor-label tabular-nums text-tremor-content dark:text-dark-tremor-content" data-testid="storage-figures"
          data-stored-bytes={figures.storedBytes} data-usage={figures.usage ?? ''} data-quota={figures.quota ?? ''}>
          Kept data: {formatBytes(figures.storedBytes)} ({storage.sets.length} {storage.sets.length === 1 ? 'data set' : 'data sets'}). This site uses {figures.usage === null ? 'an unknown amount' : formatBytes(figures.usage)} of
          the {figures.quota === null ? 'unknown room' : formatBytes(figures.quota)} the browser allows it.
        </p>
      )}
      {figures && (
        <p className="mt-1 text-tremor-label text-tremor-content dark:text-dark-tremor-content" data-testid="storage-persist" data-persisted={String(figures.persisted)}>
          {figures.persisted === null
            ? 'This browser cannot be asked to keep the data for good.'
            : figures.persisted
              ? 'Persistent storage: granted. The browser will not remove the kept data to free space.'
              : 'Persistent storage: not granted. The browser may remove the kept data when the disk runs short of space (it asks no question; it decides from how the site is used).'}
        </p>
      )}
    </Card>
  );
}

function statusText(s: StorageState): string {
  if (!s.available) return 'This browser offers this page no storage (a private window?): loaded data lasts until the page closes.';
  const next = s.entry ? `Next time the page opens with ${s.entry.name}.` : 'Next time the page opens with the demo data.';
  switch (s.status) {
    case 'saving':
      return 'Keeping a copy of the loaded data in this browser…';
    case 'stored':
      return s.entry
        ? `${s.entry.name}: kept in this browser since ${when(s.entry.savedAt)}; it opens next time without importing again. Name it below; the header switches between the kept data sets.`
        : next;
    case 'failed':
      return `${s.problem ?? 'The data could not be kept.'} ${next}`;
    default:
      return s.sets.length > 0
        ? 'The demo data opens next time; the data sets below are kept here (switch to one in the header).'
        : 'Nothing is kept: the demo data opens. Data you load is kept here and opens next time without importing again.';
  }
}
