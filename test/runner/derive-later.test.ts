import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { openPrebuiltDatabase, type PrebuiltFiles } from '../../src/loader/prebuilt-database';
import { readQuerySources } from '../../src/runner/query-files-node';
import { Runner, type ModelParams } from '../../src/runner/runner';
import { DEMO, demoDatabaseFiles } from '../helpers/demo';

/**
 * Runner.init({ deriveLater }): the page sets up its runner this way when the prebuilt demo
 * database is to be copied in next, so derive.sql does not run on empty tables at start. The
 * copy brings the derived tables (openPrebuiltDatabase makes them anew) and the macros bound to
 * them follow; without a copy, a load's refresh or the first model derives. Every way answers as
 * a runner set up in full.
 */
const VIEWS: [string, ModelParams][] = [
  ['kpis', { channel: ['web'] }],
  ['return_rate_by', { dim: 'carrier', region: ['DE'] }],
  ['cost_of_returns', {}],
  ['kpi_change', { by: 'region' }],
  ['leakage', {}],
  ['filter_options', { dim: 'category' }],
];

let dir: string;
let files: PrebuiltFiles;
let loaded: Runner;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ri-derive-later-'));
  files = await demoDatabaseFiles(dir);
  loaded = await createNodeRunner();
  await loadFolder(loaded, DEMO);
}, 180_000);

afterAll(async () => {
  await loaded?.engine.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A runner set up with `deriveLater`, and every SQL text its engine was given. */
async function deriveLaterRunner(): Promise<{ runner: Runner; sent: string[] }> {
  const engine = await createNodeEngine();
  const sent: string[] = [];
  const exec = engine.exec.bind(engine);
  engine.exec = (sql) => (sent.push(sql), exec(sql));
  const runner = new Runner(engine, readQuerySources());
  await runner.init({ deriveLater: true });
  return { runner, sent };
}

const derives = (runner: Runner, sent: string[]) => sent.filter((sql) => sql.includes(runner.sources['schema/derive']!)).length;

async function expectSameAnswers(runner: Runner, reference: Runner): Promise<void> {
  for (const [model, params] of VIEWS) {
    const got = await runner.run(model, params);
    expect(got.status, model).toBe('ok');
    expect(got.rows, `${model} ${JSON.stringify(params)}`).toEqual((await reference.run(model, params)).rows);
  }
}

describe('Runner.init({ deriveLater })', () => {
  it('the prebuilt database copied in: never derived, answers as the demo files loaded and derived', async () => {
    const { runner, sent } = await deriveLaterRunner();
    try {
      await openPrebuiltDatabase(runner, 'demo.duckdb', { database: files.database.slice(), wal: files.wal?.slice() ?? null });
      await expectSameAnswers(runner, loaded);
      expect(derives(runner, sent), 'derive.sql never ran').toBe(0);
    } finally {
      await runner.engine.close();
    }
  }, 120_000);

  it('files loaded instead: the load derives, once, and the answers are those of a runner set up in full', async () => {
    const { runner, sent } = await deriveLaterRunner();
    try {
      await loadFolder(runner, DEMO);
      await expectSameAnswers(runner, loaded);
      expect(derives(runner, sent)).toBe(1);
    } finally {
      await runner.engine.close();
    }
  }, 120_000);

  it('nothing loaded: the first model derives the empty tables and answers as a runner set up in full', async () => {
    const { runner, sent } = await deriveLaterRunner();
    const full = await createNodeRunner();
    try {
      expect(derives(runner, sent)).toBe(0);
      // data_quality and return_trend read the derived tables and need no column; kpis answers "needs columns".
      const asked: [string, ModelParams][] = [['data_quality', {}], ['return_trend', { grain: 'month' }], ['kpis', {}]];
      const answers = await Promise.all(asked.map(([m, p]) => runner.run(m, p)));
      for (const [i, [m, p]] of asked.entries()) expect(answers[i], m).toEqual(await full.run(m, p));
      expect(answers[0]!.status).toBe('ok');
      expect(answers[2]!.status).toBe('needs_columns');
      expect(derives(runner, sent), 'derived once, for all').toBe(1);
    } finally {
      await runner.engine.close();
      await full.engine.close();
    }
  }, 120_000);
});
