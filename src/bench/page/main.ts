/**
 * The bench page (built separately from the app by src/bench/page/vite.config.ts, never part of
 * the app's bundle): the app's own engine, runner, SQL files and loader, driven from Node through
 * `window.__riBench`. Timings are taken here, in the page, around the app's calls.
 */
import { getEngine } from '../../engine/browser';
import { importSqlFrom } from '../../loader/import/apply';
import { loadFiles } from '../../loader/load-file';
import { decodeParquetBrowser } from '../../loader/parquet-browser';
import { bundledQuerySources } from '../../runner/query-files-browser';
import { Runner } from '../../runner/runner';
import { sourcesDigest } from '../checksum';
import { duckdbMemoryMB, fingerprintTables, measureModels } from '../measure-models';
import type { FileIngest, IngestPhase, ModelRun, TableFingerprint } from '../types';
import type { ModelVariant } from '../variants';

export interface BenchFile {
  /** The name the loader sees (`order_lines.csv`): it picks the table and format from it. */
  name: string;
  table: string;
  url: string;
}

let runner: Runner | null = null;

function need(): Runner {
  if (!runner) throw new Error('call start() first');
  return runner;
}

const api = {
  /** Starts DuckDB-WASM (fetch + compile the wasm, start the worker) and creates the schema. */
  async start(): Promise<{ instantiateMs: number; initMs: number; sources: Record<string, string>; version: string }> {
    const t0 = performance.now();
    const engine = await getEngine();
    const t1 = performance.now();
    runner = new Runner(engine, bundledQuerySources());
    await runner.init();
    const t2 = performance.now();
    const version = String((await engine.query('SELECT version() AS v'))[0]!.v);
    return { instantiateMs: t1 - t0, initMs: t2 - t1, sources: await sourcesDigest(runner.sources), version };
  },

  /** Loads the files `runs` times through the app's loader (tables emptied before each run), then derives. */
  async ingest(files: BenchFile[], method: string, runs: number, budgetMs: number): Promise<IngestPhase> {
    const r = need();
    const out: FileIngest[] = files.map((f) => ({ file: f.name, table: f.table, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, ms: [], fetchMs: [] }));
    const phase: IngestPhase = { method, files: out, deriveMs: [], totalMs: [], tables: {} };
    try {
      for (let i = 0; i < runs; i++) {
        await r.init();
        let total = 0;
        for (let k = 0; k < files.length; k++) {
          const f = files[k]!;
          const report = out[k]!;
          const tf = performance.now();
          const res = await fetch(f.url);
          if (!res.ok) throw new Error(`${f.url}: HTTP ${res.status}`);
          const bytes = new Uint8Array(await res.arrayBuffer());
          report.fetchMs!.push(performance.now() - tf);
          const t0 = performance.now();
          const [rep] = await loadFiles(r.engine, importSqlFrom(r.sources), [{ name: f.name, bytes }], decodeParquetBrowser);
          const ms = performance.now() - t0;
          if (rep?.error) throw new Error(rep.error);
          report.ms.push(ms);
          total += ms;
          Object.assign(report, { rowsRead: rep!.rowsRead, rowsLoaded: rep!.rowsLoaded, rowsRejected: rep!.rowsRejected });
        }
        const t0 = performance.now();
        await r.refresh();
        const derive = performance.now() - t0;
        phase.deriveMs.push(derive);
        phase.totalMs.push(total + derive);
        if (total + derive > budgetMs) break;
      }
      phase.tables = await fingerprintTables(r);
    } catch (e) {
      phase.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
    }
    return phase;
  },

  async models(variants: ModelVariant[], runs: number, budgetMs: number): Promise<ModelRun[]> {
    return measureModels(need(), variants, runs, budgetMs);
  },

  async fingerprints(): Promise<Record<string, TableFingerprint>> {
    return fingerprintTables(need());
  },

  async duckdbMemoryMB(): Promise<number | null> {
    return runner ? duckdbMemoryMB(runner) : null;
  },
};

export type BenchApi = typeof api;
(window as unknown as { __riBench: BenchApi }).__riBench = api;
document.getElementById('status')!.textContent = 'bench page ready';
