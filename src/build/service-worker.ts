/**
 * The service worker (built to dist/sw.js by src/build/offline-plugin.ts): the page opens with
 * no network after one visit, and an update is never half-applied.
 *
 * - install: every file of this build goes into a cache named after the build's version. One
 *   file that cannot be fetched fails the install, and the previous version stays in charge.
 *   Hashed files the previous version already holds (the 34 MB DuckDB wasm, usually) are copied
 *   from its cache instead of downloaded again: a hashed name never changes its content.
 * - No skipWaiting() by itself: a new version waits until no open page uses the old one, so a
 *   session keeps the code (and the lazy chunks) it started with; the next open gets the new
 *   version. A page may ask the waiting version to take over now ("apply-update", see
 *   src/app/service-worker.ts): it does only when that page is the app's one open window, which
 *   then reloads as a whole on the new version; otherwise it answers "update-refused".
 * - activate: the other versions' caches are deleted.
 * - fetch: this origin's GET and HEAD requests are answered from this version's cache (a Range
 *   request with its part of the file); a page address (any ?view) gets the cached index.html.
 *   Anything else goes to the network untouched.
 *
 * The plugin replaces the placeholder below with this build's file list and version. A build
 * with the service worker turned off (VITE_OFFLINE=off) gets `null` instead: this worker then
 * only removes itself and its caches, on the next open, from browsers that installed an earlier
 * build.
 */
import type { Precache } from './offline-plugin';

// Parsed at run time: a literal here would let the minifier fold `PRECACHE?.version` as if the
// placeholder string were the value.
const PRECACHE = JSON.parse('__RETURNS_INSIGHT_PRECACHE__') as Precache | null;
const PREFIX = 'returns-insight-';
const CACHE = `${PREFIX}${PRECACHE?.version ?? 'off'}`;
const sw = self as unknown as ServiceWorkerGlobalScope;
const scope = new URL(sw.registration.scope);
const INDEX = new URL('index.html', scope).href;

async function install(precache: Precache): Promise<void> {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((r) => r.url));
  const wanted = [...precache.hashed.map((f) => ({ f, hashed: true })), ...precache.plain.map((f) => ({ f, hashed: false }))];
  for (const { f, hashed } of wanted) {
    const url = new URL(f, scope).href;
    if (have.has(url)) continue;
    const kept = hashed ? await caches.match(url, { ignoreVary: true }) : undefined;
    // Unhashed files are revalidated, so the HTTP cache never hands over last build's index.html.
    const response = kept ?? (await fetch(url, { cache: hashed ? 'default' : 'no-cache' }));
    if (!response.ok) throw new Error(`${f}: HTTP ${response.status}`);
    await cache.put(url, response);
  }
}

async function activate(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
  // The first visit's page was loaded from the network by this same build: it may use the cache now.
  await sw.clients.claim();
}

async function respond(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const url = new URL(request.url);
  const isPage = request.mode === 'navigate' && (url.pathname === scope.pathname || url.href.split('?')[0] === INDEX);
  const hit = await cache.match(isPage ? INDEX : request, { ignoreVary: true, ignoreMethod: true });
  if (!hit) return fetch(request);
  if (request.method === 'HEAD') return new Response(null, { status: hit.status, headers: hit.headers });
  return request.headers.has('range') ? byteRange(hit, request.headers.get('range')!) : hit;
}

/** Part of a cached file, as a server answers a Range request (DuckDB reads a file by URL so). */
async function byteRange(hit: Response, range: string): Promise<Response> {
  const body = await hit.blob();
  const asked = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  const suffix = asked && !asked[1] ? Number(asked[2]) : null;
  const start = suffix !== null ? Math.max(body.size - suffix, 0) : Number(asked?.[1] ?? NaN);
  const end = suffix === null && asked?.[2] ? Math.min(Number(asked[2]), body.size - 1) : body.size - 1;
  if (!asked || !(start <= end)) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${body.size}` } });
  const headers = new Headers(hit.headers);
  headers.set('Content-Range', `bytes ${start}-${end}/${body.size}`);
  headers.set('Content-Length', String(end - start + 1));
  return new Response(body.slice(start, end + 1), { status: 206, headers });
}

/** A page asks this waiting version to take over now: only when no other window of the app would be left on the old one. */
async function takeOverFor(asker: Client | ServiceWorker | MessagePort | null): Promise<void> {
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length > 1) return asker?.postMessage({ type: 'update-refused', windows: windows.length });
  await sw.skipWaiting();
}

sw.addEventListener('message', (event) => {
  // Sent to the waiting worker; the active one has nothing to take over (skipWaiting does nothing).
  if ((event.data as { type?: string } | null)?.type === 'apply-update') event.waitUntil(takeOverFor(event.source));
});

if (PRECACHE) {
  const precache = PRECACHE;
  sw.addEventListener('install', (event) => event.waitUntil(install(precache)));
  sw.addEventListener('activate', (event) => event.waitUntil(activate()));
  sw.addEventListener('fetch', (event) => {
    const { request } = event;
    if ((request.method !== 'GET' && request.method !== 'HEAD') || new URL(request.url).origin !== scope.origin) return;
    event.respondWith(respond(request));
  });
} else {
  // Turned off: no fetch handler, so every request goes to the network; once active (on the next
  // open, as any update), drop every cache of ours and the registration itself.
  sw.addEventListener('activate', (event) => event.waitUntil(activate().then(() => sw.registration.unregister())));
}
