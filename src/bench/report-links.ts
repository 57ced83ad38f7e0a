import { median } from './stats';
import type { ColdLinkResult, GeneralResult } from './types';

/** The cold-link rows of results.md (src/bench/cold-links.ts): the README's "Links on the demo data". */

const ms = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US'));
const worst = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : null);

/** The default Overview's median cold open, the yardstick of every other link. */
function baseline(links: readonly ColdLinkResult[]): number | null {
  return median(links.find((l) => l.search === '')?.coldMs ?? []);
}

export function coldLinksSection(g: GeneralResult, runs: number): string[] {
  const links = g.coldLinks;
  if (!links?.length) return [];
  const base = baseline(links);
  const out = ['### Links on the demo data, cold', ''];
  out.push(
    `Each link opened in a browser with a fresh profile (empty cache, nothing stored), from navigation until the view shows its numbers ` +
      `(its element drawn, no panel busy, and still so a second later); the links take turns within each of ${runs} runs, so they are measured ` +
      'side by side. "Repeat visit": the same link again in a new tab of that browser (the HTTP cache warm). Milliseconds.',
    '',
  );
  out.push('| link | cold median | cold worst | ÷ default Overview (median) | repeat visit median |', '|---|---:|---:|---:|---:|');
  for (const l of links) {
    const m = median(l.coldMs);
    const q = m !== null && base ? `${(m / base).toFixed(1)}×` : '—';
    out.push(`| ${l.label} \`${l.search || '/'}\` | ${ms(m)} | ${ms(worst(l.coldMs))} | ${q} | ${ms(median(l.repeatMs))} |${l.error ? ` failed: ${l.error}` : ''}`);
  }
  return out;
}

/** The target row: every link within 1.5× of the default Overview's cold time. */
export function coldLinksTarget(g: GeneralResult | undefined): string | null {
  const links = g?.coldLinks;
  if (!links?.length) return null;
  const base = baseline(links);
  const others = links.filter((l) => l.search !== '');
  const qs = others.map((l) => ({ l, q: (median(l.coldMs) ?? NaN) / (base ?? NaN) })).filter((x) => Number.isFinite(x.q));
  const slowest = [...qs].sort((a, b) => b.q - a.q)[0];
  const ok = qs.length === others.length && qs.every((x) => x.q <= 1.5);
  const measured = slowest ? `default Overview ${ms(base)} ms; slowest other link ${slowest.l.label} ${ms(median(slowest.l.coldMs))} ms = ${slowest.q.toFixed(1)}×` : 'not measured';
  return `| every page and filter link on the demo data ≤ 1.5× the default Overview, cold (median) | ${measured} | ${qs.length ? (ok ? '✓' : '✗') : '—'} |`;
}
