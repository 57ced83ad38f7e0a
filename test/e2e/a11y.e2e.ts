/**
 * Accessibility and layout of every page, light and dark, in headless Chromium on the built app
 * (a plain Node script, like the other e2e files):
 *
 *   npx vite build --logLevel warn && npx tsx test/e2e/a11y.e2e.ts [--shots /tmp/shots-a11y] [--all]
 *
 * At 1280×720, on each of the 13 pages (reached through the navigation, so the demo data loads
 * once) in the light and the dark theme (the system's, as prefers-color-scheme sets it):
 * - axe-core finds no serious or critical violation (each one found is printed);
 * - the page has one `main` landmark;
 * - every table fits its card: its scroll container does not scroll sideways, unless the table
 *   says why it must (data-scrolls="…", e.g. the SQL page's result of any query), and then the
 *   container can be reached by keyboard and shows a visible scrollbar.
 * Also in light: other views with other tables (MORE_VIEWS), the drill-down drawer, and the
 * assumptions and saved-views panels.
 * Once per theme: the first tab stop is "Skip to content", it moves focus to the main content,
 * a focused control shows a focus ring of at least 3:1 against the page, Shift+Tab is not
 * trapped in a list filter, and no positive tabindex reorders the tab order.
 * With --shots DIR, every page is also captured at 1280×720 and 1440×900 in both themes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PAGES } from '../../src/app/view/types';
import { Checks, launch, startPreview, waitIdle } from './harness';

const t = new Checks();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shotsArg = process.argv.indexOf('--shots');
const SHOTS = shotsArg > 0 ? process.argv[shotsArg + 1] : undefined;
const SHOT_SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const THEMES = ['light', 'dark'] as const;
/** --all prints every node of a violation (default: the first 3). */
const SHOWN = process.argv.includes('--all') ? Infinity : 3;

/**
 * Views of a page other than its default that show other tables (rankings by another
 * dimension, the SKU detail, the cost breakdown by SKU and by month): checked in light, at
 * 1280×720, for axe and for tables that fit.
 */
const MORE_VIEWS: { page: string; search: string; shows?: string }[] = [
  ...['category', 'supplier'].map((d) => ({ page: 'products', search: `?page=products&p.rate_dim=${d}` })),
  { page: 'products', search: '?page=products&sel=sku:SHO-0009' },
  ...['month', 'sku'].map((d) => ({ page: 'cost', search: `?page=cost&p.cost_dim=${d}` })),
  // The drill-down drawer over a page (its 32-column table scrolls inside the drawer).
  { page: 'reasons', search: '?page=reasons&drill=returns&dw.reason=defective&dt=Defective%20returns', shows: 'drill-table' },
];

interface Finding {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

/**
 * axe-core's serious and critical violations on the page as it is. The page's CSP forbids
 * inline and eval'd script, so axe's source is evaluated through the DevTools protocol
 * (page.evaluate), which the CSP does not govern; it stays defined across in-app navigation.
 */
/**
 * Waits until the page is computed and settled: no panel busy, then no CSS transition running (a
 * panel that was refreshing fades back in, and axe would measure its text half-transparent)
 * and two frames (the app marks scrolling tables after layout).
 */
async function settle(page: Page): Promise<void> {
  await waitIdle(page);
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'));
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function axeFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 220) })),
      }));
  });
}

/** Tables whose scroll container scrolls sideways (or that stick out of their card), by test id. */
async function overflowingTables(page: Page): Promise<{ table: string; scroll: number; width: number; reason: string | null; reachable: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main table')]
      .filter((table) => (table as HTMLElement).offsetParent !== null)
      .map((table) => {
        let box = table.parentElement!;
        while (box !== document.body && !/(auto|scroll|hidden)/.test(getComputedStyle(box).overflowX)) box = box.parentElement!;
        const name = table.closest('[data-testid]')?.getAttribute('data-testid') ?? table.querySelector('th')?.textContent ?? '?';
        return {
          table: name,
          scroll: box.scrollWidth,
          width: box.clientWidth,
          reason: table.getAttribute('data-scrolls'),
          reachable: box.tabIndex >= 0 && getComputedStyle(box).overflowX !== 'hidden',
        };
      })
      .filter((r) => r.scroll > r.width + 1),
  );
}

