import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCanonicalFiles, type FileLoadReport } from '../loader/load-canonical';
import { canonicalTableOf, formatOf } from '../loader/file-kinds';
import { decodeParquetNode } from '../loader/parquet-node';
import { readQuerySources } from '../runner/query-files-node';
import { Runner } from '../runner/runner';
import { createNodeEngine } from './node';

/** An engine with the schema created and the runner ready: what tests and the CLI start from. */
export async function createNodeRunner(): Promise<Runner> {
  const runner = new Runner(await createNodeEngine(), readQuerySources());
  await runner.init();
  return runner;
}

/** Loads every canonical file of a folder (order_lines.csv, returns.parquet ...) and derives. */
export async function loadFolder(runner: Runner, dir: string): Promise<FileLoadReport[]> {
  const files = readdirSync(dir)
    .filter((f) => canonicalTableOf(f) && formatOf(f))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(path.join(dir, f))) }));
  const reports = await loadCanonicalFiles(runner.engine, files, decodeParquetNode);
  await runner.refresh();
  return reports;
}

/** Loads in-memory CSV texts keyed by table name (test fixtures). */
export async function loadTexts(runner: Runner, texts: Record<string, string>): Promise<FileLoadReport[]> {
  const files = Object.entries(texts).map(([table, text]) => ({
    name: `${table}.csv`,
    bytes: new TextEncoder().encode(text),
  }));
  const reports = await loadCanonicalFiles(runner.engine, files, decodeParquetNode);
  await runner.refresh();
  return reports;
}
