import { describe, expect, it } from 'vitest';
import type { BindValue, Row } from '../../src/engine/types';
import { bindNamed } from '../../src/runner/bind-params';
import type { ModelParams, Runner } from '../../src/runner/runner';
import { demoForThisFile } from '../helpers/demo';
import { ViewTables } from '../../src/runner/view-tables';

/**
 * The view tables (src/runner/view-tables.ts): the models of the Customers and Signals pages
 * read the rows of customer_return_rows / abuse_case_rows from a temporary table filled once per
 * filter state. Every answer must equal the model's plain SQL (the macro called in place), for
 * many filter states visited in an order that refills the tables, with thresholds changed, and
 * after the data's assumptions change.
 */
const MODELS: [string, ModelParams][] = [
  ['customer_returns', { limit: 50 }],
  ['customer_returns', { segment: 'regular', sort: 'units_returned', limit: 20, offset: 10 }],
  ['customer_return_distribution', { dim: 'rate' }],
  ['customer_return_distribution', { dim: 'segment' }],
  ['abuse_signal_summary', {}],
  ['abuse_signals', {}],
  ['abuse_cases', { limit: 100 }],
];
const STATES: ModelParams[] = [
  {},
  { channel: 'web' },
  { region: ['DE', 'FR'] },
  { category: 'shoes' },
  {},
  { supplier: 'Nordic Knits' },
  { carrier: 'ParcelOne' },
  { date_from: '2024-03-01', date_to: '2024-08-31' },
  { channel: 'web' },
  { reason: 'too_small' },
  { min_orders: 2, serial_rate_low: 0.3, wardrobe_min_returns: 2, wardrobe_days_before_end: 10, bracketing_min_variants: 3 },
];

let runner: Runner;
const fills: string[] = [];

demoForThisFile((loaded) => {
  runner = loaded;
  const query = runner.engine.query.bind(runner.engine);
  runner.engine.query = (sql: string, params?: readonly BindValue[]) => {
    if (/^CREATE OR REPLACE TEMP TABLE/.test(sql)) fills.push(sql);
    return query(sql, params);
  };
});

/**
 * A model's answer from the runner and from its plain SQL. Call under pauseAnswerReuse (the
 * runner computes every answer, but the view tables stay while the data does).
 */
async function bothWays(model: string, params: ModelParams): Promise<[Row[], Row[]]> {
  const viaRunner = await runner.run(model, params);
  expect(viaRunner.status).toBe('ok');
  const plain = bindNamed(runner.sources[model]!, runner.resolveParams(model, params));
  return [viaRunner.rows, await runner.engine.query(plain.sql, plain.params)];
}

/** The parameters of `params` the model has (the thresholds are the Customers' or the Signals'). */
function known(model: string, params: ModelParams): ModelParams {
  const names = new Set(runner.header(model).params.map((p) => p.name));
  return Object.fromEntries(Object.entries(params).filter(([name]) => names.has(name)));
}

describe('view tables', () => {
  it('give every Customers and Signals model its plain SQL answer, state after state', async () => {
    let nonEmpty = 0;
    // One pause for every state: the tables must follow the filters, not only the data.
    const resume = runner.pauseAnswerReuse();
    for (const state of STATES) {
      for (const [model, own] of MODELS) {
        const params = known(model, { ...state, ...own });
        const [viaRunner, plain] = await bothWays(model, params);
        expect(viaRunner, `${model} ${JSON.stringify(params)}`).toEqual(plain);
        if (plain.length > 0) nonEmpty++;
      }
    }
    resume();
    // The states select data: most answers have rows, so equal answers are not two empty lists.
    expect(nonEmpty).toBeGreaterThan(STATES.length * MODELS.length * 0.8);
  }, 300_000);

  it('work each macro out once per filter state: the next panel of the page reads the kept rows', async () => {
    const resume = runner.pauseAnswerReuse();
    try {
      fills.length = 0;
      for (const [model, own] of MODELS) await runner.run(model, { channel: 'app', ...own });
      // customer_return_rows once (4 panels: 2 thresholds alike), abuse_case_rows once (3 panels)
      expect(fills.map((sql) => /FROM (\w+)\(/.exec(sql)![1])).toEqual(['customer_return_rows', 'abuse_case_rows']);
      fills.length = 0;
      for (const [model, own] of MODELS) await runner.run(model, { channel: 'web', ...own });
      expect(fills).toHaveLength(2);
    } finally {
      resume();
    }
  }, 120_000);

  it('are filled again when the assumptions change (the return window decides wardrobing)', async () => {
    const state = { channel: 'app', wardrobe_min_returns: 1 };
    const resume = runner.pauseAnswerReuse();
    try {
      const [before] = await bothWays('abuse_signals', state);
      await runner.setAssumptions({ return_window_days: 60 });
      const [viaRunner, plain] = await bothWays('abuse_signals', state);
      expect(viaRunner).toEqual(plain);
      expect(viaRunner).not.toEqual(before);
    } finally {
      resume();
      await runner.setAssumptions({});
    }
  }, 120_000);

  it('leave a call written in a comment alone: only the query\'s own call is read from a view table', () => {
    const sql = '-- reads abuse_case_rows($date_from, $nowhere) for each signal\nSELECT * FROM abuse_case_rows($a, $b)';
    const query = new ViewTables(runner.engine, runner.sources).plan({ sql: '', params: [], key: 'k', source: sql, values: { a: 1, b: 2 } });
    expect(query.sql).toBe('-- reads abuse_case_rows($date_from, $nowhere) for each signal\nSELECT * FROM per_view_abuse_case_rows_1');
    expect(query.params).toEqual([]);
  });
});
