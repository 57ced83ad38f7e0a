/**
 * End-to-end test of an Excel workbook in the built app (a plain Node script, not vitest):
 *
 *   npx vite build && npx tsx test/e2e/excel.e2e.ts [--dist dist]
 *
 * Generated data (1,000 orders) is written as one workbook, shop.xlsx, whose sheets are named
 * after the canonical tables and hold Excel dates and numbers (test/helpers/workbook.ts). The
 * CLI analyzes a folder holding it; in headless Chromium, under the build's Content-Security-
 * Policy (SheetJS must run without eval: any CSP violation is a console error and fails the
 * run), the workbook is dropped on the Data page: each sheet becomes an entry that loads
 * directly, "Load all" replaces the data, and the Overview's order count equals the CLI's and
 * the 1,000 orders generated (counted here from order_lines.csv with a plain CSV reader).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { parseCsv } from '../helpers/csv';
import { typedRows, workbookBytes } from '../helpers/workbook';
import { Checks, ROOT } from './harness';
import { batchEntry, dropFiles, inBrowser, kpiValue, loadAll, waitForEntry } from './import-steps';

const TABLES = ['order_lines', 'products', 'shipments', 'returns', 'reviews'];
const TIMEOUT_MS = 180_000;
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

void inBrowser(checks, 'excel-e2e', async (page, url, work) => {
  const csvDir = path.join(work, 'csv');
  const bookDir = path.join(work, 'book');
  const gen = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/generator/cli.ts'), '--orders', '1000', '--seed', '21', '--out', csvDir], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(`generator failed: ${gen.stderr}`);
  mkdirSync(bookDir);
  const book = path.join(bookDir, 'shop.xlsx');
  writeFileSync(book, workbookBytes(Object.fromEntries(TABLES.map((t) => [t, typedRows(readFileSync(path.join(csvDir, `${t}.csv`), 'utf8'))]))));
  const [header, ...lines] = parseCsv(readFileSync(path.join(csvDir, 'order_lines.csv'), 'utf8'));
  const byHand = new Set(lines.map((r) => r[header!.indexOf('order_id')])).size;

  const out = path.join(work, 'out');
  check((await main(['analyze', bookDir, '--out', out, '--quiet'])) === 0, 'the CLI analyzes the folder holding the workbook');
  const [kh, kv] = parseCsv(readFileSync(path.join(out, 'kpis.csv'), 'utf8'));
  const cliOrders = Number(kv![kh!.indexOf('orders')]);

  await page.goto(`${url}?page=data`, { waitUntil: 'load' });
  await page.getByTestId('file-loader').waitFor({ timeout: TIMEOUT_MS });
  await dropFiles(page, [book]);
  for (const t of TABLES) {
    const name = `shop.xlsx \u203a ${t}`;
    await waitForEntry(page, name);
    const text = (await batchEntry(page, name).textContent()) ?? '';
    check(text.includes(`loads directly into ${t}`), `${name}: a sheet of the dropped workbook, loads directly into ${t}`);
  }
  check(await loadAll(page, TIMEOUT_MS), 'the workbook\'s sheets replaced the data');
  await page.getByTestId('nav-overview').click();
  const shown = await kpiValue(page, 'orders', TIMEOUT_MS);
  check(shown === cliOrders, `Overview orders ${shown} = the CLI's kpis.orders ${cliOrders}`);
  check(shown === byHand, `Overview orders ${shown} = ${byHand} counted from the generated order_lines.csv`);
});
