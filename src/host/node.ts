import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFolderBatch, readImportSql, type FolderLoad } from '../loader/import/node';
import type { MappingSpec } from '../loader/import/spec';
import { loadFiles, type FileLoadReport } from '../loader/load-file';
import { decodeParquetNode } from '../loader/parquet-node';
import { readQuerySources } from '../runner/query-files-node';
import { Runner } from '../runner/runner';
import { createNativeEngine } from '../engine/native';
import { createNodeEngine } from '../engine/node';

/** An engine with the schema created and the runner ready: what tests and the CLI start from. */
export async function createNodeRunner(): Promise<Runner> {
  const runner = new Runner(await createNodeEngine(), readQuerySources());
  await runner.init();
  return runner;
}

export interface NativeRunnerOptions {
  /** DuckDB's memory limit, e.g. '4GB' (default: DuckDB's, 80% of RAM). */
  memoryLimit?: string;
  threads?: number;
  /** Keep the loaded tables in this database file; default: a temp file removed on close. */
  databaseFile?: string;
}

/**
 * The same runner on native DuckDB (the CLI's `--engine native`). Tables live in a database
 * file rather than in RAM and big operators spill to a temp folder beside it, so memory stays
 * near the limit whatever the data size.
 */
export async function createNativeRunner(options: NativeRunnerOptions = {}): Promise<Runner> {
  const own = options.databaseFile === undefined;
  const databaseFile = options.databaseFile ?? path.join(tmpdir(), `returns-insight-${process.pid}-${Date.now()}.duckdb`);
  const engine = await createNativeEngine({ ...options, databaseFile, tempDirectory: `${databaseFile}.tmp` });
  const close = engine.close.bind(engine);
  engine.close = async () => {
    await close();
    rmSync(`${databaseFile}.tmp`, { recursive: true, force: true });
    if (own) for (const f of [databaseFile, `${databaseFile}.wal`]) rmSync(f, { force: true });
  };
  const runner = new Runner(engine, readQuerySources());
  await runner.init();
  return runner;
}

/**
 * Loads a folder as one batch (src/loader/import/node.ts: canonical files, and exports through
 * the mappings given) and derives: what the CLI and the demo snapshot start from.
 */
export async function loadFolder(runner: Runner, dir: string, mappings: readonly MappingSpec[] = [], options: { allowPartial?: boolean } = {}): Promise<FolderLoad> {
  return loadFolderBatch(runner, dir, mappings, options);
}

/**
 * Loads in-memory CSV texts keyed by table name into the current tables (test fixtures),
 * through the same pipeline as every file, then derives.
 */
export async function loadTexts(runner: Runner, texts: Record<string, string>): Promise<FileLoadReport[]> {
  const files = Object.entries(texts).map(([table, text]) => ({
    name: `${table}.csv`,
    bytes: new TextEncoder().encode(text),
  }));
  const reports = await loadFiles(runner.engine, readImportSql(), files, decodeParquetNode);
  await runner.refresh();
  return reports;
}