/** WCAG contrast ratio of two computed colours (rgb()/rgba() strings; an outline less than opaque counts as none). */
function contrast(fg: string, bg: string): number {
  const lum = (c: string) => {
    const [r = 0, g = 0, b = 0] = (c.match(/[\d.]+/g) ?? []).map(Number);
    return [r, g, b].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

/** The focused element's outline against the page background, as a contrast ratio (0: no visible outline). */
async function focusRingContrast(page: Page): Promise<{ what: string; ratio: number }> {
  const f = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    const alpha = /rgba/.test(style.outlineColor) ? Number(style.outlineColor.split(',')[3]?.replace(')', '')) : 1;
    return {
      what: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
      visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && alpha > 0.9,
      ring: style.outlineColor,
      page: getComputedStyle(document.body).backgroundColor,
    };
  });
  return { what: f.what, ratio: f.visible ? contrast(f.ring, f.page) : 0 };
}

async function keyboardChecks(page: Page, theme: string): Promise<void> {
  // Focus on the body puts the start of keyboard navigation before everything, as on a fresh load.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
  });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute('href') }));
  t.check(first.text === 'Skip to content', `${theme}: the first tab stop is "Skip to content" (got ${JSON.stringify(first.text)})`);
  const ring = await focusRingContrast(page);
  t.check(ring.ratio >= 3, `${theme}: the skip link's focus ring contrasts ${ring.ratio.toFixed(2)}:1 with the page (≥ 3)`);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `focus-skip-link-${theme}.png`), clip: { x: 0, y: 0, width: 640, height: 200 } });
  await page.keyboard.press('Enter');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main') || document.activeElement?.tagName === 'MAIN');
  t.check(inMain, `${theme}: "Skip to content" moves focus to the main content`);
  // The next stops after the header are the page tabs: a nav link shows its ring too.
  await page.getByTestId('nav-products').focus();
  const nav = await focusRingContrast(page);
  t.check(nav.ratio >= 3, `${theme}: a focused page tab (${nav.what}) shows a ring of ${nav.ratio.toFixed(2)}:1 (≥ 3)`);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `focus-nav-tab-${theme}.png`), clip: { x: 0, y: 0, width: 640, height: 200 } });
  // Shift+Tab from a list filter reaches the filter before it (Tremor's hidden <select> behind
  // each one used to take the focus and throw it straight back: a trap).
  const lists = page.locator('[data-testid="filter-bar"] button[id^="headlessui-listbox-button"]');
  await lists.nth(1).focus();
  await page.keyboard.press('Shift+Tab');
  const back = await page.evaluate(() => document.activeElement?.id ?? '');
  t.check(back === (await lists.nth(0).getAttribute('id')), `${theme}: Shift+Tab from a list filter reaches the one before it (got #${back})`);
  const positive = await page.evaluate(() => [...document.querySelectorAll('[tabindex]')].filter((e) => (e as HTMLElement).tabIndex > 0).length);
  t.check(positive === 0, `${theme}: no element reorders the tab order with a positive tabindex (${positive})`);
  // The page screenshots show no leftover focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function main(): Promise<void> {
  const started = Date.now();
  const preview = await startPreview();
  const b = await launch();
  const { page } = b;
  const totals: Record<string, number> = {};
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(preview.url);
    await page.getByTestId('page-overview').waitFor({ timeout: 120_000 });
    await waitIdle(page);
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, theme === 'dark');
      totals[theme] = 0;
      for (const id of PAGES) {
        await page.getByTestId(`nav-${id}`).click();
        await page.getByTestId(`page-${id}`).waitFor({ timeout: 60_000 });
        await settle(page);
        if (id === 'overview') await keyboardChecks(page, theme);
        const found = await axeFindings(page);
        const nodes = found.reduce((s, f) => s + f.nodes.length, 0);
        totals[theme] += nodes;
        t.check(found.length === 0, `${theme} ${id}: no serious or critical axe violations (${nodes} nodes)`);
        for (const f of found) {
          console.log(`     ${f.impact} ${f.id} × ${f.nodes.length}: ${f.help}`);
          for (const n of f.nodes.slice(0, SHOWN)) console.log(`       ${n.target} — ${n.summary}`);
        }
        t.check((await page.locator('main').count()) === 1, `${theme} ${id}: one main landmark`);
        if (theme === 'light') {
          for (const o of await overflowingTables(page)) {
            const ok = o.reason !== null && o.reachable;
            t.check(ok, `${id}: table ${o.table} ${o.reason ? `scrolls (${o.reason}), reachable by keyboard: ${o.reachable}` : `is wider than its card: ${o.scroll} > ${o.width} px`}`);
          }
        }
        if (SHOTS) {
          for (const size of SHOT_SIZES) {
            await page.setViewportSize(size);
            await page.screenshot({ path: path.join(SHOTS, `${id}-${size.width}x${size.height}-${theme}.png`), fullPage: true });
          }
          await page.setViewportSize({ width: 1280, height: 720 });
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    for (const v of MORE_VIEWS) {
      // In the app, as Back/Forward would (the URL owns the view): no reload, the data stays loaded.
      await page.evaluate((search) => {
        history.pushState(null, '', search);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, v.search);
      await page.getByTestId(v.shows ?? `page-${v.page}`).waitFor({ timeout: 60_000 });
      await settle(page);
      const found = await axeFindings(page);
      t.check(found.length === 0, `light ${v.search}: no serious or critical axe violations`);
      for (const f of found) console.log(`     ${f.impact} ${f.id} × ${f.nodes.length}: ${f.help}\n       ${f.nodes[0]?.target}`);
      for (const o of await overflowingTables(page)) {
        t.check(o.reason !== null && o.reachable, `${v.search}: table ${o.table} ${o.reason ? `scrolls (${o.reason}), reachable: ${o.reachable}` : `is wider than its card: ${o.scroll} > ${o.width} px`}`);
      }
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${v.search.slice(1).replace(/[^a-z0-9]+/gi, '-')}-1280x720-light.png`), fullPage: true });
    }
    // The header's panels, opened over the page (once the drill-down is closed).
    await page.keyboard.press('Escape');
    await page.getByTestId('drill-drawer').waitFor({ state: 'detached' });
    for (const [panel, close] of [['assumptions', 'assumptions-close'], ['saved-views', 'saved-views-toggle']] as const) {
      await page.getByTestId(`${panel}-toggle`).click();
      await settle(page);
      const found = await axeFindings(page);
      t.check(found.length === 0, `light: the ${panel} panel has no serious or critical axe violations`);
      for (const f of found) console.log(`     ${f.impact} ${f.id} × ${f.nodes.length}: ${f.help}\n       ${f.nodes[0]?.target} — ${f.nodes[0]?.summary}`);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `panel-${panel}-1280x720-light.png`) });
      await page.getByTestId(close).click();
    }
    t.check(b.errors.length === 0, `no page or console errors${b.errors.length ? `:\n  ${b.errors.slice(0, 10).join('\n  ')}` : ''}`);
  } finally {
    await b.close();
    preview.stop();
  }
  console.log(`axe serious/critical nodes: light ${totals.light ?? '?'}, dark ${totals.dark ?? '?'}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  t.finish('a11y-e2e');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  t.failures.push(String(e));
  t.finish('a11y-e2e');
});
