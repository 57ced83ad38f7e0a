/**
 * Prepared statements kept by their SQL text. A model's SQL is the same for every filter state
 * (the filters are bound values), and preparing it (parsing, binding and planning a query whose
 * macros expand to hundreds of lines) cost 35–120 ms per query in DuckDB-WASM at 1M order lines,
 * paid again on every click. Statements are kept only for SQL that only reads, and all are
 * dropped before any SQL that may change the schema (`clear`).
 */
export class StatementCache<S> {
  private readonly kept = new Map<string, Promise<S>>();

  constructor(
    private readonly prepare: (sql: string) => Promise<S> | S,
    private readonly close: (stmt: S) => unknown,
    private readonly capacity = 48,
  ) {}

  /**
   * Runs read-only `sql` with `params` on its kept statement (prepared on first use). A kept
   * statement that fails is dropped and the query tried once more on a fresh one: it may have
   * been closed by a `clear` racing with this call; a real error fails again and is thrown.
   */
  async run<R>(sql: string, execute: (stmt: S) => Promise<R> | R): Promise<R> {
    try {
      return await execute(await this.statement(sql));
    } catch {
      await this.forget(sql);
      return execute(await this.statement(sql));
    }
  }

  /** Drops every kept statement: before SQL that may change the schema. */
  async clear(): Promise<void> {
    const all = [...this.kept.values()];
    this.kept.clear();
    for (const stmt of all) await closeQuietly(stmt, this.close);
  }

  get size(): number {
    return this.kept.size;
  }

  private statement(sql: string): Promise<S> {
    const hit = this.kept.get(sql);
    if (hit !== undefined) {
      // Most recently used last: the first entry is the one dropped.
      this.kept.delete(sql);
      this.kept.set(sql, hit);
      return hit;
    }
    const made = Promise.resolve().then(() => this.prepare(sql));
    this.kept.set(sql, made);
    made.catch(() => this.kept.get(sql) === made && this.kept.delete(sql));
    if (this.kept.size > this.capacity) {
      const [oldest, old] = this.kept.entries().next().value as [string, Promise<S>];
      this.kept.delete(oldest);
      void closeQuietly(old, this.close);
    }
    return made;
  }

  private async forget(sql: string): Promise<void> {
    const stmt = this.kept.get(sql);
    if (stmt === undefined) return;
    this.kept.delete(sql);
    await closeQuietly(stmt, this.close);
  }
}

async function closeQuietly<S>(stmt: Promise<S>, close: (stmt: S) => unknown): Promise<void> {
  try {
    await close(await stmt);
  } catch {
    // A statement that failed to prepare, or is closed already: nothing to release.
  }
}

/**
 * Whether SQL only reads (it starts, after comments, with SELECT, WITH, FROM, DESCRIBE,
 * SUMMARIZE or EXPLAIN): kept statements stay valid after it, and its statement may be kept.
 */
export function onlyReads(sql: string): boolean {
  return /^(select|with|from|describe|summarize|explain)\b/i.test(withoutLeadingComments(sql));
}

/**
 * Whether kept statements stay usable after `sql`: it only reads, or it replaces a temporary
 * table (the runner's view tables, src/runner/view-tables.ts, refilled on every filter change).
 * DuckDB binds a kept statement that reads the replaced table again when it next runs (its
 * catalog changed); should that fail, `run` retries it once on a fresh statement.
 */
export function keepsStatements(sql: string): boolean {
  return onlyReads(sql) || /^create\s+or\s+replace\s+temp(orary)?\s+table\b/i.test(withoutLeadingComments(sql));
}

function withoutLeadingComments(sql: string): string {
  return sql.replace(/^(\s+|--[^\n]*(\n|$))+/, '');
}
