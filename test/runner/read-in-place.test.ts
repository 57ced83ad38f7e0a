import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addAttachment, mainViews, releaseUnusedAttachments, showAttachedTables } from '../../src/engine/attached-views';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { decodeParquetNode } from '../../src/loader/parquet-node';
import { openPrebuiltDatabase, prebuiltTables, type PrebuiltFiles } from '../../src/loader/prebuilt-database';
import { replaceData, type BatchFile } from '../../src/loader/replace-data';
import type { ModelParams, Runner } from '../../src/runner/runner';
import { csv } from '../helpers/engine';
import { DEMO, demoDatabaseFiles } from '../helpers/demo';

/**
 * A kept data set is read in place (src/engine/opfs-database.ts): its database is attached
 * read-only and main's tables become views over it. Here the attached database is the build's
 * demo database (the same kind of file: the loaded and derived tables), registered as bytes.
 * Every model answers as on the loaded data, and whatever rewrites the tables afterwards (a
 * refused batch, a derive, a new batch, the demo) works on the views and lets the file go.
 */
const VIEWS: [string, ModelParams][] = [
  ['kpis', {}],
  ['kpis', { channel: ['web'] }],
  ['return_rate_by', { dim: 'carrier', region: ['DE'] }],
  ['cost_of_returns', {}],
  ['data_quality', {}],
  ['column_profile', { table_name: 'returns' }],
  ['rejected_rows', {}],
  ['leakage', {}],
];
const enc = (s: string) => new TextEncoder().encode(s);
const LINES = 'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel';

let files: PrebuiltFiles;

/** Shows the demo database's tables in `runner` as a kept data set read in place, under `alias`. */
async function showKept(runner: Runner, alias: string, release: () => void): Promise<void> {
  await runner.engine.registerFile(`${alias}.duckdb`, files.database.slice());
  if (files.wal) await runner.engine.registerFile(`${alias}.duckdb.wal`, files.wal.slice());
  await runner.engine.exec(`ATTACH '${alias}.duckdb' AS ${alias} (READ_ONLY)`);
  await runner.exclusive(async () => {
    await showAttachedTables(runner.engine, alias, prebuiltTables(runner));
    await runner.adoptCopiedTables();
  });
  addAttachment({ alias, fileName: `${alias}.duckdb`, release });
}

describe('a kept data set read in place', () => {
  let dir: string;
  let loaded: Runner;
  let runner: Runner;
  const release = vi.fn();
  const answers = async (r: Runner) => Promise.all(VIEWS.map(async ([m, p]) => (await r.run(m, p)).rows));
  const views = async () => [...(await mainViews(runner.engine, prebuiltTables(runner)))].sort();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ri-in-place-'));
    files = await demoDatabaseFiles(dir);
    loaded = await createNodeRunner();
    await loadFolder(loaded, DEMO);
    runner = await createNodeRunner();
    await showKept(runner, 'kept_t', release);
  }, 180_000);

  afterAll(async () => {
    await loaded?.engine.close();
    await runner?.engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every model as the loaded data does, with nothing copied', async () => {
    expect(await views()).toEqual([...prebuiltTables(runner)].sort());
    expect(await answers(runner)).toEqual(await answers(loaded));
  });

  it('keeps the views when a batch is refused, and still lets nothing go', async () => {
    const refused = await replaceData(runner, [{ name: 'returns.csv', bytes: enc(csv('return_id,order_id,line_id,quantity,reason', 'R1,X,1,1,defective')) }], decodeParquetNode);
    expect(refused.replaced).toBe(false);
    expect(await views()).toEqual([...prebuiltTables(runner)].sort());
    expect(await answers(runner)).toEqual(await answers(loaded));
    await releaseUnusedAttachments(runner.engine);
    expect(release).not.toHaveBeenCalled();
  });

  it('replaces the views by a new batch and lets the file go', async () => {
    const batch: BatchFile[] = [{ name: 'order_lines.csv', bytes: enc(csv(LINES, 'A1,1,2025-01-02,S1,1,10,EUR,web', 'A2,1,2025-01-03,S1,2,10,EUR,web')) }];
    const result = await replaceData(runner, batch, decodeParquetNode);
    expect(result.replaced).toBe(true);
    expect(await views()).toEqual([]);
    expect((await runner.run('kpis')).rows[0]).toMatchObject({ orders: 2 });
    expect(await runner.engine.query(`SELECT table_name FROM duckdb_tables() WHERE starts_with(table_name, 'replaced_')`)).toEqual([]);
    expect(release).toHaveBeenCalledTimes(1);
    expect(await runner.engine.query(`SELECT database_name FROM duckdb_databases() WHERE database_name = 'kept_t'`)).toEqual([]);
  });

  it('derives again from the views (a settings change): the tables are copied in, in their order, and the file let go', async () => {
    const other = await createNodeRunner();
    const spy = vi.fn();
    try {
      await showKept(other, 'kept_v', spy);
      await other.exclusive(() => other.refresh());
      expect([...(await mainViews(other.engine, [...prebuiltTables(other), 'column_presence']))]).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(await answers(other)).toEqual(await answers(loaded));
    } finally {
      await other.engine.close();
    }
  });

  it('shows a table kept with fewer columns (an older version) in the shape of this one, the missing column empty', async () => {
    const other = await createNodeRunner();
    try {
      const batch: BatchFile[] = [{ name: 'order_lines.csv', bytes: enc(csv(LINES, 'A1,1,2025-01-02,S1,1,10,EUR,web', 'A2,1,2025-01-03,S1,2,10,EUR,app')) }];
      expect((await replaceData(other, batch, decodeParquetNode)).replaced).toBe(true);
      const shape = async () => other.engine.query(`SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND table_name = 'order_lines' ORDER BY column_index`);
      const before = await shape();
      await other.engine.exec(`ATTACH ':memory:' AS old_k; CREATE TABLE old_k.main.order_lines AS SELECT * EXCLUDE (channel) FROM main.order_lines`);
      await showAttachedTables(other.engine, 'old_k', ['order_lines']);
      expect(await shape()).toEqual(before);
      expect(await other.engine.query(`SELECT order_id, channel FROM main.order_lines ORDER BY order_id`)).toEqual([
        { order_id: 'A1', channel: null },
        { order_id: 'A2', channel: null },
      ]);
      // A derive copies it in as it shows it: a table of this version's columns.
      await other.exclusive(() => other.refresh());
      expect([...(await mainViews(other.engine, ['order_lines']))]).toEqual([]);
      expect(await shape()).toEqual(before);
      expect((await other.run('kpis')).rows[0]).toMatchObject({ orders: 2 });
    } finally {
      await other.engine.close();
    }
  });

  it('opens the demo over a data set read in place', async () => {
    const other = await createNodeRunner();
    const spy = vi.fn();
    try {
      await showKept(other, 'kept_u', spy);
      await other.exclusive(() => openPrebuiltDatabase(other, 'demo.duckdb', { database: files.database.slice(), wal: files.wal?.slice() ?? null }));
      expect([...(await mainViews(other.engine, [...prebuiltTables(other), 'column_presence']))]).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(await answers(other)).toEqual(await answers(loaded));
    } finally {
      await other.engine.close();
    }
  });
});
