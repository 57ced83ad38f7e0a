import { useSyncExternalStore } from 'react';
import { isDataChanging } from './session/data-change';

/**
 * Registers dist/sw.js (src/build/service-worker.ts), which keeps the whole build in the
 * browser's cache: after one visit the page opens with no network, and it can be installed as
 * an app. Only in a build (the dev server serves modules that change on every edit), and not in
 * a build made with VITE_OFFLINE=off. A browser that refuses (no service workers, a blocked
 * storage) gets the page as before, from the network.
 *
 * A new build is installed beside the one running and waits: it is used from the next open
 * (never half-applied). The page says so (useAppUpdate), and applyUpdate() lets the user take it
 * now: the waiting worker takes over and this page reloads once, as a whole, on the new build.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || import.meta.env.VITE_OFFLINE === 'off' || !('serviceWorker' in navigator)) return;
  // updateViaCache 'none': the browser asks the server for sw.js itself on every check, so a new
  // build is seen on the next open rather than when a cached copy expires.
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`, { updateViaCache: 'none' })
    .then(watchForUpdate)
    .catch((e: unknown) => console.warn(`This page will not open offline: ${e instanceof Error ? e.message : String(e)}`));
}

/**
 * none: this is the newest build (as far as the browser knows); waiting: a new one is installed
 * and waits for the next open; applying: asked to take over now, the page reloads when it has;
 * refused: it cannot take over now (`reason`).
 */
export interface AppUpdate {
  status: 'none' | 'waiting' | 'applying' | 'refused';
  reason: string | null;
}

let update: AppUpdate = { status: 'none', reason: null };
const listeners = new Set<() => void>();

function setUpdate(next: AppUpdate): void {
  update = next;
  for (const l of listeners) l();
}

export function useAppUpdate(): AppUpdate {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => update,
  );
}

/** A worker installed while another controls this page is an update waiting (the first install is not). */
function watchForUpdate(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (registration.waiting && navigator.serviceWorker.controller && update.status === 'none') setUpdate({ status: 'waiting', reason: null });
  };
  check();
  registration.addEventListener('updatefound', () => registration.installing?.addEventListener('statechange', check));
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string; windows?: number }>) => {
    if (event.data?.type !== 'update-refused') return;
    const others = (event.data.windows ?? 2) - 1;
    setUpdate({ status: 'refused', reason: `The app is open in ${others} other ${others === 1 ? 'tab or window' : 'tabs or windows'}: close ${others === 1 ? 'it' : 'them'} first, or close all and open the app again.` });
  });
}

/** Whether this page already listens for the new worker's take-over (to reload once). */
let reloadAsked = false;

/**
 * Takes the waiting build now: not while data is being loaded, switched or kept (a reload would
 * drop it), and the worker refuses while the app is open elsewhere (that page would run on with
 * the old code and no cache of its own). Once the new worker controls this page, it reloads once.
 */
export async function applyUpdate(): Promise<void> {
  if (isDataChanging()) return setUpdate({ status: 'refused', reason: 'Data is being loaded or kept: update once it is done.' });
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
  if (!waiting) return setUpdate({ status: 'none', reason: null });
  // Once, however many times it is asked (a refused attempt leaves its listener): two reloads would abort one another.
  if (!reloadAsked) navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  reloadAsked = true;
  setUpdate({ status: 'applying', reason: null });
  waiting.postMessage({ type: 'apply-update' });
}
