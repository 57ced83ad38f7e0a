import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnswers, demoFilterValues, pageFilterAnswers, presetAnswers } from '../../src/build/first-screen';
import { isoDay } from '../../src/app/format';
import { DATE_PRESETS, withPresetDates } from '../../src/app/view/date-presets';
import { deferredEngine } from '../../src/engine/deferred';
import type { Engine } from '../../src/engine/types';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import { snapshotFromJson, snapshotToJson } from '../../src/loader/seed-json';
import { FIRST_SCREEN, FIRST_SCREEN_BY_PAGE, INDEXED_FILTER_DIMS, PAGES_FILTERED_AHEAD } from '../../src/runner/first-screen';
import { readQuerySources } from '../../src/runner/query-files-node';
import { Runner, type ModelParams, type ModelResult } from '../../src/runner/runner';

/**
 * The build's answers for the demo (src/build/demo-snapshot.ts), shipped as JSON, seed a runner
 * whose engine never starts: every page's default view and the Overview filtered to one value of
 * one dimension are answered from them (the filter indexes), as the live SQL answers on the same
 * data (the browser's DuckDB-WASM build, through the Node runner), and nothing else is.
 * Default views are bit for bit the live answers. An index answer has the same rows, columns,
 * counts, texts and dates; a DOUBLE summed per group (money, rates) may differ from the filtered
 * query's in its last bits (the sum runs in another order): tolerated up to 1e-12 relative, and
 * counted, as test/runner/filter-index.test.ts does for the indexes the page builds itself.
 */
const DEMO = path.resolve(__dirname, '../../data/demo');

let live: Runner;
let seeded: Runner;
let engineAsked = 0;

beforeAll(async () => {
  live = await createNodeRunner();
  await loadFolder(live, DEMO);
  const seed = snapshotFromJson(snapshotToJson({ seed: await live.snapshot(buildAnswers(live)), reports: [] })).seed;
  // The date presets' chunk, added to the first screen's answers as the page does (src/app/session/start.ts).
  const chunk = async (requests: Parameters<Runner['snapshot']>[0]) => snapshotFromJson(snapshotToJson({ seed: await live.snapshot(requests), reports: [] })).seed.answers;
  seed.answers.push(...(await chunk(await presetAnswers(live))));
  // And every page's chunk of one-value filters (the page fetches only its own; all of them here).
  for (const page of PAGES_FILTERED_AHEAD) seed.answers.push(...(await chunk(await pageFilterAnswers(live, page))));
  // An engine that never starts, as in the page before DuckDB has: any query would wait for ever.
  const never = new Promise<Engine>(() => undefined);
  const engine = deferredEngine(never);
  const query = engine.query.bind(engine);
  engine.query = (sql, params) => {
    engineAsked++;
    return query(sql, params);
  };
  seeded = new Runner(engine, readQuerySources());
  seeded.seed(seed, new Promise<void>(() => undefined));
}, 300_000);

afterAll(async () => {
  await live?.engine.close();
});

/** The live SQL answer (answer reuse paused: it is not read from a kept filter index). */
async function liveAnswer(model: string, params: ModelParams) {
  const resume = live.pauseAnswerReuse();
  try {
    return await live.run(model, params);
  } finally {
    resume();
  }
}

/** Fields of index answers that are not bit for bit the live ones (within the tolerance). */
let lastBits = 0;

/** Same status, rows, columns and values; numbers equal or (DOUBLE sums) within 1e-12 relative. */
function expectSame(got: ModelResult | null, want: ModelResult, what: string): void {
  expect(got?.status, what).toBe(want.status);
  expect(got!.rows.length, what).toBe(want.rows.length);
  got!.rows.forEach((row, i) => {
    const other = want.rows[i]!;
    expect(Object.keys(row), what).toEqual(Object.keys(other));
    for (const [k, x] of Object.entries(row)) {
      const y = other[k];
      if (typeof x === 'number' && typeof y === 'number' && !Object.is(x, y)) {
        lastBits++;
        expect(Math.abs(x - y), `${what} row ${i} ${k}: ${x} vs ${y}`).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(x), Math.abs(y)));
      } else expect(x, `${what} row ${i} ${k}`).toEqual(y);
    }
  });
}

