/**
 * The merchandiser's questions on the demo data in headless Chromium (one browser, one build):
 * "which product, which size, and why" and "product or supplier?" (issue 16, items 2, 4, 5, 6).
 *   - product names (not only SKU codes) in the Products ranking and in its drill-down;
 *   - parent products with their size breakdown: a demo shoe's sizes as product_sizes gives them;
 *   - clicking a review term shows the texts that contain it (the URL keeps the choice);
 *   - the SKU detail shows the supplier and both baselines (category over every supplier, the
 *     supplier's own rate), and a supplier filter does not turn the category baseline into the
 *     supplier's own rate;
 *   - the Suppliers scorecard, its side-by-side defect chart and the Products → Supplier tab list
 *     suppliers in the same order.
 * Expected figures come from the same SQL run in Node (createNodeRunner) and from products.csv.
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/products-views.e2e.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatPercent } from '../../src/app/format';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { readCsvObjects } from '../helpers/csv';
import { Checks, ROOT, launch, startPreview, waitIdle } from './harness';

const t = new Checks();
const DEMO = path.join(ROOT, 'data/demo');
const SHOE = 'SHO-G0017'; // Essential Leather Sneaker: its size 38 (SHO-0009) is a planted bad SKU
const SKU = 'SHO-0009';
const pct = (v: unknown) => formatPercent(Number(v), 'en-US');

async function open(page: Page, base: string, search: string, pageId: string): Promise<void> {
  await page.goto(`${base}${search}`);
  await page.getByTestId(`page-${pageId}`).waitFor({ timeout: 120_000 });
  await waitIdle(page);
}

async function text(page: Page, testId: string): Promise<string> {
  return (await page.getByTestId(testId).first().innerText()).replace(/\s+/g, ' ');
}

async function main(): Promise<void> {
  const names = new Map(readCsvObjects(readFileSync(path.join(DEMO, 'products.csv'), 'utf8')).map((p) => [p.sku!, p.product_name!]));
  const runner = await createNodeRunner();
  await loadFolder(runner, DEMO);
  const rows = async (model: string, params: Record<string, unknown> = {}) => {
    const res = await runner.run(model, params as never);
    if (res.status !== 'ok') throw new Error(`${model}: ${res.status}`);
    return res.rows;
  };
  const topSkus = (await rows('return_rate_by', { dim: 'sku' })).slice(0, 3);
  const sizes = await rows('product_sizes', { product: SHOE });
  const [profile] = await rows('sku_profile', { target_sku: SKU });
  const [acme] = await rows('sku_profile', { target_sku: 'APP-0003', supplier: ['Acme Textiles'] });
  const smallTexts = await rows('review_texts', { sku: [SKU], kind: 'size_small', limit: null });
  const supplierOrder = (await rows('supplier_scorecard')).map((r) => String(r.supplier));

  const preview = await startPreview();
  const b = await launch();
  const { page } = b;
  const base = preview.url;
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    // 1. Product names in the ranking and the drill-down.
    await open(page, base, '?page=products', 'products');
    const ranking = await text(page, 'rate-ranking');
    for (const r of topSkus) {
      const sku = String(r.dim_value);
      t.check(ranking.includes(names.get(sku)!) && ranking.includes(sku), `products: ${sku} shown with its name “${names.get(sku)}”`);
    }
    const first = String(topSkus[0]!.dim_value);
    await page.locator(`[data-testid="rate-ranking"] tr[data-value="${first}"] button`).first().click();
    await page.getByTestId('drill-drawer').waitFor();
    await waitIdle(page);
    const drill = (await page.getByTestId('drill-drawer').innerText()).replace(/\s+/g, ' ');
    t.check(drill.includes('Product') && drill.includes(names.get(first)!), `drill-down: a Product column with “${names.get(first)}”`);
    await page.getByTestId('drill-close').click();

    // 2. Parent products and the size breakdown of a demo shoe.
    await open(page, base, '?page=products&p.rate_dim=product', 'products');
    const parents = await text(page, 'rate-ranking');
    const parentName = String(sizes[0]!.parent_name);
    t.check(parents.includes(parentName) && parents.includes(SHOE), `product tab: parent product ${SHOE} named “${parentName}”`);
    // the returned count of a parent product opens the returns of all its sizes
    await page.locator(`[data-testid="rate-ranking"] tr[data-value="${SHOE}"] button`).first().click();
    await page.getByTestId('drill-drawer').waitFor();
    await waitIdle(page);
    const productDrill = (await page.getByTestId('drill-drawer').innerText()).replace(/\s+/g, ' ');
    t.check(productDrill.includes('all sizes') && productDrill.includes(names.get(SKU)!), `product tab: the drill-down lists the returns of all sizes of ${SHOE}`);
    await page.getByTestId('drill-close').click();
    // a click on the product's name (not on its returned count) shows its sizes
    await page.locator(`[data-testid="rate-ranking"] tr[data-value="${SHOE}"] td`).nth(1).click();
    await page.getByTestId('panel-product-sizes').waitFor();
    await waitIdle(page);
    t.check(new URL(page.url()).searchParams.get('p.product') === SHOE, 'product tab: the URL keeps the product whose sizes are shown');
    const sizeLabels = await page.locator('[data-testid="product-sizes"] [data-testid="size-label"]').allInnerTexts();
    const wantLabels = sizes.map((r) => `${String(r.size)} · ${String(r.color)}`);
    t.check(JSON.stringify(sizeLabels) === JSON.stringify(wantLabels), `sizes: ${sizeLabels.join(', ')} as product_sizes lists them`);
    const row38 = (await page.locator(`[data-testid="product-sizes"] tr[data-value="${SKU}"]`).innerText()).replace(/\s+/g, ' ');
    const s38 = sizes.find((r) => r.sku === SKU)!;
    t.check(
      row38.includes(pct(s38.unit_return_rate)) && row38.includes(pct(s38.others_rate)) && /too small \d+/.test(row38),
      `sizes: size 38 at ${pct(s38.unit_return_rate)} vs other sizes ${pct(s38.others_rate)}, with why (${row38.slice(0, 140)}…)`,
    );

    // 3. SKU detail: name, supplier, both baselines; a review term opens its texts.
    await open(page, base, `?page=products&sel=sku:${SKU}`, 'products');
    const detail = await text(page, 'sku-detail');
    t.check(detail.includes(names.get(SKU)!) && detail.includes(String(profile!.supplier)), `SKU detail: “${names.get(SKU)}”, supplier ${String(profile!.supplier)}`);
    t.check((await text(page, 'rate-category')).includes(pct(profile!.category_rate)), `SKU detail: category baseline ${pct(profile!.category_rate)}`);
    t.check((await text(page, 'rate-supplier')).includes(pct(profile!.supplier_rate)), `SKU detail: the supplier’s own rate ${pct(profile!.supplier_rate)}`);
    await page.locator('[data-testid="review-mentions"] button', { hasText: 'Runs small' }).click();
    await waitIdle(page);
    t.check(new URL(page.url()).searchParams.get('p.rt_kind') === 'size_small', 'review terms: the URL keeps the chosen kind');
    const texts = await page.locator('[data-testid="review-texts"] [data-testid="review-text"]').allInnerTexts();
    const small = /runs small|too small|too tight|size up|smaller than/i;
    t.check(texts.length === Math.min(10, smallTexts.length) && texts.length > 0 && texts.every((x) => small.test(x)), `review terms: ${texts.length} texts shown, each saying it runs small (${smallTexts.length} in all)`);
    t.check((await text(page, 'review-texts-count')).includes(`of ${smallTexts.length} texts`), `review terms: "of ${smallTexts.length} texts"`);
    await page.locator('[data-testid="review-terms"] button', { hasText: 'runs small' }).first().click();
    await waitIdle(page);
    t.check(new URL(page.url()).searchParams.get('p.rt_term') === 'runs small', 'review terms: a term chip filters by that term (in the URL)');
    const termTexts = await page.locator('[data-testid="review-texts"] [data-testid="review-text"]').allInnerTexts();
    t.check(termTexts.length > 0 && termTexts.every((x) => x.includes('mentions') && x.includes('runs small')), `review terms: ${termTexts.length} texts mentioning “runs small”`);

    // 4. A supplier filter keeps the category baseline over every supplier.
    await open(page, base, '?page=products&sel=sku:APP-0003&supplier=Acme%20Textiles', 'products');
    const cat = await text(page, 'rate-category');
    const sup = await text(page, 'rate-supplier');
    t.check(cat.includes(pct(acme!.category_rate)) && !cat.includes(pct(acme!.supplier_category_rate)), `supplier filter: category baseline ${pct(acme!.category_rate)} (every supplier), not Acme’s own ${pct(acme!.supplier_category_rate)}`);
    t.check(sup.includes(pct(acme!.supplier_rate)), `supplier filter: Acme’s own rate ${pct(acme!.supplier_rate)} shown next to it`);
    t.check((await text(page, 'sku-baseline-note')).includes('still covers every supplier'), 'supplier filter: the page states which baseline is used');

    // 5. One supplier ranking in three places.
    await open(page, base, '?page=suppliers', 'suppliers');
    const card = (await page.locator('[data-testid="supplier-scorecard"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('aria-label') ?? ''))).map((l) => l.replace(/^Supplier /, '').replace(/ \(selected.*$/, ''));
    const bars = await page.locator('[data-testid="supplier-bars-defect_rate"] li > * > span:first-child').allInnerTexts();
    await open(page, base, '?page=products&p.rate_dim=supplier', 'products');
    const tab = await page.locator('[data-testid="rate-ranking"] tr[data-value]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-value') ?? ''));
    const header = await text(page, 'rate-ranking');
    const same = (xs: string[]) => JSON.stringify(xs) === JSON.stringify(supplierOrder);
    t.check(same(card), `suppliers: scorecard order ${card.join(' > ')}`);
    t.check(same(bars), `suppliers: defect chart order ${bars.join(' > ')}`);
    t.check(same(tab), `products → supplier tab order ${tab.join(' > ')}`);
    t.check(header.includes('Excess returns vs category mix'), 'products → supplier tab: the ranking is labelled as on the Suppliers page');
    t.check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);
  } finally {
    await b.close();
    preview.stop();
    await runner.engine.close();
  }
  t.finish('products-views-e2e');
}

main().catch((e: unknown) => {
  console.error(e);
  t.check(false, `ran to the end: ${String(e)}`);
  t.finish('products-views-e2e');
});
