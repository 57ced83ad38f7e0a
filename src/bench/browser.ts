import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CARRIERS, CATEGORIES, CHANNELS, REGIONS, SUPPLIERS } from '../generator/catalog';
import { capacityProblem } from '../loader/browser-capacity';
import { launch, startPreview, waitIdle, type Browser } from './chromium';
import { measureColdLinks } from './cold-links';
import { measureStoredReopen } from './stored-reopen';
import { measureAllPages } from './all-pages';
import { measureChange, navigate } from './measure-change';
import type { DataSet } from './data';
import { PhaseMemory } from './memory';
import type { BenchApi, BenchFile } from './page/main';
import { BENCH_DIR, BUILD_DIR, ROOT } from './paths';
import type { AllPagesResult, GeneralResult, InteractionResult, SideResult, StoredReopenResult } from './types';
import type { ModelVariant } from './variants';

/**
 * The browser side: the app's production build (`vite build`, the project's own config) and the
 * bench page (src/bench/page, a separate build served next to it under /__bench/), served by
 * `vite preview`, in headless Chromium (src/bench/chromium.ts). Data files are hard-linked into
 * the served folder as `.bin` (vite preview would gzip text files on the fly).
 */
export interface BrowserOptions {
  runs: number;
  budgetMs: number;
  log: (s: string) => void;
}

type Bench = { __riBench: BenchApi };

export function buildForBench(log: (s: string) => void): void {
  log('build: vite build (production) → test-artifacts/bench/dist, and the bench page');
  const vite = path.join(ROOT, 'node_modules/.bin/vite');
  const env = { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
  for (const args of [
    ['build', '--outDir', BUILD_DIR, '--emptyOutDir', '--logLevel', 'warn'],
    ['build', '--config', 'src/bench/page/vite.config.ts'],
  ]) {
    const res = spawnSync(vite, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env });
    if (res.status !== 0) throw new Error(`vite ${args.join(' ')} failed (exit ${res.status})`);
  }
}

