import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeRunner, loadFolder } from '../../src/host/node';
import type { Runner } from '../../src/runner/runner';

/**
 * The integer keys derive.sql gives orders and customers (order_key, customer_key): models group
 * on them instead of the ids' text, so each must stand for exactly one id, and a return must
 * carry its order line's keys.
 */
let runner: Runner;

beforeAll(async () => {
  runner = await createNodeRunner();
  await loadFolder(runner, path.resolve(__dirname, '../../data/demo'));
}, 120_000);

afterAll(async () => {
  await runner?.engine.close();
});

describe('order and customer keys', () => {
  it.each(['order', 'customer'])('one %s key per id, and one id per key', async (what) => {
    const [row] = await runner.engine.query(
      `SELECT count(DISTINCT ${what}_id) AS ids, count(DISTINCT ${what}_key) AS keys,
              count(DISTINCT (${what}_id, ${what}_key)) AS pairs,
              count(*) FILTER (WHERE (${what}_id IS NULL) <> (${what}_key IS NULL)) AS half
       FROM lines_enriched`,
    );
    expect(Number(row!.ids)).toBeGreaterThan(100);
    expect([Number(row!.keys), Number(row!.pairs), Number(row!.half)]).toEqual([Number(row!.ids), Number(row!.ids), 0]);
  });

  it('gives a return the keys of its order line', async () => {
    const [row] = await runner.engine.query(
      `SELECT count(*) AS matched,
              count(*) FILTER (WHERE r.order_key IS DISTINCT FROM l.order_key OR r.customer_key IS DISTINCT FROM l.customer_key) AS differ
       FROM returns_enriched r JOIN lines_enriched l ON l.order_id = r.order_id AND l.line_id = r.line_id`,
    );
    expect(Number(row!.matched)).toBeGreaterThan(100);
    expect(Number(row!.differ)).toBe(0);
  });
});
