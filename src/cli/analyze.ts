import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CANONICAL_TABLES, type CanonicalTable } from '../data-model/contract';
import { createNodeRunner } from '../host/node';
import type { Row } from '../engine/types';
import { applyMapping } from '../loader/import/apply';
import { sniff } from '../loader/import/decode';
import { describeMapping } from '../loader/import/describe';
import { mappingDocument } from '../loader/import/mapping-document';
import { profileColumns } from '../loader/import/profile';
import { expandWorkbooks } from '../loader/excel';
import { isWorkbook, sheetFileName, sheetOf, type SourceFile } from '../loader/file-kinds';
import { readFolderFiles, readImportSql, summarizeImport } from '../loader/import/node';
import { buildPreset, detectPreset, detectPresets, PRESET_LIST, type PresetId } from '../loader/import/presets';
import { type MappingSpec } from '../loader/import/spec';
import { parseMapping, stringifyMapping, validateMapping } from '../loader/import/spec/validate';
import { suggestMapping, suggestTables, type Question } from '../loader/import/suggest';
import type { ModelParams, Runner } from '../runner/runner';

export interface ModelOutput {
  file: string;
  model: string;
  params: ModelParams;
  status: 'ok' | 'needs_columns';
  missing: string[];
  /** Outputs the data has no inputs for (empty cells in the CSV): output → the empty columns. */
  not_in_data: Record<string, string[]>;
  rows: Row[];
  columns: string[];
}

/** One figure the loaded data cannot give, as summary.json lists it. */
export interface FigureNotInData {
  file: string;
  figure: string;
  columns: string[];
  reason: string;
}

/** Every figure of these outputs that is not in the data, with why (summary.json's `not_in_data`). */
export function notInDataSummary(outputs: readonly ModelOutput[]): FigureNotInData[] {
  return outputs.flatMap((o) =>
    Object.entries(o.not_in_data).map(([figure, columns]) => ({
      file: o.file,
      figure,
      columns,
      reason: `not in the data: the loaded data has no values in ${columns.join(', ')} (the cells are empty)`,
    })),
  );
}

/**
 * Runs every model over all the data. A model with a `dim` parameter runs once per
 * dimension value. `overrides` apply to every model that declares that parameter.
 */
export function isListing(header: { params: { name: string }[] }): boolean {
  return header.params.some((p) => p.name === 'limit');
}

export async function analyzeAll(runner: Runner, overrides: ModelParams = {}): Promise<ModelOutput[]> {
  const outputs: ModelOutput[] = [];
  for (const model of runner.modelNames) {
    const header = runner.header(model);
    // Row listings behind the numbers (drill-downs) are not metrics: they take `limit`.
    if (isListing(header)) continue;
    const own: ModelParams = {};
    for (const p of header.params) if (overrides[p.name] !== undefined) own[p.name] = overrides[p.name];
    const dim = header.params.find((p) => p.name === 'dim' && p.type.kind === 'enum');
    const variants: [string, ModelParams][] =
      dim && dim.type.kind === 'enum'
        ? dim.type.values.map((v) => [`${model}.${v}.csv`, { ...own, dim: v }])
        : [[`${model}.csv`, own]];
    for (const [file, params] of variants) {
      const res = await runner.run(model, params);
      const columns = res.rows.length > 0 ? Object.keys(res.rows[0]!) : header.outputs.map((o) => o.name);
      outputs.push({
        file, model, params, status: res.status,
        missing: res.status === 'needs_columns' ? res.missing : [],
        not_in_data: res.status === 'ok' ? runner.notInData(model) : {},
        rows: res.rows, columns,
      });
    }
  }
  return outputs;
}

/**
 * The file import-check looks at, and the files of its folder for the lookups (workbooks as
 * their sheets). A sheet is named as everywhere, `book.xlsx › Sheet`; a workbook alone names
 * its sheets so one can be picked.
 */
async function readExport(file: string): Promise<{ name: string; bytes: Uint8Array; lookupFiles: SourceFile[] } | { error: string }> {
  const sheet = sheetOf(file);
  const onDisk = sheet && !existsSync(file) ? sheet.book : file;
  if (!existsSync(onDisk) || !statSync(onDisk).isFile()) return { error: `${file} is not a file` };
  const { files: lookupFiles, unreadable } = await expandWorkbooks(readFolderFiles(path.dirname(path.resolve(onDisk))));
  const name = path.basename(file);
  const bad = unreadable.find((u) => u.name === path.basename(onDisk));
  if (bad) return { error: bad.error };
  if (isWorkbook(file)) {
    const sheets = lookupFiles.filter((f) => sheetOf(f.name)?.book === name).map((f) => sheetOf(f.name)!.sheet);
    return { error: `${name} is a workbook: check one sheet at a time, e.g. import-check "${sheetFileName(file, sheets[0] ?? 'Sheet1')}" (its sheets: ${sheets.join(', ')})` };
  }
  const found = lookupFiles.find((f) => f.name === name);
  if (sheet && !found?.bytes) return { error: `${sheet.book} has no sheet named "${sheet.sheet}"` };
  return { name, bytes: found?.bytes ?? new Uint8Array(readFileSync(file)), lookupFiles };
}