/** gzip size of the JS index.html loads before anything else (entry + modulepreload). */
export function initialJs(): { kb: number; files: string[] } {
  const html = readFileSync(path.join(BUILD_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(path.join(BUILD_DIR, f.replace(/^\//, '')))).length;
  return { kb: Math.round(bytes / 102.4) / 10, files };
}

function linkData(ds: DataSet, format: 'csv' | 'parquet'): BenchFile[] {
  const dir = path.join(BUILD_DIR, '__data', ds.size);
  mkdirSync(dir, { recursive: true });
  return ds.tables.map((t) => {
    const src = path.join(ds.dir, `${t}.${format}`);
    const dest = path.join(dir, `${t}.${format}.bin`);
    if (!existsSync(dest)) {
      try {
        linkSync(src, dest);
      } catch {
        copyFileSync(src, dest);
      }
    }
    return { name: `${t}.${format}`, table: t, url: `/__data/${ds.size}/${t}.${format}.bin` };
  });
}

export class BrowserBench {
  private constructor(
    private readonly b: Browser,
    private readonly base: string,
    private readonly stopPreview: () => void,
    private page: Page,
    private readonly opts: BrowserOptions,
  ) {}

  static async open(datasets: DataSet[], opts: BrowserOptions): Promise<BrowserBench> {
    for (const ds of datasets) {
      linkData(ds, 'csv');
      linkData(ds, 'parquet');
    }
    const preview = await startPreview(BUILD_DIR);
    const b = await launch();
    return new BrowserBench(b, preview.url, preview.stop, b.page, opts);
  }

  async close(): Promise<void> {
    await this.b.close().catch(() => {});
    this.stopPreview();
  }

  /** A fresh tab (after a crash, or to start a phase with a clean page). */
  private async freshPage(): Promise<Page> {
    const old = this.page;
    this.page = await this.b.context.newPage();
    await old.close().catch(() => {});
    return this.page;
  }

  private async benchPage(): Promise<Page> {
    const page = await this.freshPage();
    await page.goto(`${this.base}__bench/index.html`);
    await page.waitForFunction(() => '__riBench' in window);
    return page;
  }

  /** First dashboard on the demo data (cold cache, then warm), cold opens of other links, the initial JS, engine start. */
  async general(): Promise<GeneralResult> {
    const out: GeneralResult = { firstDashboardWarmMs: [], browserEngineStartMs: [], browserInstantiateMs: [] };
    try {
      const js = initialJs();
      out.initialJsGzipKB = js.kb;
      out.initialJsFiles = js.files;
      for (let i = 0; i <= this.opts.runs; i++) {
        const page = i === 0 ? this.page : await this.freshPage();
        await page.addInitScript(OVERVIEW_IDLE_AT);
        await page.goto(this.base);
        await page.getByTestId('page-overview').waitFor({ timeout: 120_000 });
        await waitIdle(page);
        // When the page became idle, as the page saw it: asking it now would add the harness's
        // polling and a round trip to a main thread that has moved on to loading the demo data.
        const ms = (await page.evaluate('window.__riOverviewIdleAt')) as number;
        if (i === 0) out.firstDashboardColdMs = ms;
        else out.firstDashboardWarmMs.push(ms);
      }
      this.opts.log('browser: cold opens of 9 links on the demo data');
      out.coldLinks = await measureColdLinks(this.base, this.opts.runs, this.opts.log);
      for (let i = 0; i < this.opts.runs; i++) {
        const page = await this.benchPage();
        const s = await page.evaluate(() => (window as unknown as Bench).__riBench.start());
        out.browserEngineStartMs.push(s.instantiateMs + s.initMs);
        out.browserInstantiateMs.push(s.instantiateMs);
      }
    } catch (e) {
      out.error = String(e).split('\n')[0];
      await this.freshPage().catch(() => {});
    }
    return out;
  }

  /** Ingest (CSV, Parquet) and every model, on the bench page. */
  async side(ds: DataSet, variants: ModelVariant[]): Promise<SideResult> {
    const { runs, budgetMs, log } = this.opts;
    const result: SideResult = { side: 'browser', engineStartMs: [], models: [], memory: [] };
    try {
      // The app refuses a batch that would not fit in a tab's wasm memory before reading it;
      // the bench asks the same check instead of crashing the tab on purpose.
      const refused = capacityProblem(ds.tables.map((t) => ({ name: `${t}.csv`, size: statSync(path.join(ds.dir, `${t}.csv`)).size })), 'en-US');
      if (refused) {
        result.refused = refused;
        log(`  browser ${ds.size}: refused by the capacity check (${refused.slice(0, 80)}…)`);
        return result;
      }
      let page = await this.benchPage();
      const start = await page.evaluate(() => (window as unknown as Bench).__riBench.start());
      result.engineStartMs.push(start.instantiateMs + start.initMs);
      result.sources = start.sources;
      result.engineVersion = start.version;
      let mem = await PhaseMemory.start(page);
      const csv = linkData(ds, 'csv');
      log(`  browser ${ds.size}: ingest CSV ×${runs}`);
      result.ingestCsv = await page.evaluate(
        ([files, n, budget]) => (window as unknown as Bench).__riBench.ingest(files, "the app's loader (src/loader/load-file.ts)", n, budget),
        [csv, runs, budgetMs] as const,
      );
      result.memory.push(await mem.stop('ingest CSV', await this.dbMemory(page)));
      if (!result.ingestCsv.error) {
        log(`  browser ${ds.size}: ${variants.length} model variants ×${runs}`);
        mem = await PhaseMemory.start(page);
        result.models = await page.evaluate(
          ([v, n, budget]) => (window as unknown as Bench).__riBench.models(v, n, budget),
          [variants, runs, budgetMs] as const,
        );
        result.memory.push(await mem.stop('models', await this.dbMemory(page)));
      }

      if (result.ingestCsv.error) {
        log(`  browser ${ds.size}: CSV ingest failed (${result.ingestCsv.error}); Parquet skipped`);
        return result;
      }
      page = await this.benchPage();
      await page.evaluate(() => (window as unknown as Bench).__riBench.start());
      mem = await PhaseMemory.start(page);
      log(`  browser ${ds.size}: ingest Parquet ×${runs}`);
      result.ingestParquet = await page.evaluate(
        ([files, n, budget]) => (window as unknown as Bench).__riBench.ingest(files, "the app's loader (parquet-wasm → Arrow → cells cast to text → staging)", n, budget),
        [linkData(ds, 'parquet'), runs, budgetMs] as const,
      );
      result.memory.push(await mem.stop('ingest Parquet', await this.dbMemory(page)));
    } catch (e) {
      result.error = String(e).split('\n')[0];
      log(`  browser ${ds.size}: FAILED ${result.error}`);
      await this.freshPage().catch(() => {});
    }
    return result;
  }

  /** The real app: load the files on the Data page, then filter changes on Overview. */
  async interaction(ds: DataSet): Promise<InteractionResult> {
    const { runs, log } = this.opts;
    const out: InteractionResult = { filterChangeMs: [], filterChanges: [], noIndexChangeMs: [], noIndexChanges: [], memory: [] };
    try {
      const page = await this.freshPage();
      await page.goto(`${this.base}?page=data`);
      await page.getByTestId('page-data').waitFor({ timeout: 120_000 });
      await waitIdle(page);
      let mem = await PhaseMemory.start(page);
      log(`  app ${ds.size}: loading the CSV files on the Data page`);
      const t0 = Date.now();
      await page.getByTestId('file-input').setInputFiles(ds.tables.map((t) => path.join(ds.dir, `${t}.csv`)));
      await page.locator('[data-testid="load-result"]').waitFor({ timeout: 3_600_000 });
      out.dataPageLoadMs = Date.now() - t0;
      const replaced = await page.locator('[data-testid="load-result"]').getAttribute('data-replaced');
      const shown = await page.locator('[data-testid="load-result"]').innerText();
      if (replaced !== 'true' && /too large for this page/i.test(shown)) {
        out.refused = shown.split('\n').find((l) => /too large/i.test(l)) ?? shown;
        out.memory.push(await mem.stop('app: files refused on the Data page', null));
        log(`  app ${ds.size}: the Data page refused the files as too large`);
        return out;
      }
      if (replaced !== 'true') throw new Error(`the Data page did not load the files: ${await page.locator('[data-testid="load-result"]').innerText()}`);
      out.memory.push(await mem.stop('app: load files on the Data page', null));

      mem = await PhaseMemory.start(page);
      const t1 = Date.now();
      await navigate(page, '');
      await page.getByTestId('page-overview').waitFor({ timeout: 600_000 });
      await waitIdle(page, 3_600_000);
      out.overviewAfterLoadMs = Date.now() - t1;
      // A click at once, while the page still builds its filter indexes in the background.
      const first = `?supplier=${encodeURIComponent(SUPPLIERS[0]!.name)}`;
      out.firstChange = first;
      out.firstChangeMs = (await measureChange(page, first)).ms;
      await waitIdle(page, 3_600_000);
      // Back to the unfiltered Overview (its answers kept), whose filter indexes answer a view
      // filtered to one value of one dimension. Those queued by the first click's view keep its
      // supplier filter: they answer the next click from there, not the changes below, which
      // start from no filter. (Until 2026-12-07 this step waited on the first click's view,
      // so the changes below ran their SQL: 448 ms in the 2026-12-07 01:32 run.)
      await navigate(page, '');
      await waitIdle(page, 3_600_000);
      const t2 = Date.now();
      // Its answers are kept, so no panel goes busy and waitIdle returns at once, perhaps before
      // the view has queued its indexes: first see them queued (none if all are kept already).
      const queued = await page.waitForFunction(() => document.documentElement.dataset.workAhead !== '0', undefined, { timeout: 10_000, polling: 50 }).then(() => true, () => false);
      await page.waitForFunction(() => document.documentElement.dataset.workAhead === '0', undefined, { timeout: 3_600_000, polling: 100 });
      out.indexesReadyMs = queued ? Date.now() - t2 : null;
      log(`  app ${ds.size}: the unfiltered Overview's filter indexes ${queued ? `built ${out.indexesReadyMs} ms after going back to it` : 'were built already (none queued)'}`);
      const changes = filterStates(Math.max(runs, 7));
      log(`  app ${ds.size}: ${changes.length} filter changes on Overview`);
      for (const search of changes) {
        const r = await measureChange(page, search);
        await waitIdle(page, 3_600_000);
        out.filterChanges.push(r.noBusy ? `${search} (no panel went busy)` : search);
        out.filterChangeMs.push(r.ms);
      }
      // Views no index can answer (two values of one dimension): every panel runs its SQL.
      for (const search of pairStates(3)) {
        const r = await measureChange(page, search);
        await waitIdle(page, 3_600_000);
        out.noIndexChanges.push(search);
        out.noIndexChangeMs.push(r.ms);
      }
      out.memory.push(await mem.stop('app: Overview + filter changes', null));
    } catch (e) {
      out.error = String(e).split('\n')[0];
      log(`  app ${ds.size}: FAILED ${out.error}`);
      await this.freshPage().catch(() => {});
    }
    return out;
  }

  /** Every analysis page and 8 view changes on each, right after loading the data set (issue 17). */
  async allPages(ds: DataSet): Promise<AllPagesResult> {
    const { result, views } = await measureAllPages(await this.freshPage(), this.base, ds, this.opts.log);
    // For the native side (run.ts hands it to native.ts), not part of results.json.
    result.replayFile = path.join(BENCH_DIR, `pages-${ds.size}.json`);
    writeFileSync(result.replayFile, JSON.stringify(views));
    return result;
  }

  /** The data set loaded and kept in a browser profile of its own, then reopened after restarts. */
  async storedReopen(ds: DataSet): Promise<StoredReopenResult> {
    return measureStoredReopen(this.base, ds, this.opts.runs, this.opts.log);
  }

  private async dbMemory(page: Page): Promise<number | null> {
    return page.evaluate(() => (window as unknown as Bench).__riBench.duckdbMemoryMB()).catch(() => null);
  }
}

/**
 * Records in the page (window.__riOverviewIdleAt) the last moment the Overview became idle:
 * shown, no loading screen, no panel aria-busy. Plain script text, run before the app's code.
 */
const OVERVIEW_IDLE_AT = `(() => {
  let idle = false;
  const check = () => {
    const now = document.querySelector('[data-testid="page-overview"]') !== null
      && document.querySelector('[data-testid="app-loading"]') === null
      && document.querySelectorAll('[aria-busy="true"]').length === 0;
    if (now && !idle) window.__riOverviewIdleAt = performance.now();
    idle = now;
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/** Distinct one-filter views, each different from the one before (no result is reused). */
function filterStates(n: number): string[] {
  const pool: string[] = [];
  const lists = [CHANNELS.map((c) => `channel=${c.name}`), REGIONS.map((r) => `region=${r.name}`), CATEGORIES.map((c) => `category=${c.name}`)];
  for (let i = 0; pool.length < n && i < 20; i++) for (const l of lists) if (l[i]) pool.push(`?${l[i]}`);
  return pool.slice(0, n);
}

/** Two-value views of one dimension each, different from each other. */
function pairStates(n: number): string[] {
  const pool = [
    [CARRIERS.map((c) => `carrier=${encodeURIComponent(c.name)}`)],
    [REGIONS.map((r) => `region=${encodeURIComponent(r.name)}`)],
    [CATEGORIES.map((c) => `category=${encodeURIComponent(c.name)}`)],
  ].map(([l]) => `?${l![0]}&${l![1]}`);
  return pool.slice(0, n);
}
