/**
 * Installable and offline (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/offline.e2e.ts
 *
 * One Chromium profile folder and one origin (the same port) throughout. First visit with the
 * preview server of dist/: the service worker is activated and controls the page, and its cache
 * holds every file of dist/ (the DuckDB wasm with its full size among them); the manifest is
 * valid for Chromium (no manifest or installability errors) and its fields and icons check out
 * (each icon loads, a PNG's size is the one it claims). Then the server is stopped and the
 * browser set offline, Chromium is closed and opened again on the profile: the Overview shows the
 * first visit's numbers, served by the service worker, and a page not opened before (Cost) loads
 * too. Last, a second build with a changed script is served on the same port: the open that
 * finds it installs it in a second cache while the page keeps running the first build, a reload
 * included. The Data page then says an update is ready and used on the next open; "Update now"
 * is refused while the app is open in a second tab, and once that tab is closed the page
 * reloads once on the second build, with the first build's cache removed. Offline,
 * a Range request of a cached file gets its bytes (206) and generated CSVs dropped on the Data
 * page are loaded and kept: the next offline open shows their orders, and so do the opens after
 * the update. Last, a build made with VITE_OFFLINE=off (an update taken the plain way): the open
 * that finds it still runs the cached build, the open after it has no service worker and no cache
 * left, and the kept data is still there.
 * No request may leave localhost; no page or console error.
 * Screenshot: test-artifacts/offline-overview.png (the Overview with the server stopped).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { directorySink } from '../../src/generator/csv-writer';
import { generate } from '../../src/generator/generate';
import { parseCsv } from '../helpers/csv';
import { ARTIFACTS, Checks, launch, ownPreview as startPreview, ROOT, type Browser } from './harness';
import { dropFiles, kpiValue } from './import-steps';

const KPIS = ['orders', 'units_sold', 'gross_sales', 'unit_return_rate', 'order_return_rate', 'returned_value', 'refund_amount'];
const TIMEOUT_MS = 180_000;
const MARK = 'second';
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** Every file of a build, as paths from its root, but the service worker itself. */
function builtFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? builtFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  ).filter((f) => f !== 'sw.js').sort();
}

/**
 * Another build of the same sources: with one script changed (it marks the page it runs in),
 * or with the service worker turned off as the README says (VITE_OFFLINE=off).
 */
async function otherBuild(outDir: string, change: 'script' | 'offline-off'): Promise<void> {
  if (change === 'offline-off') process.env.VITE_OFFLINE = 'off';
  try {
    await build({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
      plugins: change === 'offline-off' ? [] : [{
        name: 'offline-e2e:changed-asset',
        transform: (code, id) => (id.endsWith('/src/main.tsx') ? `${code}\ndocument.documentElement.dataset.build = '${MARK}';\n` : null),
      }],
    });
  } finally {
    delete process.env.VITE_OFFLINE;
  }
}

/** Generated canonical CSVs, and their distinct order ids counted with a plain CSV reader. */
function generated(dir: string): { files: string[]; orders: number } {
  generate({ orders: 1500, seed: 15 }, directorySink(dir));
  const [header, ...rows] = parseCsv(readFileSync(path.join(dir, 'order_lines.csv'), 'utf8'));
  const id = header!.indexOf('order_id');
  const files = ['order_lines', 'products', 'shipments', 'returns', 'reviews'].map((t) => path.join(dir, `${t}.csv`));
  return { files, orders: new Set(rows.filter((r) => r.length > 1).map((r) => r[id])).size };
}

async function overview(page: Page, url: string): Promise<string> {
  await page.goto(url, { waitUntil: 'load' });
  await kpiValue(page, 'orders', TIMEOUT_MS);
  const out: string[] = [];
  for (const k of KPIS) out.push(`${k}=${await page.locator(`[data-testid="kpi-${k}"] [data-value]`).getAttribute('data-value').catch(() => null)}`);
  return out.join(' ');
}

