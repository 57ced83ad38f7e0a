/**
 * The native side of the bench, one child process per thread setting (so its peak memory is its
 * own): `tsx src/bench/native.ts '<json NativeJob>'`. Writes a SideResult as JSON to job.out.
 * Same SQL files, same Runner, same model variants as the browser; data read with a plain
 * read_csv / read_parquet into the canonical tables (the reference), and once more through the
 * app's own loader (the same code the browser runs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT, type CanonicalTable } from '../data-model/contract';
import { ident } from '../data-model/schema-ddl';
import { importSqlFrom } from '../loader/import/apply';
import { loadFiles } from '../loader/load-file';
import { decodeParquetNode } from '../loader/parquet-node';
import { readQuerySources } from '../runner/query-files-node';
import { Runner } from '../runner/runner';
import { sourcesDigest } from './checksum';
import { csvHeader } from './data';
import { duckdbMemoryMB, fingerprintTables, measureModels } from './measure-models';
import { createNativeEngine } from '../engine/native';
import type { FileIngest, IngestPhase, MemorySample, SideResult } from './types';
import { modelVariants } from './variants';
import { replayViews } from './native-replay';
import { sqlString } from '../engine/sql-literal';

export interface NativeJob {
  dir: string;
  tables: CanonicalTable[];
  /** null = DuckDB's default (one thread per core). */
  threads: number | null;
  runs: number;
  /** Stop repeating a step once its runs took this long in total. */
  budgetMs: number;
  /** The all-pages views' SQL as the page ran it (src/bench/all-pages.ts), to run the same here. */
  replay?: string;
  /** Also time the app's loader on native (slow at 10M: off there by default). */
  appLoader: boolean;
  out: string;
}

const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(job: NativeJob): Promise<SideResult> {
  const sources = readQuerySources();
  const side = job.threads === null ? 'native' : `native ${job.threads}T`;
  const result: SideResult = { side, engineStartMs: [], models: [], memory: [], sources: await sourcesDigest(sources) };
  const threads = job.threads ?? undefined;

  for (let i = 0; i < job.runs; i++) {
    const t0 = performance.now();
    const engine = await createNativeEngine({ threads });
    const r = new Runner(engine, sources);
    await r.init();
    result.engineStartMs.push(performance.now() - t0);
    await engine.close();
  }
  const runner = new Runner(await createNativeEngine({ threads }), sources);
  await runner.init();
  result.engineVersion = String((await runner.engine.query('SELECT version() AS v'))[0]!.v);
  const memory = async (phase: string) => result.memory.push({ phase, peakRssMB: peakRssMB(), duckdbMB: await duckdbMemoryMB(runner) } satisfies MemorySample);
  await memory('engine start');

  result.ingestCsv = await plainIngest(runner, job, 'csv');
  await memory('ingest CSV');
  result.models = await measureModels(runner, modelVariants(runner.headers), job.runs, job.budgetMs);
  await memory('models');
  if (job.replay) result.pages = await replayViews(runner.engine, job.replay);
  result.ingestParquet = await plainIngest(runner, job, 'parquet');
  await memory('ingest Parquet');
  if (job.appLoader) {
    result.ingestAppLoader = await appLoaderIngest(runner, job);
    await memory('ingest CSV, app loader');
  }
  await runner.engine.close();
  return result;
}

/** read_csv / read_parquet straight into the canonical tables (contract types), then derive. */
async function plainIngest(runner: Runner, job: NativeJob, format: 'csv' | 'parquet'): Promise<IngestPhase> {
  const phase: IngestPhase = {
    method: format === 'csv' ? 'read_csv into the canonical tables' : 'read_parquet into the canonical tables',
    files: job.tables.map((t) => ({ file: `${t}.${format}`, table: t, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, ms: [] })),
    deriveMs: [],
    totalMs: [],
    tables: {},
  };
  try {
    for (let i = 0; i < job.runs; i++) {
      await runner.init(); // empty tables (not timed)
      let total = 0;
      for (const f of phase.files) {
        const sql = insertSQL(path.join(job.dir, f.file), f.table as CanonicalTable, format);
        const t0 = performance.now();
        await runner.engine.exec(sql);
        const ms = performance.now() - t0;
        f.ms.push(ms);
        total += ms;
      }
      const t0 = performance.now();
      await runner.refresh();
      const derive = performance.now() - t0;
      phase.deriveMs.push(derive);
      phase.totalMs.push(total + derive);
      if (total + derive > job.budgetMs) break;
    }
    phase.tables = await fingerprintTables(runner);
    for (const f of phase.files) {
      const n = phase.tables[f.table]?.rows ?? 0;
      Object.assign(f, { rowsRead: n, rowsLoaded: n });
    }
  } catch (e) {
    phase.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  return phase;
}

function insertSQL(file: string, table: CanonicalTable, format: 'csv' | 'parquet'): string {
  const present = format === 'csv' ? new Set(csvHeader(file.replace(/\.parquet$/, '.csv'))) : null;
  const cols = CONTRACT[table].columns.filter((c) => present === null || present.has(c.name));
  const list = cols.map((c) => ident(c.name)).join(', ');
  const lit = sqlString(file);
  if (format === 'parquet') {
    return `INSERT INTO ${table} (${list}) SELECT ${cols.map((c) => `CAST(${ident(c.name)} AS ${c.type})`).join(', ')} FROM read_parquet(${lit})`;
  }
  const types = cols.map((c) => `'${c.name}': '${c.type}'`).join(', ');
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM read_csv(${lit}, header = true, delim = ',', quote = '"', escape = '"', types = {${types}})`;
}

/** The app's loader (src/loader/load-file.ts) through the native adapter, file bytes in hand. */
async function appLoaderIngest(runner: Runner, job: NativeJob): Promise<IngestPhase> {
  const files: FileIngest[] = job.tables.map((t) => ({ file: `${t}.csv`, table: t, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, ms: [] }));
  const phase: IngestPhase = { method: "the app's loader (src/loader/load-file.ts)", files, deriveMs: [], totalMs: [], tables: {} };
  try {
    for (let i = 0; i < job.runs; i++) {
      await runner.init();
      let total = 0;
      for (const f of files) {
        const bytes = new Uint8Array(readFileSync(path.join(job.dir, f.file)));
        const t0 = performance.now();
        const [report] = await loadFiles(runner.engine, importSqlFrom(runner.sources), [{ name: f.file, bytes }], decodeParquetNode);
        const ms = performance.now() - t0;
        if (report?.error) throw new Error(report.error);
        f.ms.push(ms);
        total += ms;
        Object.assign(f, { rowsRead: report!.rowsRead, rowsLoaded: report!.rowsLoaded, rowsRejected: report!.rowsRejected });
      }
      const t0 = performance.now();
      await runner.refresh();
      const derive = performance.now() - t0;
      phase.deriveMs.push(derive);
      phase.totalMs.push(total + derive);
      if (total + derive > job.budgetMs) break;
    }
    phase.tables = await fingerprintTables(runner);
  } catch (e) {
    phase.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  }
  return phase;
}

const job = JSON.parse(process.argv[2] ?? '{}') as NativeJob;
main(job).then(
  (r) => writeFileSync(job.out, JSON.stringify(r)),
  (e: unknown) => {
    writeFileSync(job.out, JSON.stringify({ side: `native ${job.threads ?? ''}`, engineStartMs: [], models: [], memory: [], error: String(e) } satisfies SideResult));
    process.exitCode = 1;
  },
);
