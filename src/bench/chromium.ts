import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser as PlaywrightBrowser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { chromiumPath } from './chromium-path';
import { ROOT } from './paths';

/*
 * The built app served by `vite preview` on this machine, in headless Chromium, with a record of
 * misbehaviour (foreign requests, page and console errors). The benchmark drives it, and so do
 * the end-to-end tests (test/e2e/harness.ts re-exports it: tests may import product code, never
 * the other way round).
 */


async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `vite preview` of the built dist/ on a free local port, or on `port` (the origin a browser
 * profile already knows: test/e2e/offline.e2e.ts serves a second build where the first was).
 */
export async function startPreview(outDir = 'dist', port?: number): Promise<{ url: string; stop: () => void }> {
  port ??= await freePort();
  const child: ChildProcess = spawn(
    path.join(ROOT, 'node_modules/.bin/vite'),
    ['preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited:\n${output}`);
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`vite preview did not answer on ${url}:\n${output}`);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Requests to any host but this machine (must stay empty). */
  foreign: string[];
  /** Page errors, console errors, failed requests, HTTP errors. */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * A failed request that is no app error: a download the test saved itself (reported as
 * aborted), or one of the app's own start-up files (DuckDB's worker and wasm, the demo
 * database or CSV files) cut short when a test navigates on: the dashboard shows the demo's first screen from
 * the build, and only then starts the database and fetches the demo data.
 */
export function isExpectedAbort(r: Request): boolean {
  return (
    r.url().startsWith('blob:') ||
    (r.failure()?.errorText === 'net::ERR_ABORTED' &&
      // The favicon, manifest and icons (public/) are fetched by the browser itself and dropped by
      // a reload that comes first, like the assets: not a failure of the page.
      /^(\/assets\/[^/]+\.(wasm|js|csv|duckdb|wal)|\/(icon[^/]*\.(svg|png)|manifest\.webmanifest))$/.test(new URL(r.url()).pathname))
  );
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CONTEXT = { locale: 'en-US', viewport: { width: 1440, height: 1000 }, acceptDownloads: true } as const;

/**
 * Chromium with a fresh profile, removed on close; or with `options.profile`, a profile folder
 * the caller owns and may open again (what a browser keeps across a restart).
 */
export async function launch(options: { profile?: string } = {}): Promise<Browser> {
  // Throws with what to do when there is none (npm test's first step installs it where it can).
  const executablePath = chromiumPath();
  const profile = options.profile ?? mkdtempSync(path.join(tmpdir(), 'ri-e2e-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, ...CONTEXT, args: ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  return watched(context, page, async () => {
    await context.close();
    if (!options.profile) rmSync(profile, { recursive: true, force: true });
  });
}

/** Headless Chromium without a profile of its own: each `openContext` in it is a fresh one. */
export function launchShared(): Promise<PlaywrightBrowser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ARGS });
}

/**
 * A fresh context (its own storage, cache and service workers, like a new profile) in a browser
 * from launchShared: the end-to-end files share one Chromium this way (test/e2e/suite.ts).
 */
export async function openContext(browser: PlaywrightBrowser): Promise<Browser> {
  const context = await browser.newContext(CONTEXT);
  return watched(context, await context.newPage(), () => context.close());
}

function watched(context: BrowserContext, page: Page, close: () => Promise<void>): Browser {
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
  return { context, page, foreign, errors, close };
}

export function isLocal(u: string): boolean {
  if (u.startsWith('data:') || u.startsWith('blob:')) return true;
  const { hostname } = new URL(u);
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Waits until no panel is computing (every ModelPanel sets aria-busy while its query runs). */
export async function waitIdle(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="app-loading"]') === null && document.querySelectorAll('[aria-busy="true"]').length === 0,
    undefined,
    { timeout },
  );
}
