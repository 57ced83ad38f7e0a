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
 *
 * AdventureWorks (products, three sales years, returns without an order id, and the
 * categories, subcategories and territories lists their mappings look values up in) is one
 * batch: the CLI (`analyze --mapping` with the three committed mappings) gives the accounting
 * per file (summary.json imports) and per lookup file (the imports' lookups) and kpis.csv; in
 * the browser the eight files are dropped together, the committed mapping is loaded for each
 * data file, the three lists must come up as "Lookup only, not loaded", "Load all" is
 * pressed, and every file's accounting and the Overview's orders, units sold, gross sales and
 * unit return rate must equal the CLI's and figures computed from the raw files.
 *
 *   --only adventureworks   runs just that batch
 */
import { existsSync, readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { main as cli } from '../../src/cli/main';
import { readCsvObjects } from '../helpers/csv';
import { Checks } from './harness';
import { batchEntry, dropFiles, fileAccounting, inBrowser, kpiValue, loadAll, mappingStep, openStep, waitForEntry, type Accounting } from './import-steps';

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


/** The CLI's answer for one file: its accounting and the orders of kpis. */
async function reference(c: Case, work: string): Promise<{ file: Accounting; orders: number }> {
  const folder = path.join(work, 'in');
  mkdirSync(folder, { recursive: true });
  symlinkSync(path.join(SHARED, c.file), path.join(folder, path.basename(c.file)));
  const out = path.join(work, 'out');
  const code = await cli(['analyze', folder, '--out', out, '--quiet', '--mapping', path.join(ROOT, 'data/mappings', c.mapping)]);
  if (code !== 0) throw new Error(`the CLI failed on ${c.file} (exit ${code})`);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
    imports: { rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsExcluded: number; rowsMerged: number }[];
  };
  const r = summary.imports[0]!;
  const kpis = readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'))[0]!;
  return { file: { read: r.rowsRead, loaded: r.rowsLoaded, rejected: r.rowsRejected, excluded: r.rowsExcluded, merged: r.rowsMerged }, orders: Number(kpis.orders) };
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

const AW = 'adventureworks';
const AW_MAPPED: Record<string, string> = {
  'AdventureWorks_Products.csv': 'adventureworks_products.json',
  'AdventureWorks_Sales_2015.csv': 'adventureworks_sales.json',
  'AdventureWorks_Sales_2016.csv': 'adventureworks_sales.json',
  'AdventureWorks_Sales_2017.csv': 'adventureworks_sales.json',
  'AdventureWorks_Returns.csv': 'adventureworks_returns.json',
};
const AW_LISTS = ['AdventureWorks_Product_Categories.csv', 'AdventureWorks_Product_Subcategories.csv', 'AdventureWorks_Territories.csv'];
/**
 * Computed from the raw files with Python's csv and decimal modules (not this project's code):
 * rows per file; sales rows whose ProductKey is in Products (all but the last row of 2017):
 * 25,164 distinct OrderNumber, Σ OrderQuantity 84,174, Σ OrderQuantity × ProductPrice
 * 24,914,586.8193; Σ ReturnQuantity 1,828, so the unit return rate is 1,828 / 84,174
 * (Bikes 429 / 13,929, Clothing 269 / 12,436, Accessories 1,130 / 57,809).
 */
const AW_RAW = {
  rows: {
    'AdventureWorks_Products.csv': 293, 'AdventureWorks_Sales_2015.csv': 2630, 'AdventureWorks_Sales_2016.csv': 23935, 'AdventureWorks_Sales_2017.csv': 29482,
    'AdventureWorks_Returns.csv': 1809, 'AdventureWorks_Product_Categories.csv': 4, 'AdventureWorks_Product_Subcategories.csv': 37, 'AdventureWorks_Territories.csv': 10,
  } as Record<string, number>,
  kpis: { orders: 25164, units_sold: 84174, gross_sales: 24914586.8193, unit_return_rate: 1828 / 84174 } as Record<string, number>,
};

interface LookupAccount {
  file: string;
  rowsRead: number;
  keys: number;
  rowsUnreadable: number;
  emptyKeyRows: number;
  duplicateKeyRows: number;
}

/** The CLI on the AdventureWorks batch: accounting per data file and per lookup file, and kpis. */
async function awReference(work: string): Promise<{ files: Record<string, Accounting>; kpis: Record<string, string> }> {
  const folder = path.join(work, 'in');
  mkdirSync(folder, { recursive: true });
  for (const f of [...Object.keys(AW_MAPPED), ...AW_LISTS]) symlinkSync(path.join(SHARED, AW, f), path.join(folder, f));
  const out = path.join(work, 'out');
  const mappings = [...new Set(Object.values(AW_MAPPED))].flatMap((m) => ['--mapping', path.join(ROOT, 'data/mappings', m)]);
  const code = await cli(['analyze', folder, '--out', out, '--quiet', ...mappings]);
  if (code !== 0) throw new Error(`the CLI failed on AdventureWorks (exit ${code})`);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as {
    imports: { file: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsExcluded: number; rowsMerged: number; lookups?: LookupAccount[] }[];
    lookupFiles: string[];
  };
  const files: Record<string, Accounting> = {};
  for (const r of summary.imports) {
    files[r.file] = { read: r.rowsRead, loaded: r.rowsLoaded, rejected: r.rowsRejected, excluded: r.rowsExcluded, merged: r.rowsMerged };
    // A lookup file as its lookup read it: entries (keys) + rows without a key or unreadable + repeated keys.
    for (const l of r.lookups ?? []) {
      if (!summary.lookupFiles.includes(l.file) || files[l.file]) continue;
      files[l.file] = { read: l.rowsRead, loaded: l.keys, rejected: l.rowsUnreadable + l.emptyKeyRows, excluded: l.duplicateKeyRows, merged: 0 };
    }
  }
  return { files, kpis: readCsvObjects(readFileSync(path.join(out, 'kpis.csv'), 'utf8'))[0]! };
}

async function adventureWorks(page: Page, url: string, work: string): Promise<void> {
  const want = await awReference(work);
  console.log(`CLI on AdventureWorks: ${JSON.stringify(want.files)}`);
  const all = [...Object.keys(AW_MAPPED), ...AW_LISTS];
  for (const f of all) {
    const a = want.files[f];
    check(a !== undefined && a.read === a.loaded + a.merged + a.rejected + a.excluded && a.read === AW_RAW.rows[f], `CLI ${f}: ${JSON.stringify(a)} adds up, ${AW_RAW.rows[f]} rows in the raw file`);
  }

  await page.goto(`${url}?page=data`, { waitUntil: 'load' });
  await page.getByTestId('file-loader').waitFor({ timeout: TIMEOUT_MS });
  await dropFiles(page, all.map((f) => path.join(SHARED, AW, f)));
  for (const f of all) await waitForEntry(page, f);
  for (const [f, m] of Object.entries(AW_MAPPED)) {
    await openStep(page, f);
    const step = mappingStep(page, f);
    await step.getByTestId('mapping-file-input').setInputFiles(path.join(ROOT, 'data/mappings', m));
    await step.getByTestId('mapping-origin').filter({ hasText: m }).waitFor({ timeout: 30_000 });
  }
  for (const f of AW_LISTS) {
    const entry = batchEntry(page, f);
    const preselected = (await entry.getAttribute('data-lookup-only')) === 'true';
    check(preselected, `${f}: "Lookup only, not loaded" is preselected (a loaded mapping looks values up in it)`);
    if (!preselected) await entry.getByTestId('entry-lookup-only').check();
  }
  for (const f of Object.keys(AW_MAPPED)) check((await batchEntry(page, f).getAttribute('data-lookup-only')) === null, `${f}: loads (not lookup only)`);
  check(await loadAll(page, TIMEOUT_MS), 'AdventureWorks: the batch replaced the data');
  for (const f of all) {
    const got = await fileAccounting(page, f);
    check(JSON.stringify(got) === JSON.stringify(want.files[f]), `${f}: the page's ${JSON.stringify(got)} = the CLI's ${JSON.stringify(want.files[f])}`);
    check(got.read === got.loaded + got.merged + got.rejected + got.excluded && got.read === AW_RAW.rows[f], `${f}: read = loaded + merged + rejected + excluded, ${AW_RAW.rows[f]} rows in the raw file`);
  }
  for (const f of AW_LISTS) {
    const text = (await page.locator(`[data-testid="file-results"] li[data-file="${f}"]`).textContent()) ?? '';
    check(/Lookup only, not loaded/.test(text), `${f}: shown as a lookup-only file ("${text.slice(0, 100)}")`);
  }

  await page.getByTestId('nav-overview').click();
  for (const key of ['orders', 'units_sold', 'gross_sales', 'unit_return_rate']) {
    const shown = await kpiValue(page, key, TIMEOUT_MS);
    const cliValue = Number(want.kpis[key]);
    check(Math.abs(shown - cliValue) < 1e-6, `AdventureWorks: Overview ${key} ${shown} = the CLI's ${cliValue}`);
    // Exact decimals in Python; the engine sums doubles (24,914,586.819303 for gross sales): within 1e-4.
    check(Math.abs(shown - AW_RAW.kpis[key]!) < 1e-4, `AdventureWorks: Overview ${key} ${shown} = ${AW_RAW.kpis[key]} computed from the raw files`);
  }
}

if (!existsSync(SHARED)) throw new Error(`The shared data is not at ${SHARED}`);
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

void inBrowser(checks, 'shared-data-e2e', async (page, url, work) => {
  if (!only || only === AW) await adventureWorks(page, url, path.join(work, AW));
  for (const [i, c] of CASES.entries()) {
    if (only) continue;
    const name = path.basename(c.file);
    const want = await reference(c, path.join(work, String(i)));
    console.log(`CLI on ${name}: ${JSON.stringify(want)}`);
    check(want.file.read === want.file.loaded + want.file.merged + want.file.rejected + want.file.excluded, `CLI ${name}: read = loaded + merged + rejected + excluded`);

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
    const got: Accounting = { read: await g('read'), loaded: await g('loaded'), rejected: await g('rejected'), excluded: await g('excluded'), merged: await g('merged') };
    check(JSON.stringify(got) === JSON.stringify(want.file), `${name}: the page's accounting ${JSON.stringify(got)} = the CLI's ${JSON.stringify(want.file)}`);

    await page.getByTestId('nav-overview').click();
    const orders = await ordersShown(page);
    check(orders === want.orders, `${name}: Overview orders ${orders} = the CLI's kpis.orders ${want.orders}`);
    check(orders === c.independent.orders, `${name}: Overview orders ${orders} = ${c.independent.orders} counted from the raw file`);
    if (c.independent.read !== undefined) check(got.read === c.independent.read, `${name}: ${got.read} rows read = ${c.independent.read} data rows in the raw file`);
  }
});
