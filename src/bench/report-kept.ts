import { median } from './stats';
import type { BenchResult } from './types';

/** The rows of results.md for data kept in the browser and reopened (src/bench/stored-reopen.ts). */

const ms = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const worst = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : null);
const mb = (b: number | null | undefined) => (b === null || b === undefined ? '—' : `${(b / 1e6).toFixed(1)} MB`);

export function storedReopenSection(r: BenchResult): string[] {
  const kept = r.sizes.map((s) => s.storedReopen).filter((k) => k !== undefined);
  if (kept.length === 0) return [];
  const out = ['### Data kept in the browser, reopened after a browser restart', ''];
  out.push(
    'The data set loaded on the Data page in a browser profile of its own and kept (until the Data page says so: the tables, their derived ' +
      'tables and the first screen\'s answers written to the browser\'s storage); then, each run, the browser closed and started again on that ' +
      'profile and the app opened at `/`. "Overview complete": navigation until every Overview number shows (no panel busy, still so a second ' +
      'later); "tables read": until the kept tables are back and any other query can run. Every reopen showed the loaded order count. Milliseconds.',
    '',
  );
  out.push('| order lines | keep after the load | site storage used (with the offline copy of the app) | Overview complete, median | worst | tables read, median | worst |', '|---:|---:|---:|---:|---:|---:|---:|');
  for (const k of kept) {
    if (k.error) out.push(`| ${k.orderLines.toLocaleString('en-US')} | failed: ${k.error} | | | | | |`);
    else out.push(`| ${k.orderLines.toLocaleString('en-US')} | ${ms(k.keepMs)} | ${mb(k.keptBytes)} | ${ms(median(k.overviewMs))} | ${ms(worst(k.overviewMs))} | ${ms(median(k.dataReadyMs))} | ${ms(worst(k.dataReadyMs))} |`);
  }
  return out;
}

/** The target row: kept data of 1M order lines reopens to a complete Overview in at most 3 s. */
export function storedReopenTarget(r: BenchResult): string | null {
  const k = r.sizes.find((s) => s.size === '1m')?.storedReopen;
  if (!k) return null;
  const m = median(k.overviewMs);
  const w = worst(k.overviewMs);
  const measured = k.error ? `failed: ${k.error}` : `median ${ms(m)} ms, worst ${ms(w)} ms (tables read: median ${ms(median(k.dataReadyMs))} ms)`;
  return `| data kept in the browser, 1M order lines: a complete Overview after a browser restart ≤ 3 s | ${measured} | ${k.error || w === null ? '—' : w <= 3000 ? '✓' : m !== null && m <= 3000 ? '✓ median, ✗ worst' : '✗'} |`;
}
