import { sqlString } from './sql-literal';
import { execInTransaction } from './transaction';
import type { Engine } from './types';

/*
 * Tables shown as views over an attached, read-only database (a data set kept in the browser,
 * see opfs-database.ts): the page reads them in place instead of copying them in first. Whatever
 * later rewrites one of these names (a load, a derive, another data set) first drops the view,
 * in the same transaction as its own writes, so a failed change leaves the views as they were.
 */

/** An attached database the page may still read through views, and how to let it go. */
export interface Attachment {
  alias: string;
  /** The name its file is registered under in the engine. */
  fileName: string;
  release: () => void;
}

const attachments: Attachment[] = [];

/** Which of `names` are views (not tables) in the current database's main schema. */
export async function mainViews(engine: Pick<Engine, 'query'>, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await engine.query(
    // Table names of the schema SQL, not user values.
    `SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND view_name IN (${names.map(sqlString).join(', ')})`,
  );
  return new Set(rows.map((r) => String(r.view_name)));
}

/** `DROP … IF EXISTS main.<name>;` as the kind of relation `name` is (a DROP TABLE of a view fails). */
export function dropRelationSQL(name: string, views: ReadonlySet<string>): string {
  return `DROP ${views.has(name) ? 'VIEW' : 'TABLE'} IF EXISTS main.${name};`;
}

/**
 * SQL that turns those of `tables` that are views in main into empty tables made as `alias`
 * makes them (its own CREATE TABLE, defaults included), for a caller that refills them in the
 * same transaction.
 */
export async function viewsToTablesSQL(engine: Pick<Engine, 'query'>, alias: string, tables: readonly string[]): Promise<string> {
  const views = [...(await mainViews(engine, tables))];
  if (views.length === 0) return '';
  const ddl = await engine.query(
    `SELECT table_name, sql FROM duckdb_tables() WHERE database_name = $1 AND schema_name = 'main' AND table_name IN (${views.map(sqlString).join(', ')})`,
    [alias],
  );
  const made = new Map(ddl.map((r) => [String(r.table_name), String(r.sql)]));
  return views.map((v) => {
    const sql = made.get(v);
    if (!sql) throw new Error(`${alias} has no table ${v}`);
    return `DROP VIEW main.${v}; ${sql.replace(/;?\s*$/, ';')}`;
  }).join('\n');
}

/**
 * Copies those of `tables` that are views over an attached database into tables of main (one
 * transaction): for work that needs the tables themselves (derive.sql reads the order lines'
 * rowid, which a view does not have). The copy keeps the rows' order.
 */
export async function materialiseViews(engine: Engine, tables: readonly string[]): Promise<void> {
  const views = await mainViews(engine, tables);
  const statements: string[] = [];
  for (const a of attachments) {
    const over = [...views].filter((v) => v !== a.alias);
    const refs = over.length === 0 ? [] : await engine.query(
      `SELECT view_name FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'main' AND contains(sql, $1) AND view_name IN (${over.map(sqlString).join(', ')})`,
      [`${a.alias}.`],
    );
    const names = refs.map((r) => String(r.view_name));
    if (names.length === 0) continue;
    statements.push(await viewsToTablesSQL(engine, a.alias, names), ...names.map((t) => `INSERT INTO main.${t} BY NAME SELECT * FROM ${a.alias}.main.${t};`));
  }
  if (statements.length > 0) await execInTransaction(engine, statements.join('\n'));
}

/**
 * Shows `tables` of the attached `alias` as main's tables (views over it), in one transaction:
 * each replaces the table or view of that name. Nothing is copied.
 */
export async function showAttachedTables(target: Engine, alias: string, tables: readonly string[]): Promise<void> {
  const views = await mainViews(target, tables);
  await execInTransaction(target, tables.map((t) => `${dropRelationSQL(t, views)} CREATE VIEW main.${t} AS SELECT * FROM ${alias}.main.${t};`).join('\n'));
}

export function addAttachment(a: Attachment): void {
  attachments.push(a);
}

/**
 * Detaches every attached database no view of main reads any more (its tables were replaced by
 * a load, another data set or the demo), and lets its file go.
 */
export async function releaseUnusedAttachments(engine: Engine): Promise<void> {
  for (const a of [...attachments]) {
    const [row] = await engine.query(`SELECT count(*)::INT AS n FROM duckdb_views() WHERE database_name = current_database() AND contains(sql, $1)`, [`${a.alias}.`]);
    if (Number(row?.n) > 0) continue;
    attachments.splice(attachments.indexOf(a), 1);
    await engine.exec(`DETACH ${a.alias}`).catch(() => undefined);
    for (const f of [a.fileName, `${a.fileName}.wal`]) await engine.dropFile(f).catch(() => undefined);
    a.release();
  }
}
