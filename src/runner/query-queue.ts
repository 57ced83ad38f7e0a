import type { Row } from '../engine/types';
import { abortError, Job } from './query-job';

/**
 * Computes an answer; calls `sent` once its last statement is with the database and only the
 * answer is awaited (Engine.query's onSent), or never (then the answer counts as the moment).
 */
export type Execute = (sent: () => void) => Promise<Row[]>;

/**
 * Model queries go to the one DuckDB connection in turn, through this queue (each sent once the
 * one before is with the worker, see enqueue), because:
 * - a query cannot be interrupted once the worker has it, so a filter change that supersedes
 *   queued queries must keep them from being sent at all (their callers aborted);
 * - the same model with the same bound values is asked for by several panels, and again when
 *   the user goes back to a view: it runs once and the answer is reused until the data or the
 *   assumptions change (`invalidate`).
 * A result that arrives after an invalidation is returned to its callers but not kept.
 */
export class QueryQueue {
  /** When the next piece of work may be handed to the connection (see enqueue). */
  private tail: Promise<unknown> = Promise.resolve();
  /** When everything handed to it so far has finished, answers in: what a hold or background work waits for. */
  private settled: Promise<unknown> = Promise.resolve();
  private readonly cache = new Map<string, Row[]>();
  private readonly pending = new Map<string, Job>();
  private generation = 0;
  private paused = 0;
  /** Asked-for queries queued or running: idle ones wait until there are none. */
  private asked = 0;
  private idle: { key: string; execute: Execute }[] = [];
  /** The view the work ahead waiting in `idle` is for (runWhenIdle). */
  private idleView = '';
  private idleRunning = false;
  /** Work that is not a model query (copying tables to the browser's storage): see inBackground. */
  private background: (() => Promise<void>)[] = [];
  private backgroundRunning = false;
  private keptRows = 0;
  /** When the last asked-for query was queued or finished, or a hold ended (Date.now()), and the timer waiting to start work ahead. */
  private lastAsked = 0;
  private workAheadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Holds asked for and not yet ended (see hold): no work ahead is queued behind one. */
  private holds = 0;

  /**
   * Work ahead starts only once no query has been asked for during this long (ms). A query ahead
   * cannot be interrupted once sent: at 1M order lines one takes 0.3–0.8 s, and a user clicking
   * through filters right after a view appeared waited for it on every click (all pages, median
   * 389 ms with work ahead starting at once, 276 ms without). 0: at once (tests, the build).
   */
  workAheadAfterMs = 0;

  constructor(
    private readonly maxEntries = 300,
    /** Bigger answers (full drill-down exports) are not kept: they would hold memory for little gain. */
    private readonly maxRowsKept = 5000,
    /** Answers computed ahead are kept up to this size: they are what makes the next click instant. */
    private readonly maxIdleRowsKept = 50_000,
    /** Room for the indexes of several views (the Overview queues 35 per view). */
    private readonly maxIdle = 200,
    private readonly maxRowsTotal = 250_000,
  ) {}

  /** Runs `execute` in turn (or reuses its answer for the same `key`); see the class comment. */
  run(key: string, execute: Execute, signal?: AbortSignal): Promise<Row[]> {
    const hit = this.peek(key);
    if (hit) return Promise.resolve(hit);
    const job = this.pending.get(key) ?? this.enqueue(key, execute, false);
    return job.wait(signal);
  }

  /**
   * Keeps `rows` as the answer for `key` on the tables as they are now, as if it had just been
   * computed (an answer the caller got on these same tables outside the queue; see
   * Runner.keepAnswer). Nothing is kept while answer reuse is paused.
   */
  keep(key: string, rows: Row[]): void {
    if (this.paused === 0) this.remember(key, rows, this.maxRowsKept);
  }

  /** The kept answer for `key`, if there is one (without running anything). */
  peek(key: string): Row[] | undefined {
    const hit = this.paused > 0 ? undefined : this.cache.get(key);
    if (hit) {
      // Most recently used last, so the oldest entry is the first one evicted.
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * Computes these answers ahead, only while nothing else is asked for: an idle query starts
   * when no asked-for query is queued, so a click waits at most for the one idle query running.
   * The newest batch goes first (it describes the view the user is on); batches of one `view`
   * accumulate, a batch of another view drops them; past `maxIdle` the oldest are dropped.
   * Answers are kept like any other, up to `maxIdleRowsKept` rows each.
   */
  runWhenIdle(jobs: readonly { key: string; execute: Execute }[], view = ''): void {
    if (this.paused > 0) return;
    // Work ahead is for the next click from the view the user is on: once a view's first batch
    // comes, the work still waiting for views left behind is dropped. At 1M order lines the
    // Overview's indexes are ~9 s of work; kept queued, they ran on (one thread, every click
    // waiting for the one in flight) long after the user had moved to other filters.
    if (view !== this.idleView) {
      this.idle = [];
      this.idleView = view;
    }
    const fresh = jobs.filter((j) => !this.cache.has(j.key) && !this.pending.has(j.key));
    if (fresh.length === 0) return this.notify();
    const keys = new Set(fresh.map((j) => j.key));
    // The batch keeps its order (one view's dimensions, as the filter bar lists them).
    this.idle = [...fresh, ...this.idle.filter((j) => !keys.has(j.key))].slice(0, this.maxIdle);
    this.notify();
    queueMicrotask(() => this.pump());
  }

  /**
   * Runs `execute` on the connection in the queue's turn, like a query computed ahead: only while
   * no asked-for query is queued, and once none was asked for during workAheadAfterMs, so a
   * click waits at most for the one piece running. For long
   * work cut into pieces (a data set copied to the browser's storage in slices): sent straight to
   * the worker, each piece sat between two queries of every view for the minute the copy took.
   * Not an answer: nothing is kept, and answer reuse being paused does not hold it back.
   */
  inBackground<T>(execute: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.background.push(() => Promise.resolve().then(execute).then(resolve, reject));
      queueMicrotask(() => this.pump());
    });
  }

