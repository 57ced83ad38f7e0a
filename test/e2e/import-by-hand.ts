import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { HAND_FIGURES, HAND_MAPPED_CSV, HAND_MAPPED_FILE as FILE, TEST_ACCOUNT } from '../helpers/hand-mapped-export';
import type { Checks } from './harness';
import { dropFiles, kpiValue, loadAll, mappingStep, openStep, previewCounts, waitForEntry } from './import-steps';

/**
 * A flat export (one row per order line; test/helpers/hand-mapped-export.ts) mapped BY HAND in
 * the page, no preset: order_lines with line_id = Row ID and unit_price = Sales ÷ Quantity, the
 * test account's rows left out with a reason, and products from the same file with repeated
 * SKUs merged. The JSON editor round trip: a value edited in the JSON shows in the controls;
 * a wrong value is named with its path. Then the loaded figures equal the hand-worked ones
 * and the repeated products are not counted as rejected.
 */
export async function mapFlatExportByHand(page: Page, work: string, checks: Checks, artifacts: string, timeout: number): Promise<void> {
  const check = (ok: boolean, what: string) => checks.check(ok, `by hand: ${what}`);
  const file = path.join(work, FILE);
  writeFileSync(file, HAND_MAPPED_CSV);
  await page.getByTestId('nav-data').click();
  await dropFiles(page, [file]);
  await waitForEntry(page, FILE);
  await openStep(page, FILE);
  const step = mappingStep(page, FILE);
  await step.getByTestId('mapping-choice').selectOption('custom:order_lines');
  const lines = step.locator('[data-testid="mapping-target"][data-target="0"]');
  const row = (target: Locator, column: string) => target.locator(`tr[data-column="${column}"]`);
  await row(lines, 'line_id').getByTestId('column-source').selectOption('col:Row ID');
  await row(lines, 'region').getByTestId('column-source').selectOption('__none__');
  // unit price = Sales ÷ Quantity: Sales is the line total.
  await row(lines, 'unit_price').getByTestId('column-source').selectOption('__calc__');
  await row(lines, 'unit_price').getByTestId('calc-a').selectOption('col:Sales');
  await row(lines, 'unit_price').getByTestId('calc-op').selectOption('divide');
  await row(lines, 'unit_price').getByTestId('calc-b').selectOption('col:Quantity');
  // Leave out the test account's orders, with the reason.
  await lines.getByTestId('exclusion-add').click();
  const rule = lines.getByTestId('exclusion').first();
  await rule.getByTestId('exclusion-test-column').selectOption(`col:${TEST_ACCOUNT.column}`);
  await rule.getByTestId('exclusion-test-is').selectOption('equals');
  await commit(rule.getByTestId('exclusion-test-value'), TEST_ACCOUNT.value);
  await commit(rule.getByTestId('exclusion-reason'), TEST_ACCOUNT.reason);
  // A second table from the same file: products, repeated SKUs merged.
  await step.getByTestId('add-target-table').selectOption('products');
  await step.getByTestId('add-target').click();
  const products = step.locator('[data-testid="mapping-target"][data-target="1"]');
  await products.waitFor({ timeout: 10_000 });
  check((await step.getByTestId('mapping-routing').inputValue()) === 'each', 'a second table with no filter takes every row (routing: each)');
  check((await row(products, 'sku').getByTestId('column-source').inputValue()) === 'col:Product ID', 'products.sku is suggested from Product ID');
  await products.getByTestId('target-duplicates').selectOption('first');
  await step.getByTestId('mapping-problems').waitFor({ state: 'detached', timeout: 10_000 });
  // A value map: the category "Office Supplies" becomes "Office" (the sampled values are listed to start from).
  await row(products, 'category').getByTestId('value-map-start').click();
  const office = row(products, 'category').locator('[data-testid="value-map-entry"][data-from="Office Supplies"]');
  await commit(office.getByTestId('value-map-to'), 'Office');
  // The whole-file rules, opened to look at their layout, then closed again.
  await step.getByTestId('fill-down-toggle').selectOption('on');
  await step.getByTestId('lookup-add').click();
  await step.getByTestId('mapping-file-rules').screenshot({ path: path.join(artifacts, 'import-by-hand-file-rules.png') });
  await step.getByTestId('fill-down-toggle').selectOption('off');
  await step.getByTestId('lookup').getByRole('button', { name: /Remove lookup/ }).click();
  await step.getByTestId('mapping-problems').waitFor({ state: 'detached', timeout: 10_000 });

  const p = await previewCounts(page, FILE);
  const rows = HAND_FIGURES.lines.read;
  check(p.read === 2 * rows && p.rejected === 0 && p.merged === HAND_FIGURES.products.merged && p.excluded === HAND_FIGURES.lines.excluded + HAND_FIGURES.products.excluded, `preview of both tables: ${JSON.stringify(p)}`);
  const shown = async (table: string) => step.locator(`[data-testid="preview-rows-${table}"] tbody tr`).count();
  check((await shown('order_lines')) === HAND_FIGURES.lines.loaded && (await shown('products')) === HAND_FIGURES.products.loaded, 'the preview shows the rows of both tables');
  const categories = await step.locator('[data-testid="preview-rows-products"] tbody tr td:nth-child(3)').allTextContents();
  check(JSON.stringify(categories) === JSON.stringify(['Furniture', 'Office', 'Technology']), `the value map shows in the preview (${categories.join(', ')})`);
  const productsAccount = (await step.getByTestId('preview-account-products').textContent()) ?? '';
  check(/products: 8 read = 3 would load \+ 5 merged \+ 0 rejected \+ 0 excluded/.test(productsAccount), `the preview accounts for each table ("${productsAccount}")`);
  const priceCol = await step.locator('[data-testid="preview-rows-order_lines"] thead th').allTextContents();
  const firstLine = await step.locator('[data-testid="preview-rows-order_lines"] tbody tr').first().locator('td').allTextContents();
  check(firstLine[priceCol.indexOf('unit_price')] === '30', `line 1's unit price is 90.00 ÷ 3 = 30 (${firstLine[priceCol.indexOf('unit_price')]})`);
  await page.screenshot({ path: path.join(artifacts, 'import-by-hand.png'), fullPage: true });
  await step.screenshot({ path: path.join(artifacts, 'import-by-hand-step.png') });

  // Edit as JSON: a wrong value is named with its path; an edited reason shows in the controls.
  await step.getByTestId('mapping-json-toggle').click();
  const text = step.getByTestId('mapping-json-text');
  const json = JSON.parse(await text.inputValue()) as { routing?: string; files?: string[]; targets: { exclude?: { reason: string }[] }[] };
  check(json.files?.[0] === FILE && json.targets.length === 2, `the JSON is the whole mapping, naming its file (${json.files?.join(', ')})`);
  await text.fill(JSON.stringify({ ...json, routing: 'sometimes' }, null, 2));
  const errors = (await step.getByTestId('mapping-json-errors').textContent()) ?? '';
  check(/routing: must be 'first' or 'each'/.test(errors) && (await step.getByTestId('mapping-json-apply').isDisabled()), `a wrong value is refused with its path ("${errors}")`);
  json.targets[0]!.exclude![0]!.reason = 'staff test orders';
  await text.fill(JSON.stringify(json, null, 2));
  await step.getByTestId('mapping-json-errors').waitFor({ state: 'detached', timeout: 5_000 });
  await step.screenshot({ path: path.join(artifacts, 'import-by-hand-json.png') });
  await step.getByTestId('mapping-json-apply').click();
  const reason = await lines.getByTestId('exclusion-reason').inputValue();
  check(reason === 'staff test orders', `the reason edited in the JSON shows in the controls ("${reason}")`);
  check((await row(lines, 'unit_price').getByTestId('calc-b').inputValue()) === 'col:Quantity', 'the calculation is still shown as Sales ÷ Quantity');

  check(await loadAll(page, timeout), 'the batch replaced the data');
  const li = page.locator(`[data-testid="file-results"] li[data-file="${FILE}"]`);
  // The reasons arrive after the accounting.
  await page.waitForFunction((f) => /Excluded:/.test(document.querySelector(`[data-testid="file-results"] li[data-file="${f}"]`)?.textContent ?? ''), FILE, { timeout: 30_000 }).catch(() => undefined);
  const notes = (await li.textContent()) ?? '';
  check(/staff test orders \(1\)/.test(notes) && !/Rejected:/.test(notes), `the exclusion is reported with its reason, no row rejected ("${notes.slice(notes.indexOf("Excluded:"))}")`);
  for (const [table, want] of [['order_lines', HAND_FIGURES.lines], ['products', HAND_FIGURES.products]] as const) {
    const tr = page.locator(`[data-testid="loaded-tables"] tr[data-table="${table}"]`);
    await tr.waitFor({ timeout });
    const c = (await tr.locator('td').allTextContents()).slice(1, 6).map(Number);
    check(JSON.stringify(c) === JSON.stringify([want.read, want.loaded, want.rejected, want.excluded, want.merged]), `${table}: read, loaded, rejected, excluded, merged = ${c.join(', ')} (repeated products merged, not rejected)`);
  }
  await page.screenshot({ path: path.join(artifacts, 'import-by-hand-loaded.png'), fullPage: true });
  await page.getByTestId('nav-overview').click();
  for (const [key, want] of [['orders', HAND_FIGURES.orders], ['units_sold', HAND_FIGURES.units], ['gross_sales', HAND_FIGURES.grossSales]] as const) {
    await page.waitForFunction(([k, w]) => Math.abs(Number(document.querySelector(`[data-testid="kpi-${k}"] [data-value]`)?.getAttribute('data-value')) - w) < 1e-6, [key, want] as const, { timeout }).catch(() => undefined);
    const v = await kpiValue(page, key, timeout);
    check(Math.abs(v - want) < 1e-6, `Overview ${key} ${v} = ${want} worked out by hand`);
  }
}

/** Types into a text field that commits on Enter. */
async function commit(input: Locator, value: string): Promise<void> {
  await input.fill(value);
  await input.press('Enter');
}
