/**
 * What words.e2e.ts reads off a page and how it judges it: the visible text, hover titles and
 * accessible names, the dates and money amounts in a text, chart ticks, and the layout of the
 * header and the filter bar. Helpers only (no browser of their own).
 */
import type { Page } from 'playwright-core';

/** The page's visible text without code-formatted names (code, kbd and pre elements: technical names shown on purpose). */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let text = document.body.innerText;
    for (const el of document.querySelectorAll('code, kbd, pre')) text = text.split((el as HTMLElement).innerText).join(' ');
    return text;
  });
}

const MON = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
/** Ways a day gets written; a page must use one (its locale's). The date inputs' "(mm/dd/yyyy)" labels are not dates. */
export const DATE_FORMS: Record<string, RegExp> = {
  iso: /\b\d{4}-\d{2}-\d{2}\b/g,
  'en-US medium': new RegExp(`\\b${MON} \\d{1,2}, \\d{4}\\b`, 'g'),
  'en-GB medium': new RegExp(`\\b\\d{1,2} ${MON} \\d{4}\\b`, 'g'),
  'two-digit year': new RegExp(`\\b${MON} \\d{1,2}, \\d{2}(?!\\d)`, 'g'),
  numeric: /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  dotted: /\b\d{2}\.\d{2}\.\d{4}\b/g,
};

export function dateForms(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, re] of Object.entries(DATE_FORMS)) {
    const found = text.match(re);
    if (found) out[name] = [...new Set(found)];
  }
  return out;
}

/**
 * Hover titles and accessible names (title, aria-label, aria-description, placeholder, alt) of
 * every element, except on code-formatted elements (code, kbd and pre elements: technical names shown on purpose).
 */
export async function attributeTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('[title], [aria-label], [aria-description], [placeholder], [alt]')) {
      if (el.closest('code, kbd, pre')) continue;
      for (const a of ['title', 'aria-label', 'aria-description', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        // Tremor's hidden native selects are titled "select-hidden" / "multi-select-hidden" (aria-hidden, never shown)
        if (v && !(el.getAttribute('aria-hidden') === 'true' && /select-hidden$/.test(v))) out.push(v);
      }
    }
    return [...new Set(out)];
  });
}

/**
 * Layout at the current window size: the header's parts and the filter bar's controls, each
 * list pairwise without overlap, every one inside the window; and the page no wider than the window.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
    const groups: [string, string][] = [
      ['header', 'header h1, [data-testid="data-source"], [data-testid="privacy-note"], [data-testid="header-actions"] > *'],
      ['filter bar', '[data-testid="filter-bar"] [role="group"] > *'],
    ];
    for (const [name, selector] of groups) {
      const boxes = [...document.querySelectorAll(selector)].map((el) => ({ el: el as HTMLElement, r: el.getBoundingClientRect() })).filter((b) => b.r.width > 0 && b.r.height > 0);
      if (boxes.length < 3) problems.push(`${name}: only ${boxes.length} parts found`);
      for (const [i, a] of boxes.entries()) {
        const what = (a.el.innerText || a.el.getAttribute('aria-label') || a.el.tagName).trim().split('\n')[0]!.slice(0, 30);
        if (a.r.left < 0 || a.r.right > width + 0.5) problems.push(`${name}: "${what}" is cut at the window's edge (${Math.round(a.r.left)}–${Math.round(a.r.right)} of ${width})`);
        // text wider than its box spills over its neighbours (overflow visible); a native select clips its own text
        for (const el of [a.el, ...a.el.querySelectorAll<HTMLElement>('*')]) {
          if (el.tagName !== 'SELECT' && el.tagName !== 'OPTION' && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && getComputedStyle(el).overflowX === 'visible') {
            problems.push(`${name}: the text of "${what}" spills out of its box (${el.scrollWidth} > ${el.clientWidth} px)`);
            break;
          }
        }
        for (const b of boxes.slice(i + 1)) {
          const overlap = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left) > 0.5 && Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top) > 0.5;
          if (overlap && !a.el.contains(b.el) && !b.el.contains(a.el)) problems.push(`${name}: "${what}" overlaps "${(b.el.innerText || b.el.tagName).trim().split('\n')[0]!.slice(0, 30)}"`);
        }
      }
    }
    return problems;
  });
}

/** Money amounts (not compact "€12.3M"): with cents or whole. */
export function moneyKinds(text: string): { cents: string[]; whole: string[] } {
  // a trailing € (de-DE "4.000,00 €") follows its number after at most a space, not a tab (the next table cell)
  const amounts = text.match(/[€$£][ \u00a0]?-?\d[\d.,]*(?![\d.,]*[KMB])|\d[\d.,]*[ \u00a0]?€/g) ?? [];
  const cents = amounts.filter((a) => /[.,]\d{2}(\s?€)?$/.test(a.trim()));
  return { cents, whole: amounts.filter((a) => !cents.includes(a)) };
}

/** A tick step a reader takes as round: 1, 2, 3, 4, 5, 6 or 8 × a power of ten. */
export function roundTicks(labels: string[]): boolean {
  const values = labels.map((l) => Number(l.replace(/[^\d.-]/g, ''))).filter((v) => Number.isFinite(v));
  if (values.length < 3) return false;
  const step = values[1]! - values[0]!;
  if (!(step > 0)) return false;
  const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
  const even = values.every((v, i) => Math.abs(v - values[0]! - i * step) < step * 1e-6);
  return even && [1, 2, 3, 4, 5, 6, 8].includes(mantissa);
}

export async function ticks(page: Page, panel: string, axis: 'x' | 'y'): Promise<string[]> {
  const sel = `[data-testid="${panel}"] .recharts-${axis}Axis .recharts-cartesian-axis-tick-value`;
  await page.locator(sel).first().waitFor({ timeout: 60_000 });
  return page.locator(sel).allTextContents();
}
