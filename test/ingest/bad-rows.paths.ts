import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main';
import type { Row } from '../../src/engine/types';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { replaceData, type BatchFile, type ReplaceOptions, type ReplaceResult } from '../../src/loader/replace-data';
import type { Runner } from '../../src/runner/runner';
import { readCsvObjects } from '../helpers/csv';
import type { Account, BadRowCase, PathResult, Totals } from './bad-rows.expect';
import { identityMapping } from './bad-rows.files';

/**
 * The ways one batch can be loaded: as canonical files (named after their table) and through
 * a hand-written identity mapping, both through replaceData (the page's and the CLI's batch); and the CLI's `analyze`, in-process, on the files
 * written to a folder. Each gives a PathResult in the same terms, so the cases can be checked
 * against their expectation and the paths against each other.
 */

// (There is one canonical path: a canonical file is the identity mapping of its table. The
// former unchecked fast path for clean files is gone, so it is no longer a path of its own.)
export type ReplacePath = 'canonical' | 'mapping';

export function batchFiles(c: Pick<BadRowCase, 'files'>, p: ReplacePath): BatchFile[] {
  // A copy of the bytes: a load may hand its buffer over to the engine.
  return c.files.map((f) => ({ name: f.name, bytes: f.bytes.slice(), ...(p === 'mapping' ? { mapping: identityMapping(f) } : {}) }));
}

export async function replaceVia(runner: Runner, files: BatchFile[], _p: ReplacePath, allowPartial?: boolean): Promise<ReplaceResult> {
  const options: ReplaceOptions = allowPartial ? { allowPartial } : {};
  return replaceData(runner, files, decodeParquetNode, undefined, options);
}

interface Counted { file: string; rowsRead: number; rowsLoaded: number; rowsRejected: number; rowsExcluded?: number; rowsWarned: number }

const accountOf = (r: Counted): Account => ({
  // The CLI's canonical summary has no rowsExcluded today: nothing is excluded from a canonical file.
  read: r.rowsRead, loaded: r.rowsLoaded, rejected: r.rowsRejected, excluded: r.rowsExcluded ?? 0, warned: r.rowsWarned,
});

/** load_issues as the suite compares them (the batch's when it was refused: result.issues). */
export async function issuesAfter(runner: Runner, result: ReplaceResult): Promise<PathResult['issues']> {
  const rows = result.replaced
    ? await runner.engine.query('SELECT source_file, line_number, severity, reason FROM load_issues')
    : result.issues;
  return rows
    .map((r) => ({ file: String(r.source_file), line: Number(r.line_number), severity: String(r.severity), reason: String(r.reason) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.severity.localeCompare(b.severity) || a.reason.localeCompare(b.reason));
}

/** The totals a case asks for, from model rows (numbers as numbers: the CLI's CSV cells are read back). */
export function totalsFrom(want: Totals, model: (name: string, dim?: string) => Row[]): Totals {
  const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));
  const got: Totals = {};
  if (want.kpis) {
    const k = model('kpis')[0] ?? {};
    got.kpis = Object.fromEntries(Object.keys(want.kpis).map((f) => [f, num(k[f])]));
  }
  if (want.coverage) {
    const rows = model('join_coverage');
    got.coverage = Object.fromEntries(Object.keys(want.coverage).map((j) => {
      const r = rows.find((x) => x.join_name === j);
      // A join the model does not list shows as -1 counts (the expectation never has those).
      return [j, { total: num(r?.total) ?? -1, with_key: num(r?.with_key) ?? -1, matched: num(r?.matched) ?? -1 }];
    }));
  }
  if (want.byDim) {
    const fields = [...new Set(Object.values(want.byDim.rows).flatMap((r) => Object.keys(r)))];
    got.byDim = {
      dim: want.byDim.dim,
      rows: Object.fromEntries(model('return_rate_by', want.byDim.dim).map((r) => [
        String(r.dim_value), Object.fromEntries(fields.map((f) => [f, f === 'category' ? r[f] : num(r[f])])),
      ])),
    };
  }
  if (want.trendPeriods !== undefined) got.trendPeriods = model('return_trend').length;
  return got;
}

