import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMapping, type ImportReport } from '../../src/loader/import/apply';
import { readRecords, sniffText } from '../../src/loader/import/decode';
import { readImportSql } from '../../src/loader/import/node';
import { buildPreset } from '../../src/loader/import/presets';
import { type MappingSpec } from '../../src/loader/import/spec';
import { parseMapping } from '../../src/loader/import/spec/validate';
import { useEngine } from '../helpers/engine';

/**
 * Fuzz for the export features: a Shopify orders export (fill-down, one row feeding three
 * tables, "first row of the order") and AdventureWorks sales through their lookups, with
 * random cells damaged. Nothing throws, every table's accounting adds up, and the tables,
 * load_log and load_issues agree with the report.
 */

const SQL = readImportSql();

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const GARBAGE = ['', 'NA', '-1', '0', '3.5', '1,5', '"', 'a"b', '\n', 'x\ny', '2024-02-30', '31/12/2024', 'refunded', 'partially_refunded', 'voided',
  '#1', '10000', '💥', 'é', "'; DROP TABLE returns; --", ' '.repeat(20), 'x'.repeat(2000), '2026-04-05 21:06:21 +0400', 'unfulfilled'];
function corrupt(records: string[][], random: () => number, cells: number): string[][] {
  const out = records.map((r) => [...r]);
  for (let k = 0; k < cells; k++) {
    const r = out[1 + Math.floor(random() * (out.length - 1))]!;
    const what = random();
    if (what < 0.08) r.splice(Math.floor(random() * r.length), 1);
    else if (what < 0.14) r.push('extra');
    else r[Math.floor(random() * r.length)] = GARBAGE[Math.floor(random() * GARBAGE.length)]!;
  }
  return out;
}
const toCsv = (records: string[][], random: () => number) => {
  const eol = random() < 0.5 ? '\n' : '\r\n';
  return records.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(eol) + eol;
};

/** A Shopify export: 40 orders of 1-3 lines, order fields on the first row only. */
function shopifyExport(): string[][] {
  const header = readFileSync('/work/shared/data/shopify_schema/shopify_orders_export_header_2026.csv', 'utf8').trim().split(',');
  const random = rng(42);
  const rows: string[][] = [header];
  const statuses = ['paid', 'paid', 'paid', 'refunded', 'partially_refunded', 'voided', 'pending'];
  for (let o = 1; o <= 40; o++) {
    const lines = 1 + Math.floor(random() * 3);
    const status = statuses[Math.floor(random() * statuses.length)]!;
    for (let l = 0; l < lines; l++) {
      const cell: Record<string, string> = {
        Name: `#${1000 + o}`, 'Created at': `2026-04-${String(1 + (o % 28)).padStart(2, '0')} 10:00:00 +0400`,
        'Lineitem quantity': String(1 + Math.floor(random() * 3)), 'Lineitem name': `Item ${o % 7}`, 'Lineitem price': `${10 + (o % 5)}.00`,
        'Lineitem sku': random() < 0.1 ? '' : `SKU-${(o + l) % 9}`, Vendor: `V${o % 3}`, 'Lineitem discount': l === 0 ? '1.00' : '',
      };
      if (l === 0) {
        Object.assign(cell, {
          'Financial Status': status, 'Fulfillment Status': random() < 0.2 ? 'unfulfilled' : 'fulfilled', Currency: 'EUR',
          'Refunded Amount': status.includes('refunded') ? '5.00' : '0.00', 'Shipping Country': 'DE', Email: `c${o % 11}@x.de`,
          'Cancelled at': random() < 0.1 ? '2026-04-20 10:00:00 +0400' : '', 'Note Attributes': random() < 0.3 ? 'a: 1\nb: "2"' : '',
        });
      }
      rows.push(header.map((h) => cell[h] ?? ''));
    }
  }
  return rows;
}

describe('fuzz: damaged exports through presets, fill-down, routing to several tables and lookups', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;

  async function check(name: string, text: string, mapping: MappingSpec, lookupFiles: { name: string; text: string }[] = []): Promise<ImportReport> {
    await db.fixture({});
    const records = text.split(/\r?\n/).filter((l) => l !== '').length - 1;
    const r = await applyMapping(engine(), SQL, { name, text }, mapping, { lookupFiles });
    expect(r.error, name).toBeUndefined();
    expect(r.rowsRead, name).toBe(r.rowsLoaded + r.rowsRejected + r.rowsExcluded + r.rowsMerged);
    for (const t of r.tables) {
      expect(t.rowsRead, `${name} ${t.table}`).toBe(t.rowsLoaded + t.rowsRejected + t.rowsExcluded + t.rowsMerged);
      expect(t.rowsRead, `${name} ${t.table}`).toBeLessThanOrEqual(records);
      const [n] = await engine().query(`SELECT count(*) AS n FROM ${t.table}`);
      expect(n!.n, `${name} ${t.table} rows`).toBe(t.rowsLoaded);
      const [log] = await engine().query(`SELECT rows_read, rows_loaded, rows_rejected, rows_excluded FROM load_log WHERE table_name = '${t.table}'`);
      expect(log, `${name} ${t.table} load_log`).toEqual({ rows_read: t.rowsRead, rows_loaded: t.rowsLoaded, rows_rejected: t.rowsRejected, rows_excluded: t.rowsExcluded });
      const [iss] = await engine().query(
        `SELECT count(*) FILTER (WHERE severity = 'rejected') AS rejected, count(*) FILTER (WHERE severity = 'excluded') AS excluded FROM load_issues WHERE table_name = '${t.table}'`,
      );
      expect(iss, `${name} ${t.table} issues`).toEqual({ rejected: t.rowsRejected, excluded: t.rowsExcluded });
    }
    return r;
  }

  it('a Shopify orders export', async () => {
    const records = shopifyExport();
    const clean = toCsv(records, () => 0);
    const mapping = buildPreset('shopify_orders', sniffText(clean, 'orders_export.csv')).mapping;
    const r = await check('clean shopify', clean, mapping);
    expect(r.rowsRejected).toBe(0);
    expect(r.tables[0]!.rowsRead).toBe(records.length - 1);
    let rejected = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const random = rng(seed);
      rejected += (await check(`shopify seed ${seed}`, toCsv(corrupt(records, random, 5 + Math.floor(random() * 30)), random), mapping)).rowsRejected;
    }
    expect(rejected).toBeGreaterThan(0);
  }, 240_000);

  it('AdventureWorks sales through their product and territory lookups', async () => {
    const aw = '/work/shared/data/adventureworks';
    const sales = readRecords(readFileSync(`${aw}/AdventureWorks_Sales_2016.csv`, 'utf8').replace(/\r\n/g, '\n'), ',', '"', 201).map((r) => r.cells);
    const lookups = ['AdventureWorks_Products.csv', 'AdventureWorks_Territories.csv'].map((f) => ({ name: f, text: readFileSync(`${aw}/${f}`, 'utf8') }));
    const mapping = parseMapping(readFileSync(`${__dirname}/../../data/mappings/adventureworks_sales.json`, 'utf8'));
    expect(await check('clean sales', toCsv(sales, () => 0), mapping, lookups)).toMatchObject({ rowsRead: 200, rowsLoaded: 200 });
    for (let seed = 50; seed < 62; seed++) {
      const random = rng(seed);
      await check(`sales seed ${seed}`, toCsv(corrupt(sales, random, 5 + Math.floor(random() * 30)), random), mapping, lookups);
    }
  }, 240_000);
});
