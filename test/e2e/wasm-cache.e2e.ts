/**
 * DuckDB's wasm compiled once and kept by the browser (a plain Node script, not vitest):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/wasm-cache.e2e.ts
 *
 * Chromium keeps a wasm module's compiled code next to its cached file only when the module was
 * compiled straight from the fetch response (src/engine/duckdb-worker.ts). One browser, three
 * visits of a link that needs DuckDB (the Cost page for two regions), each in a new tab with V8's wasm trace
 * events recorded: a visit compiles the module and keeps it (wasm.SerializeModule), and the third
 * visit reads it back (wasm.Deserialize) instead of compiling 34 MB again. Each visit shows the
 * Cost page with its numbers; no request leaves localhost; no page or console error.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { Checks, launch, ROOT, startPreview, waitIdle, type Browser } from './harness';

/*
 * A link the build's answers do not cover (two regions), so each visit runs the Cost page's
 * queries in DuckDB: Chromium keeps a module's compiled code once enough of it has run, and a
 * page answered from the build runs almost nothing.
 */
const LINK = '?page=cost&region=DE&region=FR';
const checks = new Checks();
const check = (ok: boolean, what: string) => checks.check(ok, what);

/** The names of V8's wasm trace events while `open` runs in `page`. */
async function wasmEvents(cdp: CDPSession, open: () => Promise<void>): Promise<Set<string>> {
  const names = new Set<string>();
  cdp.on('Tracing.dataCollected', (d: { value: { name?: string }[] }) => {
    for (const e of d.value) if (e.name?.startsWith('wasm.')) names.add(e.name);
  });
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm'] } } as never);
  await open();
  await cdp.send('Tracing.end');
  await complete;
  return names;
}

async function visit(browser: Browser, url: string, first: boolean): Promise<{ page: Page; events: Set<string>; engineMs: number }> {
  const page = first ? browser.page : await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const events = await wasmEvents(cdp, async () => {
    await page.goto(`${url}${LINK}`);
    await page.getByTestId('page-cost').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByName('ri:data-ready').length > 0, undefined, { timeout: 120_000 });
    await waitIdle(page);
  });
  const engineMs = await page.evaluate(() => performance.getEntriesByName('ri:engine-started')[0]!.startTime - performance.getEntriesByName('ri:engine-wanted')[0]!.startTime);
  return { page, events, engineMs: Math.round(engineMs) };
}

async function main(): Promise<void> {
  const dist = path.resolve(ROOT, process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1]! : 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('No build in dist/: run npx vite build first.');
  const preview = await startPreview(dist);
  // A profile folder of its own: the compiled wasm is cached on disk, which a context without one has not.
  const browser = await launch({ ownProfile: true });
  try {
    const seen: Set<string>[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await visit(browser, preview.url, i === 0);
      seen.push(v.events);
      console.log(`     visit ${i + 1}: ${[...v.events].filter((n) => /Serial|Deserial/.test(n)).join(', ') || 'no cache events'}`);
      // The browser writes the kept code to its cache after the visit's compile: give it time.
      await v.page.waitForTimeout(3000);
      const tiles = await v.page.locator('[data-testid="page-cost"] [aria-busy="false"]').count();
      check(tiles > 0, `visit ${i + 1}: the Cost page shows its panels (DuckDB started in ${v.engineMs} ms)`);
      check(v.events.has('wasm.StartStreamingCompilation'), `visit ${i + 1}: the wasm is compiled from the response as it streams in`);
    }
    check(seen.slice(0, 2).some((s) => s.has('wasm.SerializeModule')), 'a visit keeps the compiled module (wasm.SerializeModule)');
    check(seen[2]!.has('wasm.Deserialize'), 'the third visit reads the compiled module back (wasm.Deserialize) instead of compiling it');
    checks.clean(browser);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    checks.failures.push(String(e));
  } finally {
    await browser.close();
    preview.stop();
  }
  checks.finish('wasm-cache-e2e');
}

void main();
