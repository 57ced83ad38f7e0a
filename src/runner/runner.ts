import { currencySettingRows, type CurrencySettings } from '../data-model/currency';
import type { BindValue, Engine, Row } from '../engine/types';
import { bindNamed } from './bind-params';
import { DataLock, type RunHere } from './data-lock';
import { ColumnPresence } from './column-presence';
import { byDimensions, FilterIndexes, withoutByValue } from './filter-indexes';
import { parseHeader, type ModelHeader } from './model-header';
import { answerKey, resolveParams, type ModelParams } from './model-params';
import type { ModelResult, PreparedQuery } from './model-result';
import { OnDemandMacros } from './on-demand-macros';
import { modelNames, type QuerySources } from './query-sources';
import { QueryQueue } from './query-queue';
import { backgroundReads, type TableReader } from './background-reads';
import { SchemaSetup } from './schema-setup';
import { SeededAnswers, type RunnerSeed } from './seeded-answers';
import { ViewTables } from './view-tables';
import { writeAssumptions, writeCurrencySettings } from './settings-tables';

// The runner's types, imported from here by the layers above.
export { LIST_SEPARATOR, type ModelParams, type ParamValue } from './model-params';
export type { ModelResult } from './model-result';
export type { RunnerSeed } from './seeded-answers';

/**
 * The one runner: the browser, the tests and the CLI all call `run(model, params)` on the
 * same SQL files. It validates parameters against the model's header, binds them (never
 * splices them), and answers "needs column X" instead of running a model whose inputs are
 * absent. It composes the schema setup (schema-setup.ts), the column presence
 * (column-presence.ts), the seeded answers (seeded-answers.ts), the filter indexes
 * (filter-indexes.ts), the on-demand macros (on-demand-macros.ts), the view tables
 * (view-tables.ts) and the lock for changing the data (data-lock.ts).
 */
export class Runner {
  readonly headers: Record<string, ModelHeader> = {};
  private initialized = false;
  private readonly queue = new QueryQueue();
  private readonly presence: ColumnPresence;
  /** Answers computed ahead on the same data (see seed()). */
  private readonly seeded = new SeededAnswers();
  private readonly schema: SchemaSetup;
  private readonly macros: OnDemandMacros;
  private readonly viewTables: ViewTables;
  private readonly indexes: FilterIndexes;
  private readonly lock: DataLock;

  constructor(
    readonly engine: Engine,
    readonly sources: QuerySources,
  ) {
    for (const name of modelNames(sources)) this.headers[name] = parseHeader(name, sources[name]!);
    this.presence = new ColumnPresence(engine, this.queue, () => !this.seeded.tablesLoaded);
    this.schema = new SchemaSetup(engine, sources, this.queue, this.presence);
    this.macros = new OnDemandMacros(engine, sources);
    this.viewTables = new ViewTables(engine, sources);
    this.indexes = new FilterIndexes(
      { byDims: (model) => this.byDims(model), prepare: (model, params) => this.prepare(model, params), compute: (q) => this.compute(q) },
      this.seeded,
      this.queue,
    );
    this.lock = new DataLock(engine, this.queue, this.macros, (model, params) => this.prepare(model, params));
  }

  get modelNames(): string[] {
    return Object.keys(this.headers);
  }

  /**
   * Creates the empty canonical tables, the seeds and macros, then derives. With `deriveLater`
   * (the page, when the prebuilt demo database is to be copied in next: it holds the derived
   * tables) derive.sql is not run on the empty tables, and the setup files after it, whose
   * macros are bound to its tables, wait for them: adoptCopiedTables() or refresh() makes them,
   * and a model asked for before either derives first.
   */
  async init(options: { deriveLater?: boolean } = {}): Promise<void> {
    await this.schema.init(options, () => this.setAssumptions({}));
    this.initialized = true;
  }

  /** Rebuilds the derived tables and the column presence after the canonical tables changed. */
  refresh(): Promise<void> {
    return this.schema.refresh();
  }

  /** The tables refresh() builds (those of derive.sql, then column_presence): a copy of them saves a derive. */
  get derivedTables(): string[] {
    return this.schema.derivedTables;
  }

  /** What the derived tables are a function of besides the canonical tables (see SchemaSetup.deriveFingerprint). */
  deriveFingerprint(): Promise<string> {
    return this.schema.deriveFingerprint();
  }

  /** The derived tables were copied back from a store with an equal deriveFingerprint(): used as they are, no derive. */
  adoptDerived(): Promise<void> {
    return this.schema.adoptDerived();
  }

