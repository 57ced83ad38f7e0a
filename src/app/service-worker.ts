/**
 * Registers dist/sw.js (src/build/service-worker.ts), which keeps the whole build in the
 * browser's cache: after one visit the page opens with no network, and it can be installed as
 * an app. Only in a build (the dev server serves modules that change on every edit), and not in
 * a build made with VITE_OFFLINE=off. A browser that refuses (no service workers, a blocked
 * storage) gets the page as before, from the network.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || import.meta.env.VITE_OFFLINE === 'off' || !('serviceWorker' in navigator)) return;
  // updateViaCache 'none': the browser asks the server for sw.js itself on every check, so a new
  // build is seen on the next open rather than when a cached copy expires.
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`, { updateViaCache: 'none' })
    .catch((e: unknown) => console.warn(`This page will not open offline: ${e instanceof Error ? e.message : String(e)}`));
}
