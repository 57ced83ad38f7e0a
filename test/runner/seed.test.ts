import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN } from '../../src/runner/first-screen';
import { deferredEngine } from '../../src/engine/deferred';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/types';
import { Runner } from '../../src/runner/runner';
import { readQuerySources } from '../../src/runner/query-files-node';
import { snapshotFromJson, snapshotToJson } from '../../src/loader/seed-json';
import { csv, useEngine } from '../helpers/engine';
import { loadTexts } from '../../src/host/node';

/**
 * A runner seeded with answers computed ahead (the demo's first screen, src/build/demo-snapshot.ts)
 * gives them before its own tables are loaded, waits for the tables for anything else, and
 * stops giving them once the data or the assumptions change.
 */
describe('Runner.seed', () => {
  const db = useEngine();
  const FIXTURE = {
    products: csv('sku,product_name,category,supplier,unit_cost', 'A,Shirt,apparel,S1,4', 'B,Shoe,shoes,S2,10'),
    order_lines: csv(
      'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
      'O1,1,2024-01-05,A,2,10,web,DE',
      'O2,1,2024-02-10,B,1,50,app,FR',
      'O3,1,2024-02-11,A,1,10,web,DE',
    ),
    returns: csv('return_id,order_id,line_id,quantity,reason,requested_at,refunded_at,refund_amount', 'R1,O1,1,1,too_small,2024-01-10,2024-01-14,10'),
  };

  it('answers the seeded models at once, waits for the tables for the rest, and matches the live answers', async () => {
    await db.fixture(FIXTURE);
    const live = db.runner();
    // Through JSON, as the build ships it: Dates and non-finite numbers come back as they were.
    const seed = snapshotFromJson(snapshotToJson({ seed: await live.snapshot(FIRST_SCREEN), reports: [] })).seed;
    // Models whose columns are absent (no shipments here: no carrier) answer "needs columns" from the presence.
    const ok = await Promise.all(FIRST_SCREEN.map(async ([m, p]) => (await live.run(m, p)).status === 'ok'));
    expect(seed.answers).toHaveLength(ok.filter(Boolean).length);
    expect(ok.filter(Boolean).length).toBeGreaterThanOrEqual(8);
    const trend = seed.answers.find(([k]) => k.startsWith('return_trend'))![1];
    expect(trend[0]!.period).toBeInstanceOf(Date);
    expect(snapshotFromJson(snapshotToJson({ seed: { presence: [], answers: [['x', [{ v: Infinity, w: NaN }]]] }, reports: [] })).seed.answers[0]![1]).toEqual([
      { v: Infinity, w: NaN },
    ]);

    // A second runner whose engine does not exist yet.
    let startEngine!: (e: Engine) => void;
    const engine = new Promise<Engine>((resolve) => (startEngine = resolve));
    const seeded = new Runner(deferredEngine(engine), readQuerySources());
    let loaded!: () => void;
    const tablesReady = new Promise<void>((resolve) => (loaded = resolve));
    seeded.seed(seed, tablesReady);

    for (const [model, params] of FIRST_SCREEN) {
      expect(await seeded.run(model, params)).toEqual(await live.run(model, params));
    }
    let answered = false;
    const other = seeded.run('kpis', { channel: ['web'] }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false); // no engine, no tables: it waits

    const real = await createNodeEngine();
    try {
      startEngine(real);
      await seeded.init();
      await loadTexts(seeded, FIXTURE);
      loaded();
      expect((await other).rows).toEqual((await live.run('kpis', { channel: ['web'] })).rows);
      expect((await other).rows[0]!.orders).toBe(2);

      // New assumptions: the seeded answers no longer hold (`maturing` follows the return window).
      const before = await live.run('return_trend', { grain: 'month' });
      await seeded.setAssumptions({ return_window_days: 1 });
      await live.setAssumptions({ return_window_days: 1 });
      const after = await live.run('return_trend', { grain: 'month' });
      expect(after).not.toEqual(before);
      expect(await seeded.run('return_trend', { grain: 'month' })).toEqual(after);
      await live.setAssumptions({});
    } finally {
      await real.close();
    }
  });

  it('dropSeed: the answers are asked of the tables again', async () => {
    await db.fixture(FIXTURE);
    const live = db.runner();
    const seed = await live.snapshot([['kpis', {}]]);
    const fake = structuredClone(seed);
    fake.answers[0]![1] = [{ orders: -1 }];
    const runner = new Runner(live.engine, readQuerySources());
    runner.seed(fake, Promise.resolve());
    expect((await runner.run('kpis', {})).rows).toEqual([{ orders: -1 }]);
    runner.dropSeed();
    expect((await runner.run('kpis', {})).rows[0]!.orders).toBe(3);
  });
});
