import { readFileSync } from 'node:fs';
import type { Engine } from '../engine/types';
import type { SentQuery } from './query-capture';

/** The statements each view of the all-pages table ran in the page (written by the browser side). */
export interface ViewQueries {
  page: string;
  /** '' for opening the page. */
  change: string;
  queries: SentQuery[];
}

export interface ReplayedView {
  page: string;
  change: string;
  statements: number;
  ms: number;
  error?: string;
}

/*
 * Statements that answer the view. Left out: what writes the page's copy to the browser's
 * storage in the background (ATTACH, COPY, CHECKPOINT…) and the engine's own bookkeeping, which
 * run on the page's engine too but are not the view's work.
 */
const VIEW_WORK = /^\s*(WITH|SELECT|FROM|CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(MACRO|VIEW|TABLE))\b/i;

/** A model's SQL starts with its header comment: the statement's first word comes after it. */
function withoutLeadingComments(sql: string): string {
  return sql.replace(/^(\s*(--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/))*/, '');
}

/**
 * Runs each view's statements on native DuckDB (the same data, loaded and derived), in the page's
 * order with its bound values, and times them together: what the view costs natively.
 */
export async function replayViews(engine: Engine, file: string): Promise<ReplayedView[]> {
  const views = JSON.parse(readFileSync(file, 'utf8')) as ViewQueries[];
  const out: ReplayedView[] = [];
  for (const v of views) {
    const work = v.queries.filter((q) => VIEW_WORK.test(withoutLeadingComments(q.sql)));
    const row: ReplayedView = { page: v.page, change: v.change, statements: work.length, ms: 0 };
    const t0 = performance.now();
    try {
      for (const q of work) await engine.query(q.sql, q.params as never);
    } catch (e) {
      row.error = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    }
    row.ms = performance.now() - t0;
    out.push(row);
  }
  return out;
}
