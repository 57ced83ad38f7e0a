import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeParquetNode, parquetColumnsNode } from '../parquet-node';
import { expandWorkbooks } from '../excel';
import type { SourceFile } from '../file-kinds';
import { pathSource } from '../node-files';
import type { BatchFileReport } from '../load-file';
import { replaceData, type BatchFile, type ReplaceOptions, type ReplaceProgress, type ReplaceResult } from '../replace-data';
import type { Runner } from '../../runner/runner';
import { defaultQueriesDir } from '../../runner/query-files-node';
import { IMPORT_SQL_FILES, type ImportSql } from './apply';
import { joinCoverage, type CoverageRow } from './coverage';
import { planFolder, type FolderPlan } from './folder-plan';
import { type MappingSpec } from './spec';
import { parseMapping, MappingError } from './spec/validate';

/**
 * The import SQL read from disk (tests and the CLI). The browser gets the same files from
 * its bundled query sources (import.meta.glob covers queries/import/*.sql): importSqlFrom.
 */
export function readImportSql(dir = defaultQueriesDir()): ImportSql {
  const out = {} as ImportSql;
  for (const f of IMPORT_SQL_FILES) out[f] = readFileSync(path.join(dir, `${f}.sql`), 'utf8');
  return out;
}

/** Mapping files named on the command line: files, or folders of *.json files (sorted by name). */
export function readMappingFiles(paths: readonly string[]): { mappings: MappingSpec[]; files: string[] } | { error: string } {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      return { error: `mapping ${p}: no such file or folder` };
    }
    if (st.isDirectory()) {
      const inside = readdirSync(p).filter((f) => f.toLowerCase().endsWith('.json')).sort().map((f) => path.join(p, f));
      if (inside.length === 0) return { error: `mapping folder ${p} has no .json files` };
      files.push(...inside);
    } else files.push(p);
  }
  const mappings: MappingSpec[] = [];
  for (const f of files) {
    try {
      const m = parseMapping(readFileSync(f, 'utf8'));
      if (!m.files?.length) return { error: `mapping ${f} names no files: add "files": ["Export_*.csv"] so it knows which files of the folder it loads` };
      mappings.push(m);
    } catch (e) {
      return { error: `mapping ${f}: ${e instanceof MappingError ? e.message : String(e)}` };
    }
  }
  return { mappings, files };
}

/** Every file directly in a folder, read from disk in pieces when it loads (never whole up front). */
export function readFolderFiles(dir: string): SourceFile[] {
  return readdirSync(dir)
    .map((f) => ({ name: f, st: statSync(path.join(dir, f)) }))
    .filter((f) => f.st.isFile())
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => ({ name: f.name, source: pathSource(path.join(dir, f.name), f.st.size) }));
}

export interface FolderLoad extends FolderPlan {
  /** The whole batch as replaceData saw it (every file's report, in the batch's order). */
  result: ReplaceResult;
  /** Canonical files (their header fits their name's table) that no mapping claimed, loaded as the identity mapping; first, workbooks that could not be read. */
  canonical: BatchFileReport[];
  /** The planned imports' reports (the user's mappings and the detected presets), in plan order. */
  reports: BatchFileReport[];
  /** How the tables join (join_coverage, every check) once the batch is the data; [] when it was refused. */
  coverage: CoverageRow[];
}

/** The folder has files whose reading is an open question: nothing was loaded. */
export class OpenQuestionsError extends Error {
  constructor(readonly questions: string[]) {
    super(`${questions.length} file${questions.length > 1 ? 's' : ''} of the folder cannot be read without an answer`);
  }
}

/**
 * A folder loaded as one batch, exactly as the page loads a batch (replaceData): files are
 * planned by planFolder (canonical files whose header fits, the files the mappings name, the
 * exports a preset recognises by content), the folder's files serve the mappings' lookups.
 * Throws OpenQuestionsError, loading nothing, while a file's reading is an open question.
 * The batch replaces the data only when every file in it is usable, unless allowPartial.
 */
