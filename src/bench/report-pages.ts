import { fmt } from './report-format';
import { median } from './stats';
import type { AllPagesResult, BenchResult } from './types';

/** The all-pages rows of results.md (src/bench/all-pages.ts): issue 17's table. */

/** The p-th percentile (0–1) of xs, nearest rank. */
function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const changesOf = (a: AllPagesResult) => a.pages.flatMap((p) => p.changes.map((c) => c.ms));

export function allPagesSection(r: BenchResult): string[] {
  const sizes = r.sizes.filter((s) => s.allPages !== undefined);
  if (sizes.length === 0) return [];
  const out = ['### Every page right after a load', ''];
  const changes = sizes[0]!.allPages!.pages[0]?.changes.map((c) => `\`${c.change}\``).join(', ') ?? '';
  out.push(
    'The data set loaded on the Data page, then at once (nothing computed ahead yet) each page opened from the one before and its view ' +
      `changed 8 times (${changes}), each timed from the URL change until the last panel stops being busy. Meanwhile the page writes its copy of the data ` +
      "to the browser's storage in the background, as it does for a user. One run. \"Native 1 thread\": the statements each view sent DuckDB in the page, " +
      'recorded there with their bound values, run in the same order on native DuckDB (1 thread) over the same data. Milliseconds.',
    '',
  );
  for (const s of sizes) {
    const a = s.allPages!;
    const native = s.native.find((n) => n.side === 'native 1T')?.pages ?? [];
    const nativeOf = (page: string, open: boolean) => native.filter((v) => v.page === page && (v.change === '') === open && !v.error).map((v) => v.ms);
    if (a.refused) {
      out.push(`**${a.size}**: not loaded, the Data page refused the files: ${a.refused}`, '');
      continue;
    }
    out.push(`**${a.size}**${a.error ? ` (failed: ${a.error})` : ''}`, '', '| page | open | native 1 thread | change median | change worst | native 1 thread, change median |', '|---|---:|---:|---:|---:|---:|');
    for (const p of a.pages) {
      const ms = p.changes.map((c) => c.ms);
      out.push(`| ${p.page} | ${fmt(p.openMs)} | ${fmt(median(nativeOf(p.page, true)))} | ${fmt(median(ms))} | ${fmt(ms.length ? Math.max(...ms) : null)} | ${fmt(median(nativeOf(p.page, false)))} |`);
    }
    const all = changesOf(a);
    const nativeAll = native.filter((v) => v.change !== '' && !v.error).map((v) => v.ms);
    out.push(`| **all pages** | ${fmt(median(a.pages.map((p) => p.openMs)))} (median) | | ${fmt(median(all))} (p90 ${fmt(percentile(all, 0.9))}) | ${fmt(all.length ? Math.max(...all) : null)} | ${fmt(median(nativeAll))} (p90 ${fmt(percentile(nativeAll, 0.9))}) |`);
    const failed = native.filter((v) => v.error);
    if (failed.length) out.push('', `Native could not run ${failed.length} view(s), e.g. ${failed[0]!.page} \`${failed[0]!.change || 'open'}\`: ${failed[0]!.error}`);
    out.push('');
  }
  return out;
}

/** Issue 17's targets: at 1M, changes ≤ 200 ms median and ≤ 500 ms p90, a page opens ≤ 500 ms; at 5M ≤ 1 s median. */
export function allPagesTargets(r: BenchResult): string[] {
  const rows: string[] = [];
  const yes = (ok: boolean | null) => (ok === null ? '—' : ok ? '✓' : '✗');
  const at = (size: string) => r.sizes.find((s) => s.size === size)?.allPages;
  const one = at('1m');
  if (one) {
    const all = changesOf(one);
    const m = median(all);
    const p90 = percentile(all, 0.9);
    rows.push(`| every page, any view change at 1M order lines, from the first click after a load: ≤ 200 ms median, ≤ 500 ms p90 | ${one.error ? `failed: ${one.error}` : `median ${fmt(m)} ms, p90 ${fmt(p90)} ms over ${all.length} changes on ${one.pages.length} pages`} | ${yes(m === null || p90 === null ? null : m <= 200 && p90 <= 500)} |`);
    const opens = one.pages.map((p) => p.openMs);
    const worst = opens.length ? Math.max(...opens) : null;
    rows.push(`| opening a page at 1M order lines ≤ 500 ms | worst ${fmt(worst)} ms (median ${fmt(median(opens))} ms) | ${yes(worst === null ? null : worst <= 500)} |`);
  }
  const five = at('5m');
  if (five) {
    const m = median(changesOf(five));
    const measured = five.refused ? `not loaded: the Data page refuses this size (${five.refused})` : five.error ? `failed: ${five.error}` : `${fmt(m)} ms`;
    rows.push(`| every page, any view change at 5M order lines ≤ 1 s median | ${measured} | ${yes(five.refused ? false : m === null ? null : m <= 1000)} |`);
  }
  return rows;
}