  /** The derived tables were copied in with the canonical ones (see SchemaSetup.adoptCopiedTables). */
  adoptCopiedTables(): Promise<void> {
    return this.schema.adoptCopiedTables();
  }

  /**
   * The one lock for changing the data (loading a batch, previewing a mapping, writing the
   * assumptions or the currency settings, the page's first load): see DataLock.exclusive
   * (data-lock.ts). `fn`'s own models go through `runHere`; a model asked for through `run`
   * from inside `fn` would wait for `fn`.
   */
  exclusive<T>(fn: (runHere: RunHere) => Promise<T>): Promise<T> {
    return this.lock.exclusive(fn);
  }

  /** Resolves when no `exclusive` work is running or waiting. */
  whenIdle(): Promise<void> {
    return this.lock.whenIdle();
  }

  /** Until the returned function is called, every model query computes (no answer reused or kept): the benchmark times each run. */
  pauseAnswerReuse(): () => void {
    return this.queue.pause();
  }

  /**
   * Answers computed ahead on the data this runner is loading, before it has loaded them (the demo's
   * first screen, from the build: src/build/demo-snapshot.ts): seeded models answer at once, other
   * queries wait for `tablesReady`. Holds until the data or the assumptions change (dropSeed, setAssumptions).
   */
  seed(seed: RunnerSeed, tablesReady: Promise<void>): void {
    this.presence.replace(seed.presence);
    this.seeded.seed(seed.answers, tablesReady);
  }

  /**
   * Called when a query has to wait for the tables (no seeded answer): the page then starts
   * loading them at once rather than after the seeded first screen is drawn.
   */
  onWaitForTables: (() => void) | null = null;

  /** The seeded answers no longer describe the data (it is being replaced). */
  dropSeed(): void {
    this.seeded.drop();
  }

  /** Runs `requests` and returns their answers with the column presence: a seed for this same data. */
  async snapshot(requests: readonly (readonly [string, ModelParams])[]): Promise<RunnerSeed> {
    const answers: [string, Row[]][] = [];
    for (const [model, params] of requests) {
      const q = this.prepare(model, params);
      if ('status' in q) continue; // needs columns: the seeded presence says so by itself
      answers.push([q.key, (await this.run(model, params)).rows]);
    }
    return { presence: this.presence.entries(), answers };
  }

  /** Replaces the assumptions with the defaults overridden by `values`. */
  async setAssumptions(values: Record<string, number>): Promise<void> {
    if (this.initialized) this.dropSeed();
    await writeAssumptions(this.engine, values);
    this.queue.invalidate();
    // Estimated recovery values are derived from the assumptions: re-derive so they follow.
    if (this.initialized) await this.refresh();
  }

  /**
   * Replaces the money settings (reporting currency, rates for other currencies; see
   * data-model/currency.ts) and re-derives, so every money figure follows (`rederive` false:
   * the caller re-derives next, e.g. through setAssumptions). Throws on a bad code or rate
   * before anything is changed.
   */
  async setCurrency(settings: CurrencySettings, rederive = true): Promise<void> {
    const rows = currencySettingRows(settings);
    if (this.initialized) this.dropSeed();
    await writeCurrencySettings(this.engine, rows);
    this.queue.invalidate();
    if (this.initialized && rederive) await this.refresh();
  }

  /** Columns a model needs for these parameters that hold no value at all. */
  missingColumns(model: string, params: ModelParams = {}): string[] {
    return this.presence.missingColumns(this.header(model), this.resolveParams(model, params));
  }

  /** A model's outputs the loaded data cannot give (its `@missing` header lines), with the empty columns. */
  notInData(model: string): Record<string, string[]> {
    return this.presence.notInData(this.header(model));
  }

  /**
   * Runs a model. Answers are reused for the same model and bound values until the data or the
   * assumptions change; `signal` lets a superseded caller keep its query from being sent (see
   * query-queue.ts). Rows are shared between callers: treat them as read-only.
   */
  async run(model: string, params: ModelParams = {}, signal?: AbortSignal): Promise<ModelResult> {
    const now = this.answerNow(model, params);
    if (now) {
      this.workAhead(model, params);
      return now;
    }
    const q = this.prepare(model, params);
    if ('status' in q) return q;
    if (!this.seeded.tablesLoaded) this.onWaitForTables?.();
    await this.seeded.tablesReady;
    const rows = this.indexes.fromFilterIndex(model, params) ?? (await this.queue.run(q.key, (sent) => this.compute(q, sent), signal));
    this.workAhead(model, params);
    return this.answer(model, params, rows);
  }

