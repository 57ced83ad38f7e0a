import { CURRENCY_SETTINGS_DDL } from '../data-model/currency';
import { canonicalDDL, AUDIT_DDL, DATA_SET_TABLES } from '../data-model/schema-ddl';
import { mainViews, materialiseViews, releaseUnusedAttachments } from '../engine/attached-views';
import type { Engine } from '../engine/types';
import { PRESENCE_TABLE, type ColumnPresence } from './column-presence';
import { DERIVE_FILE, SCHEMA_SETUP_FILES, scriptText, type QuerySources } from './query-sources';
import type { QueryQueue } from './query-queue';

/**
 * The schema a runner's models run on: the canonical tables, the seeds and macros, and the
 * derived tables (derive.sql) with the column presence, built at init and rebuilt, or adopted
 * from a copy, when the data changes.
 */
export class SchemaSetup {
  /** Setup files still to run once the derived tables exist (init with `deriveLater`). */
  private afterDerive: readonly string[] = [];
  /** md5 of the schema SQL deriveFingerprint covers (see there). */
  private schemaHash: Promise<string> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly sources: QuerySources,
    private readonly queue: QueryQueue,
    private readonly presence: ColumnPresence,
  ) {}

  /** See Runner.init; `writeAssumptions` writes the default assumptions table. */
  async init(options: { deriveLater?: boolean }, writeAssumptions: () => Promise<void>): Promise<void> {
    // One exec for all the setup SQL: in the browser every call is a round trip to the worker.
    // column_presence first: the has_values macro (macros.sql) reads it.
    await this.engine.exec([canonicalDDL(), AUDIT_DDL, CURRENCY_SETTINGS_DDL, PRESENCE_TABLE].join(';\n'));
    await writeAssumptions();
    // The setup files include derive.sql (the macros need its tables): no second derive here.
    const at = SCHEMA_SETUP_FILES.indexOf(DERIVE_FILE);
    const now = options.deriveLater ? SCHEMA_SETUP_FILES.slice(0, at) : SCHEMA_SETUP_FILES;
    await this.engine.exec(now.map((f) => this.script(f)).join(';\n'));
    this.afterDerive = options.deriveLater ? SCHEMA_SETUP_FILES.slice(at + 1) : [];
    await this.presence.read();
  }

  /** Runs the setup files that waited for the derived tables (they exist now). */
  private async finishSetup(): Promise<void> {
    if (this.afterDerive.length === 0) return;
    await this.engine.exec(this.afterDerive.map((f) => this.script(f)).join(';\n'));
    this.afterDerive = [];
  }

  /** Rebuilds the derived tables and the column presence after the canonical tables changed. */
  async refresh(): Promise<void> {
    this.queue.invalidate();
    // Tables read in place from a kept data set are views (src/engine/attached-views.ts): derive
    // reads the order lines' rowid, which a view lacks, so the data set's tables are copied in;
    // the derived ones are made anew as tables.
    await materialiseViews(this.engine, DATA_SET_TABLES);
    const views = await mainViews(this.engine, this.derivedTables);
    await this.engine.exec([...views].map((v) => `DROP VIEW main.${v};`).join('\n') + this.script(DERIVE_FILE));
    await releaseUnusedAttachments(this.engine);
    await this.finishSetup();
    await this.presence.read();
  }

  /**
   * A model is about to run (in the query queue's turn): if init left the derived tables for
   * later and nothing brought them, they are derived first, from the tables as they are. No
   * answer can have been kept before, so none is dropped.
   */
  async whenDerived(): Promise<void> {
    if (this.afterDerive.length === 0) return;
    await this.engine.exec(this.script(DERIVE_FILE));
    await this.finishSetup();
    await this.presence.load(true);
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
    // The schema SQL is fixed for a runner: hashed once. Bound whole on every call (~100 kB), it
    // cost ~50 ms in the page, three times right after a load (keeping it in the browser).
    this.schemaHash ??= this.engine
      .query('SELECT md5(?) AS h', [[canonicalDDL(), AUDIT_DDL, PRESENCE_TABLE, ...SCHEMA_SETUP_FILES.map((f) => this.script(f))].join('\n')])
      .then((rows) => String(rows[0]!.h))
      .catch((e: unknown) => {
        this.schemaHash = null;
        throw e;
      });
    const schemaHash = await this.schemaHash;
    const [row] = await this.engine.query(
      `SELECT md5(? || (SELECT coalesce(string_agg(key || '=' || value, ';' ORDER BY key), '') FROM main.assumptions)
        || '|' || (SELECT coalesce(string_agg(concat_ws('|', currency, reporting, rate), ';' ORDER BY currency), '') FROM main.currency_settings)) AS f`,
      [schemaHash],
    );
    return String(row!.f);
  }

  /** The derived tables were copied back from a store with an equal deriveFingerprint(): used as they are, no derive. */
  async adoptDerived(): Promise<void> {
    this.queue.invalidate();
    await this.finishSetup();
    await this.presence.read(false);
  }

  /**
   * The derived tables were copied in with the canonical ones, as derive.sql built them on the
   * same data (the build's demo database, src/build/demo-database.ts): nothing to rebuild, only
   * the column presence to read again.
   */
  async adoptCopiedTables(): Promise<void> {
    await this.finishSetup();
    await this.presence.read();
  }

  private script(file: string): string {
    return scriptText(this.sources, file);
  }
}
