import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launch, ROOT, startPreview, type Checks } from './harness';

/** What the browser tests that load exports do on the Data page, and read back from it. */

export interface Accounting {
  read: number;
  loaded: number;
  rejected: number;
  excluded: number;
  /** Repeats of a key the mapping folds (a product on every order line): merged, not rejected. */
  merged: number;
}

const mime = (name: string) => (/\.(tsv|txt)$/i.test(name) ? 'text/tab-separated-values' : 'text/csv');

/**
 * Drops files on the drop zone the way a browser does: one drop event carrying a DataTransfer.
 * The bytes go over as base64 so a BOM or a cp1252 byte reaches the page unchanged.
 */
export async function dropFiles(page: Page, paths: string[]): Promise<void> {
  await dropBytes(page, paths.map((p) => ({ name: path.basename(p), b64: readFileSync(p).toString('base64'), type: mime(p) })));
}

/** Drops files made from texts (name, content and its MIME type), as dropFiles drops files on disk. */
export async function dropTexts(page: Page, files: { name: string; text: string; type: string }[]): Promise<void> {
  await dropBytes(page, files.map((f) => ({ name: f.name, b64: Buffer.from(f.text, 'utf8').toString('base64'), type: f.type })));
}

async function dropBytes(page: Page, files: { name: string; b64: string; type: string }[]): Promise<void> {
  const dt = await page.evaluateHandle((list) => {
    const t = new DataTransfer();
    for (const f of list) t.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return t;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer: dt });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: dt });
}

export const batchEntry = (page: Page, file: string) => page.locator(`[data-testid="batch-entry"][data-file="${file}"]`);
export const mappingStep = (page: Page, file: string) => page.locator(`[data-testid="mapping-step"][data-file="${file}"]`);

/** Waits until a dropped file's batch entry is there and has been read (its route shown). */
export async function waitForEntry(page: Page, file: string): Promise<void> {
  await batchEntry(page, file).waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    (name) => !/reading the file/.test(document.querySelector(`[data-testid="batch-entry"][data-file="${name}"]`)?.textContent ?? 'reading the file'),
    file,
    { timeout: 60_000 },
  );
}

/** Opens a file's mapping step if it is closed. */
export async function openStep(page: Page, file: string): Promise<void> {
  const toggle = batchEntry(page, file).getByTestId('entry-toggle');
  await toggle.waitFor({ timeout: 60_000 });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await mappingStep(page, file).waitFor({ timeout: 30_000 });
}

/** Presses "Load all" once it is enabled and waits for the result; true when the batch replaced the data. */
export async function loadAll(page: Page, timeout: number): Promise<boolean> {
  await page.waitForFunction(() => !(document.querySelector('[data-testid="load-all"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 60_000 });
  await page.getByTestId('load-all').click();
  const result = page.getByTestId('load-result');
  await result.waitFor({ timeout });
  return (await result.getAttribute('data-replaced')) === 'true';
}

/** A file's accounting as the load result lists it. */
export async function fileAccounting(page: Page, file: string): Promise<Accounting> {
  const li = page.locator(`[data-testid="file-results"] li[data-file="${file}"]`);
  const g = async (a: string) => Number(await li.getAttribute(`data-${a}`));
  return { read: await g('read'), loaded: await g('loaded'), rejected: await g('rejected'), excluded: await g('excluded'), merged: await g('merged') };
}

/** A KPI card's raw value once the cards are computed. */
export async function kpiValue(page: Page, key: string, timeout: number): Promise<number> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="kpi-cards"]')?.getAttribute('aria-busy') === 'false',
    undefined,
    { timeout },
  );
  return Number(await page.locator(`[data-testid="kpi-${key}"] [data-value]`).getAttribute('data-value'));
}

/**
 * Serves the build, opens Chromium, runs `body` with a scratch folder, then checks that no
 * request left localhost and the page logged no error, cleans up and exits with the checks' code.
 */
export async function inBrowser(checks: Checks, label: string, body: (page: Page, url: string, work: string) => Promise<void>): Promise<void> {
  const outDir = path.resolve(ROOT, process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1]! : 'dist');
  if (!existsSync(path.join(outDir, 'index.html'))) throw new Error(`No build in ${outDir}: run npx vite build first.`);
  const preview = await startPreview(outDir);
  const browser = await launch();
  const { page, foreign, errors } = browser;
  const work = mkdtempSync(path.join(tmpdir(), `ri-${label}-`));
  try {
    await body(page, preview.url, work);
    checks.check(foreign.length === 0, `no request left localhost${foreign.length ? `: ${foreign.join(', ')}` : ''}`);
    checks.check(errors.length === 0, `no page or console errors${errors.length ? `:\n  ${errors.join('\n  ')}` : ''}`);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    checks.failures.push(String(e));
  } finally {
    await browser.close();
    preview.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return checks.finish(label);
}

/** Waits for the preview's accounting of a file (not re-running) and returns its counts. */
export async function previewCounts(page: Page, file: string): Promise<Accounting> {
  const acc = mappingStep(page, file).getByTestId('preview-accounting');
  await acc.waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    (f) => document.querySelector(`[data-testid="mapping-step"][data-file="${f}"] [data-testid="mapping-preview"] [aria-busy="true"]`) === null,
    file,
    { timeout: 60_000 },
  );
  const n = async (a: string) => Number(await acc.getAttribute(`data-${a}`));
  return { read: await n('read'), loaded: await n('loaded'), merged: await n('merged'), rejected: await n('rejected'), excluded: await n('excluded') };
}
