import { ASSUMPTIONS } from '../data-model/assumptions';
import { CURRENCY_SETTINGS_DDL, currencySettingRows, type CurrencySettings } from '../data-model/currency';
import { canonicalDDL, columnPresenceSQL, AUDIT_DDL } from '../data-model/schema-ddl';
import type { BindValue, Engine, Row } from '../engine/types';
import { bindNamed } from './bind-params';
import { figuresNotInData, FILTER_PARAMS, parseHeader, type ModelHeader, type ParamSpec } from './model-header';
import { checkParamValue, filterParamType } from './param-check';
import { DERIVE_FILE, ON_DEMAND_SCHEMA_FILES, SCHEMA_SETUP_FILES, modelNames, type QuerySources } from './query-sources';
import { QueryQueue } from './query-queue';

export type ParamValue = string | number | boolean | null | readonly string[];
export type ModelParams = Record<string, ParamValue | undefined>;

export type ModelResult =
  | { status: 'ok'; model: string; rows: Row[] }
  | { status: 'needs_columns'; model: string; missing: string[]; rows: Row[] };

/** Answers of a runner and its column presence, to seed another runner on the same data. */
export interface RunnerSeed {
  presence: [string, number][];
  answers: [string, Row[]][];
}

/** Non-null values per canonical column, rebuilt with the derived tables. */
const PRESENCE_TABLE = `CREATE OR REPLACE TABLE main.column_presence AS ${columnPresenceSQL()}`;

/** Separator of multi-value filters inside one bound string (see in_list in macros.sql). */
export const LIST_SEPARATOR = '\u001f';

/**
 * The one runner: the browser, the tests and the CLI all call `run(model, params)` on the
 * same SQL files. It validates parameters against the model's header, binds them (never
 * splices them), and answers "needs column X" instead of running a model whose inputs are
 * absent.
 */
export class Runner {
  readonly headers: Record<string, ModelHeader> = {};
  private presence = new Map<string, number>();
  private initialized = false;
  private readonly queue = new QueryQueue();
  /** Answers computed ahead on the same data (see seed()); null when there are none. */
  private seeded: Map<string, Row[]> | null = null;
  /** The tail of the `exclusive` work: data changes, one at a time. */
  private writes: Promise<void> = Promise.resolve();
  /** Until this settles, the tables are not loaded yet: only seeded answers can be given. */
  private tablesReady: Promise<void> = Promise.resolve();
  /** tablesReady has settled (answerNow cannot wait for it). */
  private tablesLoaded = true;
  /** On-demand schema files: the macros each creates, and its creation once started. */
  private readonly onDemand: { file: string; macros: RegExp; created: Promise<void> | null }[];

  constructor(
    readonly engine: Engine,
    readonly sources: QuerySources,
  ) {
    for (const name of modelNames(sources)) this.headers[name] = parseHeader(name, sources[name]!);
    this.onDemand = ON_DEMAND_SCHEMA_FILES.map((file) => {
      const names = [...this.script(file).matchAll(/CREATE OR REPLACE MACRO\s+(\w+)/gi)].map((m) => m[1]!);
      return { file, macros: new RegExp(`\\b(${names.join('|')})\\s*\\(`, 'i'), created: null };
    });
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
    // One exec for all the setup SQL: in the browser every call is a round trip to the worker.
    // column_presence first: the has_values macro (macros.sql) reads it.
    await this.engine.exec([canonicalDDL(), AUDIT_DDL, CURRENCY_SETTINGS_DDL, PRESENCE_TABLE].join(';\n'));
    await this.setAssumptions({});
    // The setup files include derive.sql (the macros need its tables): no second derive here.
    const at = SCHEMA_SETUP_FILES.indexOf(DERIVE_FILE);
    const now = options.deriveLater ? SCHEMA_SETUP_FILES.slice(0, at) : SCHEMA_SETUP_FILES;
    await this.engine.exec(now.map((f) => this.script(f)).join(';\n'));
    this.afterDerive = options.deriveLater ? SCHEMA_SETUP_FILES.slice(at + 1) : [];
    await this.readPresence();
    this.initialized = true;
  }

