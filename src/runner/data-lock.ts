import type { Engine } from '../engine/types';
import type { ModelParams } from './model-params';
import type { ModelResult, PreparedQuery } from './model-result';
import type { OnDemandMacros } from './on-demand-macros';
import type { QueryQueue } from './query-queue';

/** Runs a model at once on whatever the connection points at, keeping nothing (see DataLock.exclusive). */
export type RunHere = (model: string, params?: ModelParams) => Promise<ModelResult>;

/**
 * The one lock for changing the data (loading a batch, previewing a mapping, writing the
 * assumptions or the currency settings, the page's first load), used through Runner.exclusive.
 */
export class DataLock {
  /** The tail of the `exclusive` work: data changes, one at a time. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly queue: QueryQueue,
    private readonly macros: OnDemandMacros,
    private readonly prepare: (model: string, params: ModelParams) => ModelResult | PreparedQuery,
  ) {}

  /**
   * `fn` runs after every earlier `exclusive` call has finished, later ones wait for it, and
   * every model query waits while it runs (see QueryQueue.hold), because `fn` may point the
   * connection's search_path at another schema or rebuild the derived tables. Its own models go
   * through `runHere`, which runs them at once on whatever the connection points at, and keeps
   * nothing. (A model asked for through Runner.run from inside `fn` would wait for `fn`.)
   */
  exclusive<T>(fn: (runHere: RunHere) => Promise<T>): Promise<T> {
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

  private async withQueriesHeld<T>(fn: (runHere: RunHere) => Promise<T>): Promise<T> {
    const release = await this.queue.hold();
    try {
      return await fn(async (model, params = {}) => {
        const q = this.prepare(model, params);
        if ('status' in q) return q;
        await this.macros.createFor(q.sql);
        return { status: 'ok', model, rows: await this.engine.query(q.sql, q.params) };
      });
    } finally {
      release();
    }
  }
}
