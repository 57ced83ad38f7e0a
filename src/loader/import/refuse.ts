import { CANONICAL_TABLES, type CanonicalTable } from '../../data-model/contract';
import type { Engine } from '../../engine/types';
import type { ApplyOptions, ImportFile, ImportReport, ImportSql } from './apply-types';
import { prepareFile, releaseTexts, type PreparedText } from './prepare';
import type { MappingSpec } from './spec';
import { createMacros, dropTemps, fillRaw, isoTimestamp, nextImportId, stage, type StagedCells } from './stage';

/** Files refused whole: each of their rows listed as rejected with the reason, so rows read = rejected. */

/**
 * A file refused whole after its text was read: every row it holds is listed as rejected with
 * the reason (and unreadable rows with theirs), so that its rows count as read and refused.
 */
export async function accountRefused(
  engine: Engine,
  sql: ImportSql,
  prepared: PreparedText,
  table: CanonicalTable,
  error: string,
  options: ApplyOptions,
  report: ImportReport,
): Promise<void> {
  const id = nextImportId();
  const issues = `imp${id}_issues`;
  await createMacros(engine, sql);
  try {
    const staged: StagedCells[] = [];
    const unreadable = await stage(engine, `imp${id}_src`, prepared, [], staged, report.file);
    await engine.exec(
      `CREATE TEMP TABLE ${issues} (table_name VARCHAR, source_file VARCHAR, line_number BIGINT, severity VARCHAR, reason VARCHAR, raw VARCHAR)`,
    );
    for (const r of unreadable) {
      await engine.query(`INSERT INTO ${issues} VALUES ($1, $2, $3, 'rejected', $4, $5)`, [table, report.file, r.line, r.reason, r.raw]);
    }
    await engine.query(`INSERT INTO ${issues} SELECT $1, $2, __line, 'rejected', chk_file_refused($3), NULL FROM imp${id}_src`, [
      table, report.file, error,
    ]);
    await fillRaw(engine, issues, staged);
    const [n] = await engine.query(`SELECT count(*) AS n FROM ${issues}`);
    const rows = Number(n!.n);
    await engine.exec(`INSERT INTO load_issues SELECT * FROM ${issues} ORDER BY line_number`);
    await engine.query(`INSERT INTO load_log VALUES ($1, $2, $3, 0, $3, 0, 0, CAST($4 AS TIMESTAMP), 0)`, [
      table, report.file, rows, isoTimestamp(options.now ?? new Date()),
    ]);
    Object.assign(report, { rowsRead: rows, rowsRejected: rows });
    report.tables = [{ table, rowsRead: rows, rowsLoaded: 0, rowsRejected: rows, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 }];
    report.reasons = [{ table, severity: 'rejected', reason: `file not loaded: ${error}`, rows: rows - unreadable.length }];
  } finally {
    await dropTemps(engine, id);
  }
}

/**
 * A file whose mapping is not valid is not loaded, but when the mapping says how to read it
 * (a valid source format) and which table it was for, its rows are still read and listed as
 * rejected, like any file refused whole.
 */
export async function accountInvalid(
  engine: Engine, sql: ImportSql, file: ImportFile, mapping: MappingSpec, errors: readonly string[], options: ApplyOptions, report: ImportReport,
): Promise<void> {
  const table = mapping?.targets?.[0]?.table;
  if (options.dryRun || options.maxRecords !== undefined || !table || !CANONICAL_TABLES.includes(table)) return;
  // Errors name their place (source.delimiter: ...): the file can be read when none is the source's.
  if (errors.some((e) => e.startsWith('source'))) return;
  const source = mapping.source;
  const prepared = await prepareFile(engine, file, source, { decodeParquet: options.decodeParquet }).catch(() => ({ error: '' }));
  if ('error' in prepared) return;
  // A mapping that maps nothing to required columns: the rows' reason is the canonical file's own.
  const missing = errors.map((e) => /^targets\[0\]\.columns: \w+\.(\w+) is required and not mapped$/.exec(e)?.[1]);
  const reason = missing.every((m) => m !== undefined)
    ? `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
    : report.error!.slice(file.name.length + 2);
  try {
    await accountRefused(engine, sql, prepared, table, reason, options, report);
  } catch {
    // Counting is a courtesy here: the error stands either way.
  } finally {
    await releaseTexts(engine, [prepared]);
  }
}
