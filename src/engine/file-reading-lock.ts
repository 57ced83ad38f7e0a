/*
 * A kept database file that a page reads in place (opfs-database.ts) must not be removed under
 * it: the page holds a shared Web Lock named after the file while it reads it, and removing the
 * file (another tab forgetting that data set, say) waits for every reader to let go. Its lock
 * helper (holdLock) is the app's one way to hold a Web Lock across awaits. No imports: the first
 * screen's code (the index of kept data sets) uses it without loading DuckDB.
 */

const lockName = (file: string) => `returns-insight:reading:${file}`;

/** Holds the file's shared lock until the returned function is called (or the tab goes). */
export function holdReadingLock(file: string): Promise<() => void> {
  return holdLock(lockName(file), 'shared');
}

/**
 * Waits for the browser's Web Lock `name` in `mode` and holds it until the returned function is
 * called; the browser lets go by itself when the tab closes or reloads. The one way this app
 * holds a lock across awaits (also the lock on keeping a load, app/storage/stored-index.ts).
 */
export async function holdLock(name: string, mode: LockMode): Promise<() => void> {
  if (typeof navigator.locks?.request !== 'function') return () => undefined;
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  await new Promise<void>((granted) => {
    void navigator.locks.request(name, { mode }, () => {
      granted();
      return done;
    });
  });
  return release;
}

/**
 * Runs `remove` now when no page reads the file; otherwise once the last reader lets go (not
 * awaited: the caller goes on, and a page closed before then leaves the file to a later clean-up).
 */
export async function removeWhenUnread(file: string, remove: () => Promise<void>): Promise<void> {
  if (typeof navigator.locks?.request !== 'function') return remove();
  const now = await navigator.locks.request(lockName(file), { mode: 'exclusive', ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await remove();
    return true;
  });
  if (!now) void navigator.locks.request(lockName(file), { mode: 'exclusive' }, () => remove().catch(() => undefined));
}
