import { sameResult } from './checksum';
import { coldLinksSection } from './report-links';
import { storedReopenSection } from './report-kept';
import { allPagesSection } from './report-pages';
import { count, fmt, med, nativeBy, ratio } from './report-format';
import { targets } from './report-targets';
import type { BenchResult, IngestPhase, ModelRun, SideResult, SizeResult } from './types';

/** results.md: the README's "Benchmark" section, from results.json. */

function cell(xs: readonly number[] | undefined, runs: number): string {
  const m = med(xs);
  if (m === null) return '—';
  return xs!.length < runs ? `${fmt(m)} (${xs!.length} run${xs!.length > 1 ? 's' : ''})` : fmt(m);
}

function sideLabel(s: SideResult): string {
  return s.side;
}

export function renderMarkdown(r: BenchResult): string {
  const out: string[] = [];
  const runs = r.options.runs;
  const m = r.machine;
  out.push('## Benchmark', '');
  out.push(
    'Run it: `npm run bench` (100k, 1M and 10M order lines; generated data is cached in `test-artifacts/bench/cache/`), ' +
      'or e.g. `npm run bench -- --sizes 100k --runs 3`; `--help` lists the options. It needs Chromium (Debian/Ubuntu: ' +
      '`apt-get install -y chromium`, or set `CHROMIUM_PATH`) and, once, network access to install `@duckdb/node-api` ' +
      '(`npm install --no-save`: package.json and the lock file stay as they are). Results: `test-artifacts/bench/results.md` and `results.json`.',
    '',
  );
  out.push(
    `\`npm run bench\` (${r.startedAt.slice(0, 16).replace('T', ' ')} UTC): ${m.cpuModel}, ${m.cpus} cores, ${m.memGB} GB RAM, ` +
      `Node ${m.node}${m.chromium ? `, ${m.chromium} headless` : ''}; load average at start ${m.loadAvg.join(' / ')}` +
      (m.loadAvg[0]! > m.cpus ? ' (a busy machine: other work competed for the cores, read ratios rather than absolute times).' : '.'),
  );
  out.push(
    `Browser: the production build, DuckDB-WASM ${r.versions.duckdbWasm} (DuckDB ${r.sizes.find((s) => s.browser?.engineVersion)?.browser?.engineVersion ?? '1.4.3'}), one thread. ` +
      `Native: @duckdb/node-api ${r.versions.nodeApi ?? '—'} (DuckDB ${r.versions.nativeDuckdb ?? '—'}), 1 thread and all cores. ` +
      `Median of ${runs} runs in milliseconds (fewer when a step's runs passed the time budget: the count is shown). ` +
      'Data: the project\'s generator (`npm run generate`), seed ' + r.options.seed + '.',
  );
  out.push('');
  out.push(...targets(r), '');
  if (r.general) out.push(...general(r), '');
  for (const s of r.sizes) out.push(...sizeSection(s, runs));
  const kept = storedReopenSection(r);
  if (kept.length) out.push(...kept, '');
  const pages = allPagesSection(r);
  if (pages.length) out.push(...pages);
  const problems = disagreements(r);
  out.push('### Browser and native agree?', '');
  if (problems.length === 0) out.push('Yes: every model checksum and every table fingerprint is equal on all sides that ran.');
  else out.push(`**NO — ${problems.length} disagreement(s):**`, '', ...problems.map((p) => `- ✗ ${p}`));
  out.push('');
  return out.join('\n');
}

function general(r: BenchResult): string[] {
  const g = r.general!;
  const out = ['### Start-up', ''];
  out.push('| step | median | notes |', '|---|---:|---|');
  out.push(`| first dashboard, demo data, cold cache (navigation → Overview idle) | ${fmt(g.firstDashboardColdMs)} | one run, fresh browser profile |`);
  out.push(`| same, warm cache | ${cell(g.firstDashboardWarmMs, runs(r))} | |`);
  out.push(`| browser engine start (DuckDB-WASM instantiate + schema) | ${cell(g.browserEngineStartMs, runs(r))} | of which instantiate ${fmt(med(g.browserInstantiateMs))} |`);
  const nat = r.sizes[0]?.native ?? [];
  for (const n of nat) out.push(`| ${sideLabel(n)} engine start (instance + schema) | ${cell(n.engineStartMs, runs(r))} | |`);
  out.push(`| initial JavaScript, gzipped (index.html's entry + modulepreload; wasm excluded) | ${g.initialJsGzipKB ?? '—'} kB | ${g.initialJsFiles?.length ?? 0} files |`);
  if (g.error) out.push('', `Start-up measurement failed: ${g.error}`);
  const links = coldLinksSection(g, runs(r));
  if (links.length) out.push('', ...links);
  return out;
}
const runs = (r: BenchResult) => r.options.runs;

