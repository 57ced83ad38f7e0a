import type { CanonicalTable } from '../../data-model/contract';
import type { Engine } from '../../engine/types';
import { firstLine } from '../error-text';
import {
  LOOKUP_TABLE_PREFIX, type ApplyOptions, type CanonicalRead, type ImportFile, type ImportReport, type ImportSql, type ReasonCount, type TableAccount,
} from './apply-types';
import { canonicalMapping } from './canonical-mapping';
import { loadTarget } from './load-target';
import {
  accountUnusedParts, lookupFileNames, lookupMisses, matchLookupParts, resolveColumns, stageLookup, type LookupPart, type PreparedLookup,
} from './lookups';
import { prepareFile, releaseTexts, type PreparedText } from './prepare';
import { accountInvalid, accountRefused } from './refuse';
import { Params, TargetSql } from './sql-build';
import { fileMatches, type MappingSpec, type SourceFormat } from './spec';
import { createMacros, dropTemps, fillRaw, isoTimestamp, nextImportId, stage, type StagedCells } from './stage';

export * from './apply-types';

/**
 * Applies a mapping to one file: decode → stage as text through DuckDB's CSV reader (rows it
 * cannot read are kept as rejects) → route each row to its target table → read every value
 * the way the mapping says → exclusions, per-row checks, cross-table checks → insert, with
 * every row accounted for in load_log / load_issues:
 *
 *   rows read = rows loaded + rows merged + rows excluded + rows rejected   (per file and per table)
 *
 * Rejected rows (severity 'rejected') could not be loaded: unreadable, a value that does not
 * read with the mapping's format, a missing required value, a negative amount, a duplicate
 * key, an unknown SKU (when products are loaded), a return dated before its order.
 * Merged rows (severity 'merged') repeat a key the mapping folds (duplicates 'first': a product
 * listed on every order line): the key's first row is loaded, the repeats are merged into it.
 * Excluded rows (severity 'excluded') are left out on purpose by a rule of the mapping, with
 * its reason (e.g. stock write-offs in an invoice file). Warnings (severity 'warning') are
 * loaded rows that look wrong: a date in the future, a return long after its order.
 * Rows the CSV reader could not read and rows no target takes are counted under the first
 * target's table. Line numbers are record numbers (header = 1 + skipped lines); they equal
 * physical lines unless an earlier cell held a line break.
 *
 * One transaction per file: a file that fails leaves every table as it was. The tables are
 * written unqualified, so a mapping preview's own schema (search_path) works unchanged.
 *
 * Before routing, order-level cells are filled down (mapping.fillDown) and the mapping's
 * lookup files (options.lookupFiles, matched by name pattern) are joined on, one row per key;
 * a key a lookup lacks rejects the rows of the targets using it (unless onMissing is 'empty'),
 * and report.lookups says how each lookup file was read and used. With routing 'each' a row
 * can feed several tables: each table's accounting adds up, the file's totals add the tables.
 *
 * Lookup files are accounted for like loaded files, under table_name 'lookup:<name>': a row
 * that is a lookup entry counts as loaded; an unreadable row or one without a key is
 * rejected; a row repeating a key is excluded (the first row wins). Several files matching
 * a lookup's pattern are read as one list (in the order given: the first row of a key wins
 * across files) when each has the columns the mapping reads; one that lacks some is not
 * used, report.lookups[].notUsed says why, and its rows are counted as excluded with that
 * reason. A lookup file read by several mapped files of
 * a batch is accounted for once (the first time).
 */


/**
 * Loads one file with a mapping (or as a canonical file: the identity mapping); never throws
 * for a bad file or mapping (see `error`). A file refused whole once its text is read (a
 * column the mapping needs is missing) still accounts for its rows: each is listed as
 * rejected with the reason, so rows read = rows rejected.
 */