  /** Setup files still to run once the derived tables exist (init with `deriveLater`). */
  private afterDerive: readonly string[] = [];

  /** Runs the setup files that waited for the derived tables (they exist now). */
  private async finishSetup(): Promise<void> {
    if (this.afterDerive.length === 0) return;
    await this.engine.exec(this.afterDerive.map((f) => this.script(f)).join(';\n'));
    this.afterDerive = [];
  }

  /** Rebuilds the derived tables and the column presence after the canonical tables changed. */
  async refresh(): Promise<void> {
    this.queue.invalidate();
    await this.engine.exec(this.script(DERIVE_FILE));
    await this.finishSetup();
    await this.readPresence();
  }

  /**
   * A model is about to run (in the query queue's turn): if init left the derived tables for
   * later and nothing brought them, they are derived first, from the tables as they are. No
   * answer can have been kept before, so none is dropped.
   */
  private async whenDerived(): Promise<void> {
    if (this.afterDerive.length === 0) return;
    await this.engine.exec(this.script(DERIVE_FILE));
    await this.finishSetup();
    await this.loadPresence(true);
  }

  /** The tables refresh() builds (those of derive.sql, then column_presence): a copy of them saves a derive. */
  get derivedTables(): string[] {
    const made = [...this.script(DERIVE_FILE).matchAll(/CREATE OR REPLACE TABLE\s+(?:main\.)?(\w+)/gi)].map((m) => m[1]!);
    return [...made, 'column_presence'];
  }

  /**
   * What the derived tables are a function of, besides the canonical tables: the schema SQL
   * (derive.sql and the seeds and macros it reads), the assumptions and the money settings. Two
   * equal fingerprints on the same canonical tables derive the same tables, so a copy stored
   * with one can stand in for refresh() under the other (see adoptDerived).
   */
  async deriveFingerprint(): Promise<string> {
    const sql = [canonicalDDL(), AUDIT_DDL, PRESENCE_TABLE, ...SCHEMA_SETUP_FILES.map((f) => this.script(f))].join('\n');
    const [row] = await this.engine.query(
      `SELECT md5(? || (SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM main.assumptions)
        || '|' || (SELECT coalesce(string_agg(concat_ws('|', currency, reporting, rate), ';' ORDER BY currency), '') FROM main.currency_settings)) AS f`,
      [sql],
    );
    return String(row!.f);
  }

  /** The derived tables were copied back from a store with an equal deriveFingerprint(): used as they are, no derive. */
  async adoptDerived(): Promise<void> {
    this.queue.invalidate();
    await this.finishSetup();
    await this.readPresence(false);
  }

  /**
   * The derived tables were copied in with the canonical ones, as derive.sql built them on the
   * same data (the build's demo database, src/build/demo-database.ts): nothing to rebuild, only
   * the column presence to read again.
   */
  async adoptCopiedTables(): Promise<void> {
    await this.finishSetup();
    await this.readPresence();
  }

  /**
   * The one lock for changing the data (loading a batch, previewing a mapping, writing the
   * assumptions or the currency settings, the page's first load): `fn` runs after every earlier
   * `exclusive` call has finished, later ones wait for it, and every model query waits while it
   * runs (see QueryQueue.hold), because `fn` may point the connection's search_path at another
   * schema or rebuild the derived tables. Its own models go through `runHere`, which runs them at
   * once on whatever the connection points at, and keeps nothing. (A model asked for through
   * `run` from inside `fn` would wait for `fn`: use `runHere`.)
   */
  exclusive<T>(fn: (runHere: (model: string, params?: ModelParams) => Promise<ModelResult>) => Promise<T>): Promise<T> {
    const turn = this.writes.then(() => this.withQueriesHeld(fn));
    this.writes = turn.then(() => undefined, () => undefined);
    return turn;
  }

  /** Resolves when no `exclusive` work is running or waiting. */
  async whenIdle(): Promise<void> {
    let current: Promise<void> | undefined;
    while (current !== this.writes) {
      current = this.writes;
      await current;
    }
  }