export async function loadFolderBatch(
  runner: Runner,
  dir: string,
  mappings: readonly MappingSpec[] = [],
  options: Pick<ReplaceOptions, 'allowPartial' | 'now'> & { onProgress?: (p: ReplaceProgress) => void } = {},
): Promise<FolderLoad> {
  // A workbook is its sheets (`book.xlsx › Orders`): mappings name them, and they are routed like
  // any file (canonical when the header fits). One that cannot be read is a refused file of the batch.
  const { files, unreadable } = await expandWorkbooks(readFolderFiles(dir));
  const plan = await planFolder(files, mappings, { parquetColumns: parquetColumnsNode, decodeParquet: decodeParquetNode });
  if (plan.questions.length > 0) throw new OpenQuestionsError(plan.questions);
  const sourceOf = (name: string) => {
    const f = files.find((x) => x.name === name)!;
    return f.source ?? f.bytes!;
  };
  const refused = unreadable.map((w): BatchFile => ({ name: w.name, bytes: () => Promise.reject(new Error(w.error.replace(`${w.name}: `, ''))) }));
  const batch: BatchFile[] = [
    ...refused,
    ...plan.canonicalFiles.map((name) => ({ name, bytes: sourceOf(name) })),
    ...plan.imports.map((i) => ({ name: i.file, bytes: sourceOf(i.file), mapping: i.mapping })),
    ...plan.lookupOnly.map((name) => ({ name, bytes: sourceOf(name), lookupOnly: true })),
  ];
  const result = await replaceData(runner, batch, decodeParquetNode, options.onProgress, options);
  const coverage = result.replaced ? await joinCoverage(runner.engine, readImportSql()) : [];
  return {
    ...plan,
    result,
    canonical: result.reports.slice(0, refused.length + plan.canonicalFiles.length),
    reports: result.reports.slice(refused.length + plan.canonicalFiles.length, refused.length + plan.canonicalFiles.length + plan.imports.length),
    coverage,
  };
}

/** One line per import for a terminal: counts, then the reasons. */
export function summarizeImport(r: Omit<BatchFileReport, 'mapping' | 'route' | 'table' | 'ignoredColumns'> & { mapping: string | null }): string[] {
  if (r.error) return [`✗ ${r.error}`];
  // Repeats a mapping folds (a product on every order line) are merged, never counted as rejected.
  const merged = (m: number) => (m > 0 ? `, ${m} ${m === 1 ? 'repeat' : 'repeats'} merged` : '');
  const lines = [`✓ ${r.file} (${r.mapping}): ${r.rowsLoaded} of ${r.rowsRead} rows loaded${merged(r.rowsMerged)}, ${r.rowsRejected} rejected, ${r.rowsExcluded} excluded${r.rowsWarned ? `, ${r.rowsWarned} warned` : ''}`];
  if (r.tables.length > 1 || r.rowsMerged > 0) {
    for (const t of r.tables) lines.push(`    ${t.table}: ${t.rowsLoaded} of ${t.rowsRead} loaded${merged(t.rowsMerged)}, ${t.rowsRejected} rejected, ${t.rowsExcluded} excluded`);
  }
  for (const t of r.tables) if (t.rowsExpandedTo !== undefined) lines.push(`    ${t.table}: ${t.rowsExpandedTo} return rows written (one per order line)`);
  for (const x of r.reasons) lines.push(`    ${x.severity} ${x.rows} ${x.table}: ${x.reason}`);
  for (const l of r.lookups ?? []) {
    const ignored = l.rowsUnreadable + l.emptyKeyRows + l.duplicateKeyRows;
    lines.push(`    lookup ${l.name} (${l.file}): ${l.keys} keys, ${l.keysUsed} used${l.rowsWithoutMatch ? `, ${l.rowsWithoutMatch} rows with a key it lacks` : ''}${ignored ? `, ${ignored} of its rows ignored (listed as lookup:${l.name} in the rejected rows)` : ''}`);
    for (const u of l.notUsed ?? []) lines.push(`    lookup ${l.name}: ${u.file} not used: ${u.reason} (its ${u.rowsRead} rows counted as excluded, lookup:${l.name})`);
  }
  if (r.unmappedReasons.length) lines.push(`    reasons not in reason_map: ${r.unmappedReasons.map((u) => `${u.reasonRaw} (${u.rows})`).join(', ')}`);
  return lines;
}