export async function applyMapping(
  engine: Engine,
  sql: ImportSql,
  file: ImportFile,
  given: MappingSpec | CanonicalRead,
  options: ApplyOptions = {},
): Promise<ImportReport> {
  const canonical = given && 'canonical' in given ? given : null;
  let mapping = given as MappingSpec;
  const report: ImportReport = {
    file: file.name, mapping: canonical ? '' : (mapping?.name ?? ''), preset: canonical ? null : (mapping?.preset ?? null),
    rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0,
    tables: [], reasons: [], unmappedReasons: [],
  };
  if (!canonical) {
    // The validator (zod) is loaded on first use: a canonical file never needs it, so the
    // page's first screen and the demo's start do not carry it.
    const { validateMapping } = await import('./spec/validate');
    const valid = validateMapping(mapping);
    if (!valid.ok) {
      report.error = `${file.name}: the mapping is not valid: ${valid.errors.join('; ')}`;
      await accountInvalid(engine, sql, file, mapping, valid.errors, options, report);
      return report;
    }
  }
  const source = canonical ? canonical.source : mapping.source;
  const headerLines = source.skipLines + (source.header ? 1 : 0);
  const onLines = options.onRowsRead && ((n: number) => options.onRowsRead!(Math.max(0, n - headerLines)));
  const prepared = await prepareFile(engine, file, source, { ...options, onLines });
  if ('error' in prepared) {
    report.error = `${file.name}: ${prepared.error}`;
    return report;
  }
  // Every text read so far: a spooled one (native engine) stays on disk until staged or released.
  const held: PreparedText[] = [prepared];
  const fail = async (error: string): Promise<ImportReport> => {
    report.error = `${file.name}: ${error}`;
    const table = canonical?.canonical ?? mapping.targets[0]?.table;
    if (table && !options.dryRun && options.maxRecords === undefined) {
      // Counting the refused file's rows is best effort: the file's error stands either way, and a
      // failure here (a text the reader cannot stage at all) must not hide it.
      await accountRefused(engine, sql, prepared, table, error, options, report).catch(() => undefined);
    }
    await releaseTexts(engine, held);
    return report;
  };
  if (canonical) {
    const made = canonicalMapping(canonical.canonical, prepared.header, canonical.source);
    if ('error' in made) return fail(made.error);
    mapping = made.mapping;
    report.mapping = made.mapping.name;
    report.ignoredColumns = made.ignoredColumns;
  }
  const lookups: PreparedLookup[] = [];
  for (const [j, spec] of (mapping.lookups ?? []).entries()) {
    const candidates = (options.lookupFiles ?? []).filter((f) => fileMatches(f.name, spec.file));
    if (candidates.length === 0) {
      return fail(`the mapping reads lookup "${spec.name}" from a file named like "${spec.file}", and none was given`
        + (options.lookupFiles?.length ? ` (files given: ${options.lookupFiles.map((f) => f.name).join(', ')})` : ''));
    }
    const source: SourceFormat = { ...mapping.source, ...spec.source };
    const parts: LookupPart[] = [];
    for (const found of candidates) {
      const lp = await prepareFile(engine, found, source, { decodeParquet: options.decodeParquet });
      if ('error' in lp) return fail(`lookup file ${found.name}: ${lp.error}`);
      const part: LookupPart = { ...lp, file: found.name, columnMap: new Map() };
      held.push(part);
      parts.push(part);
    }
    // The first file names the lookup's columns (l<j>_c<k>); the others are matched to it by name.
    lookups.push({ index: j + 1, spec, source, ...parts[0]!, parts, unused: [], needed: new Set<number>() });
  }
  const resolved = resolveColumns(mapping, prepared, lookups);
  if ('error' in resolved) return fail(resolved.error);
  lookups.forEach(matchLookupParts);
  const id = nextImportId();
  await createMacros(engine, sql);
  await engine.exec('BEGIN TRANSACTION');
  try {
    await run(engine, id, prepared, lookups, resolved.resolve, mapping, options, report);
    if (options.dryRun) await engine.exec('ROLLBACK');
    else await engine.exec('COMMIT');
  } catch (e) {
    await engine.exec('ROLLBACK').catch(() => undefined);
    Object.assign(report, { rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0, tables: [], reasons: [], unmappedReasons: [] });
    delete report.preview;
    delete report.lookups;
    report.error = `${file.name}: ${firstLine(e)}`;
  } finally {
    // Staging dropped the texts it read; a failure may have come before some were staged.
    await releaseTexts(engine, held);
    await dropTemps(engine, id);
  }
  return report;
}

