import { describe, expect, it } from 'vitest';
import { FIRST_SCREEN, OVERVIEW_FIRST_SCREEN } from '../../src/runner/first-screen';
import type { Row } from '../../src/engine/types';
import type { ModelParams, Runner } from '../../src/runner/runner';
import { demoForThisFile } from '../helpers/demo';

/**
 * Filter indexes (FilterIndexes.fromFilterIndex (src/runner/filter-indexes.ts)): a view that differs from an indexed one by one value
 * of one filter dimension is read from the index's answer instead of running its SQL. It must
 * be the very answer the SQL gives, for every Overview model, dimension and value, on the demo
 * data, under several other filters (dates, a multi-value list, a SKU, a reason).
 */

let runner: Runner;
let queries = 0;

demoForThisFile((loaded) => {
  runner = loaded;
  const query = runner.engine.query.bind(runner.engine);
  runner.engine.query = async (sql, params) => {
    queries++;
    return query(sql, params);
  };
});

/**
 * Every indexed request of every page's default view (the Overview, Products, Reasons, Suppliers:
 * FIRST_SCREEN), kpi_change (asked with a date range: the first base without one compares the
 * last 90 days), and return_rate_by for every dimension it ranks by (the Products page offers
 * each; their baselines differ: the category for SKUs and products, the category mix for
 * suppliers, the whole selection for the others), each once.
 */