  private async withQueriesHeld<T>(fn: (runHere: (model: string, params?: ModelParams) => Promise<ModelResult>) => Promise<T>): Promise<T> {
    const release = await this.queue.hold();
    try {
      return await fn(async (model, params = {}) => {
        const q = this.prepare(model, params);
        if ('status' in q) return q;
        await this.createMacrosFor(q.sql);
        return { status: 'ok', model, rows: await this.engine.query(q.sql, q.params) };
      });
    } finally {
      release();
    }
  }

  /**
   * Until the returned function is called, every model query computes (no answer is reused
   * or kept): the benchmark times each run.
   */
  pauseAnswerReuse(): () => void {
    return this.queue.pause();
  }

  private async readPresence(rebuild = true): Promise<void> {
    // Again: a model answer computed while the tables were being rebuilt must not be kept.
    this.queue.invalidate();
    await this.loadPresence(rebuild);
  }

  /**
   * The seeded data's column presence, which stands until its tables are loaded: the schema is
   * set up on empty tables meanwhile, and a model asked for then must wait for the data, not be
   * told its columns hold nothing.
   */
  private seedPresence: Map<string, number> | null = null;

  /** The presence models are judged by (see seedPresence). */
  private get presenceNow(): Map<string, number> {
    return !this.tablesLoaded && this.seedPresence ? this.seedPresence : this.presence;
  }