describe('the build answers ahead', () => {
  it("every page's default view, as the live SQL answers it", async () => {
    for (const [model, params] of FIRST_SCREEN) {
      const now = seeded.answerNow(model, params);
      expect(now, `${model} ${JSON.stringify(params)} answered ahead`).not.toBeNull();
      expect(now, `${model} ${JSON.stringify(params)}`).toEqual(await liveAnswer(model, params));
    }
    expect(engineAsked).toBe(0);
  }, 300_000);

  it('the Overview filtered to one value of one dimension: read from the seeded indexes, equal to the live SQL', async () => {
    const values: Record<string, string[]> = {};
    for (const dim of INDEXED_FILTER_DIMS) {
      values[dim] = (await live.run('filter_options', { dim })).rows.map((r) => String(r.value));
      expect(values[dim]!.length, `${dim} values in the demo`).toBeGreaterThan(1);
    }
    let compared = 0;
    for (const dim of INDEXED_FILTER_DIMS) {
      // The first, a middle and the last value of each dimension, as a list (the URL's form) and as a string.
      const list = values[dim]!;
      const picked = [...new Set([list[0]!, list[Math.floor(list.length / 2)]!, list.at(-1)!])];
      for (const value of picked) {
        for (const [model, params] of FIRST_SCREEN_BY_PAGE.overview!) {
          for (const filter of [[value], value]) {
            const at = { ...params, [dim]: filter };
            const now = seeded.answerNow(model, at);
            expect(now, `${model} ${JSON.stringify(at)} answered ahead`).not.toBeNull();
            expectSame(now, await liveAnswer(model, at), `${model} ${JSON.stringify(at)}`);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(5 * 2 * 7 * 2);
    console.log(`${compared} filtered answers compared; ${lastBits} numbers differ from the live SQL in their last bits only`);
    expect(engineAsked).toBe(0);
  }, 300_000);

  it("the Overview on each date preset, resolved as the page resolves it, equal to the live SQL", async () => {
    // The page's own path: the as-of day from the (seeded) unfiltered kpis, then withPresetDates (src/app/App.tsx).
    const asOf = isoDay(seeded.answerNow('kpis', {})?.rows[0]?.as_of);
    expect(asOf).toBe('2025-06-30');
    for (const { id } of DATE_PRESETS) {
      const dates = withPresetDates({}, id, asOf);
      expect(dates.date_from, id).toBeTruthy();
      for (const [model, params] of FIRST_SCREEN_BY_PAGE.overview!) {
        const at = { ...params, ...dates } as ModelParams;
        const now = seeded.answerNow(model, at);
        expect(now, `${model} ${JSON.stringify(at)} answered ahead`).not.toBeNull();
        expect(now, `${model} ${JSON.stringify(at)}`).toEqual(await liveAnswer(model, at));
      }
    }
    expect(engineAsked).toBe(0);
  }, 300_000);

  it('every other page filtered to one value of one dimension, equal to the live SQL', async () => {
    const values = await demoFilterValues(live);
    let compared = 0;
    for (const page of PAGES_FILTERED_AHEAD) {
      for (const dim of INDEXED_FILTER_DIMS) {
        // The first and the last value of each dimension, as the URL gives it (a list) and as a string.
        for (const [value, form] of [[values[dim]![0]!, 'list'], [values[dim]!.at(-1)!, 'string']] as const) {
          for (const [model, params] of FIRST_SCREEN_BY_PAGE[page]!) {
            const at = { ...params, [dim]: form === 'list' ? [value] : value };
            const now = seeded.answerNow(model, at);
            expect(now, `${page}: ${model} ${JSON.stringify(at)} answered ahead`).not.toBeNull();
            expect(now, `${page}: ${model} ${JSON.stringify(at)}`).toEqual(await liveAnswer(model, at));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(PAGES_FILTERED_AHEAD.length * INDEXED_FILTER_DIMS.length * 2);
    expect(engineAsked).toBe(0);
  }, 600_000);

  it('a view the build did not answer is not answered (it waits for the tables)', () => {
    expect(seeded.answerNow('kpis', { channel: ['web', 'app'] }), 'two values').toBeNull();
    expect(seeded.answerNow('kpis', { channel: 'web', region: 'DE' }), 'two dimensions').toBeNull();
    expect(seeded.answerNow('kpis', { channel: 'no-such-channel' }), 'a value not in the data').toBeNull();
    expect(seeded.answerNow('kpis', { date_from: '2024-03-01' }), 'dates').toBeNull();
    expect(seeded.answerNow('cost_of_returns', { dim: 'reason', channel: ['web', 'app'] }), 'another page, two values').toBeNull();
    expect(seeded.answerNow('cost_of_returns', { dim: 'reason', sku: 'APP-0001' }), 'another page, a SKU').toBeNull();
    expect(engineAsked).toBe(0);
  });
});
