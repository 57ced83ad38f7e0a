import { existsSync, lstatSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, EXIT, fsReason } from './errors';

/**
 * The --out folder. The CLI's own files are recognised by the list in the summary.json it
 * writes ("files"); a run removes the files an earlier run listed there before writing its
 * own, so a model file that this run does not write (a model renamed, a dimension gone) does
 * not stay beside the new ones. Nothing else in the folder is touched.
 */

export const SUMMARY_FILE = 'summary.json';
export const REJECTED_FILE = 'rejected_rows.csv';
/** The names the CLI gives its files: <model>.csv, <model>.<dim>.csv, rejected_rows.csv, summary.json. */
const OUTPUT_NAME = /^(?:[a-z0-9_]+(?:\.[a-z0-9_]+)?\.csv|summary\.json)$/;

/**
 * Creates the folder if needed and proves it can be written (a probe file, removed again),
 * before any data is loaded. Refuses a folder whose summary.json the CLI did not write: the
 * run would overwrite it. Says whether it created the folder (see removeIfEmpty).
 */
export function prepareOutDir(dir: string): { created: boolean } {
  const created = !existsSync(dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`--out ${dir}: cannot create the folder: ${fsReason(e)}`, EXIT.usage);
  }
  const probe = path.join(dir, `.returns-insight-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    throw new CliError(`--out ${dir}: cannot write there: ${fsReason(e)}`, EXIT.usage);
  }
  if (existsSync(path.join(dir, SUMMARY_FILE)) && earlierOutputs(dir) === null) {
    throw new CliError(`--out ${dir}: holds a ${SUMMARY_FILE} that returns-insight did not write; choose another folder`, EXIT.usage);
  }
  return { created };
}

/** After a run that wrote nothing: the folder prepareOutDir created goes again (only if still empty). */
export function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty, or already gone: leave it
  }
}

/**
 * The files of an earlier run in `dir`, from its summary.json: its "files" list, or for a
 * summary written before that list existed, its models' files plus the rejects and the
 * summary. Only names the CLI gives and plain files directly in `dir`. [] without a summary;
 * null when summary.json is not one the CLI wrote.
 */
export function earlierOutputs(dir: string): string[] | null {
  const file = path.join(dir, SUMMARY_FILE);
  if (!existsSync(file)) return [];
  let summary: unknown;
  try {
    summary = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof summary !== 'object' || summary === null || !Array.isArray((summary as { models?: unknown }).models)) return null;
  const s = summary as { files?: unknown; models: { file?: unknown; status?: unknown }[] };
  const listed: unknown[] = Array.isArray(s.files)
    ? s.files
    : [...s.models.filter((m) => m?.status === 'ok').map((m) => m.file), REJECTED_FILE, SUMMARY_FILE];
  return listed.filter((f): f is string => typeof f === 'string' && OUTPUT_NAME.test(f) && isPlainFile(path.join(dir, f)));
}

function isPlainFile(p: string): boolean {
  try {
    return lstatSync(p).isFile();
  } catch {
    return false;
  }
}

export interface OutputFile {
  name: string;
  /** The file's text, made when it is written (one large text at a time). */
  text: () => string;
}

/**
 * Writes a run's files: removes the earlier run's, writes summary.json first marked
 * "complete": false with the list of files to come (so a run that dies half-way still left
 * its list), the files, then the summary again marked complete.
 */
export function writeOutputs(dir: string, files: readonly OutputFile[], summary: Record<string, unknown>): void {
  for (const f of earlierOutputs(dir) ?? []) rmSync(path.join(dir, f), { force: true });
  const names = [...files.map((f) => f.name), SUMMARY_FILE];
  const writeSummary = (complete: boolean) =>
    writeFileSync(path.join(dir, SUMMARY_FILE), JSON.stringify({ complete, ...summary, files: names }, null, 2) + '\n');
  writeSummary(false);
  for (const f of files) writeFileSync(path.join(dir, f.name), f.text());
  writeSummary(true);
}
