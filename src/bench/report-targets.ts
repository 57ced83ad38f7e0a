import { coldLinksTarget } from './report-links';
import { storedReopenTarget } from './report-kept';
import { allPagesTargets } from './report-pages';
import { fmt, med, nativeBy, ratio } from './report-format';
import type { BenchResult, IngestPhase, SizeResult } from './types';

/** The targets table of results.md: each target of the issues, measured, met or not. */
export function targets(r: BenchResult): string[] {
  const by = (size: string) => r.sizes.find((s) => s.size === size);
  const fallback = (size: string) => by(size) ?? [...r.sizes].sort((a, b) => (a.rows.order_lines ?? 0) - (b.rows.order_lines ?? 0)).pop();
  const at = (s: SizeResult | undefined, want: string) => (s ? (s.size === want ? s.size : `${s.size} (target is for ${want}; not run)`) : 'not run');
  const rowsOut: string[] = ['### Targets (issue 5)', '', '| target | measured | met? |', '|---|---|---|'];
  const yes = (ok: boolean | null) => (ok === null ? '—' : ok ? '✓' : '✗');

  const s1 = fallback('1m');
  {
    const pick = (p?: IngestPhase) => {
      if (!p) return null;
      const xs = p.files.filter((f) => f.table === 'order_lines' || f.table === 'returns').map((f) => med(f.ms));
      return xs.length && xs.every((x) => x !== null) ? xs.reduce((a, b) => a! + b!, 0)! : null;
    };
    const b = pick(s1?.browser?.ingestCsv);
    const n = pick(s1 ? nativeBy(s1, true)?.ingestCsv : undefined);
    const q = b !== null && n !== null ? b / n : null;
    rowsOut.push(`| ingest order lines + returns CSV ≤ 1.5× native 1 thread | ${at(s1, '1m')}: ${fmt(b)} vs ${fmt(n)} ms = ${ratio(b, n)} | ${yes(q === null ? null : q <= 1.5)} |`);
  }
  {
    const b = s1?.browser?.models ?? [];
    const n = s1 ? (nativeBy(s1, true)?.models ?? []) : [];
    const qs = b
      .map((m) => ({ label: m.label, q: (med(m.ms) ?? NaN) / (med(n.find((x) => x.label === m.label)?.ms) ?? NaN) }))
      .filter((x) => Number.isFinite(x.q));
    const within = qs.filter((x) => x.q <= 1.5).length;
    const worst = [...qs].sort((a, b2) => b2.q - a.q)[0];
    rowsOut.push(
      `| every model ≤ 1.5× native 1 thread | ${at(s1, '1m')}: ${within} of ${qs.length} within${worst ? `; worst ${worst.label} ${worst.q.toFixed(1)}×` : ''} | ${yes(qs.length ? within === qs.length : null)} |`,
    );
  }
  for (const [size, limit] of [['1m', 200], ['10m', 1000]] as const) {
    const s = size === '1m' ? s1 : by('10m');
    const i = s?.interaction;
    const f = med(i?.filterChangeMs);
    const detail = i && f !== null
      ? ` with the unfiltered Overview's filter indexes built (${i.indexesReadyMs === null ? 'none left to build when it was opened again' : `${fmt(i.indexesReadyMs)} ms in the background`}); a view no index answers: ${fmt(med(i.noIndexChangeMs ?? []))} ms; the first click, while they were being built: ${fmt(i.firstChangeMs)} ms`
      : '';
    const measured = i?.refused
      ? 'not applicable: the page refuses this size before reading it (see the 10M row)'
      : i?.error
        ? `failed: ${i.error}`
        : `${fmt(f)} ms${detail}`;
    rowsOut.push(`| filter change → all charts updated (Overview) ≤ ${fmt(limit)} ms median at ${size} | ${at(s, size)}: ${measured} | ${yes(f === null ? null : f <= limit)} |`);
  }
  const cold = r.general?.firstDashboardColdMs;
  rowsOut.push(`| first dashboard on the demo data ≤ 2 s, cold cache | ${fmt(cold)} ms | ${yes(cold === undefined ? null : cold <= 2000)} |`);
  const links = coldLinksTarget(r.general);
  if (links) rowsOut.push(links);
  const kept = storedReopenTarget(r);
  if (kept) rowsOut.push(kept);
  rowsOut.push(...allPagesTargets(r));
  const s10 = by('10m');
  const err10 = s10 ? (s10.browser?.error ?? s10.browser?.ingestCsv?.error ?? s10.interaction?.error) : undefined;
  const refused10 = s10?.interaction?.refused ?? s10?.browser?.refused;
  const largest = [...r.sizes].filter((s) => s.browser && !s.browser.refused && !s.browser.error && !s.browser.ingestCsv?.error).pop();
  const outcome10 = !s10
    ? 'not run'
    : err10
      ? `failed: ${err10}`
      : refused10
        ? `refused before reading, the Data page says: "${refused10}"${largest ? ` Largest size loaded here: ${largest.size}.` : ''}`
        : `loaded; peak renderer ${Math.max(...(s10.browser?.memory ?? []).map((x) => x.peakRssMB ?? 0))} MB`;
  rowsOut.push(`| 10M order lines load and answer in the browser, or a clear limit message | ${outcome10} | ${yes(s10 ? !err10 : null)} |`);
  const js = r.general?.initialJsGzipKB;
  rowsOut.push(`| initial JavaScript ≤ 400 kB gzipped (without the DuckDB wasm) | ${js ?? '—'} kB | ${yes(js === undefined ? null : js <= 400)} |`);
  return rowsOut;
}
