/**
 * Browser smoke test of the built app (a plain Node script, not vitest):
 *
 *   npm run build && npx tsx test/e2e/smoke.e2e.ts [--url http://127.0.0.1:4173/]
 *
 * Without --url (or SMOKE_URL) it serves the built dist/ with `vite preview` on a free port.
 * It fails (exit 1) when the page requests anything from another host, logs an error, does
 * not show the KPI numbers, shows an order count different from the one computed here from
 * data/demo/order_lines.csv, or draws no chart. Screenshots go to test-artifacts/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { parseCsv } from '../helpers/csv';
import { Checks, inPage, isExpectedAbort, isLocal, sharedBrowser, startPreview } from './harness';
import { waitForKpis } from './kpi-cards';
import { securityChecks } from './security-checks';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const TIMEOUT_MS = 180_000;

const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** What the app must show, computed from the demo CSV without DuckDB or any app code. */
function expectedFromCsv(): {
  orders: number;
  channel: string | null;
  channelOrders: number;
  /** A cut date (the middle order date) and the channel's orders placed on or after it. */
  cut: string | null;
  channelOrdersFromCut: number;
} {
  const rows = parseCsv(readFileSync(path.join(ROOT, 'data/demo/order_lines.csv'), 'utf8'));
  const header = rows.shift()!.map((h) => h.trim().toLowerCase());
  const id = header.indexOf('order_id');
  const ch = header.indexOf('channel');
  const dt = header.indexOf('order_date');
  if (id < 0) throw new Error('data/demo/order_lines.csv has no order_id column');
  const dates = [...new Set(rows.map((r) => r[dt]?.trim().slice(0, 10) ?? '').filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
  const cut = dates[Math.floor(dates.length / 2)] ?? null;
  const all = new Set<string>();
  const byChannel = new Map<string, Set<string>>();
  for (const r of rows) {
    const order = r[id]?.trim();
    if (!order) continue;
    all.add(order);
    const c = ch >= 0 ? r[ch]?.trim() : undefined;
    if (c) {
      if (!byChannel.has(c)) byChannel.set(c, new Set());
      byChannel.get(c)!.add(order);
    }
  }
  const channel = [...byChannel.keys()].sort()[0] ?? null;
  const fromCut = new Set<string>();
  for (const r of rows) {
    if (channel && cut && r[ch]?.trim() === channel && (r[dt]?.trim().slice(0, 10) ?? '') >= cut) fromCut.add(r[id]!.trim());
  }
  return {
    orders: all.size,
    channel,
    channelOrders: channel ? byChannel.get(channel)!.size : 0,
    cut,
    channelOrdersFromCut: fromCut.size,
  };
}

/**
 * The demo's order lines as a JSON file (numbers as JSON numbers), dropped on the Data page:
 * JSON is read without code generation, which the page's CSP forbids (Arrow's builder used
 * it, so no JSON file could load in the page). Every row loads and the orders are the CSV's.
 */
async function jsonLoadCheck(page: Page, url: string, orders: number): Promise<void> {
  const rows = parseCsv(readFileSync(path.join(ROOT, 'data/demo/order_lines.csv'), 'utf8')).filter((r) => r.some((c) => c !== ''));
  const header = rows.shift()!;
  const numeric = new Set(['quantity', 'unit_price']);
  const records = rows.map((r) => `{${header.map((h, i) => `${JSON.stringify(h)}:${numeric.has(h) && r[i] ? r[i] : JSON.stringify(r[i] ?? null)}`).join(',')}}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'ri-json-'));
  const file = path.join(dir, 'order_lines.json');
  writeFileSync(file, `[\n${records.join(',\n')}\n]\n`);
  try {
    const dataUrl = new URL(url);
    dataUrl.searchParams.set('page', 'data');
    await page.goto(dataUrl.toString(), { waitUntil: 'load' });
    await page.getByTestId('file-input').setInputFiles(file);
    const result = page.getByTestId('load-result');
    await result.waitFor({ timeout: TIMEOUT_MS });
    const line = page.locator('[data-testid="file-results"] li[data-file="order_lines.json"]');
    const [read, loaded] = await Promise.all(['read', 'loaded'].map(async (a) => Number(await line.getAttribute(`data-${a}`))));
    check(
      (await result.getAttribute('data-replaced')) === 'true' && read === rows.length && loaded === rows.length,
      `order_lines.json loads in the page: ${read} read, ${loaded} loaded of ${rows.length} (${(await result.innerText()).split('\n')[0]})`,
    );
    await inPage(page, '');
    const kpi = await waitForKpis(page);
    check(Number(kpi.value) === orders, `from the JSON file: orders ${kpi.value} = ${orders} in the CSV`);

    // The same records as NDJSON under a name of its own: the mapping step reads it first.
    const mapped = path.join(dir, 'shop-export.ndjson');
    writeFileSync(mapped, records.join('\n') + '\n');
    await page.goto(dataUrl.toString(), { waitUntil: 'load' });
    await page.getByTestId('file-input').setInputFiles(mapped);
    const entry = page.locator('[data-testid="batch-entry"][data-file="shop-export.ndjson"]');
    await page
      .waitForFunction(() => document.querySelector('[data-testid="batch-entry"][data-ready], [data-testid="entry-error"]') !== null, undefined, { timeout: 60_000 })
      .catch(() => undefined);
    const problem = (await entry.getByTestId('entry-error').count()) ? await entry.getByTestId('entry-error').innerText() : '';
    check((await entry.getAttribute('data-ready')) === 'true' && problem === '', `shop-export.ndjson is read by the mapping step${problem ? `: ${problem}` : ''}`);
    await page.getByTestId('load-all').click();
    await result.waitFor({ timeout: TIMEOUT_MS });
    const mappedLine = page.locator('[data-testid="file-results"] li[data-file="shop-export.ndjson"]');
    const mappedLoaded = Number(await mappedLine.getAttribute('data-loaded'));
    check(mappedLoaded === rows.length, `shop-export.ndjson loads through the mapping: ${mappedLoaded} of ${rows.length} (${(await result.innerText()).split('\n')[0]})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const expected = expectedFromCsv();
  console.log(
    `expected from the CSV: ${expected.orders} orders; channel ${expected.channel}: ${expected.channelOrders}, from ${expected.cut}: ${expected.channelOrdersFromCut}`,
  );
  const given = process.argv.indexOf('--url');
  const preview = given > 0 || process.env.SMOKE_URL ? null : await startPreview();
  const url = given > 0 ? process.argv[given + 1]! : (process.env.SMOKE_URL ?? preview!.url);
  mkdirSync(ARTIFACTS, { recursive: true });
  // A fresh context in the shared Chromium: its own storage, like a new profile.
  const context = await (await sharedBrowser()).newContext({ viewport: { width: 1440, height: 1100 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const foreign: string[] = [];
    const errors: string[] = [];
    context.on('request', (req) => {
      if (!isLocal(req.url())) foreign.push(req.url());
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => {
      if (!isExpectedAbort(r)) errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });

    // Light, following the system preference.
    await page.emulateMedia({ colorScheme: 'light' });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    const kpi = await waitForKpis(page);
    console.log(`KPIs shown after ${Date.now() - t0} ms: orders "${kpi.text}" (data-value ${kpi.value})`);
    check(Number(kpi.value) === expected.orders, `orders value ${kpi.value} = ${expected.orders} distinct order_ids in the CSV`);
    check(Number(kpi.text.replace(/\D/g, '')) === expected.orders, `orders text "${kpi.text}" shows ${expected.orders}`);
    check((await page.getByTestId('data-source').textContent()) === 'Demo data', 'header names the data source "Demo data"');
    for (const k of ['units_sold', 'gross_sales', 'unit_return_rate', 'order_return_rate', 'returned_value', 'refund_amount', 'median_days_to_refund']) {
      const t = (await page.locator(`[data-testid="kpi-${k}"] [data-value]`).textContent()) ?? '';
      check(/\d/.test(t), `KPI ${k} shows a number ("${t}")`);
    }

    // Tremor draws each bar as a <rect> inside recharts' bar-rectangle group (a line chart: a curve path).
    const marks = (panel: string) =>
      page.locator(`[data-testid="${panel}"] svg.recharts-surface :is(.recharts-bar-rectangle rect, path.recharts-line-curve)`);
    const bars = marks('panel-trend');
    await bars.first().waitFor({ timeout: 30_000 }).catch(() => undefined);
    check((await bars.count()) > 0, `return trend chart draws bars (${await bars.count()})`);
    const reasonBars = marks('panel-reasons');
    check((await reasonBars.count()) > 0, `reasons chart draws bars (${await reasonBars.count()})`);
    const skuRows = page.locator('[data-testid="worst-skus"] tbody tr');
    check((await skuRows.count()) > 0, `worst SKUs table has rows (${await skuRows.count()})`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'smoke-light.png'), fullPage: true });

    // Dark, following prefers-color-scheme (no toggle clicked).
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark'), undefined, { timeout: 5_000 }).catch(() => undefined);
    check(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'dark class follows prefers-color-scheme');
    await page.screenshot({ path: path.join(ARTIFACTS, 'smoke-dark.png'), fullPage: true });
    // The toggle overrides the system: system → light (while the system is dark).
    await page.getByTestId('theme-toggle').click();
    check(!(await page.evaluate(() => document.documentElement.classList.contains('dark'))), 'theme toggle switches to light');
    await page.getByTestId('theme-toggle').click(); // dark
    await page.getByTestId('theme-toggle').click(); // back to system

    // A filter in the URL: the orders of one channel, counted independently too.
    if (expected.channel) {
      await page.emulateMedia({ colorScheme: 'light' });
      const filtered = new URL(url);
      filtered.searchParams.set('channel', expected.channel);
      await page.goto(filtered.toString(), { waitUntil: 'load' });
      const f = await waitForKpis(page);
      check(
        Number(f.value) === expected.channelOrders,
        `?channel=${expected.channel}: orders ${f.value} = ${expected.channelOrders} in the CSV`,
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'smoke-filtered.png'), fullPage: true });

      // Typing a date in the filter bar updates the URL and the numbers; Back restores both.
      if (expected.cut) {
        await page.getByTestId('filter-date-from').fill(expected.cut);
        await page.waitForURL((u) => u.searchParams.get('date_from') === expected.cut, { timeout: 10_000 });
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="kpi-orders"] [data-value]')?.getAttribute('data-value') === String(n),
          expected.channelOrdersFromCut,
          { timeout: 30_000 },
        ).catch(() => undefined);
        const d = await waitForKpis(page);
        check(
          Number(d.value) === expected.channelOrdersFromCut,
          `date_from=${expected.cut} typed: orders ${d.value} = ${expected.channelOrdersFromCut} in the CSV; URL ${new URL(page.url()).search}`,
        );
        await page.goBack();
        await page.waitForFunction(
          (n) => document.querySelector('[data-testid="kpi-orders"] [data-value]')?.getAttribute('data-value') === String(n),
          expected.channelOrders,
          { timeout: 30_000 },
        ).catch(() => undefined);
        const back = await waitForKpis(page);
        check(
          Number(back.value) === expected.channelOrders && !new URL(page.url()).searchParams.has('date_from'),
          `Back: URL ${new URL(page.url()).search}, orders ${back.value} = ${expected.channelOrders}`,
        );
      }
    }

    // Too large for the page: a 250 MB Parquet file (≈ 1.1 GB of CSV) is refused before it is
    // read, with the limit and the command line named, and the loaded data stays. The file is
    // sparse: Chromium gets its path, and nothing reads it.
    {
      const dir = mkdtempSync(path.join(tmpdir(), 'ri-big-'));
      const big = path.join(dir, 'order_lines.parquet');
      writeFileSync(big, '');
      truncateSync(big, 250 * 1024 ** 2);
      const dataUrl = new URL(url);
      dataUrl.searchParams.set('page', 'data');
      await page.goto(dataUrl.toString(), { waitUntil: 'load' });
      await page.getByTestId('file-input').setInputFiles(big);
      const refusal = page.getByText(/too large for this page/i).first();
      await refusal.waitFor({ timeout: 30_000 }).catch(() => undefined);
      const text = (await refusal.isVisible()) ? ((await refusal.textContent()) ?? '') : '';
      check(/4 GB/.test(text) && /--engine native/.test(text), `too-large batch refused with the limit and the CLI named ("${text.slice(0, 120)}…")`);
      const source = await page.getByTestId('data-source').textContent();
      check(source === 'Demo data', `after the refusal the demo data is still the data (header: "${source}")`);
      rmSync(dir, { recursive: true, force: true });
    }

    await jsonLoadCheck(page, url, expected.orders);
    if (!preview) console.log('security headers: skipped (they are checked on the local preview of dist/)');
    else await securityChecks(context, url, check);

    // The demo's first screen comes whole from the build's snapshot (src/build/demo-snapshot.ts):
    // with DuckDB's wasm blocked, the Overview still shows every panel, with the CSV's figures.
    // A panel missing from src/build/first-screen.ts would wait for the database forever here.
    // The files loaded above are kept in this context's storage and would open instead of the demo:
    // "Forget this data" first.
    {
      const dataUrl = new URL(url);
      dataUrl.searchParams.set('page', 'data');
      await page.goto(dataUrl.toString(), { waitUntil: 'load' });
      await page.getByTestId('storage-status').waitFor({ timeout: TIMEOUT_MS });
      // Kept only if its copy was written before the page moved on (a reload cuts it short).
      if ((await page.getByTestId('forget-data').count()) > 0) await page.getByTestId('forget-data').click({ timeout: TIMEOUT_MS });
      await page.waitForFunction(() => document.querySelector('[data-testid="storage-status"]')?.getAttribute('data-status') === 'none', undefined, { timeout: TIMEOUT_MS });
    }
    {
      const cold = await context.newPage();
      await cold.route(/\.wasm$/, (r) => r.abort());
      await cold.goto(url, { waitUntil: 'load' });
      const first = await waitForKpis(cold);
      check(Number(first.value) === expected.orders, `without the database: orders ${first.value} = ${expected.orders} (from the build's snapshot)`);
      const settled = await cold
        .waitForFunction(() => document.querySelectorAll('[data-testid="page-overview"] [aria-busy="true"]').length === 0, undefined, { timeout: 20_000 })
        .then(() => true, () => false);
      const busy = await cold.locator('[data-testid="page-overview"] [aria-busy="true"]').count();
      check(settled, `without the database: every Overview panel answered (${busy} still busy)`);
      const bars = await cold.locator('[data-testid="page-overview"] .recharts-bar-rectangle').count();
      check(bars > 0, `without the database: the Overview's charts draw (${bars} bars)`);
      await cold.close();
    }

    check(foreign.length === 0, `no request left localhost${foreign.length ? `: ${foreign.join(', ')}` : ''}`);
    check(errors.length === 0, `no page or console errors${errors.length ? `:\n  ${errors.join('\n  ')}` : ''}`);
  } finally {
    await context.close();
    preview?.stop();
  }
  console.log(`screenshots: ${ARTIFACTS}/smoke-{light,dark,filtered}.png`);
  checks.finish('e2e');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  checks.failures.push(String(e));
  checks.finish('e2e');
});