/**
 * `returns-insight import-check <file>`: which preset fits an export (or a suggested
 * mapping), the mapping in words with its open questions, a trial load that keeps nothing,
 * and with --out the mapping JSON to re-use with `analyze --mapping`.
 */
export async function importCheck(file: string, args: string[], log: (s: string) => void = console.log): Promise<number> {
  let presetId: string | undefined;
  let mappingPath: string | undefined;
  let table: string | undefined;
  let out: string | undefined;
  let returnsFile = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--preset') presetId = args[++i];
    else if (a === '--mapping') mappingPath = args[++i];
    else if (a === '--table') table = args[++i];
    else if (a === '--out') out = args[++i];
    else if (a === '--returns-file') returnsFile = true;
    else {
      console.error(`Unknown option ${a}. Try --help.`);
      return 2;
    }
  }
  const read = await readExport(file);
  if ('error' in read) {
    console.error(read.error);
    return 2;
  }
  const { name, bytes, lookupFiles } = read;
  const s = sniff(bytes, name);
  log(`${name}: ${s.header.length} columns, ${s.encoding.encoding} (${s.encoding.why}), delimiter ${JSON.stringify(s.delimiter.delimiter)}, ${s.lineEnding.toUpperCase()} line ends`);
  log(`  columns: ${s.header.map((h) => `"${h}"`).join(', ')}`);
  const presets = detectPresets(s);
  for (const p of presets.slice(0, 4)) {
    log(`  preset ${p.id}: confidence ${p.confidence}${p.usable ? '' : ` (cannot be used: no column for ${p.missing.join(', ')})`}`);
  }
  let mapping: MappingSpec;
  let questions: Question[] = [];
  try {
    if (mappingPath) {
      mapping = parseMapping(readFileSync(mappingPath, 'utf8'));
      log(`Mapping ${mappingPath}:`);
    } else if (presetId || detectPreset(s)) {
      const id = (presetId ?? detectPreset(s)!.id) as PresetId;
      if (!PRESET_LIST.some((p) => p.id === id)) throw new Error(`unknown preset "${id}" (known: ${PRESET_LIST.map((p) => p.id).join(', ')})`);
      const built = buildPreset(id, s, { refundsAsReturns: !returnsFile });
      mapping = built.mapping;
      questions = built.questions;
      log(`Preset ${id}${presetId ? ' (chosen)' : ' (detected)'}:`);
    } else {
      const t = (table ?? suggestTables(s, name)[0]!.table) as CanonicalTable;
      if (!(CANONICAL_TABLES as readonly string[]).includes(t)) throw new Error(`unknown table "${t}" (known: ${CANONICAL_TABLES.join(', ')})`);
      const suggestion = suggestMapping(s, t, `${t} from ${name}`);
      mapping = suggestion.mapping;
      questions = suggestion.questions;
      log(`No preset fits: suggested mapping to ${t}${suggestion.missingRequired.length ? ` (nothing found for ${suggestion.missingRequired.join(', ')})` : ''}:`);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 2;
  }
  if (!mapping.files?.length) mapping = { ...mapping, files: [name] };
  describeMapping(mapping).forEach((l) => log(`  ${l}`));
  for (const n of mapping.notes ?? []) log(`  note: ${n}`);
  for (const q of questions) log(`  ? ${q.text} (options: ${q.options.map((o) => (typeof o === 'string' ? o : `decimal "${o.decimal}" thousands "${o.thousands}"`)).join(' | ')}${q.suggested ? `; suggested ${q.suggested}` : ''})`);
  const valid = validateMapping(mapping);
  let ok = valid.ok;
  if (!valid.ok) {
    log('  The mapping cannot load yet:');
    valid.errors.forEach((e) => log(`    - ${e}`));
  } else {
    const runner = await createNodeRunner();
    try {
      const report = await applyMapping(runner.engine, readImportSql(), { name, bytes }, mapping, {
        dryRun: true, lookupFiles,
      });
      log('Trial load (nothing kept):');
      summarizeImport(report).forEach((l) => log(`  ${l}`));
      if (report.error) ok = false;
    } finally {
      await runner.engine.close();
    }
  }
  if (out) {
    // The whole picture in the file: every column of the export, used or ignored, and how to answer each question.
    writeFileSync(out, stringifyMapping(mappingDocument(mapping, s.header, questions, profileColumns(s))));
    log(`Wrote ${out}${valid.ok ? '' : ' (answer the questions above in it before using it)'}`);
  }
  return ok ? 0 : 1;
}
