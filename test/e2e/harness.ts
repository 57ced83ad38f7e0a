import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Browser as PlaywrightBrowser } from 'playwright-core';
import { launch as launchProfile, launchShared, openContext, startPreview as ownPreview, type Browser } from '../../src/bench/chromium';

/** What every browser test needs: the built app served locally, Chromium, and a record of misbehaviour. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/**
 * Set by test/e2e/suite.ts, which runs every end-to-end file in one process: a file's `finish`
 * reports to it instead of ending the process.
 */
export interface SuiteHook {
  finished: (label: string, passed: number, failures: readonly string[]) => void;
}
const suiteHook = (): SuiteHook | undefined => (globalThis as { __riE2eSuite?: SuiteHook }).__riE2eSuite;

export class Checks {
  passed = 0;
  readonly failures: string[] = [];
  check(ok: boolean, what: string): boolean {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (ok) this.passed++;
    else this.failures.push(what);
    return ok;
  }
  /**
   * No request left this machine and no page or console error: in `browser` (when there is
   * one) and in `earlier`, problems a file gathered from browsers it has closed.
   */
  clean(browser: Browser | null, earlier: readonly string[] = []): boolean {
    const problems = [...earlier, ...(browser ? [...browser.foreign.map((u) => `request left localhost: ${u}`), ...browser.errors] : [])];
    return this.check(problems.length === 0, `no request left localhost, no page or console errors${problems.length ? `:\n  ${problems.join('\n  ')}` : ''}`);
  }
  /** The closing line, then the exit code (or, inside the suite, the suite's tally). */
  finish(label: string): void {
    console.log(`\n${label}: ${this.passed} passed, ${this.failures.length} failed`);
    const suite = suiteHook();
    if (suite) return suite.finished(label, this.passed, this.failures);
    process.exit(this.failures.length > 0 ? 1 : 0);
  }
}

/*
 * One Chromium and one `vite preview` of dist/ per process: each file that runs alone starts
 * them, and the suite's files share them (starting both cost ~4 s per file on this 2-core
 * machine). A file gets a fresh browser context, so no storage or cache passes from one file
 * to the next. Files that need a profile folder (a browser restart, the wasm code cache on
 * disk) ask for one; a file that serves other builds on a fixed port starts its own server.
 */
let browser: Promise<PlaywrightBrowser> | null = null;
let preview: Promise<{ url: string; stop: () => void }> | null = null;

/** A fresh context in the shared Chromium; with `profile` (or `ownProfile`), a Chromium of its own on that profile. */
export async function launch(options: { profile?: string; ownProfile?: boolean } = {}): Promise<Browser> {
  if (options.profile !== undefined || options.ownProfile) return launchProfile({ profile: options.profile });
  browser ??= launchShared();
  return openContext(await browser);
}

/** The shared preview of dist/ (its `stop` leaves it for the next file), or a server of its own for another build. */
export async function startPreview(outDir = 'dist'): Promise<{ url: string; stop: () => void }> {
  if (path.resolve(ROOT, outDir) !== path.join(ROOT, 'dist')) return ownPreview(outDir);
  preview ??= ownPreview('dist').then((p) => {
    process.on('exit', p.stop);
    return p;
  });
  return { url: (await preview).url, stop: () => undefined };
}

/** The shared Chromium itself, for a file that makes its own contexts. */
export function sharedBrowser(): Promise<PlaywrightBrowser> {
  browser ??= launchShared();
  return browser;
}

/** Ends the shared Chromium and preview (the suite, after its last file). */
export async function closeShared(): Promise<void> {
  if (browser) await (await browser).close();
  if (preview) (await preview).stop();
  browser = preview = null;
}

export { ownPreview };
export { isExpectedAbort, isLocal, waitIdle, type Browser } from '../../src/bench/chromium';

/** Goes to `search` ('' for the Overview) the way a link in the page does: no reload, the data in the tab stays as it is. */
export async function inPage(page: Page, search: string): Promise<void> {
  await page.evaluate((s) => {
    history.pushState(history.state, '', location.pathname + s);
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }, search);
}
