import { columnPresenceSQL } from '../data-model/schema-ddl';
import type { BindValue, Engine } from '../engine/types';
import { figuresNotInData, type ModelHeader } from './model-header';
import type { QueryQueue } from './query-queue';

/** Non-null values per canonical column, rebuilt with the derived tables. */
export const PRESENCE_TABLE = `CREATE OR REPLACE TABLE main.column_presence AS ${columnPresenceSQL()}`;

/**
 * How many values each canonical column holds (`table.column` -> non-null count): what lets a
 * model answer "needs column X" instead of running on inputs that are absent.
 */
export class ColumnPresence {
  private counts = new Map<string, number>();
  /**
   * A seed's counts, which stand while the seeded data's tables are loading: the schema is set up
   * on empty tables meanwhile, and a model asked for then must wait for the data, not be told
   * its columns hold nothing.
   */
  private seeded: Map<string, number> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly queue: QueryQueue,
    /** Whether seeded data is still loading (the runner's seeded answers say). */
    private readonly seedLoading: () => boolean = () => false,
  ) {}

  /** The counts models are judged by (see seeded). */
  private get now(): Map<string, number> {
    return this.seeded && this.seedLoading() ? this.seeded : this.counts;
  }

  async read(rebuild = true): Promise<void> {
    // Again: a model answer computed while the tables were being rebuilt must not be kept.
    this.queue.invalidate();
    await this.load(rebuild);
  }

  async load(rebuild: boolean): Promise<void> {
    // Kept as a table too: the models ask it through has_values (macros.sql), so a figure whose
    // input column holds no value is NULL ("not in the data"), not 0.
    if (rebuild) await this.engine.exec(PRESENCE_TABLE);
    const rows = await this.engine.query('SELECT table_name, column_name, non_null FROM main.column_presence');
    this.counts = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, Number(r.non_null)]));
  }

  /** Takes the counts as given (a seed computed on the same data), without reading the tables. */
  replace(entries: Iterable<[string, number]>): void {
    this.counts = new Map(entries);
    this.seeded = this.counts;
  }

  entries(): [string, number][] {
    return [...this.counts];
  }

  /** Columns a model needs for these bound values that hold no value at all. */
  missingColumns(header: ModelHeader, values: Record<string, BindValue>): string[] {
    const missing: string[] = [];
    for (const req of header.requires) {
      if (req.when && values[req.when.param] !== req.when.value) continue;
      for (const col of req.columns) if (!this.now.get(col)) missing.push(col);
    }
    return missing;
  }

  /** A model's outputs the loaded data cannot give (its `@missing` header lines), with the empty columns. */
  notInData(header: ModelHeader): Record<string, string[]> {
    return figuresNotInData(header, (col) => Boolean(this.now.get(col)));
  }
}