  /**
   * The answer, if it can be given without a query: seeded, kept, read from a filter index,
   * or "needs columns". Runs nothing and queues nothing (the page calls it while rendering;
   * see workAhead).
   */
  answerNow(model: string, params: ModelParams = {}): ModelResult | null {
    const q = this.prepare(model, params);
    if ('status' in q) return q;
    const seeded = this.seeded.get(q.key);
    if (seeded) return { status: 'ok', model, rows: seeded };
    // Before the tables are loaded only seeded answers exist, filter indexes among them.
    const rows = (this.seeded.tablesLoaded ? this.queue.peek(q.key) : undefined) ?? this.indexes.fromFilterIndex(model, params);
    return rows ? this.answer(model, params, rows) : null;
  }

  /** Creates the rule macros models create on first use (~130 ms in the page): a load does, before it says done. */
  createRuleMacros(): Promise<void> {
    return this.macros.createAll();
  }

  /** Keeps `rows`, computed by runHere on the very tables that are now the data (a load's join coverage), as the model's answer. */
  keepAnswer(model: string, params: ModelParams, rows: Row[]): void {
    const q = this.prepare(model, params);
    if (!('status' in q)) this.queue.keep(q.key, rows);
  }

  /** Queues the filter indexes of this view (see FilterIndexes.buildFilterIndexes), once the tables are loaded. */
  workAhead(model: string, params: ModelParams = {}): void {
    if (!this.computeAhead) return;
    if (this.seeded.tablesLoaded) this.indexes.buildFilterIndexes(model, params);
    else void this.seeded.tablesReady.then(() => this.indexes.buildFilterIndexes(model, params), () => undefined);
  }

  private answer(model: string, params: ModelParams, rows: Row[]): ModelResult {
    return { status: 'ok', model, rows: this.byDims(model).length > 0 && params.by === undefined ? withoutByValue(rows) : rows };
  }

  /**
   * Build filter indexes while idle (see filter-indexes.ts). On for the page, where the next
   * click is coming; off for the CLI and the build, which ask once and close.
   */
  computeAhead = false;

  /** Work ahead starts once no query has been asked for during this long (ms; see QueryQueue.workAheadAfterMs). */
  set workAheadAfterMs(ms: number) {
    this.queue.workAheadAfterMs = ms;
  }

  /** Answers and index builds waiting to run ahead (see FilterIndexes.buildFilterIndexes), for progress displays. */
  set onIdleWork(fn: ((pending: number) => void) | null) {
    this.queue.onIdleWork = fn;
  }

  /** The engine's reads, each waiting for a moment no model query is asked for (background-reads.ts). */
  backgroundReads(): TableReader {
    return backgroundReads(this.engine, this.queue);
  }

  /** The dimensions a model can be indexed by: the values of its `by` parameter. */
  byDims(model: string): string[] {
    return byDimensions(this.header(model));
  }

  /** A model's SQL with its bound values and answer key, or the columns it needs that hold no value. */
  private prepare(model: string, params: ModelParams): ModelResult | PreparedQuery {
    const missing = this.missingColumns(model, params);
    if (missing.length > 0) return { status: 'needs_columns', model, missing, rows: [] };
    const values = this.resolveParams(model, params);
    const bound = bindNamed(this.sources[model]!, values);
    return { sql: bound.sql, params: bound.params, key: answerKey(model, bound.params), source: this.sources[model]!, values };
  }

  /**
   * Runs a prepared model query in the queue's turn: derived tables, the view tables it reads
   * and on-demand macros first. The answer stays keyed by the plain SQL's values (`q.key`).
   */
  private async compute(q: PreparedQuery, sent?: () => void): Promise<Row[]> {
    await this.schema.whenDerived();
    const view = this.viewTables.plan(q);
    await view.fill(this.queue.dataGeneration, (sql) => this.macros.createFor(sql));
    await this.macros.createFor(view.sql);
    return this.engine.query(view.sql, view.params, { onSent: sent });
  }

  /** Parameter values as they will be bound: defaults filled in, types checked. */
  resolveParams(model: string, params: ModelParams): Record<string, BindValue> {
    return resolveParams(model, this.header(model), params);
  }

  header(model: string): ModelHeader {
    const h = this.headers[model];
    if (!h) throw new Error(`Unknown model "${model}"`);
    return h;
  }
}
