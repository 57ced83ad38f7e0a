import type { InputFile } from '../../loader/file-kinds';
import { importSqlFrom } from '../../loader/import/apply';
import { loadFile, loadOrder, type FileLoadReport } from '../../loader/load-file';
import { decodeParquetBrowser } from '../../loader/parquet-browser';
import { openPrebuiltDatabase, type PrebuiltFiles } from '../../loader/prebuilt-database';
import type { Runner } from '../../runner/runner';

/*
 * Opening the demo data in the runner (call inside Runner.exclusive): the build's demo
 * database, or its CSV files through the import pipeline when there is none (the dev server).
 * Loaded with the engine, not with the first screen (src/app/demo-files.ts has the files' URLs).
 */

/** Loads the demo CSV files through the import pipeline (the caller derives). */
export async function loadDemoFiles(runner: Runner, inputs: InputFile[], progress: (step: string) => void): Promise<FileLoadReport[]> {
  const reports: FileLoadReport[] = [];
  const sql = importSqlFrom(runner.sources);
  for (const i of loadOrder(inputs)) {
    progress(`Loading ${inputs[i]!.name}…`);
    reports.push(await loadFile(runner.engine, sql, inputs[i]!, { decodeParquet: decodeParquetBrowser }));
  }
  return reports;
}

/**
 * Copies in the build's demo database (src/loader/prebuilt-database.ts) and returns its load
 * reports; null without one, or when it cannot be read (the demo CSV files are loaded instead).
 */
export async function openDemoDatabase(runner: Runner, files: PrebuiltFiles | null, progress: (step: string) => void): Promise<FileLoadReport[] | null> {
  if (!files) return null;
  progress('Opening the demo data…');
  try {
    return await openPrebuiltDatabase(runner, 'demo.duckdb', files);
  } catch (e) {
    console.warn('The demo database could not be opened; loading the demo files instead.', e);
    return null;
  }
}
