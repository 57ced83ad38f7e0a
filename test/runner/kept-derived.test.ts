import { describe, expect, it } from 'vitest';
import { csv, useEngine } from '../helpers/engine';

/**
 * A kept data set stores its derived tables with Runner.deriveFingerprint() and, on reopen,
 * copies them back and calls adoptDerived() instead of refresh() when the fingerprint is equal
 * (src/app/storage/stored-data.ts). These pin what that relies on.
 */
describe('kept derived tables', () => {
  const db = useEngine();
  const FIXTURE = {
    products: csv('sku,product_name,category,supplier,unit_cost', 'A,Shirt,apparel,S1,4', 'B,Shoe,shoes,S2,10'),
    order_lines: csv(
      'order_id,line_id,order_date,sku,quantity,unit_price,channel,region',
      'O1,1,2024-01-05,A,2,10,web,DE',
      'O2,1,2024-02-10,B,1,50,app,FR',
    ),
    returns: csv('return_id,order_id,line_id,quantity,reason,requested_at,refunded_at,refund_amount', 'R1,O1,1,1,too_small,2024-01-10,2024-01-14,10'),
  };

  it('names every table refresh() builds', async () => {
    await db.fixture(FIXTURE);
    const r = db.runner();
    expect(r.derivedTables).toEqual(['currency_rates_applied', 'customer_keys', 'lines_enriched', 'reason_lookup', 'returns_enriched', 'product_names', 'bracket_lines', 'leak_duplicate_refunds', 'leak_over_lines', 'text_terms', 'filter_values', 'dataset_info', 'column_presence']);
    const present = await r.engine.query(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`);
    for (const t of r.derivedTables) expect(present.map((p) => p.table_name)).toContain(t);
  });

  it('fingerprints the derive: the same for the same settings, another for other assumptions or money settings', async () => {
    await db.fixture(FIXTURE);
    const r = db.runner();
    const base = await r.deriveFingerprint();
    expect(await r.deriveFingerprint()).toBe(base);
    await r.setAssumptions({ handling_cost_per_return: 99 });
    const edited = await r.deriveFingerprint();
    expect(edited).not.toBe(base);
    await r.setAssumptions({});
    expect(await r.deriveFingerprint()).toBe(base);
    await r.setCurrency({ reporting: 'USD', rates: {} });
    expect(await r.deriveFingerprint()).not.toBe(base);
  });

  it('answers from derived tables copied back without deriving, as from a derive', async () => {
    await db.fixture(FIXTURE);
    const r = db.runner();
    const derived = (await r.run('kpis')).rows;
    const tables = r.derivedTables;
    await r.engine.exec(`CREATE SCHEMA kept; ${tables.map((t) => `CREATE TABLE kept.${t} AS SELECT * FROM main.${t};`).join('\n')}`);
    await r.engine.exec(tables.map((t) => `DELETE FROM main.${t};`).join('\n'));
    await r.adoptDerived();
    expect((await r.run('kpis')).rows).not.toEqual(derived); // emptied: the copy below is what answers
    await r.engine.exec(tables.map((t) => `INSERT INTO main.${t} BY NAME SELECT * FROM kept.${t};`).join('\n'));
    await r.adoptDerived();
    expect((await r.run('kpis')).rows).toEqual(derived);
    expect(r.missingColumns('kpis')).toEqual([]);
  });
});
