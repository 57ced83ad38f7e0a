import type { BindValue, Engine } from '../engine/types';
import { bindNamed } from './bind-params';
import type { PreparedQuery } from './model-result';
import type { QuerySources } from './query-sources';

/** A model's query as it runs: its SQL and values, after the tables it reads are filled. */
export interface ViewQuery {
  sql: string;
  params: BindValue[];
  /** Fills the view tables the SQL reads; `makeMacros` creates the macros a fill calls first. */
  fill(generation: number, makeMacros: (sql: string) => Promise<void>): Promise<void>;
}

/**
 * Table macros worked out once per filter state: a schema file marks one with a line
 * `-- @once-per-view <macro>`. They are the heavy listings several panels of a page read
 * (customer_return_rows: the Customers page's distribution and table; abuse_case_rows: the
 * Signals page's summary and list), each of which worked the same rows out again. A model calling
 * such a macro with its own parameters as the arguments (`$name`s only) reads a temporary table
 * instead, filled with the macro's rows for the same bound values by the first query that needs
 * them, kept while the data and those values stay the same (one filter state per call; another
 * fills it again). The model files stay plain SQL that runs as it is anywhere, and the answer is
 * the macro's own rows read back, so it is the same (test/runner/view-tables.test.ts compares
 * every such model with its plain SQL over many filter states).
 */
export class ViewTables {
  private readonly call: RegExp | null;
  /** Temporary table per distinct call text, and the key of the rows it holds. */
  private readonly tables = new Map<string, string>();
  private readonly held = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    sources: QuerySources,
  ) {
    const macros = Object.entries(sources)
      .filter(([file]) => file.startsWith('schema/'))
      .flatMap(([, text]) => [...text.matchAll(/^-- @once-per-view (\w+)\s*$/gm)].map((m) => m[1]!));
    this.call = macros.length === 0 ? null : new RegExp(`\\b(${macros.join('|')})\\s*\\(\\s*(\\$\\w+(?:\\s*,\\s*\\$\\w+)*)\\s*\\)`, 'g');
  }

  /** `q` reading view tables for the once-per-view macros it calls, or `q` as it is when it calls none. */
  plan(q: PreparedQuery): ViewQuery {
    const calls: { table: string; sql: string }[] = [];
    const named = this.call === null ? q.source : q.source.replace(this.call, (text: string, _m: string, _a: string, at: number) => {
      // A call in a `--` comment is prose: left as it is, nothing filled for it.
      if (q.source.slice(q.source.lastIndexOf('\n', at) + 1, at).includes('--')) return text;
      const table = this.tableFor(text);
      calls.push({ table, sql: `SELECT * FROM ${text}` });
      return table;
    });
    if (calls.length === 0) return { sql: q.sql, params: q.params, fill: async () => undefined };
    const bound = bindNamed(named, q.values);
    return {
      sql: bound.sql,
      params: bound.params,
      fill: async (generation, makeMacros) => {
        for (const c of calls) {
          const fill = bindNamed(c.sql, q.values);
          const key = JSON.stringify([generation, fill.params]);
          if (this.held.get(c.table) === key) continue;
          this.held.delete(c.table);
          await makeMacros(c.sql);
          await this.engine.query(`CREATE OR REPLACE TEMP TABLE ${c.table} AS ${fill.sql}`, fill.params);
          this.held.set(c.table, key);
        }
      },
    };
  }

  /** One temporary table per call text (the macro and its argument names). */
  private tableFor(text: string): string {
    const key = text.replace(/\s+/g, '');
    let table = this.tables.get(key);
    if (table === undefined) {
      table = `per_view_${/^\w+/.exec(key)![0]}_${this.tables.size + 1}`;
      this.tables.set(key, table);
    }
    return table;
  }
}
