import type { Row } from '../engine/types';

/**
 * Model queries go to the one DuckDB connection one at a time, through this queue, because:
 * - a query cannot be interrupted once the worker has it, so a filter change that supersedes
 *   queued queries must keep them from being sent at all (their callers aborted);
 * - the same model with the same bound values is asked for by several panels, and again when
 *   the user goes back to a view: it runs once and the answer is reused until the data or the
 *   assumptions change (`invalidate`).
 * A result that arrives after an invalidation is returned to its callers but not kept.
 */
export class QueryQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, Row[]>();
  private readonly pending = new Map<string, Job>();
  private generation = 0;
  private paused = 0;

  constructor(
    private readonly maxEntries = 300,
    /** Bigger answers (full drill-down exports) are not kept: they would hold memory for little gain. */
    private readonly maxRowsKept = 5000,
  ) {}

  /** Runs `execute` in turn (or reuses its answer for the same `key`); see the class comment. */
  run(key: string, execute: () => Promise<Row[]>, signal?: AbortSignal): Promise<Row[]> {
    const hit = this.paused > 0 ? undefined : this.cache.get(key);
    if (hit) {
      // Most recently used last, so the oldest entry is the first one evicted.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return Promise.resolve(hit);
    }
    let job = this.pending.get(key);
    if (!job) {
      job = new Job();
      this.pending.set(key, job);
      const generation = this.generation;
      const started = this.tail.then(async () => {
        if (job!.allAborted()) throw abortError();
        return execute();
      });
      this.tail = started.catch(() => undefined);
      const current = job;
      started.then(
        (rows) => {
          if (this.pending.get(key) === current) this.pending.delete(key);
          if (generation === this.generation && this.paused === 0) this.remember(key, rows);
          current.settle(rows, null);
        },
        (e: unknown) => {
          if (this.pending.get(key) === current) this.pending.delete(key);
          current.settle(null, e);
        },
      );
    }
    return job.wait(signal);
  }

  /**
   * Until the returned function is called, answers are neither reused nor kept (the tables
   * queries see are not the data's); in-flight ones are not shared across the switch.
   */
  pause(): () => void {
    this.paused++;
    this.invalidate();
    let resumed = false;
    return () => {
      if (resumed) return;
      resumed = true;
      this.paused--;
      this.invalidate();
    };
  }

  /**
   * Resolves, with the function that ends the hold, once the query in progress (if any) has
   * finished; queries asked for meanwhile or later wait until then. For work that points the
   * connection at other tables (a batch being loaded, a mapping preview): a model query sent
   * in between would describe those tables to a panel. Answers already kept stay valid (the
   * data has not changed) and are still given.
   */
  hold(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let granted!: () => void;
    const holding = new Promise<void>((resolve) => (granted = resolve));
    this.tail = this.tail.then(() => {
      granted();
      return released;
    });
    return holding.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    });
  }

  /** Forgets every answer: the tables they were computed from have changed. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.pending.clear();
  }

  private remember(key: string, rows: Row[]): void {
    if (rows.length > this.maxRowsKept) return;
    this.cache.set(key, rows);
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }
}

/** One query and everyone waiting for it; it is skipped only when all of them gave up. */
class Job {
  private waiters: { signal?: AbortSignal; resolve: (rows: Row[]) => void; reject: (e: unknown) => void }[] = [];

  wait(signal?: AbortSignal): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      this.waiters.push({ signal, resolve, reject });
    });
  }

  allAborted(): boolean {
    return this.waiters.length > 0 && this.waiters.every((w) => w.signal?.aborted === true);
  }

  settle(rows: Row[] | null, error: unknown): void {
    for (const w of this.waiters) {
      if (rows) w.resolve(rows);
      else w.reject(error);
    }
    this.waiters = [];
  }
}

function abortError(): Error {
  const e = new Error('Superseded before it ran');
  e.name = 'AbortError';
  return e;
}
