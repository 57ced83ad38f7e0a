import type { Row } from '../engine/types';
import { FILTER_PARAMS, type ModelHeader } from './model-header';
import { LIST_SEPARATOR, type ModelParams, type ParamValue } from './model-params';
import type { ModelResult, PreparedQuery } from './model-result';
import type { QueryQueue } from './query-queue';
import type { SeededAnswers } from './seeded-answers';

/** What filter indexes need of the runner: its models' dimensions, their queries, and running one. */
export interface IndexedModels {
  byDims(model: string): string[];
  prepare(model: string, params: ModelParams): ModelResult | PreparedQuery;
  compute(query: PreparedQuery): Promise<Row[]>;
}

/**
 * Filter indexes, after Mosaic's data-cube indexes: a model with a `by` parameter answers
 * for every value of one filter dimension at once (one row set per `by_value`, the other
 * filters applied). Once such an answer is kept, a view that differs only by one value of
 * that dimension is read from it instead of scanning the data again: exact, because a
 * group holds the same rows the filter would keep (distinct counts included). A value
 * the index holds no rows for is asked for as usual. Indexes seeded with the data (the build
 * answers the Overview's, src/runner/first-screen.ts) answer before the tables are loaded.
 */
export class FilterIndexes {
  constructor(
    private readonly models: IndexedModels,
    private readonly seeded: SeededAnswers,
    private readonly queue: QueryQueue,
  ) {}

  /** This view's rows read from a filter index of it, or null when no index holds them. */
  fromFilterIndex(model: string, params: ModelParams): Row[] | null {
    if (params.by !== undefined) return null;
    for (const dim of this.models.byDims(model)) {
      const value = singleValue(params[dim]);
      if (value === null) continue;
      const index = this.models.prepare(model, { ...params, [dim]: undefined, by: dim });
      if ('status' in index) continue;
      const rows = this.indexAnswer(index.key)?.filter((r) => r.by_value === value);
      if (rows && rows.length > 0) return rows;
    }
    return null;
  }

  /** A filter index's answer: seeded, or (once the tables are loaded) kept. */
  private indexAnswer(key: string): Row[] | undefined {
    return this.seeded.get(key) ?? (this.seeded.tablesLoaded ? this.queue.peek(key) : undefined);
  }

  /** Queues, to run while nothing else is asked for, the indexes of this view for each dimension. */
  buildFilterIndexes(model: string, params: ModelParams): void {
    if (params.by !== undefined) return;
    const jobs: { key: string; execute: () => Promise<Row[]> }[] = [];
    for (const dim of this.models.byDims(model)) {
      const index = this.models.prepare(model, { ...params, [dim]: undefined, by: dim });
      if ('status' in index || this.seeded.has(index.key)) continue;
      jobs.push({ key: index.key, execute: () => this.models.compute(index) });
    }
    // The view: the filters every panel of a page shares (a model's own parameters aside).
    this.queue.runWhenIdle(jobs, JSON.stringify(FILTER_PARAMS.map((f) => params[f] ?? null)));
  }
}

/** The dimensions a model can be indexed by: the values of its `by` parameter. */
export function byDimensions(header: ModelHeader): string[] {
  const by = header.params.find((p) => p.name === 'by');
  return by?.type.kind === 'enum' ? by.type.values : [];
}

/** An indexed model's rows as its plain answer: `by_value` is the index's own column. */
export function withoutByValue(rows: Row[]): Row[] {
  if (rows.length === 0 || !('by_value' in rows[0]!)) return rows;
  return rows.map(({ by_value: _, ...rest }) => rest);
}

/** The one value a filter parameter selects, or null (no filter, or several values). */
function singleValue(v: ParamValue | undefined): string | null {
  if (typeof v === 'string') return v === '' || v.includes(LIST_SEPARATOR) ? null : v;
  if (Array.isArray(v) && v.length === 1) return String(v[0]);
  return null;
}
