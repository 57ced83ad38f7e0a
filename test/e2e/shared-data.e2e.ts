/**
 * The browser and the CLI on the same real exports give the same results (a plain Node
 * script, run by `npm run test:e2e` after the build):
 *
 *   npx vite build && npx tsx test/e2e/shared-data.e2e.ts [--dist dist]
 *
 * For each shared data file that loads through a committed mapping (data/mappings/), the CLI
 * (`returns-insight analyze --mapping`, run here in-process) gives the reference: per-table
 * rows read, loaded, rejected and excluded, and the orders count of kpis. In headless
 * Chromium the same file is dropped on the Data page, the preset the app detects is checked,
 * the same mapping JSON is loaded in the mapping step, "Load all" is pressed, and the page's
 * accounting and the Overview's orders must equal the CLI's. No request may leave localhost.
 */
import { existsSync, readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { main as cli } from '../../src/cli/main';
import { readCsvObjects } from '../helpers/csv';
import { Checks } from './harness';
import { inBrowser } from './import-steps';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Beside the repository (../shared/data), as in the workspace CI clones it into elsewhere.
const SHARED = [path.resolve(ROOT, '../shared/data'), '/work/shared/data'].find((d) => existsSync(d)) ?? path.resolve(ROOT, '../shared/data');
const TIMEOUT_MS = 240_000;

interface Case {
  file: string;
  mapping: string;
  /** The preset the app should detect from the header, or null when none fits. */
  preset: string | null;
  /**
   * Counted from the raw file without this project's code (Python's csv module over the file):
   * the orders, and the data rows when the file loads into one row per record.
   */
  independent: { read?: number; orders: number };
}

const CASES: Case[] = [
  // 20,000 data rows; distinct InvoiceNo among the sale lines that load (non-C invoices,
  // positive quantity, product codes with a price): 8,935.
  { file: 'online_retail_sample/online_retail_sample_20k.csv', mapping: 'online_retail.json', preset: 'invoice_credit_notes', independent: { read: 20000, orders: 8935 } },
  // 10,000 distinct Order_ID (the mapping routes each record to several tables, so its
  // accounting counts more rows than records).
  { file: 'ecommerce_returns_synthetic/ecommerce_returns_synthetic_data.csv', mapping: 'ecommerce_returns_synthetic.json', preset: null, independent: { orders: 10000 } },
];

const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

interface Accounting {
  read: number;
  loaded: number;
  rejected: number;
  excluded: number;
}

/** The CLI's answer for one file: its accounting and the orders of kpis. */
async function reference(c: Case, work: string): Promise<{ file: Accounting; orders: number }> {
  const folder = path.join(work, 'in');
  mkdirSync(folder, { recursive: true });
  symlinkSync(path.join(SHARED, c.file), path.join(folder, path.basename(c.file)));
  const out = path.join(work, 'out');
  const code = await cli(['analyze', folder, '--out', out, '--quiet', '--mapping', path.join(ROOT, 'data/mappings', c.mapping)]);
  if (code !== 0) throw new Error(`the CLI failed on ${c.file} (exit ${code})`);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
    imports: { rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsExcluded: number }[];
  };
  const r = summary.imports[0]!;
  const kpis = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'))[0]!;
  return { file: { read: r.rowsRead, loaded: r.rowsLoaded, rejected: r.rowsRejected, excluded: r.rowsExcluded }, orders: Number(kpis.orders) };
}

async function dropFile(page: Page, file: string): Promise<void> {
  const text = readFileSync(path.join(SHARED, file), 'utf8');
  const name = path.basename(file);
  const dt = await page.evaluateHandle(([n, t]) => {
    const d = new DataTransfer();
    d.items.add(new File([t], n, { type: 'text/csv' }));
    return d;
  }, [name, text] as const);
  await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer: dt });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dt });
}

async function ordersShown(page: Page): Promise<number> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="kpi-cards"]')?.getAttribute('aria-busy') === 'false',
    undefined,
    { timeout: TIMEOUT_MS },
  );
  return Number(await page.locator('[data-testid="kpi-orders"] [data-value]').getAttribute('data-value'));
}

if (!existsSync(SHARED)) throw new Error(`The shared data is not at ${SHARED}`);

void inBrowser(checks, 'shared-data-e2e', async (page, url, work) => {
  for (const [i, c] of CASES.entries()) {
    const name = path.basename(c.file);
    const want = await reference(c, path.join(work, String(i)));
    console.log(`CLI on ${name}: ${JSON.stringify(want)}`);
    check(want.file.read === want.file.loaded + want.file.rejected + want.file.excluded, `CLI ${name}: read = loaded + rejected + excluded`);

    await page.goto(`${url}?page=data`, { waitUntil: 'load' });
    await page.getByTestId('file-loader').waitFor({ timeout: TIMEOUT_MS });
    await dropFile(page, c.file);
    const entry = page.locator(`[data-testid="batch-entry"][data-file="${name}"]`);
    await entry.waitFor({ timeout: 60_000 });
    const toggle = entry.getByTestId('entry-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const step = page.locator(`[data-testid="mapping-step"][data-file="${name}"]`);
    await step.waitFor({ timeout: 30_000 });
    const choice = await step.getByTestId('mapping-choice').inputValue();
    if (c.preset) check(choice === `preset:${c.preset}`, `${name}: the app detects the ${c.preset} preset (${choice})`);
    else check(!choice.startsWith('preset:'), `${name}: no preset claimed for it (${choice})`);

    await step.getByTestId('mapping-file-input').setInputFiles(path.join(ROOT, 'data/mappings', c.mapping));
    await step.getByTestId('mapping-origin').filter({ hasText: c.mapping }).waitFor({ timeout: 30_000 });
    const loadAll = page.getByTestId('load-all');
    await page.waitForFunction(() => !(document.querySelector('[data-testid="load-all"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 60_000 });
    await loadAll.click();
    const result = page.getByTestId('load-result');
    await result.waitFor({ timeout: TIMEOUT_MS });
    check((await result.getAttribute('data-replaced')) === 'true', `${name}: the batch replaced the data`);
    const li = page.locator(`[data-testid="file-results"] li[data-file="${name}"]`);
    const g = async (a: string) => Number(await li.getAttribute(`data-${a}`));
    const got: Accounting = { read: await g('read'), loaded: await g('loaded'), rejected: await g('rejected'), excluded: await g('excluded') };
    check(JSON.stringify(got) === JSON.stringify(want.file), `${name}: the page's accounting ${JSON.stringify(got)} = the CLI's ${JSON.stringify(want.file)}`);

    await page.getByTestId('nav-overview').click();
    const orders = await ordersShown(page);
    check(orders === want.orders, `${name}: Overview orders ${orders} = the CLI's kpis.orders ${want.orders}`);
    check(orders === c.independent.orders, `${name}: Overview orders ${orders} = ${c.independent.orders} counted from the raw file`);
    if (c.independent.read !== undefined) check(got.read === c.independent.read, `${name}: ${got.read} rows read = ${c.independent.read} data rows in the raw file`);
  }
});
