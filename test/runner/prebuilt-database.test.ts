import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoDatabase } from '../../src/build/demo-database';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import type { FileLoadReport } from '../../src/loader/load-file';
import { openPrebuiltDatabase, prebuiltTables, type PrebuiltFiles } from '../../src/loader/prebuilt-database';
import type { ModelParams, Runner } from '../../src/runner/runner';

/**
 * The demo data ships loaded and derived (src/build/demo-database.ts): a page that copies the
 * build's database in answers every model as a page that loaded the demo CSV files and derived,
 * with the same load reports, and a database that does not fit leaves the data as it was.
 */
const DEMO = path.resolve(__dirname, '../../data/demo');

// Pages and filters other than the default Overview: what a shared link asks for first.
const VIEWS: [string, ModelParams][] = [
  ['kpis', { channel: ['web'] }],
  ['return_rate_by', { dim: 'carrier', region: ['DE'] }],
  ['cost_of_returns', {}],
  ['returns_by_reason', { category: ['shoes'] }],
  ['drill_returns', { fault: 'supplier', limit: 20 }],
  ['leakage', {}],
  ['return_trend', { grain: 'week', date_from: '2024-03-01', date_to: '2024-06-30' }],
];

describe('the prebuilt demo database', () => {
  let dir: string;
  let files: PrebuiltFiles;
  let loaded: Runner;
  let loadedReports: FileLoadReport[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ri-prebuilt-'));
    const file = path.join(dir, 'demo.duckdb');
    await writeDemoDatabase(file, DEMO);
    files = { database: new Uint8Array(readFileSync(file)), wal: readWal(file) };
    loaded = await createNodeRunner();
    loadedReports = (await loadFolder(loaded, DEMO)).result.reports;
  }, 120_000);

  afterAll(async () => {
    await loaded?.engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers as the demo CSV files loaded and derived, with their load reports', async () => {
    const runner = await createNodeRunner();
    try {
      const reports = await openPrebuiltDatabase(runner, 'demo.duckdb', copyOf(files));
      expect(reports).toEqual(JSON.parse(JSON.stringify(loadedReports)));
      expect(reports.reduce((n, r) => n + r.rowsLoaded, 0)).toBeGreaterThan(4000);
      for (const t of prebuiltTables(runner)) expect(await count(runner, t), t).toBe(await count(loaded, t));
      for (const [model, params] of VIEWS) {
        const got = await runner.run(model, params);
        expect(got.status, model).toBe('ok');
        expect(got.rows, `${model} ${JSON.stringify(params)}`).toEqual((await loaded.run(model, params)).rows);
      }
      expect((await runner.run('kpis', { channel: ['web'] })).rows[0]!.orders).not.toBe((await runner.run('kpis')).rows[0]!.orders);
    } finally {
      await runner.engine.close();
    }
  }, 120_000);

  it('leaves the data as it was when the database does not hold the tables (no WAL given)', async () => {
    if (!files.wal) return; // a build whose engine folded the WAL into the file: nothing to leave out
    const runner = await createNodeRunner();
    try {
      await expect(openPrebuiltDatabase(runner, 'demo.duckdb', { database: copyOf(files).database, wal: null })).rejects.toThrow();
      expect(await count(runner, 'order_lines')).toBe(0);
      expect(await count(runner, 'lines_enriched')).toBe(0);
    } finally {
      await runner.engine.close();
    }
  }, 120_000);
});

function readWal(file: string): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(`${file}.wal`));
  } catch {
    return null;
  }
}

/** The engine takes the buffers it is given: each test gets its own copy. */
function copyOf(f: PrebuiltFiles): PrebuiltFiles {
  return { database: f.database.slice(), wal: f.wal ? f.wal.slice() : null };
}

async function count(runner: Runner, table: string): Promise<number> {
  return Number((await runner.engine.query(`SELECT count(*) AS n FROM main.${table}`))[0]!.n);
}