  private async loadPresence(rebuild: boolean): Promise<void> {
    // Kept as a table too: the models ask it through has_values (macros.sql), so a figure whose
    // input column holds no value is NULL ("not in the data"), not 0.
    if (rebuild) await this.engine.exec(PRESENCE_TABLE);
    const rows = await this.engine.query('SELECT table_name, column_name, non_null FROM main.column_presence');
    this.presence = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, Number(r.non_null)]));
  }

  /**
   * Gives answers computed ahead of time on the data this runner is loading, before it has
   * loaded them (the demo data's first screen, computed at build time by the same SQL, see
   * src/build/demo-snapshot.ts): seeded models answer at once, every other query waits for
   * `tablesReady`. The seed holds until the data or the assumptions change (dropSeed,
   * setAssumptions after init).
   */
  seed(seed: RunnerSeed, tablesReady: Promise<void>): void {
    this.presence = new Map(seed.presence);
    this.seedPresence = this.presence;
    this.seeded = new Map(seed.answers);
    this.tablesReady = tablesReady;
    this.tablesLoaded = false;
    tablesReady.then(
      () => {
        if (this.tablesReady === tablesReady) this.tablesLoaded = true;
      },
      () => undefined,
    );
  }

  /**
   * Called when a query has to wait for the tables (no seeded answer): the page then starts
   * loading them at once rather than after the seeded first screen is drawn.
   */
  onWaitForTables: (() => void) | null = null;

  /** The seeded answers no longer describe the data (it is being replaced). */
  dropSeed(): void {
    this.seeded = null;
  }

  /** Runs `requests` and returns their answers with the column presence: a seed for this same data. */
  async snapshot(requests: readonly (readonly [string, ModelParams])[]): Promise<RunnerSeed> {
    const answers: [string, Row[]][] = [];
    for (const [model, params] of requests) {
      const q = this.prepare(model, params);
      if ('status' in q) continue; // needs columns: the seeded presence says so by itself
      answers.push([q.key, (await this.run(model, params)).rows]);
    }
    return { presence: [...this.presence], answers };
  }

  /** Replaces the assumptions with the defaults overridden by `values`. */
  async setAssumptions(values: Record<string, number>): Promise<void> {
    if (this.initialized) this.dropSeed();
    await this.engine.exec(
      'CREATE OR REPLACE TABLE assumptions (key VARCHAR PRIMARY KEY, value DOUBLE NOT NULL, unit VARCHAR, description VARCHAR)',
    );
    const rows = ASSUMPTIONS.map((a) => {
      const v = values[a.key];
      return [a.key, typeof v === 'number' && Number.isFinite(v) ? v : a.value, a.unit, a.description];
    });
    await this.engine.query(`INSERT INTO assumptions VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`, rows.flat());
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
    await this.engine.exec(CURRENCY_SETTINGS_DDL);
    if (rows.length > 0) {
      await this.engine.query(`INSERT INTO currency_settings VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`, rows.flat());
    }
    this.queue.invalidate();
    if (this.initialized && rederive) await this.refresh();
  }

  /** Columns a model needs for these parameters that hold no value at all. */
  missingColumns(model: string, params: ModelParams = {}): string[] {
    const header = this.header(model);
    const values = this.resolveParams(model, params);
    const missing: string[] = [];
    for (const req of header.requires) {
      if (req.when && values[req.when.param] !== req.when.value) continue;
      for (const col of req.columns) if (!this.presenceNow.get(col)) missing.push(col);
    }
    return missing;
  }

  /** A model's outputs the loaded data cannot give (its `@missing` header lines), with the empty columns. */
  notInData(model: string): Record<string, string[]> {
    return figuresNotInData(this.header(model), (col) => Boolean(this.presenceNow.get(col)));
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
    if (!this.tablesLoaded) this.onWaitForTables?.();
    await this.tablesReady;
    const rows =
      this.fromFilterIndex(model, params) ??
      (await this.queue.run(
        q.key,
        async () => {
          await this.whenDerived();
          await this.createMacrosFor(q.sql);
          return this.engine.query(q.sql, q.params);
        },
        signal,
      ));
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
    const seeded = this.seeded?.get(q.key);
    if (seeded) return { status: 'ok', model, rows: seeded };
    // Before the tables are loaded only seeded answers exist, filter indexes among them.
    const rows = (this.tablesLoaded ? this.queue.peek(q.key) : undefined) ?? this.fromFilterIndex(model, params);
    return rows ? this.answer(model, params, rows) : null;
  }

  /** Queues the filter indexes of this view (see buildFilterIndexes), once the tables are loaded. */
  workAhead(model: string, params: ModelParams = {}): void {
    if (!this.computeAhead) return;
    if (this.tablesLoaded) this.buildFilterIndexes(model, params);
    else void this.tablesReady.then(() => this.buildFilterIndexes(model, params), () => undefined);
  }

  private answer(model: string, params: ModelParams, rows: Row[]): ModelResult {
    return { status: 'ok', model, rows: this.byDims(model).length > 0 && params.by === undefined ? withoutByValue(rows) : rows };
  }

  /**
   * Build filter indexes while idle (see fromFilterIndex). On for the page, where the next
   * click is coming; off for the CLI and the build, which ask once and close.
   */
  computeAhead = false;

  /** Answers and index builds waiting to run ahead (see buildFilterIndexes), for progress displays. */
  set onIdleWork(fn: ((pending: number) => void) | null) {
    this.queue.onIdleWork = fn;
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
  private fromFilterIndex(model: string, params: ModelParams): Row[] | null {
    if (params.by !== undefined) return null;
    for (const dim of this.byDims(model)) {
      const value = singleValue(params[dim]);
      if (value === null) continue;
      const index = this.prepare(model, { ...params, [dim]: undefined, by: dim });
      if ('status' in index) continue;
      const rows = this.indexAnswer(index.key)?.filter((r) => r.by_value === value);
      if (rows && rows.length > 0) return rows;
    }
    return null;
  }

  /** A filter index's answer: seeded, or (once the tables are loaded) kept. */
  private indexAnswer(key: string): Row[] | undefined {
    return this.seeded?.get(key) ?? (this.tablesLoaded ? this.queue.peek(key) : undefined);
  }

  /** Queues, to run while nothing else is asked for, the indexes of this view for each dimension. */
  private buildFilterIndexes(model: string, params: ModelParams): void {
    if (params.by !== undefined) return;
    const jobs: { key: string; execute: () => Promise<Row[]> }[] = [];
    for (const dim of this.byDims(model)) {
      const index = this.prepare(model, { ...params, [dim]: undefined, by: dim });
      if ('status' in index || this.seeded?.has(index.key)) continue;
      jobs.push({
        key: index.key,
        execute: async () => {
          await this.whenDerived();
          await this.createMacrosFor(index.sql);
          return this.engine.query(index.sql, index.params);
        },
      });
    }
    this.queue.runWhenIdle(jobs);
  }

  /** The dimensions a model can be indexed by: the values of its `by` parameter. */
  byDims(model: string): string[] {
    const by = this.header(model).params.find((p) => p.name === 'by');
    return by?.type.kind === 'enum' ? by.type.values : [];
  }

  /** A model's SQL with its bound values and answer key, or the columns it needs that hold no value. */
  private prepare(model: string, params: ModelParams): ModelResult | { sql: string; params: BindValue[]; key: string } {
    const missing = this.missingColumns(model, params);
    if (missing.length > 0) return { status: 'needs_columns', model, missing, rows: [] };
    const bound = bindNamed(this.sources[model]!, this.resolveParams(model, params));
    return { sql: bound.sql, params: bound.params, key: answerKey(model, bound.params) };
  }

  /** Parameter values as they will be bound: defaults filled in, types checked. */
  resolveParams(model: string, params: ModelParams): Record<string, BindValue> {
    const header = this.header(model);
    const known = new Set<string>([...header.params.map((p) => p.name), ...(header.usesFilters ? FILTER_PARAMS : [])]);
    for (const key of Object.keys(params)) {
      if (params[key] !== undefined && !known.has(key)) throw new Error(`${model} has no parameter "${key}"`);
    }
    const out: Record<string, BindValue> = {};
    if (header.usesFilters) {
      for (const f of FILTER_PARAMS) out[f] = filterValue(f, params[f]);
    }
    for (const spec of header.params) out[spec.name] = checkParam(model, spec, params[spec.name]);
    return out;
  }

  header(model: string): ModelHeader {
    const h = this.headers[model];
    if (!h) throw new Error(`Unknown model "${model}"`);
    return h;
  }

  /** Creates the on-demand rule macros `sql` calls (and those they call), once. */
  private async createMacrosFor(sql: string, busy: ReadonlySet<string> = new Set()): Promise<void> {
    for (const d of this.onDemand) {
      if (busy.has(d.file) || !d.macros.test(sql)) continue;
      if (!d.created) {
        const text = this.script(d.file);
        const made = this.createMacrosFor(text, new Set([...busy, d.file])).then(() =>
          // In main explicitly: a loading batch points the search_path at its shadow schema.
          this.engine.exec(text.replace(/CREATE OR REPLACE MACRO\s+(\w+)/gi, 'CREATE OR REPLACE MACRO main.$1')),
        );
        d.created = made;
        made.catch(() => {
          if (d.created === made) d.created = null; // not made: try again next time
        });
      }
      await d.created;
    }
  }

  private script(file: string): string {
    const text = this.sources[file];
    if (text === undefined) throw new Error(`Missing queries/${file}.sql`);
    return text;
  }
}