/** One case through replaceData on one path; a refused batch must leave the data as it was. */
export async function runReplacePath(runner: Runner, c: BadRowCase, p: ReplacePath): Promise<PathResult> {
  const kpis = async () => (await runner.run('kpis')).rows;
  const before = c.expect.replaced ? null : await kpis();
  const result = await replaceVia(runner, batchFiles(c, p), p, c.allowPartial);
  if (before) expect.soft(await kpis(), `${c.id} [${p}]: a refused batch keeps the data`).toEqual(before);
  const cache = new Map<string, Row[]>();
  for (const [name, dim] of [['kpis'], ['join_coverage'], ['return_rate_by', c.expect.totals.byDim?.dim], ['return_trend']] as const) {
    if (name === 'return_rate_by' && !dim) continue;
    // A model that fails is a finding of its own (a loaded value it cannot handle): listed, and the other checks still run.
    const rows = await runner.run(name, dim ? { dim } : {}).then((r) => r.rows, (e: unknown) => {
      expect.soft(e instanceof Error ? e.message : String(e), `${c.id} [${p}]: ${name}${dim ? ` (${dim})` : ''} must run`).toBeNull();
      return [];
    });
    cache.set(`${name}|${dim ?? ''}`, rows);
  }
  const stored: Row[][] = [];
  for (const s of c.expect.stored ?? []) stored.push(await runner.engine.query(s.sql));
  return {
    path: p,
    replaced: result.replaced,
    refusedFiles: result.refusedFiles,
    accounts: Object.fromEntries(result.reports.map((r) => [r.file, accountOf(r)])),
    issues: await issuesAfter(runner, result),
    totals: result.replaced ? totalsFrom(c.expect.totals, (name, dim) => cache.get(`${name}|${dim ?? ''}`) ?? []) : {},
    stored: result.replaced ? stored : undefined,
  };
}

/**
 * The CLI on the case's files (in-process, `analyze <dir> --out <out>`): accounting from
 * summary.json, reasons from rejected_rows.csv, totals from the model CSVs. "Replaced" = it
 * went on to analyze (wrote kpis.csv). Expected from the contract: summary.json names the
 * refused files (`refusedFiles`, as ReplaceResult does) and the exit code is non-zero when a
 * file is refused without --allow-partial.
 */
export async function runCliPath(c: BadRowCase): Promise<PathResult & { exitCode: number }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-badrows-'));
  try {
    const data = path.join(tmp, 'data');
    const out = path.join(tmp, 'out');
    mkdirSync(data);
    for (const f of c.files) writeFileSync(path.join(data, f.name), f.bytes);
    // A user mistake or a bad file ends in a message and an exit code, never a stack trace.
    const exitCode = await main(['analyze', data, '--out', out, '--quiet', ...(c.allowPartial ? ['--allow-partial'] : [])]).catch((e: unknown) => {
      expect.soft(e instanceof Error ? e.message : String(e), `${c.id} [cli]: analyze must not crash`).toBeNull();
      return -1;
    });
    const read = (f: string) => (existsSync(path.join(out, f)) ? readCsvObjects(readFileSync(path.join(out, f), 'utf8')) : []);
    const summaryFile = path.join(out, 'summary.json');
    const summary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as { loads?: Counted[]; refusedFiles?: string[] }) : {};
    const replaced = existsSync(path.join(out, 'kpis.csv'));
    const issues = read('rejected_rows.csv')
      .map((r) => ({ file: r.source_file!, line: Number(r.line_number), severity: r.severity!, reason: r.reason! }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.severity.localeCompare(b.severity) || a.reason.localeCompare(b.reason));
    return {
      path: 'cli',
      exitCode,
      replaced,
      refusedFiles: summary.refusedFiles,
      accounts: Object.fromEntries((summary.loads ?? []).map((l) => [l.file, accountOf(l)])),
      issues,
      totals: replaced ? totalsFrom(c.expect.totals, (name, dim) => read(dim ? `${name}.${dim}.csv` : `${name}.csv`)) : {},
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
