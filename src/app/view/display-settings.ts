import { setDisplayLocale, setMoneyCents } from '../format';
import type { PageId, ViewState } from './types';

/**
 * Pages that show amounts per return, per case or per policy (costs, fees, leakage cases),
 * where a rounded euro would hide the figure: money with cents there, whole units on every
 * other page. One page never mixes the two (issue 16: "€65,828" next to "€65,827.69").
 */
const PAGES_WITH_CENTS: ReadonlySet<PageId> = new Set<PageId>(['cost', 'leakage', 'policy']);

/**
 * Puts the view's display settings in effect for the formatter (format.ts) before the view
 * renders: its locale (`loc`) and whether its page shows cents. The formatter keeps them, so
 * every figure follows without each component passing them down.
 */
export function applyDisplaySettings(view: Pick<ViewState, 'locale' | 'page'>): void {
  setDisplayLocale(view.locale);
  setMoneyCents(PAGES_WITH_CENTS.has(view.page));
}