/** The one value a filter parameter selects, or null (no filter, or several values). */
function singleValue(v: ParamValue | undefined): string | null {
  if (typeof v === 'string') return v === '' || v.includes(LIST_SEPARATOR) ? null : v;
  if (Array.isArray(v) && v.length === 1) return String(v[0]);
  return null;
}

/** An indexed model's rows as its plain answer: `by_value` is the index's own column. */
function withoutByValue(rows: Row[]): Row[] {
  if (rows.length === 0 || !('by_value' in rows[0]!)) return rows;
  return rows.map(({ by_value: _, ...rest }) => rest);
}

/** What identifies an answer: the model and its bound values. */
function answerKey(model: string, bound: readonly BindValue[]): string {
  return `${model}\u0000${JSON.stringify(bound)}`;
}

function filterValue(name: string, v: ParamValue | undefined): BindValue {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(LIST_SEPARATOR);
  const checked = checkParamValue(filterParamType(name), v as string | number | boolean);
  if (!checked.ok) throw new Error(`${name} ${checked.problem}, got "${String(v)}"`);
  return checked.value;
}

function checkParam(model: string, spec: ParamSpec, given: ParamValue | undefined): BindValue {
  const raw = given === undefined ? spec.defaultValue : given;
  if (raw === null || raw === '') return null;
  if (Array.isArray(raw)) throw new Error(`${model}.${spec.name} takes one value`);
  const checked = checkParamValue(spec.type, raw as string | number | boolean);
  if (!checked.ok) throw new Error(`${model}.${spec.name} ${checked.problem}, got "${String(raw)}"`);
  return checked.value;
}
