import { Button, TextInput } from '@tremor/react';
import { useState } from 'react';
import { formatBytes, formatMoment } from '../format';
import { useLoadState } from '../loading/load-state';
import { renameDataSet } from '../session/switch-data-set';
import { setStorageState, type StorageState } from './storage-state';
import { forgetStored, type StoredEntry } from './stored-index';

/**
 * The data sets kept in this browser: each with its name (the user's; a load is named by its
 * source label until renamed here), its content fingerprint, when it was kept and the bytes it
 * takes, and "Forget" for those not shown (the one shown is forgotten by "Forget this data").
 */
export function DataSetList({ storage, bySlot, shownSlot }: { storage: StorageState; bySlot: Record<string, number> | null; shownSlot: string | null }) {
  const load = useLoadState();
  if (storage.sets.length === 0) return null;
  return (
    <ul className="mt-3 divide-y divide-tremor-border dark:divide-dark-tremor-border" data-testid="data-sets">
      {storage.sets.map((e) => (
        <DataSetRow key={e.slot} entry={e} bytes={bySlot?.[e.slot] ?? null} shown={e.slot === shownSlot} busy={load.running || storage.status === 'saving'} />
      ))}
    </ul>
  );
}

function DataSetRow({ entry, bytes, shown, busy }: { entry: StoredEntry; bytes: number | null; shown: boolean; busy: boolean }) {
  const [name, setName] = useState(entry.name);
  const [problem, setProblem] = useState<string | null>(null);
  const trimmed = name.trim();
  const rename = () => renameDataSet(entry.slot, trimmed).then(() => setProblem(null), (e: unknown) => setProblem(String(e)));
  const forget = () => forgetStored(entry.slot).then((after) => setStorageState(after), (e: unknown) => setProblem(String(e)));
  return (
    <li className="flex flex-wrap items-center gap-2 py-2" data-testid="data-set-row" data-slot={entry.slot} data-name={entry.name} data-fingerprint={entry.fingerprint}
      data-bytes={bytes ?? ''}>
      <form className="flex items-center gap-2" onSubmit={(ev) => (ev.preventDefault(), void rename())}>
        <TextInput className="w-56" value={name} onValueChange={setName} aria-label="Name of this data set" data-testid="data-set-name" />
        <Button type="submit" variant="secondary" size="xs" disabled={trimmed === '' || trimmed === entry.name} data-testid="data-set-rename">
          Rename
        </Button>
      </form>
      <span className="text-tremor-label tabular-nums text-tremor-content dark:text-dark-tremor-content">
        {entry.fingerprint} · {entry.sourceLabel} · kept {formatMoment(entry.savedAt)} · {bytes === null ? '…' : formatBytes(bytes)}
        {shown && ' · shown now'}
      </span>
      {!shown && (
        <Button variant="light" size="xs" color="rose" onClick={() => void forget()} disabled={busy} data-testid="data-set-forget">
          Forget
        </Button>
      )}
      {problem && <span className="text-tremor-label text-rose-600">{problem}</span>}
    </li>
  );
}
