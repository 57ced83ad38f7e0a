import { sqlString } from './sql-literal';
import { execInTransaction } from './transaction';
import type { Engine } from './types';

/*
 * Tables shown as views over an attached, read-only database (a data set kept in the browser,
 * see opfs-database.ts): the page reads them in place instead of copying them in first. What
 * later rewrites these names works on the views: a load renames them aside and back as views
 * (src/loader/replace-data.ts), another data set or the demo replaces them in the transaction of
 * its own writes (so a failed change leaves them as they were), and a derive first copies them in
 * (materialiseViews).
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
 * Copies those of `tables` that are views into tables of main (one transaction), in the shape
 * the views show: for work that needs the tables themselves (derive.sql reads the order lines'
 * rowid, which a view does not have). The copy keeps the rows' order.
 */
export async function materialiseViews(engine: Pick<Engine, 'query' | 'exec'>, tables: readonly string[]): Promise<void> {
  const views = [...(await mainViews(engine, tables))];
  if (views.length === 0) return;
  const copy = (v: string) => `CREATE TABLE main.copying_${v} AS SELECT * FROM main.${v}; DROP VIEW main.${v}; ALTER TABLE main.copying_${v} RENAME TO ${v};`;
  await execInTransaction(engine, views.map(copy).join('\n'));
}

/**
 * Shows `tables` of the attached `alias` as main's tables (views over it), in one transaction:
 * each replaces the table or view of that name. Nothing is copied.
 */
export async function showAttachedTables(target: Engine, alias: string, tables: readonly string[]): Promise<void> {
  const views = await mainViews(target, tables);
  const columns = await target.query(
    `SELECT database_name = $1 AS kept, table_name, column_name, data_type FROM duckdb_columns()
     WHERE database_name IN ($1, current_database()) AND schema_name = 'main' AND table_name IN (${tables.map(sqlString).join(', ')})
     ORDER BY column_index`,
    [alias],
  );
  const of = (t: string, kept: boolean) => columns.filter((c) => c.table_name === t && c.kept === kept).map((c) => ({ name: String(c.column_name), type: String(c.data_type) }));
  await execInTransaction(target, tables.map((t) => `${dropRelationSQL(t, views)} CREATE VIEW main.${t} AS SELECT ${selectList(of(t, false), of(t, true))} FROM ${alias}.main.${t};`).join('\n'));
}

interface Column {
  name: string;
  type: string;
}

/**
 * The columns a view shows: those main has now (the shape this version's DDL made, or the view
 * before, made the same way), taken from the kept table by name; a column the kept table lacks
 * (kept by a version with fewer columns) is NULL of its type, as the copy by name used to fill it.
 */
function selectList(now: readonly Column[], kept: readonly Column[]): string {
  const same = now.length === kept.length && now.every((c, i) => c.name === kept[i]!.name && c.type === kept[i]!.type);
  if (now.length === 0 || same) return '*';
  const keptType = new Map(kept.map((c) => [c.name, c.type]));
  return now.map((c) => {
    const name = `"${c.name.replace(/"/g, '""')}"`;
    const has = keptType.get(c.name);
    if (has === undefined) return `CAST(NULL AS ${c.type}) AS ${name}`;
    return has === c.type ? name : `CAST(${name} AS ${c.type}) AS ${name}`;
  }).join(', ');
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