function sizeSection(s: SizeResult, runs: number): string[] {
  const out: string[] = [];
  const rows = Object.entries(s.rows).map(([t, n]) => `${count(n)} ${t}`).join(', ');
  out.push(`### ${s.size} order lines`, '', `Data: ${rows}.`, '');
  const b = s.browser;
  const n1 = nativeBy(s, true);
  const nm = nativeBy(s, false);
  for (const side of [b, n1, nm]) if (side?.error) out.push(`**${side.side} failed:** ${side.error}`, '');

  for (const format of ['csv', 'parquet'] as const) {
    const key = format === 'csv' ? 'ingestCsv' : 'ingestParquet';
    const pb = b?.[key];
    const p1 = n1?.[key];
    const pm = nm?.[key];
    const app = format === 'csv' ? n1?.ingestAppLoader : undefined;
    const files = (pb ?? p1 ?? pm)?.files ?? [];
    if (files.length === 0) continue;
    out.push(`**Ingest ${format.toUpperCase()}** (browser: the app's loader, bytes already in memory; native: read_${format} into the same canonical tables${app ? '; last columns: the app\'s loader on native' : ''})`, '');
    const head = ['file', 'rows loaded', 'browser', n1?.side ?? 'native 1T', nm?.side ?? 'native', 'browser ÷ native 1T'];
    if (app) head.push('native 1T, app loader', 'browser ÷ that');
    out.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
    const line = (label: string, rowsLoaded: string, xb?: number[], x1?: number[], xm?: number[], xa?: number[]) => {
      const cells = [label, rowsLoaded, cell(xb, runs), cell(x1, runs), cell(xm, runs), ratio(med(xb), med(x1))];
      if (app) cells.push(cell(xa, runs), ratio(med(xb), med(xa)));
      out.push(`| ${cells.join(' | ')} |`);
    };
    for (const f of files) {
      const fb = pb?.files.find((x) => x.table === f.table);
      const f1 = p1?.files.find((x) => x.table === f.table);
      const fm = pm?.files.find((x) => x.table === f.table);
      const fa = app?.files.find((x) => x.table === f.table);
      line(f.file, count(fb?.rowsLoaded ?? f1?.rowsLoaded), fb?.ms, f1?.ms, fm?.ms, fa?.ms);
    }
    line('derive (schema/derive.sql)', '', pb?.deriveMs, p1?.deriveMs, pm?.deriveMs, app?.deriveMs);
    line('**total**', '', pb?.totalMs, p1?.totalMs, pm?.totalMs, app?.totalMs);
    for (const p of [pb, p1, pm, app]) if (p?.error) out.push('', `Ingest failed (${p.method}): ${p.error}`);
    out.push('');
  }

  const labels = (b?.models.length ? b.models : (n1?.models ?? [])).map((x) => x.label);
  if (labels.length > 0) {
    out.push('**Models** (Runner.run with default parameters, rows converted to JS; `dim` models once per value, listings with limit 100)', '');
    out.push(`| model | rows | browser | ${n1?.side ?? 'native 1T'} | ${nm?.side ?? 'native'} | browser ÷ native 1T | same result |`, '|---|---:|---:|---:|---:|---:|---|');
    let tb = 0;
    let t1 = 0;
    let tm = 0;
    for (const label of labels) {
      const mb = b?.models.find((x) => x.label === label);
      const m1 = n1?.models.find((x) => x.label === label);
      const mm = nm?.models.find((x) => x.label === label);
      tb += med(mb?.ms) ?? 0;
      t1 += med(m1?.ms) ?? 0;
      tm += med(mm?.ms) ?? 0;
      const rowsCell = mb?.checksum?.rows ?? m1?.checksum?.rows;
      out.push(
        `| ${label} | ${count(rowsCell)} | ${modelCell(mb, runs)} | ${modelCell(m1, runs)} | ${modelCell(mm, runs)} | ${ratio(med(mb?.ms), med(m1?.ms))} | ${agreement([mb, m1, mm])} |`,
      );
    }
    const ranB = (b?.models.length ?? 0) > 0;
    out.push(`| **all models** | | ${ranB ? fmt(tb) : '—'} | ${fmt(t1)} | ${fmt(tm)} | ${ranB ? ratio(tb, t1) : '—'} | |`, '');
  }

  const i = s.interaction;
  if (i?.refused) {
    out.push(
      '**The app** (production build, real UI):',
      `the Data page refused the ${Object.keys(s.rows).length} CSV files before reading them (its answer took ${fmt(i.dataPageLoadMs)} ms) and kept its data, so there is no Overview or filter change to time at this size. It said: "${i.refused}"`,
      '',
    );
  } else if (i) {
    out.push('**The app** (production build, real UI, data loaded through the Data page; filter changes on Overview, the busiest page)', '');
    out.push('| step | ms |', '|---|---:|');
    out.push(`| load the ${Object.keys(s.rows).length} CSV files on the Data page (file input → "Loaded") | ${fmt(i.dataPageLoadMs)} |`);
    out.push(`| Overview after that load, until no panel is busy | ${fmt(i.overviewAfterLoadMs)} |`);
    out.push(`| first filter change at once (\`${i.firstChange ?? ''}\`), while the filter indexes are being built | ${fmt(i.firstChangeMs)} |`);
    out.push(`| back on the unfiltered Overview, until every filter index it queued is built (in the background) | ${i.indexesReadyMs === null ? 'none queued: built already' : fmt(i.indexesReadyMs)} |`);
    const fm = med(i.filterChangeMs);
    const min = i.filterChangeMs.length ? Math.min(...i.filterChangeMs) : null;
    const max = i.filterChangeMs.length ? Math.max(...i.filterChangeMs) : null;
    out.push(`| **filter change → last panel updated**, indexes built, median of ${i.filterChangeMs.length} (min ${fmt(min)}, max ${fmt(max)}) | **${fmt(fm)}** |`);
    const nm = med(i.noIndexChangeMs ?? []);
    out.push(`| filter change no index answers (two values of one dimension: every panel runs its SQL), median of ${(i.noIndexChangeMs ?? []).length} | ${fmt(nm)} |`);
    out.push('', `Filter changes: ${i.filterChanges.map((c) => `\`${c}\``).join(', ')}; without an index: ${(i.noIndexChanges ?? []).map((c) => `\`${c}\``).join(', ')}.`);
    if (i.error) out.push('', `**The app failed:** ${i.error}`);
    out.push('');
  }

  const mem: string[] = [];
  for (const side of [b, n1, nm]) for (const x of side?.memory ?? []) mem.push(`| ${side!.side} | ${x.phase} | ${x.peakRssMB ?? '—'} | ${x.jsHeapMB ?? '—'} | ${x.duckdbMB ?? '—'} |`);
  for (const x of i?.memory ?? []) mem.push(`| browser | ${x.phase} | ${x.peakRssMB ?? '—'} | ${x.jsHeapMB ?? '—'} | — |`);
  if (mem.length > 0) {
    out.push('**Peak memory** (MB; browser: peak resident size of the page\'s renderer process, which holds DuckDB\'s worker and wasm heap, reset per phase; main-thread JS heap sampled every 250 ms; native: peak RSS of the process so far)', '');
    out.push('| side | phase | peak RSS | JS heap | DuckDB (duckdb_memory) |', '|---|---|---:|---:|---:|', ...mem, '');
  }

  const fp = fingerprints(s);
  if (fp.length > 0) {
    out.push('**Same data on every side?** (canonical tables after each ingest: row count and an order-free hash of all rows)', '');
    out.push('| table | rows | ' + fp[0]!.sides.map((x) => x.name).join(' | ') + ' |', '|---|---:|' + fp[0]!.sides.map(() => '---|').join(''));
    for (const t of fp) {
      const ref = t.sides.find((x) => x.hash)?.hash;
      out.push(`| ${t.table} | ${count(t.rows)} | ${t.sides.map((x) => (x.hash === undefined ? '—' : x.hash === ref ? `✓ ${count(x.rows)}` : `✗ ${count(x.rows)}`)).join(' | ')} |`);
    }
    out.push('');
  }
  return out;
}

function modelCell(m: ModelRun | undefined, runs: number): string {
  if (!m) return '—';
  if (m.status === 'error') return 'error';
  if (m.status === 'needs_columns') return `needs ${m.missing?.join(', ')}`;
  return cell(m.ms, runs);
}

function agreement(ms: (ModelRun | undefined)[]): string {
  const have = ms.filter((m): m is ModelRun => m !== undefined);
  if (have.length < 2) return '—';
  const errors = have.filter((m) => m.status === 'error');
  if (errors.length > 0) return `✗ error: ${errors[0]!.error ?? ''}`.slice(0, 120);
  const [ref, ...rest] = have;
  let tolerant = false;
  for (const m of rest) {
    const c = compare(ref!, m);
    if (!c.same) return `✗ ${c.detail ?? ''}`.slice(0, 160);
    tolerant ||= c.tolerant;
  }
  return tolerant ? '✓ (last digits differ)' : '✓';
}

function compare(a: ModelRun, b: ModelRun): { same: boolean; tolerant: boolean; detail?: string } {
  if (a.status !== b.status) return { same: false, tolerant: false, detail: `${a.status} vs ${b.status}` };
  if (!a.checksum || !b.checksum) return { same: false, tolerant: false, detail: 'no checksum' };
  return sameResult(a.checksum, b.checksum);
}

interface FingerprintRow {
  table: string;
  rows: number | undefined;
  sides: { name: string; rows?: number; hash?: string }[];
}

function fingerprints(s: SizeResult): FingerprintRow[] {
  const phases: [string, IngestPhase | undefined][] = [
    ['browser CSV', s.browser?.ingestCsv],
    ['browser Parquet', s.browser?.ingestParquet],
    ['native CSV', nativeBy(s, true)?.ingestCsv],
    ['native Parquet', nativeBy(s, true)?.ingestParquet],
    ['native app loader', nativeBy(s, true)?.ingestAppLoader],
  ];
  const present = phases.filter(([, p]) => p && Object.keys(p.tables).length > 0);
  if (present.length === 0) return [];
  const tables = Object.keys(present[0]![1]!.tables);
  return tables.map((t) => ({
    table: t,
    rows: s.rows[t],
    sides: present.map(([name, p]) => ({ name, rows: p!.tables[t]?.rows, hash: p!.tables[t]?.hash })),
  }));
}

/** Everything that says the two sides did not do the same work. */
export function disagreements(r: BenchResult): string[] {
  const out: string[] = [];
  for (const s of r.sizes) {
    const sides = [s.browser, ...s.native].filter((x): x is SideResult => x !== undefined);
    const withSources = sides.filter((x) => x.sources);
    for (const x of withSources.slice(1)) {
      const a = withSources[0]!.sources!;
      const b = x.sources!;
      const files = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
      if (files.length) out.push(`${s.size}: ${withSources[0]!.side} and ${x.side} ran different SQL files (${files.join(', ')}): was queries/ edited during the run?`);
    }
    const labels = new Set(sides.flatMap((x) => x.models.map((m) => m.label)));
    for (const label of labels) {
      const runs = sides.map((x) => ({ side: x.side, m: x.models.find((m) => m.label === label) })).filter((x) => x.m);
      for (const x of runs) if (x.m!.status === 'error') out.push(`${s.size} ${label}: ${x.side} error: ${x.m!.error}`);
      const ok = runs.filter((x) => x.m!.status !== 'error');
      const ref = ok[0];
      for (const x of ok.slice(1)) {
        const c = compare(ref!.m!, x.m!);
        if (!c.same) out.push(`${s.size} ${label}: ${ref!.side} ≠ ${x.side} (${c.detail})`);
      }
    }
    for (const t of fingerprints(s)) {
      const ref = t.sides.find((x) => x.hash);
      for (const x of t.sides) {
        if (x.hash !== undefined && x.hash !== ref?.hash) out.push(`${s.size} table ${t.table}: ${x.name} (${x.rows} rows) ≠ ${ref?.name} (${ref?.rows} rows)`);
      }
      if (ref && t.rows !== undefined && ref.rows !== t.rows) out.push(`${s.size} table ${t.table}: ${ref.rows} rows loaded, the generator wrote ${t.rows}`);
    }
  }
  return out;
}
