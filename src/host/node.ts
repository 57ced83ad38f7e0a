import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCanonicalFiles, type FileLoadReport } from '../loader/load-canonical';
import { canonicalTableOf, formatOf } from '../loader/file-kinds';
import { decodeParquetNode } from '../loader/parquet-node';
import { pathSource } from '../loader/node-files';
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

/** Loads every canonical file of a folder (order_lines.csv, returns.parquet ...) and derives. */
export async function loadFolder(runner: Runner, dir: string): Promise<FileLoadReport[]> {
  const files = readdirSync(dir)
    .filter((f) => canonicalTableOf(f) && formatOf(f))
    // Read from disk in pieces (never whole); the native engine spools them to disk again.
    .map((f) => {
      const file = path.join(dir, f);
      return { name: f, source: pathSource(file, statSync(file).size) };
    });
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