  /** Queries waiting to be computed ahead, the one running included. */
  get idleWork(): number {
    return this.idle.length + (this.idleRunning ? 1 : 0);
  }

  /** Called whenever idleWork changes. */
  onIdleWork: ((pending: number) => void) | null = null;

  private notify(): void {
    this.onIdleWork?.(this.idleWork);
  }

  private pump(): void {
    if (this.asked > 0 || this.idleRunning || this.backgroundRunning) return;
    const workAhead = this.paused === 0 && this.holds === 0 && this.idle.length > 0;
    if (this.background.length === 0 && !workAhead) return;
    // Background work waits for the same quiet as work ahead: the copy's slices are written by
    // another DuckDB worker while the next ones are read, and on 2 cores those writes slowed
    // every query of the first minute after a load (clicks in quick succession now run alone;
    // the copy goes on in the pauses between them).
    const wait = this.lastAsked + this.workAheadAfterMs - Date.now();
    if (wait > 0) {
      this.workAheadTimer ??= setTimeout(() => {
        this.workAheadTimer = null;
        this.pump();
      }, wait);
      return;
    }
    const task = this.background.shift();
    if (task) {
      this.backgroundRunning = true;
      const done = this.settled.then(task);
      this.tail = this.settled = done;
      void done.then(() => {
        this.backgroundRunning = false;
        this.pump();
      });
      return;
    }
    if (!workAhead) return;
    const next = this.idle.shift();
    if (!next) return;
    if (this.cache.has(next.key) || this.pending.has(next.key)) return this.pump();
    this.idleRunning = true;
    this.enqueue(next.key, next.execute, true);
  }

  private enqueue(key: string, execute: Execute, idle: boolean): Job {
    const job = new Job();
    this.pending.set(key, job);
    if (!idle) {
      this.asked++;
      this.lastAsked = Date.now();
    }
    const generation = this.generation;
    let markSent!: () => void;
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const started = this.tail.then(async () => {
      if (job.allAborted()) throw abortError();
      return execute(markSent);
    });
    const finished = started.then(() => undefined, () => undefined);
    // The next query is sent as soon as this one is with the worker, which runs them in order: it
    // computes the next while this answer is decoded and its panel drawn. Sent only at the answer,
    // the worker sat idle behind every chart drawn (at 1M order lines the Overview's main-thread
    // tasks of 50-170 ms each came between its queries). A superseded view may so cost one more
    // query than the one in progress. (Should this one's statement fail and be tried again, the
    // retry runs after the next: the answers are read-only and keyed, so order does not matter.)
    this.tail = Promise.race([sent, finished]);
    this.settled = Promise.all([this.settled, finished]);
    const done = () => {
      if (this.pending.get(key) === job) this.pending.delete(key);
      if (idle) this.idleRunning = false;
      else {
        this.asked--;
        this.lastAsked = Date.now();
      }
      if (idle) this.notify();
      this.pump();
    };
    started.then(
      (rows) => {
        if (generation === this.generation && this.paused === 0) this.remember(key, rows, idle ? this.maxIdleRowsKept : this.maxRowsKept);
        done();
        job.settle(rows, null);
      },
      (e: unknown) => {
        done();
        job.settle(null, e);
      },
    );
    return job;
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
    this.holds++;
    // After every query's answer is in, not only sent: the work held for changes the tables.
    this.tail = this.settled = this.settled.then(() => {
      granted();
      return released;
    });
    return holding.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        // The hold's end counts as asked-for work: after a load the pages re-query, and work
        // ahead queued meanwhile would otherwise start at once (the load asked for nothing in
        // 20 s) and hold the worker for the first click (traced at 1M: a 280 ms index query
        // in front of the Overview opened right after the load).
        this.holds--;
        this.lastAsked = Date.now();
        release();
        this.pump();
      };
    });
  }

  /** Counts `invalidate` calls: what was worked out from the tables under one count holds until the next. */
  get dataGeneration(): number {
    return this.generation;
  }

  /** Forgets every answer: the tables they were computed from have changed. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.keptRows = 0;
    this.pending.clear();
    this.idle = [];
    this.notify();
  }

  private remember(key: string, rows: Row[], maxRows: number): void {
    if (rows.length > maxRows) return;
    this.keptRows += rows.length - (this.cache.get(key)?.length ?? 0);
    this.cache.set(key, rows);
    // Bounded in entries and in rows (filter indexes of SKU tables hold thousands each).
    while (this.cache.size > this.maxEntries || this.keptRows > this.maxRowsTotal) {
      const oldest = this.cache.keys().next().value!;
      this.keptRows -= this.cache.get(oldest)!.length;
      this.cache.delete(oldest);
    }
  }
}