const DEPENDENCY_ORDER: CanonicalTable[] = ['products', 'order_lines', 'shipments', 'returns', 'reviews'];

async function run(
  engine: Engine,
  id: number,
  prepared: PreparedText,
  lookups: PreparedLookup[],
  resolver: (name: string) => string,
  mapping: MappingSpec,
  options: ApplyOptions,
  report: ImportReport,
): Promise<void> {
  let src = `imp${id}_src`;
  const issues = `imp${id}_issues`;
  const staged: StagedCells[] = [];
  const parserRejects = await stage(engine, src, prepared, mapping.source.nullValues, staged, report.file);
  await engine.exec(
    `CREATE TEMP TABLE ${issues} (table_name VARCHAR, source_file VARCHAR, line_number BIGINT, severity VARCHAR, reason VARCHAR, raw VARCHAR)`,
  );

  // Order-level cells written on an order's first row only: filled down within the group.
  if (mapping.fillDown) {
    const g = `s.${resolver(mapping.fillDown.groupBy)}`;
    const cols = [...new Set(mapping.fillDown.columns.map(resolver))].filter((c) => /^c\d+$/.test(c));
    const replace = cols.map((c) =>
      `CASE WHEN ${g} IS NULL THEN s.${c} ELSE coalesce(s.${c}, last_value(s.${c} IGNORE NULLS) OVER (PARTITION BY ${g} ORDER BY s.__line ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) END AS ${c}`);
    if (replace.length > 0) {
      await engine.exec(`CREATE TEMP TABLE imp${id}_filled AS SELECT * REPLACE (${replace.join(', ')}) FROM ${src} s ORDER BY s.__line`);
      src = `imp${id}_filled`;
    }
  }

  // Lookups: each lookup file staged, one row per key, joined on.
  if (lookups.length > 0) {
    const selects: string[] = [];
    const joins: string[] = [];
    const refOf = (name: string) => {
      const c = resolver(name);
      const m = /^l(\d+)_(c\d+)$/.exec(c);
      return m ? `lk${m[1]}.${c}` : `s.${c}`;
    };
    for (const lk of lookups) {
      const j = lk.index;
      const st = await stageLookup(engine, id, lk, issues, options.now ?? new Date(), staged);
      const notUsed = await accountUnusedParts(engine, id, lk, issues, options.now ?? new Date(), staged);
      const on = refOf(lk.spec.on);
      selects.push(...[...lk.needed].sort((a, b) => a - b).map((k) => `lk${j}.l${j}_c${k}`));
      selects.push(`${on} AS __on${j}`, `(${on} IS NOT NULL AND lk${j}.__k IS NULL) AS __miss${j}`);
      joins.push(`LEFT JOIN imp${id}_lk${j} lk${j} ON lk${j}.__k = ${on}`);
      (report.lookups ??= []).push({
        name: lk.spec.name, file: lookupFileNames(lk), ...(notUsed.length > 0 ? { notUsed } : {}),
        ...st, keysUsed: 0, rowsWithoutMatch: 0,
      });
    }
    await engine.exec(`CREATE TEMP TABLE imp${id}_joined AS SELECT s.*, ${selects.join(', ')} FROM ${src} s ${joins.join(' ')} ORDER BY s.__line`);
    src = `imp${id}_joined`;
    for (const lk of lookups) {
      const j = lk.index;
      const [m] = await engine.query(
        `SELECT count(DISTINCT __on${j}) FILTER (WHERE NOT __miss${j}) AS used, count(*) FILTER (WHERE __miss${j}) AS missed FROM ${src}`,
      );
      const entry = report.lookups![lk.index - 1]!;
      entry.keysUsed = Number(m!.used);
      entry.rowsWithoutMatch = Number(m!.missed);
    }
  }

  // Route: with 'first', the first target whose `when` holds takes the row; with 'each',
  // every target whose `when` holds does.
  const each = mapping.routing === 'each';
  const routeParams = new Params();
  const routeSql = new TargetSql(routeParams, resolver, true);
  const routeCols = each
    ? mapping.targets.map((t, i) => `${t.when ? routeSql.test(t.when) : 'true'} AS __t${i}`).join(', ')
    : `CASE ${mapping.targets.map((t, i) => `WHEN ${t.when ? routeSql.test(t.when) : 'true'} THEN ${i}`).join(' ')} END AS __target`;
  // One target taking every row: a view (the rows are read once, by that target's statement).
  const everyRow = !each && mapping.targets.length === 1 && !mapping.targets[0]!.when;
  if (everyRow) await engine.exec(`CREATE TEMP VIEW imp${id}_routed AS SELECT s.*, 0 AS __target FROM ${src} s`);
  else await engine.query(`CREATE TEMP TABLE imp${id}_routed AS SELECT s.*, ${routeCols} FROM ${src} s`, routeParams.values);
  const taken = (i: number) => (each ? `__t${i}` : `__target = ${i}`);
  const untaken = each ? `NOT (${mapping.targets.map((_, i) => `__t${i}`).join(' OR ')})` : '__target IS NULL';

  const file = report.file;
  const firstTable = mapping.targets[0]!.table;
  const accounts = new Map<CanonicalTable, TableAccount>();
  for (const t of mapping.targets) {
    accounts.set(t.table, { table: t.table, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 });
  }
  const firstAccount = accounts.get(firstTable)!;

  // Unreadable rows and rows no target takes: accounted under the first target's table.
  for (const r of parserRejects) {
    await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [
      firstTable, file, r.line, r.reason, r.raw,
    ]);
  }
  firstAccount.rowsRead += parserRejects.length;
  firstAccount.rowsRejected += parserRejects.length;
  const unrouted = await engine.query(
    `INSERT INTO ${issues} SELECT $1, $2, __line, 'excluded', 'taken by no target of the mapping', NULL
     FROM imp${id}_routed WHERE ${untaken} RETURNING 1`,
    [firstTable, file],
  );
  firstAccount.rowsRead += unrouted.length;
  firstAccount.rowsExcluded += unrouted.length;

  const hasProducts = Number((await engine.query('SELECT count(*) AS n FROM products'))[0]!.n) > 0;
  const order = [...mapping.targets.entries()].sort(
    (a, b) => DEPENDENCY_ORDER.indexOf(a[1].table) - DEPENDENCY_ORDER.indexOf(b[1].table),
  );
  for (const [i, target] of order) {
    const misses = lookupMisses(mapping, target, lookups, resolver);
    await loadTarget({
      engine, id, index: i, takenBy: taken(i), target, mapping, resolver, misses, hasProducts, options, report, account: accounts.get(target.table)!,
    });
  }

  report.tables = mapping.targets.map((t) => accounts.get(t.table)!);
  for (const k of ['rowsRead', 'rowsLoaded', 'rowsRejected', 'rowsExcluded', 'rowsMerged', 'rowsWarned'] as const) {
    report[k] = report.tables.reduce((s, a) => s + a[k], 0);
  }
  // The raw text of every row listed, rebuilt from its file's cells (only those rows).
  await fillRaw(engine, issues, staged);
  await engine.exec(`INSERT INTO load_issues SELECT * FROM ${issues} ORDER BY table_name, line_number, severity`);
  for (const a of report.tables) {
    await engine.query(`INSERT INTO load_log VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP), $9)`, [
      a.table, file, a.rowsRead, a.rowsLoaded, a.rowsRejected, a.rowsExcluded, a.rowsWarned,
      isoTimestamp(options.now ?? new Date()), a.rowsMerged,
    ]);
  }
  const reasons = await engine.query(
    `SELECT table_name, severity, regexp_replace(reason, ':\\s*".*$', '') AS reason, count(*) AS n
     FROM ${issues} WHERE NOT starts_with(table_name, $1) GROUP BY ALL ORDER BY table_name, severity, n DESC, reason`,
    [LOOKUP_TABLE_PREFIX],
  );
  report.reasons = reasons.map((r) => ({
    table: r.table_name as CanonicalTable, severity: r.severity as ReasonCount['severity'], reason: String(r.reason), rows: Number(r.n),
  }));
}
