import { AUDIT_DDL, canonicalDDL } from '../data-model/schema-ddl';
import type { Row } from '../engine/types';
import type { Runner } from '../runner/runner';
import type { ReplaceOptions } from './batch-types';
import { applyMapping, importSqlFrom, type ImportReport } from './import/apply';
import type { MappingSpec } from './import/spec';
import { withSearchPath } from './search-path';

export interface MappingPreviewOptions extends ReplaceOptions {
  /** The other files of the batch, for the mapping's lookups. */
  lookupFiles?: { name: string; bytes?: Uint8Array; text?: string }[];
  /** Data records of the file the preview reads (default 200). */
  maxRecords?: number;
  /** Loadable rows returned per table (default 20). */
  previewRows?: number;
  /** "Now" for the future-date warnings (default: the current time). */
  now?: Date;
}

export interface MappingPreview {
  /**
   * applyMapping's dry run on the first records: their accounting (read = loaded + rejected +
   * excluded), the reasons, and `preview`: the first rows of each table exactly as they would
   * be stored. `error` when the file or mapping cannot be used at all.
   */
  report: ImportReport;
  /** The refused, excluded and warned rows among those records, by line (table_name, line_number, severity, reason, raw). */
  issues: Row[];
}

const PREVIEW = 'preview_import';

/**
 * The mapping step's preview: the first records of one file through the mapping, on their
 * own. It runs in an empty scratch schema (like a batch), so the rows already loaded play no
 * part: no "already loaded" duplicates and no unknown SKUs against the data being replaced;
 * checks against the other files of a batch run when the batch loads. The dry run gives the
 * rows as they would be stored (with their line); a second, real run in the scratch schema
 * gives each refused, excluded or warned row with its reason (a dry run rolls those back).
 * Nothing remains afterwards. Queued with the replaces (one statement stream).
 */
export function previewMapping(
  runner: Runner,
  file: { name: string; bytes?: Uint8Array; text?: string },
  mapping: MappingSpec,
  options: MappingPreviewOptions = {},
): Promise<MappingPreview> {
  // Model queries wait meanwhile: the connection points at the preview's tables.
  return runner.exclusive(async () => {
    const engine = runner.engine;
    const sql = options.importSql ?? importSqlFrom(runner.sources);
    const opts = { maxRecords: options.maxRecords ?? 200, now: options.now, lookupFiles: options.lookupFiles };
    await engine.exec(`DROP SCHEMA IF EXISTS ${PREVIEW} CASCADE; CREATE SCHEMA ${PREVIEW}`);
    try {
      return await withSearchPath(engine, PREVIEW, async () => {
        await engine.exec(canonicalDDL());
        await engine.exec(AUDIT_DDL);
        const report = await applyMapping(engine, sql, file, mapping, { ...opts, dryRun: true, previewRows: options.previewRows ?? 20 });
        if (report.error) return { report, issues: [] };
        const real = await applyMapping(engine, sql, file, mapping, opts);
        const issues = real.error
          ? []
          : await engine.query(
              `SELECT table_name, line_number, severity, reason, raw FROM ${PREVIEW}.load_issues ORDER BY line_number, severity, table_name LIMIT 500`,
            );
        return { report, issues };
      });
    } finally {
      await engine.exec(`DROP SCHEMA IF EXISTS ${PREVIEW} CASCADE`).catch(() => undefined);
    }
  });
}
