import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { readQuerySources } from '../../src/runner/query-files-node';
import { Runner } from '../../src/runner/runner';

/**
 * Regression: the page seeds its runner with the build's answers and the demo's column presence,
 * then sets up the schema on empty tables while the demo database is still on its way. A page
 * asking for a model the build did not answer in that window was told "Needs column
 * order_lines.order_id" (the presence read from the empty tables), and kept saying so after the
 * data had arrived. While the seeded data is loading, a model is judged by the seed's presence.
 */
const DEMO = path.resolve(__dirname, '../../data/demo');
const runners: Runner[] = [];

afterAll(async () => {
  for (const r of runners) await r.engine.close();
});

describe('column presence while the seeded data is loading', () => {
  it('a model the build did not answer waits for the data instead of needing columns', async () => {
    const demo = await createNodeRunner();
    runners.push(demo);
    await loadFolder(demo, DEMO);
    const seed = await demo.snapshot([['kpis', {}]]);

    const page = new Runner(await createNodeEngine(), readQuerySources());
    runners.push(page);
    let loaded!: () => void;
    page.seed(seed, new Promise<void>((resolve) => (loaded = resolve)));
    await page.init(); // the schema on empty tables, before the data comes
    const twoChannels = { channel: ['web', 'app'] };
    expect(page.answerNow('kpis', twoChannels)).toBeNull();
    expect(page.missingColumns('kpis', twoChannels)).toEqual([]);
    const answer = page.run('kpis', twoChannels);
    // The data arrives (loaded as the page does, then the tables are declared ready).
    await loadFolder(page, DEMO);
    loaded();
    const result = await answer;
    expect(result.status).toBe('ok');
    expect(result.rows).toEqual((await demo.run('kpis', twoChannels)).rows);
  }, 300_000);
});
