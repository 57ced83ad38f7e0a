import { describe, expect, it, vi } from 'vitest';
import { keepsStatements } from '../src/engine/statement-cache';
import { createNodeRunner } from '../src/host/node';
import { decodeParquetNode } from '../src/loader/parquet-node';
import { replaceData, type BatchFile, type ReplaceProgress } from '../src/loader/replace-data';
import { csv, useEngine } from './helpers/engine';

const enc = (s: string) => new TextEncoder().encode(s);
const LINES = 'order_id,line_id,order_date,sku,quantity,unit_price,currency,channel';
const RETURNS = 'return_id,order_id,line_id,quantity,reason,refund_amount';

const file = (name: string, text: string): BatchFile => ({ name, bytes: enc(text) });

/** The first data set: 3 orders, 1 return, 1 product. */
const FIRST: BatchFile[] = [
  file('order_lines.csv', csv(LINES, 'A1,1,2025-01-02,S1,1,10,EUR,web', 'A2,1,2025-01-03,S1,2,10,EUR,web', 'A3,1,2025-01-04,S2,1,5,EUR,app')),
  file('returns.csv', csv(RETURNS, 'R1,A1,1,1,defective,10')),
  file('products.csv', csv('sku,category,unit_cost', 'S1,shoes,4', 'S2,bags,3')),
];

