import { expect } from 'vitest';
import type { Row } from '../../src/engine/types';
import type { CaseFile, Format } from './bad-rows.files';

/** One file's accounting: read = loaded + rejected + excluded (warned apart). */
export interface Account {
  read: number;
  loaded: number;
  rejected: number;
  excluded: number;
  warned: number;
}

export const account = (read: number, loaded: number, rejected: number, excluded = 0, warned = 0): Account => ({ read, loaded, rejected, excluded, warned });

/** Numbers the models must give once the batch is loaded (what a wrong row would change). */
export interface Totals {
  /** kpis (no filters). */
  kpis?: Partial<Record<'orders' | 'units_sold' | 'gross_sales' | 'returns' | 'refund_amount', number>>;
  /** join_coverage (the Data page's three joins), by join_name. */
  coverage?: Record<string, { total: number; with_key: number; matched: number }>;
  /** return_rate_by for one dim: exactly these dim_values, each with these fields. */
  byDim?: { dim: 'sku' | 'category'; rows: Record<string, Partial<Record<'units_sold' | 'returns' | 'orders', number>> & { category?: string }> };
  /** return_trend (months): how many periods. */
  trendPeriods?: number;
}

export interface Expected {
  replaced: boolean;
  /** Files refused whole (their rows count as read and rejected). */
  refusedFiles: string[];
  /** Per file name. */
  accounts: Record<string, Account>;
  /**
   * Per file, every rejected line and its reason. A pattern: the exact reason, or with one '…'
   * standing for text the contract leaves open (the date format words, the reader's words).
   * Files refused whole are not listed here.
   */
  rejected: Record<string, Record<number, string>>;
  totals: Totals;
  /** Stored values, read back with SQL (in-process paths only; the CLI writes model outputs). */
  stored?: { sql: string; rows: Row[] }[];
}

export interface BadRowCase {
  id: string;
  klass: number;
  format: Format;
  files: CaseFile[];
  allowPartial?: boolean;
  /** Also run through the CLI (`analyze`) in-process. */
  cli?: boolean;
  expect: Expected;
}

export type CaseBody = Omit<BadRowCase, 'id' | 'klass' | 'format'>;

/** One case per format, built by `body` for that format. */
export async function perFormat(klass: number, title: string, formats: Format[], body: (f: Format) => Promise<CaseBody>): Promise<BadRowCase[]> {
  return Promise.all(formats.map(async (format) => ({ id: `class ${klass} ${format}: ${title}`, klass, format, ...(await body(format)) })));
}

/** A batch that loads (replaced, nothing refused). */
export const ok = (e: Omit<Expected, 'replaced' | 'refusedFiles'>): Expected => ({ replaced: true, refusedFiles: [], ...e });

/** What one path gave, in the terms of Expected. */
export interface PathResult {
  path: string;
  replaced: boolean;
  refusedFiles: string[] | undefined;
  accounts: Record<string, Account>;
  /** Every rejected row: file, line and full reason. */
  issues: { file: string; line: number; severity: string; reason: string }[];
  totals: Totals;
  stored?: Row[][];
}

export function reasonMatches(reason: string, pattern: string): boolean {
  const [head, tail, ...more] = pattern.split('…');
  if (more.length > 0) throw new Error(`reason pattern with more than one '…': ${pattern}`);
  if (tail === undefined) return reason === head;
  return reason.length >= head!.length + tail.length && reason.startsWith(head!) && reason.endsWith(tail);
}

/** Soft checks of one path's result against the case (every mismatch is listed, not just the first). */
export function expectCase(got: PathResult, c: BadRowCase): void {
  const at = `${c.id} [${got.path}]`;
  const e = c.expect;
  expect.soft(got.replaced, `${at}: replaced`).toBe(e.replaced);
  expect.soft(got.refusedFiles, `${at}: refusedFiles`).toEqual(e.refusedFiles);
  for (const [file, acc] of Object.entries(e.accounts)) expect.soft(got.accounts[file], `${at}: accounting of ${file}`).toEqual(acc);
  // Every file but a refused one: exactly the listed lines are rejected (none when it lists none).
  for (const file of Object.keys(e.accounts).filter((f) => !e.refusedFiles.includes(f))) {
    const lines = e.rejected[file] ?? {};
    const rejected = got.issues.filter((i) => i.file === file && i.severity === 'rejected');
    expect.soft(rejected.map((i) => i.line), `${at}: rejected lines of ${file}`).toEqual(Object.keys(lines).map(Number));
    for (const i of rejected) {
      const pattern = lines[i.line];
      if (pattern !== undefined) expect.soft(reasonMatches(i.reason, pattern), `${at}: ${file} line ${i.line}: "${i.reason}" should match "${pattern}"`).toBe(true);
    }
  }
  expectTotals(got.totals, e.totals, at);
  if (e.stored && got.stored) {
    e.stored.forEach((s, k) => expect.soft(got.stored![k], `${at}: ${s.sql}`).toEqual(s.rows));
  }
}

function expectTotals(got: Totals, want: Totals, at: string): void {
  for (const [k, v] of Object.entries(want.kpis ?? {})) expect.soft(got.kpis?.[k as keyof Totals['kpis']], `${at}: kpis.${k}`).toBeCloseTo(v, 2);
  for (const [join, v] of Object.entries(want.coverage ?? {})) expect.soft(got.coverage?.[join], `${at}: join_coverage ${join}`).toEqual(v);
  if (want.byDim) {
    const rows = got.byDim?.rows ?? {};
    expect.soft(Object.keys(rows).sort(), `${at}: return_rate_by ${want.byDim.dim} values`).toEqual(Object.keys(want.byDim.rows).sort());
    for (const [value, fields] of Object.entries(want.byDim.rows)) {
      for (const [f, v] of Object.entries(fields)) expect.soft(rows[value]?.[f as 'orders'], `${at}: return_rate_by ${want.byDim.dim} ${value}.${f}`).toEqual(v);
    }
  }
  if (want.trendPeriods !== undefined) expect.soft(got.trendPeriods, `${at}: return_trend periods`).toBe(want.trendPeriods);
}

/** Every path must say the same as the canonical path: accounting, reasons (full text), totals. */
export function expectSamePaths(results: PathResult[], c: BadRowCase): void {
  const [first, ...others] = results;
  if (!first) return;
  const comparable = (r: PathResult) => ({
    replaced: r.replaced, accounts: r.accounts, issues: r.issues, totals: r.totals,
  });
  for (const r of others) {
    expect.soft(comparable(r), `${c.id}: ${r.path} = ${first.path}`).toEqual(comparable(first));
    if (first.stored && r.stored) expect.soft(r.stored, `${c.id}: stored values, ${r.path} = ${first.path}`).toEqual(first.stored);
  }
}