function requests(): [string, ModelParams][] {
  const dim = runner.header('return_rate_by').params.find((p) => p.name === 'dim')!.type;
  const rateDims = dim.kind === 'enum' ? dim.values : [];
  const all: [string, ModelParams][] = [
    ...FIRST_SCREEN.filter(([m]) => runner.byDims(m).length > 0).map(([m, p]) => [m, { ...p }] as [string, ModelParams]),
    ['kpi_change', {}],
    ...rateDims.map((d): [string, ModelParams] => ['return_rate_by', { dim: d }]),
  ];
  const seen = new Set<string>();
  return all.filter(([m, p]) => {
    const key = `${m} ${JSON.stringify(p)}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** The other filters each index is built under. */
const BASES: ModelParams[] = [
  {},
  { date_from: '2024-03-01', date_to: '2024-08-31' },
  { region: ['DE', 'FR'], reason: 'defective' },
  { sku: 'APP-0001' },
];

/**
 * return_rate_by's dimensions by the baseline they are ranked against (its header). A dimension
 * whose baseline another request already checks under every base filter (sku and category are
 * on the first screens) is checked under the first and the third: the same SQL path, at less cost.
 */
const BASELINES = [['sku', 'product'], ['supplier'], ['category', 'carrier', 'region', 'channel']];

function basesFor(model: string, params: ModelParams): ModelParams[] {
  if (model !== 'return_rate_by' || FIRST_SCREEN.some(([m, p]) => m === model && p.dim === params.dim)) return BASES;
  const group = BASELINES.find((g) => g.includes(String(params.dim)));
  if (!group) throw new Error(`return_rate_by dim=${String(params.dim)}: which baseline? (BASELINES)`);
  const checkedFully = FIRST_SCREEN.some(([m, p]) => m === model && group.includes(String(p.dim)));
  return checkedFully ? [BASES[0]!, BASES[2]!] : BASES;
}

function same(a: Row[], b: Row[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, i) => {
    const other = b[i]!;
    const keys = Object.keys(row);
    if (keys.length !== Object.keys(other).length) return false;
    return keys.every((k) => {
      const x = row[k];
      const y = other[k];
      if (typeof x === 'number' && typeof y === 'number') return x === y || Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
      if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
      return Object.is(x, y);
    });
  });
}

describe('filter indexes', () => {
  it('Overview models declare the dimensions they can be indexed by', () => {
    for (const [m] of OVERVIEW_FIRST_SCREEN.filter(([m]) => m !== 'filter_options')) {
      expect(runner.byDims(m), m).toEqual(['channel', 'region', 'category', 'supplier', 'carrier']);
    }
  });

  it('an answer read from an index equals the SQL answer, for every model, dimension, value and base filter', async () => {
    let compared = 0;
    let fromIndex = 0;
    for (const [model, params] of requests()) {
      for (const base of basesFor(model, params)) {
        for (const dim of runner.byDims(model)) {
          const at = { ...params, ...base, [dim]: undefined };
          // The live answers first, with answer reuse off (no index can be read then).
          const resume = runner.pauseAnswerReuse();
          const index = (await runner.run(model, { ...at, by: dim })).rows;
          const values = [...new Set(index.map((r) => String(r.by_value)))];
          const live = new Map<string, Row[]>();
          for (const v of [...values, 'no-such-value']) live.set(v, (await runner.run(model, { ...at, [dim]: v })).rows);
          resume();
          await runner.run(model, { ...at, by: dim }); // kept now: the index
          for (const [v, expected] of live) {
            const before = queries;
            const got = (await runner.run(model, { ...at, [dim]: [v] })).rows;
            const ran = queries > before;
            // A value in the index is read from it; one it lacks runs its SQL.
            expect(ran, `${model} ${JSON.stringify(base)} ${dim}=${v} ran SQL`).toBe(!values.includes(v));
            if (!ran) fromIndex++;
            expect(same(got, expected), `${model} ${JSON.stringify(base)} ${dim}=${v}: index answer = SQL answer`).toBe(true);
            expect(got.every((r) => !('by_value' in r))).toBe(true);
            compared++;
          }
        }
      }
    }
    // Enough cases that a broken index would show: every model, several values per dimension.
    expect(fromIndex).toBeGreaterThan(500);
    expect(compared).toBeGreaterThan(fromIndex);
  }, 600_000);

  it('builds the indexes of a view while idle, when asked to compute ahead', async () => {
    runner.computeAhead = true;
    try {
      const resume = runner.pauseAnswerReuse();
      resume(); // forget every kept answer
      const idle = new Promise<void>((resolve) => {
        runner.onIdleWork = (n) => n === 0 && resolve();
      });
      await runner.run('kpis', {});
      await idle;
      runner.computeAhead = false; // the next views would queue their own indexes
      const before = queries;
      const web = (await runner.run('kpis', { channel: 'web' })).rows;
      const de = (await runner.run('kpis', { region: 'DE' })).rows;
      expect(queries, 'answered from indexes built while idle').toBe(before);
      expect(web).toHaveLength(1);
      expect(Number(web[0]!.orders)).toBeGreaterThan(0);
      expect(Number(de[0]!.orders)).toBeGreaterThan(0);
    } finally {
      runner.computeAhead = false;
      runner.onIdleWork = null;
    }
  }, 120_000);

  it('answerNow gives kept and indexed answers without running anything, and nothing else', async () => {
    const resume = runner.pauseAnswerReuse();
    resume(); // forget every kept answer
    const before = queries;
    expect(runner.answerNow('kpis', { channel: 'web' }), 'nothing known yet').toBeNull();
    expect(runner.answerNow('kpis', {}), 'nothing known yet').toBeNull();
    expect(queries, 'answerNow runs no query').toBe(before);
    const live = await runner.run('kpis', { channel: 'web' });
    const ran = queries;
    expect(runner.answerNow('kpis', { channel: 'web' })?.rows, 'the kept answer').toEqual(live.rows);
    expect(queries).toBe(ran);
    await runner.run('kpis', { by: 'region' });
    const afterIndex = queries;
    const de = runner.answerNow('kpis', { region: 'DE' });
    expect(queries).toBe(afterIndex);
    expect(de?.status).toBe('ok');
    // Against the live SQL answer (reuse paused, so it is not read from the same index).
    const resumeLive = runner.pauseAnswerReuse();
    const liveDe = (await runner.run('kpis', { region: 'DE' })).rows;
    resumeLive();
    expect(queries, 'the live answer ran its SQL').toBeGreaterThan(afterIndex);
    expect(same(de!.rows, liveDe), 'index answer = SQL answer').toBe(true);
    // A view no index answers is not known; a bad parameter throws at once.
    expect(runner.answerNow('kpis', { region: ['DE', 'FR'] }), 'two values: no index answers').toBeNull();
    expect(() => runner.answerNow('kpis', { date_from: 'yesterday' })).toThrow(/date_from/);
  }, 120_000);
});