describe('replaceData', () => {
  const db = useEngine();
  const q = async (sql: string) => db.runner().engine.query(sql);
  const n = async (sql: string) => Number((await q(sql))[0]!.n);

  /** Everything a replace may change, to compare before and after a refused batch. */
  const snapshot = async () => ({
    counts: await q(
      `SELECT (SELECT count(*) FROM order_lines) AS lines, (SELECT count(*) FROM returns) AS rets,
              (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM shipments) AS shipments,
              (SELECT count(*) FROM reviews) AS reviews, (SELECT count(*) FROM lines_enriched) AS enriched`,
    ),
    log: await q('SELECT table_name, source_file, rows_read, rows_loaded, rows_rejected FROM load_log ORDER BY source_file'),
    issues: await q('SELECT * FROM load_issues ORDER BY source_file, line_number'),
    kpis: (await db.runner().run('kpis')).rows,
    quality: (await db.runner().run('data_quality')).rows,
  });

  /** Every SQL text the engine is sent from now until `stop` (through exec too: `execs` says which). */
  const recordSent = () => {
    const engine = db.runner().engine;
    const [query, exec] = [engine.query.bind(engine), engine.exec.bind(engine)];
    const sent: string[] = [];
    const execs = new Set<number>();
    engine.query = async (sql, params) => (sent.push(sql), query(sql, params));
    engine.exec = async (sql) => (execs.add(sent.push(sql) - 1), exec(sql));
    return { sent, execs, stop: () => void Object.assign(engine, { query, exec }) };
  };

  it('loads a good batch as the data set, with its load_log, and derives', async () => {
    const steps: ReplaceProgress[] = [];
    const result = await replaceData(db.runner(), FIRST, decodeParquetNode, (p) => steps.push(p));
    expect(result).toMatchObject({ replaced: true, problem: null, loadedFiles: ['order_lines.csv', 'returns.csv', 'products.csv'] });
    expect(result.reports.map((r) => [r.file, r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['order_lines.csv', 3, 3, 0],
      ['returns.csv', 1, 1, 0],
      ['products.csv', 2, 2, 0],
    ]);
    expect((await db.runner().run('kpis')).rows[0]).toMatchObject({ orders: 3, returns: 1 });
    expect(await n('SELECT count(*) AS n FROM load_log')).toBe(3);
    // Progress: read then load each file, 1-based, then the batch steps (a step repeats while
    // a file loads, with the rows read so far: counted once here).
    const seq = steps.map((s) => `${s.step}:${s.fileIndex}/${s.fileCount}`).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(seq).toEqual([
      'reading:1/3', 'loading:1/3', 'reading:2/3', 'loading:2/3', 'reading:3/3', 'loading:3/3',
      'checking:0/3', 'replacing:0/3', 'deriving:0/3', 'done:0/3',
    ]);
    // Nothing left behind: no previous tables, search path back to main.
    expect(await q(`SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, 'replaced_')`)).toEqual([]);
    expect((await q('SELECT current_schema() AS s'))[0]!.s).toBe('main');
  });

  it("checks a batch's join coverage on the batch, not on the data the app already asked about", async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    // The app has asked for the current data's coverage: 1 of 1 returns found its order.
    const before = (await db.runner().run('join_coverage')).rows.find((r) => r.join_name === 'returns_to_orders')!;
    expect([before.total, before.matched]).toEqual([1, 1]);
    const result = await replaceData(
      db.runner(),
      [
        file('order_lines.csv', csv(LINES, 'B1,1,2025-02-01,S1,1,10,EUR,web')),
        file('returns.csv', csv(RETURNS, 'R7,B1,1,1,defective,10', 'R8,ZZ,1,1,defective,10')),
      ],
      decodeParquetNode,
    );
    const batch = result.coverage!.find((c) => c.join_name === 'returns_to_orders')!;
    expect([batch.total, batch.matched]).toEqual([2, 1]); // the batch's: R8's order is not in it
    // And after the swap the model answers for the new data, not from before.
    const after = (await db.runner().run('join_coverage')).rows.find((r) => r.join_name === 'returns_to_orders')!;
    expect([after.total, after.matched]).toEqual([2, 1]);
  });

  it('keeps the join coverage it counted on the batch as the answer for the data it became, not for data it did not replace', async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    const { sent, stop } = recordSent();
    try {
      const batch = [
        file('order_lines.csv', csv(LINES, 'B1,1,2025-02-01,S1,1,10,EUR,web')),
        file('returns.csv', csv(RETURNS, 'R7,B1,1,1,defective,10', 'R8,ZZ,1,1,defective,10')),
      ];
      const result = await replaceData(db.runner(), batch, decodeParquetNode);
      const countedOnLoad = sent.filter((s) => s.includes('-- join_coverage:')).length;
      expect(countedOnLoad).toBe(1);
      const kept = (await db.runner().run('join_coverage')).rows;
      expect(sent.filter((s) => s.includes('-- join_coverage:')).length).toBe(countedOnLoad); // not run again
      expect(kept).toEqual(result.coverage);
      // and it is what counting again on the data gives
      const resume = db.runner().pauseAnswerReuse();
      expect((await db.runner().run('join_coverage')).rows).toEqual(kept);
      resume();
      // A refused batch's coverage describes tables that did not become the data: not kept.
      const refused = await replaceData(db.runner(), [file('order_lines.csv', csv(LINES, 'C1,1,not a date,S1,1,10,EUR,web'))], decodeParquetNode);
      expect(refused.replaced).toBe(false);
      expect(refused.coverage!.find((c) => c.join_name === 'returns_to_orders')!.total).toBe(0);
      expect((await db.runner().run('join_coverage')).rows.find((r) => r.join_name === 'returns_to_orders')).toMatchObject({ total: 2, matched: 1 });
    } finally {
      stop();
    }
  });

  it("counts the Data page's data_quality and the caller's answerAhead before it says done, and the page's asks run nothing", async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    const { sent, execs, stop } = recordSent();
    const ran = (model: string) => sent.filter((s) => s.includes(`-- ${model}:`)).length;
    const ahead = [['kpis', {}], ['return_rate_by', { dim: 'sku' }]] as const;
    try {
      const steps: string[] = [];
      const batch = [file('order_lines.csv', csv(LINES, 'B1,1,2025-02-01,S1,1,10,EUR,web', 'B2,1,bad,S1,1,10,EUR,web', 'B3,1,2025-02-02,S2,3,5,EUR,app'))];
      await replaceData(db.runner(), batch, decodeParquetNode, (p) => {
        if (p.step === 'done') steps.push(`done after ${ran('data_quality')} ${ran('kpis')} ${ran('return_rate_by')}`);
      }, { answerAhead: ahead, macrosAhead: true });
      expect(steps[0], 'counted before the load says done').toBe('done after 1 1 1');
      // Nothing after the first answer ahead drops the statements it left prepared for the next view.
      const after = sent.slice(sent.findIndex((q) => q.includes('-- data_quality:')));
      expect(after.filter((q, i) => execs.has(sent.length - after.length + i) || !keepsStatements(q)), 'schema changes after it').toEqual([]);
      const kept = db.runner().answerNow('data_quality', {});
      expect(kept?.rows.find((r) => r.table_name === 'order_lines')).toMatchObject({ rows_read: 3, rows_loaded: 2, rows_rejected: 1 });
      expect(db.runner().answerNow('kpis', {})?.rows[0]).toMatchObject({ orders: 2, units_sold: 4 });
      const asked = [['data_quality', {}], ...ahead] as const;
      const answers = [];
      for (const [model, params] of asked) answers.push((await db.runner().run(model, params)).rows);
      for (const [model] of asked) expect(ran(model), `${model} not run again when asked`).toBe(1);
      const resume = db.runner().pauseAnswerReuse();
      for (const [i, [model, params]] of asked.entries()) expect((await db.runner().run(model, params)).rows, `${model}: what counting again gives`).toEqual(answers[i]);
      resume();
      // Without answerAhead the load counts data_quality only.
      const before = ran('kpis');
      await replaceData(db.runner(), FIRST, decodeParquetNode);
      expect(ran('kpis')).toBe(before);
      expect(db.runner().answerNow('kpis', {})).toBeNull();
    } finally {
      stop();
    }
  });

  it('creates the rule macros before it says done with macrosAhead, and not without it', async () => {
    const runner = await createNodeRunner();
    try {
      const RULE_MACROS = ['customer_return_rows', 'abuse_case_rows', 'leakage_case_rows'];
      const made = async () =>
        (await runner.engine.query(`SELECT DISTINCT function_name AS f FROM duckdb_functions() WHERE schema_name = 'main'`))
          .map((r) => String(r.f))
          .filter((f) => RULE_MACROS.includes(f))
          .sort();
      await replaceData(runner, FIRST, decodeParquetNode);
      expect(await made(), 'made on first use only').toEqual([]);
      const order: string[] = [];
      const create = runner.createRuleMacros.bind(runner);
      runner.createRuleMacros = () => create().then(() => void order.push('macros made'));
      await replaceData(runner, FIRST, decodeParquetNode, (p) => void (p.step === 'done' && order.push('done')), { macrosAhead: true });
      expect(await made()).toEqual([...RULE_MACROS].sort());
      expect(order).toEqual(['macros made', 'done']);
    } finally {
      await runner.engine.close();
    }
  });

  it('replaces every table: the tables a new batch has no file for become empty', async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    const result = await replaceData(
      db.runner(),
      [file('order_lines.tsv', 'order_id\tline_id\torder_date\tsku\tquantity\tunit_price\nB1\t1\t2025-03-01\tX\t1\t7\nB1\t1\t2025-03-01\tX\t1\t7\n')],
      decodeParquetNode,
    );
    expect(result.replaced).toBe(true);
    expect(result.reports[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    expect((await snapshot()).counts).toEqual([{ lines: 1, rets: 0, products: 0, shipments: 0, reviews: 0, enriched: 1 }]);
    // load_log and load_issues describe the new batch only.
    expect(await q('SELECT source_file, rows_read, rows_loaded, rows_rejected FROM load_log')).toEqual([
      { source_file: 'order_lines.tsv', rows_read: 2, rows_loaded: 1, rows_rejected: 1 },
    ]);
    expect(await q('SELECT source_file, line_number, reason FROM load_issues')).toEqual([
      { source_file: 'order_lines.tsv', line_number: 3, reason: 'duplicate order_id + line_id: "B1 + 1" (first on line 2)' },
    ]);
    const dq = (await db.runner().run('data_quality')).rows.find((r) => r.table_name === 'order_lines');
    expect(dq).toMatchObject({ rows_read: 2, rows_loaded: 1, rows_rejected: 1 });
  });

  it('keeps the data when a file of the batch cannot be used, unless the partial batch is accepted; its rows count as rejected', async () => {
    const batch = [file('order_lines.csv', csv(LINES, 'C1,1,2025-02-01,S1,1,10,EUR,web')), file('returns.csv', csv('order_id,quantity', 'C1,1', 'C1,2'))];
    const before = await snapshot();
    const refused = await replaceData(db.runner(), batch, decodeParquetNode);
    expect(refused).toMatchObject({ replaced: false, refusedFiles: ['returns.csv'], loadedFiles: [] });
    expect(refused.problem).toMatch(/^A file of this batch could not be used \(returns\.csv: missing required column return_id\); 2 rows of it not loaded\. The previous data was kept/);
    expect(refused.reports[1]).toMatchObject({ rowsRead: 2, rowsLoaded: 0, rowsRejected: 2, error: 'returns.csv: missing required column return_id' });
    expect(refused.issues.filter((i) => i.source_file === 'returns.csv').map((i) => [i.line_number, i.reason, i.raw])).toEqual([
      [2, 'file not loaded: missing required column return_id', 'C1,1'],
      [3, 'file not loaded: missing required column return_id', 'C1,2'],
    ]);
    expect(await snapshot()).toEqual(before);

    const accepted = await replaceData(db.runner(), batch, decodeParquetNode, undefined, { allowPartial: true });
    expect(accepted).toMatchObject({ replaced: true, loadedFiles: ['order_lines.csv'], refusedFiles: ['returns.csv'] });
    expect(await n('SELECT count(*) AS n FROM order_lines')).toBe(1);
    // The refused file's rows are in the data's load report, rejected with the reason.
    expect(await q(`SELECT rows_read, rows_loaded, rows_rejected FROM load_log WHERE source_file = 'returns.csv'`)).toEqual([
      { rows_read: 2, rows_loaded: 0, rows_rejected: 2 },
    ]);
  });

  const BAD_BATCHES: [string, BatchFile[], RegExp][] = [
    ['no order_lines file', [file('returns.csv', csv(RETURNS, 'R9,A1,1,1,defective,10'))], /No order_lines file/],
    ['order_lines without a required column', [file('order_lines.csv', csv('order_id,line_id,order_date,sku,quantity', 'Z,1,2025-01-01,S,1'))], /missing required column unit_price/],
    [
      'order_lines whose every row is rejected',
      [file('order_lines.csv', csv(LINES, 'Z1,1,notadate,S1,1,10,EUR,web', 'Z2,1,2025-01-01,S1,-1,10,EUR,web'))],
      /None of the 2 order lines read could be loaded: bad date in order_date \(expected ISO 8601 \(year-month-day\)\): "notadate" \(1\); negative quantity: "-1" \(1\)/,
    ],
    ['an empty order_lines file', [file('order_lines.csv', `${LINES}\n`)], /holds no rows/],
    ['a file that is not canonical', [file('orders.csv', csv(LINES, 'Z1,1,2025-01-01,S1,1,10,EUR,web'))], /No order_lines file/],
    ['a Parquet file that is not Parquet', [file('order_lines.parquet', 'not parquet at all')], /cannot be read as parquet/],
    [
      'a file that cannot be read',
      [{ name: 'order_lines.csv', bytes: () => Promise.reject(new Error('permission denied')) }],
      /could not be read \(permission denied\)/,
    ],
    ['no files at all', [], /No files/],
  ];

  it.each(BAD_BATCHES)('keeps the previous data, log and counts for a batch with %s', async (_what, batch, problem) => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    const before = await snapshot();
    const result = await replaceData(db.runner(), batch, decodeParquetNode);
    expect(result.replaced).toBe(false);
    expect(result.problem).toMatch(problem);
    expect(result.loadedFiles).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect((await q('SELECT current_schema() AS s'))[0]!.s).toBe('main');
    expect(await q(`SELECT table_name FROM information_schema.tables WHERE starts_with(table_name, 'replaced_')`)).toEqual([]);
  });

  it('puts the previous tables back when the new data cannot be derived', async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    const before = await snapshot();
    const refresh = vi.spyOn(db.runner(), 'refresh').mockRejectedValueOnce(new Error('derive broke'));
    try {
      const result = await replaceData(db.runner(), [file('order_lines.csv', csv(LINES, 'D1,1,2025-05-01,S1,1,10,EUR,web'))], decodeParquetNode);
      expect(result.replaced).toBe(false);
      expect(result.problem).toMatch(/could not be prepared for the models \(derive broke\)/);
    } finally {
      refresh.mockRestore();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never drops the previous tables when they could not be renamed back', async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    const engine = db.runner().engine;
    const exec = engine.exec.bind(engine);
    const failPutBack = vi.spyOn(engine, 'exec').mockImplementation(async (sql: string) => {
      if (sql.includes('RENAME TO order_lines')) throw new Error('put back broke');
      return exec(sql);
    });
    try {
      const result = await replaceData(db.runner(), [file('returns.csv', csv(RETURNS, 'R9,A1,1,1,defective,10'))], decodeParquetNode);
      expect(result.replaced).toBe(false);
    } finally {
      failPutBack.mockRestore();
    }
    // The data is not in use any more (the put back failed), but its rows are still there.
    expect(await q('SELECT order_id FROM replaced_order_lines ORDER BY 1')).toEqual([{ order_id: 'A1' }, { order_id: 'A2' }, { order_id: 'A3' }]);
    await exec('DROP TABLE IF EXISTS replaced_order_lines; DROP TABLE IF EXISTS replaced_products; DROP TABLE IF EXISTS replaced_returns; DROP TABLE IF EXISTS replaced_shipments; DROP TABLE IF EXISTS replaced_reviews; DROP TABLE IF EXISTS replaced_load_log; DROP TABLE IF EXISTS replaced_load_issues');
  });

  it('runs one batch at a time: a second batch waits for the first', async () => {
    const order: string[] = [];
    const slow: BatchFile = {
      name: 'order_lines.csv',
      bytes: async () => {
        await new Promise((r) => setTimeout(r, 50));
        order.push('first read');
        return enc(csv(LINES, 'E1,1,2025-01-01,S1,1,10,EUR,web'));
      },
    };
    const second: BatchFile = {
      name: 'order_lines.csv',
      bytes: async () => {
        order.push('second read');
        return enc(csv(LINES, 'F1,1,2025-01-01,S1,1,10,EUR,web', 'F2,1,2025-01-01,S1,1,10,EUR,web'));
      },
    };
    const a = replaceData(db.runner(), [slow], decodeParquetNode);
    const b = replaceData(db.runner(), [second], decodeParquetNode);
    await db.runner().whenIdle();
    expect(order).toEqual(['first read', 'second read']);
    expect((await a).replaced && (await b).replaced).toBe(true);
    expect(await q('SELECT order_id FROM order_lines ORDER BY 1')).toEqual([{ order_id: 'F1' }, { order_id: 'F2' }]);
  });

  it('holds a table write sent through the runner\'s one lock until the batch is in, so it lands in main', async () => {
    const slow: BatchFile = {
      name: 'order_lines.csv',
      bytes: async () => {
        await new Promise((r) => setTimeout(r, 50));
        return enc(csv(LINES, 'G1,1,2025-01-01,S1,1,10,EUR,web'));
      },
    };
    const load = replaceData(db.runner(), [slow], decodeParquetNode);
    const write = db.runner().exclusive(() => db.runner().setAssumptions({ handling_cost_per_return: 9 }));
    await Promise.all([load, write]);
    expect(await q(`SELECT value FROM main.assumptions WHERE key = 'handling_cost_per_return'`)).toEqual([{ value: 9 }]);
    expect((await db.runner().run('kpis')).rows[0]).toMatchObject({ orders: 1 });
    await db.runner().setAssumptions({});
  });

  it('makes a model asked for while a batch loads wait for it, instead of reading the batch half-loaded', async () => {
    await replaceData(db.runner(), FIRST, decodeParquetNode);
    // That load kept its data_quality (an answer for the data until the next swap): forget it, so the ask runs.
    db.runner().pauseAnswerReuse()();
    const second: BatchFile[] = [
      file('order_lines.csv', csv(LINES, 'B1,1,2025-02-02,S1,1,10,EUR,web', 'B2,1,2025-02-03,S1,1,10,EUR,web')),
      file('returns.csv', csv(RETURNS, 'R9,B1,1,1,defective,10')),
    ];
    let asked: Promise<unknown> | null = null;
    const done = replaceData(db.runner(), second, decodeParquetNode, (p) => {
      // The returns file is being read: order_lines of the batch are in, its returns not yet.
      if (p.step === 'loading' && p.file === 'returns.csv' && !asked) asked = db.runner().run('data_quality');
    });
    expect((await done).replaced).toBe(true);
    expect(asked).not.toBeNull();
    const rows = ((await asked!) as { rows: { table_name: string; rows_now: number }[] }).rows;
    expect(rows.find((r) => r.table_name === 'order_lines')?.rows_now).toBe(2);
    expect(rows.find((r) => r.table_name === 'returns')?.rows_now).toBe(1);
  });
});
