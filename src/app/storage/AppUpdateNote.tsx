import { Button, Callout } from '@tremor/react';
import { useLoadState } from '../loading/load-state';
import { applyUpdate, useAppUpdate } from '../service-worker';
import { useStorageState } from './storage-state';

/**
 * A new version of the app installed in this browser and waiting (src/app/service-worker.ts):
 * it is used from the next open; "Update now" takes it at once, unless data is being loaded or
 * kept (the page reloads once, as a whole, on the new version).
 */
export function AppUpdateNote() {
  const update = useAppUpdate();
  const load = useLoadState();
  const storage = useStorageState();
  if (update.status === 'none') return null;
  const busy = load.running || storage.status === 'saving';
  return (
    <Callout className="mt-3" color="blue" title="An update is ready" data-testid="app-update" data-status={update.status}>
      It is used when you next open the app.
      {update.reason && <span className="block" data-testid="app-update-reason">{update.reason}</span>}
      <div className="mt-2">
        <Button size="xs" variant="secondary" onClick={() => void applyUpdate()} disabled={busy || update.status === 'applying'} loading={update.status === 'applying'}
          data-testid="app-update-now" title={busy ? 'Once the data is loaded and kept' : 'Reload the app on the new version now'}>
          Update now
        </Button>
      </div>
    </Callout>
  );
}