/** The service worker's state as the page sees it, and its caches with the paths they hold. */
async function workerState(page: Page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    const caches_ = await Promise.all((await caches.keys()).map(async (name) => {
      const cache = await caches.open(name);
      return { name, paths: (await cache.keys()).map((r) => new URL(r.url).pathname.slice(1)).sort() };
    }));
    return {
      active: reg?.active?.state ?? null,
      waiting: reg?.waiting?.state ?? null,
      controlled: navigator.serviceWorker.controller !== null,
      build: document.documentElement.dataset.build ?? null,
      caches: caches_,
    };
  });
}

async function waitFor(page: Page, what: string, ok: (s: Awaited<ReturnType<typeof workerState>>) => boolean): Promise<Awaited<ReturnType<typeof workerState>>> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const state = await workerState(page);
    if (ok(state) || Date.now() > deadline) {
      if (!ok(state)) console.log(`  (timed out waiting: ${what}: ${JSON.stringify({ ...state, caches: state.caches.map((c) => `${c.name}: ${c.paths.length} files`) })})`);
      return state;
    }
    await page.waitForTimeout(500);
  }
}

const sameList = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

/** The manifest as Chromium reads it, and its fields and icons as served. */
async function manifestChecks(page: Page, url: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const read = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
  check(read.url.endsWith('/manifest.webmanifest') && read.errors.length === 0, `Chromium reads the manifest (${read.url}) with no errors${read.errors.length ? `: ${read.errors.map((e) => e.message).join('; ')}` : ''}`);
  const installable = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  const problems = installable.installabilityErrors.map((e) => e.errorId);
  check(problems.length === 0, `Chromium finds the page installable${problems.length ? `: ${problems.join(', ')}` : ''}`);
  const manifestUrl = new URL('manifest.webmanifest', url);
  const manifest = (await (await fetch(manifestUrl)).json()) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string }[] };
  check(
    manifest.name === 'Returns Insight' && typeof manifest.short_name === 'string' && manifest.display === 'standalone' && manifest.start_url === './' && manifest.scope === './',
    `the manifest names the app, opens its start page standalone (${JSON.stringify({ name: manifest.name, short_name: manifest.short_name, display: manifest.display, start_url: manifest.start_url })})`,
  );
  const sizes = new Set<string>();
  for (const icon of manifest.icons) {
    const res = await fetch(new URL(icon.src, manifestUrl));
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    let size = icon.sizes;
    if (icon.type === 'image/png') size = `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
    else if (!bytes.toString('utf8').trimStart().startsWith('<svg')) size = 'not an SVG';
    check(res.ok && type.startsWith(icon.type) && size === icon.sizes, `icon ${icon.src} loads as ${type}, ${size} (claims ${icon.sizes})`);
    sizes.add(icon.sizes);
  }
  check(sizes.has('192x192') && sizes.has('512x512'), 'the manifest has the 192 and 512 pixel icons an install needs');
}

async function main(): Promise<void> {
  const dist = path.join(ROOT, 'dist');
  if (!statSync(path.join(dist, 'sw.js'), { throwIfNoEntry: false })) throw new Error('No dist/sw.js: run npx vite build first.');
  const work = mkdtempSync(path.join(tmpdir(), 'ri-offline-'));
  const profile = path.join(work, 'profile');
  mkdirSync(profile);
  const distB = path.join(work, 'dist-b');
  const distOff = path.join(work, 'dist-off');
  await otherBuild(distB, 'script');
  await otherBuild(distOff, 'offline-off');
  const loadable = generated(path.join(work, 'csv'));
  const filesA = builtFiles(dist);
  const filesB = builtFiles(distB);
  const wasm = filesA.find((f) => /duckdb-eh-.*\.wasm$/.test(f));
  check(filesA.join() !== filesB.join() && filesB.includes(wasm ?? '-'), `the second build differs (${filesB.filter((f) => !filesA.includes(f)).join(', ')}) and keeps the same wasm`);

  let preview = await startPreview(dist);
  const port = Number(new URL(preview.url).port);
  let browser: Browser | null = null;
  const problems: string[] = [];
  const open = async (offline = false) => {
    if (browser) {
      problems.push(...browser.foreign.map((u) => `request left localhost: ${u}`), ...browser.errors);
      await browser.close();
    }
    browser = await launch({ profile });
    await browser.context.setOffline(offline);
    return browser.page;
  };
  try {
    // First visit.
    let page = await open();
    const first = await overview(page, preview.url);
    const installed = await waitFor(page, 'activated', (s) => s.active === 'activated' && s.controlled && s.caches.length === 1);
    check(installed.active === 'activated' && installed.controlled, `first visit: the service worker is activated and controls the page (${installed.active}, controlled ${installed.controlled})`);
    const cacheA = installed.caches[0];
    check(cacheA !== undefined && sameList(cacheA.paths, filesA), `its cache ${cacheA?.name} holds every file of dist/ (${cacheA?.paths.length} of ${filesA.length})`);
    const wasmBytes = await page.evaluate(async (p) => (await (await caches.match(`/${p}`))?.arrayBuffer())?.byteLength ?? 0, wasm!);
    check(wasmBytes === statSync(path.join(dist, wasm!)).size, `the cache holds the DuckDB wasm whole (${wasm}: ${wasmBytes} bytes)`);
    await manifestChecks(page, preview.url);

    // No server, no network.
    preview.stop();
    const down = await fetch(preview.url).then(() => false, () => true);
    page = await open(true);
    const response = await page.goto(preview.url, { waitUntil: 'load' });
    const offline = await overview(page, preview.url);
    check(down && response?.fromServiceWorker() === true, `with the preview server stopped and the browser offline, the page is served by the service worker (server down: ${down})`);
    check(offline === first, `the Overview shows the first visit's numbers (${offline})`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'offline-overview.png') });
    await page.getByTestId('nav-cost').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="cost-tile-value-"]').length > 0 && document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: TIMEOUT_MS })
      .then(() => check(true, 'the Cost page (its code not loaded before) opens offline with its figures'), () => check(false, 'the Cost page opens offline with its figures'));
    const parts = await page.evaluate(async (p) => {
      const range = await fetch(`/${p}`, { headers: { Range: 'bytes=0-3' } });
      const head = await fetch(`/${p}`, { method: 'HEAD' });
      return { status: range.status, bytes: [...new Uint8Array(await range.arrayBuffer())], contentRange: range.headers.get('content-range'), head: head.status };
    }, wasm!);
    check(parts.status === 206 && parts.bytes.join() === '0,97,115,109' && parts.contentRange === `bytes 0-3/${wasmBytes}` && parts.head === 200, `offline, a Range request gets its part of a cached file, a HEAD request its headers (${JSON.stringify(parts)})`);

    // Data loaded offline is kept, and opens offline.
    await page.goto(`${preview.url}?page=data`, { waitUntil: 'load' });
    await dropFiles(page, loadable.files);
    await page.getByTestId('load-result').waitFor({ timeout: TIMEOUT_MS });
    const kept = await page.waitForFunction(() => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-status') === 'stored', undefined, { timeout: TIMEOUT_MS }).then(() => true, () => false);
    check(kept, 'offline, generated CSVs dropped on the Data page are loaded and kept in this browser');
    page = await open(true);
    const stored = await overview(page, preview.url);
    check(stored.startsWith(`orders=${loadable.orders} `), `closed and reopened offline, the Overview shows the kept data's ${loadable.orders} orders (${stored})`);

    // A new build on the same origin.
    preview = await startPreview(distB, port);
    page = await open();
    await overview(page, preview.url);
    const found = await waitFor(page, 'waiting', (s) => s.waiting === 'installed');
    const cacheB = found.caches.find((c) => c.name !== cacheA?.name);
    check(found.waiting === 'installed' && found.build === null, `the open after the new build installs it and waits; the page runs the first build (waiting ${found.waiting}, build ${found.build})`);
    check(found.caches.length === 2 && cacheB !== undefined && sameList(cacheB.paths, filesB), `the new build is in a cache of its own, whole (${cacheB?.paths.length} of ${filesB.length} files), beside the first (${found.caches.length} caches)`);
    const reloaded = await overview(page, preview.url).then(() => workerState(page));
    check(reloaded.build === null && reloaded.waiting === 'installed', `a reload in that session still runs the first build (build ${reloaded.build}, new worker ${reloaded.waiting})`);

    // The waiting update, said on every page (the Overview first) and taken now with "Update now".
    await page.goto(preview.url, { waitUntil: 'load' });
    await page.getByTestId('app-update').waitFor({ timeout: TIMEOUT_MS }).catch(() => undefined);
    check((await page.getByTestId('app-update').count()) === 1, 'the Overview says an update is waiting too (not only the Data page)');
    await page.goto(`${preview.url}?page=data`, { waitUntil: 'load' });
    const note = page.getByTestId('app-update');
    await note.waitFor({ timeout: TIMEOUT_MS }).catch(() => undefined);
    const said = (await note.textContent().catch(() => '')) ?? '';
    check(said.includes('An update is ready') && said.includes('It is used when you next open the app'), `the Data page says an update is waiting: "${said}"`);
    const other = await (browser as Browser | null)!.context.newPage();
    await other.goto(preview.url, { waitUntil: 'load' });
    await page.getByTestId('app-update-now').click();
    const reason = page.getByTestId('app-update-reason');
    await reason.waitFor({ timeout: TIMEOUT_MS }).catch(() => undefined);
    const refused = (await reason.textContent().catch(() => '')) ?? '';
    const still = await workerState(page);
    check(refused.includes('1 other tab') && still.waiting === 'installed' && still.build === null, `Update now is refused while the app is open in another tab ("${refused}"; waiting ${still.waiting}, build ${still.build})`);
    await other.close();
    let loads = 0;
    page.on('load', () => (loads += 1));
    const reloaded1 = page.waitForEvent('load', { timeout: TIMEOUT_MS });
    await page.getByTestId('app-update-now').click();
    await reloaded1;
    const updated = await waitFor(page, 'updated', (s) => s.build === MARK && s.caches.length === 1 && s.waiting === null);
    check(updated.build === MARK && updated.active === 'activated' && updated.controlled, `with that tab closed, Update now reloads the page on the new build (build ${updated.build}, worker ${updated.active})`);
    check(loads === 1, `the page reloaded once (${loads})`);
    check(updated.caches.length === 1 && updated.caches[0]?.name === cacheB?.name, `and the first build's cache is removed (${updated.caches.map((c) => c.name).join(', ')})`);
    const next = await overview(page, preview.url);
    check(next === stored, `and the data kept in the browser (${next.split(' ')[0]})`);
    await page.goto(`${preview.url}?page=data`, { waitUntil: 'load' });
    await page.getByTestId('stored-data').waitFor({ timeout: TIMEOUT_MS });
    check((await page.getByTestId('app-update').count()) === 0, 'the Data page no longer says an update is waiting');

    // Turned off: a build made with VITE_OFFLINE=off removes the worker and its cache.
    preview.stop();
    preview = await startPreview(distOff, port);
    page = await open();
    await overview(page, preview.url);
    const removing = await waitFor(page, 'the removing worker waits', (s) => s.waiting === 'installed');
    check(removing.waiting === 'installed' && removing.build === MARK, `after a VITE_OFFLINE=off build, the next open still runs the cached build and its sw.js waits (build ${removing.build}, waiting ${removing.waiting})`);
    page = await open();
    const plain = await overview(page, preview.url);
    const gone = await waitFor(page, 'removed', (s) => s.active === null && s.waiting === null && s.caches.length === 0);
    const registered = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    check(registered === 0 && gone.caches.length === 0 && gone.build === null, `the open after that has no service worker and no cache, and runs the new build (registrations ${registered}, caches ${gone.caches.length})`);
    check(plain === stored, `the kept data is untouched (${plain.split(' ')[0]})`);

    checks.clean(browser as Browser | null, problems);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    checks.failures.push(String(e));
  } finally {
    await (browser as Browser | null)?.close();
    preview.stop();
    rmSync(work, { recursive: true, force: true });
  }
  checks.finish('offline-e2e');
}

void main();
