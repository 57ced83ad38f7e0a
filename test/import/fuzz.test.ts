import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyMapping, type ImportReport } from '../../src/loader/import/apply';
import { readRecords, sniff } from '../../src/loader/import/decode';
import { readImportSql } from '../../src/loader/import/node';
import { buildPreset } from '../../src/loader/import/presets';
import type { MappingSpec } from '../../src/loader/import/spec';
import { useEngine } from '../helpers/engine';
import { identityMapping, LINES } from '../ingest/bad-rows.files';
import { batchFiles, issuesAfter, replaceVia, type ReplacePath } from '../ingest/bad-rows.paths';

const SQL = readImportSql();

/** Seeded PRNG (mulberry32): the same corruptions on every run. */
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

/** What a damaged export cell can look like. */
const GARBAGE = [
  '', 'NA', '-', 'null', '"', '""', 'a"b', '"unterminated', ',', ';', '\t', '\n', '\r\n', 'x\ny', '-1', '-0', '0', '1e309',
  '99999999999999999999', '3.5', '1,5', '(4)', '$-2', '2024-02-30', '31/12/2024', '9999-12-31', '1900-01-01', '2011-13-01 10:00:00',
  "'; DROP TABLE returns; --", '\\', '\u0000', '💥', 'Ω', 'é', '\uFEFF', ' '.repeat(50), 'x'.repeat(5000), 'C', 'POST', 'damaged',
];

function corrupt(records: string[][], random: () => number, cells: number): string[][] {
  const out = records.map((r) => [...r]);
  for (let k = 0; k < cells; k++) {
    const row = 1 + Math.floor(random() * (out.length - 1)); // never the header
    const r = out[row]!;
    const what = random();
    if (what < 0.08) r.splice(Math.floor(random() * r.length), 1); // a cell lost
    else if (what < 0.14) r.push('extra'); // a cell too many
    else r[Math.floor(random() * r.length)] = GARBAGE[Math.floor(random() * GARBAGE.length)]!;
  }
  return out;
}

/** Writes records back as CSV, quoting only when needed, as exports do (garbage quotes stay as they are sometimes). */
function toCsv(records: string[][], delimiter: string, random: () => number): string {
  const eol = random() < 0.5 ? '\n' : '\r\n';
  return records
    .map((r) => r.map((c) => (random() < 0.9 && (/["\n\r]|^\s|\s$/.test(c) || c.includes(delimiter)) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter))
    .join(eol) + eol;
}

/** Records that cannot merge with others: lines before the first quote character, minus the header. */
function expectedAtLeast(text: string): number {
  const q = text.indexOf('"');
  const head = q < 0 ? text : text.slice(0, q);
  return Math.max(1, head.split(/\r?\n/).filter((l) => l !== '').length - 2);
}

describe('fuzz: corrupted cells never break the accounting', () => {
  const db = useEngine();
  const engine = () => db.runner().engine;
  const reset = async () => {
    for (const t of ['order_lines', 'products', 'shipments', 'returns', 'reviews', 'load_log', 'load_issues']) await engine().exec(`DELETE FROM ${t}`);
  };

  async function check(name: string, text: string, mapping: MappingSpec): Promise<ImportReport> {
    await reset();
    // A record is at least one physical line: an unquoted line break in a damaged cell makes two.
    const maxRows = text.split(/\r?\n/).filter((l) => l !== '').length - 1;
    const r = await applyMapping(engine(), SQL, { name, text }, mapping);
    expect(r.error, name).toBeUndefined();
    expect(r.rowsRead, name).toBe(r.rowsLoaded + r.rowsRejected + r.rowsExcluded + r.rowsMerged);
    for (const t of r.tables) expect(t.rowsRead, `${name} ${t.table}`).toBe(t.rowsLoaded + t.rowsRejected + t.rowsExcluded + t.rowsMerged);
    expect(r.rowsRead, name).toBeGreaterThan(0);
    expect(r.rowsRead, name).toBeLessThanOrEqual(maxRows);
    expect(r.rowsRead, name).toBeGreaterThanOrEqual(expectedAtLeast(text));
    // The tables, load_log and load_issues say the same as the report.
    const [db1] = await engine().query(
      `SELECT (SELECT count(*) FROM order_lines) + (SELECT count(*) FROM returns) AS rows_in_tables,
              (SELECT sum(rows_read) FROM load_log) AS read, (SELECT sum(rows_loaded) FROM load_log) AS loaded,
              (SELECT count(*) FROM load_issues WHERE severity = 'rejected') AS rejected,
              (SELECT count(*) FROM load_issues WHERE severity = 'excluded') AS excluded,
              (SELECT count(DISTINCT (table_name, line_number)) FROM load_issues WHERE severity = 'warning') AS warned`,
    );
    expect(db1, name).toEqual({
      rows_in_tables: r.rowsLoaded, read: r.rowsRead, loaded: r.rowsLoaded, rejected: r.rowsRejected, excluded: r.rowsExcluded, warned: r.rowsWarned,
    });
    // Every issue has a line number inside the file and a reason.
    const [bad] = await engine().query(`SELECT count(*) AS n FROM load_issues WHERE line_number IS NULL OR line_number < 2 OR reason IS NULL OR reason = ''`);
    expect(bad!.n, name).toBe(0);
    return r;
  }

  it('UCI sample rows with random damage (invoice preset)', async () => {
    const full = readFileSync('/work/shared/data/online_retail_sample/online_retail_sample_20k.csv', 'utf8');
    const records = readRecords(full, ',', '"', 301).map((r) => r.cells);
    const mapping = buildPreset('invoice_credit_notes', sniff(new TextEncoder().encode(full.slice(0, 50_000)))).mapping;
    // Undamaged first: the 300 rows load without rejects.
    const clean = await check('clean', toCsv(records, ',', () => 0), mapping);
    expect(clean).toMatchObject({ rowsRead: 300, rowsRejected: 0 });
    let rejectedSomewhere = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const random = rng(seed);
      const text = toCsv(corrupt(records, random, 5 + Math.floor(random() * 40)), ',', random);
      const r = await check(`seed ${seed}`, text, mapping);
      rejectedSomewhere += r.rowsRejected;
    }
    expect(rejectedSomewhere).toBeGreaterThan(0);
  }, 240_000);

  it('a semicolon cp1252 shop file with every transform, randomly damaged', async () => {
    const header = ['Bestellung', 'Pos', 'Datum', 'Artikel', 'Menge', 'Preis', 'Retour', 'Grund', 'Abgeholt'];
    const rows: string[][] = [header];
    for (let i = 1; i <= 120; i++) {
      const ret = i % 4 === 0;
      // Sales in January-September, returns in December (never before their order).
      rows.push([`B${1000 + Math.floor(i / 3)}`, String(i % 3), `${String(1 + (i % 28)).padStart(2, '0')}.${ret ? '12' : `0${1 + (i % 9)}`}.2024`, `ART-${i % 17}`,
        ret ? `-${1 + (i % 3)}` : String(1 + (i % 5)), `€ ${i},${String(i % 100).padStart(2, '0')}`, ret ? 'ja' : 'nein', ret ? 'zu klein' : '', ret ? 'ja' : 'nein']);
    }
    const mapping: MappingSpec = {
      version: 1, name: 'shop', source: { encoding: 'windows-1252', delimiter: ';', quote: '"', skipLines: 0, header: true, nullValues: ['-'] },
      targets: [
        {
          table: 'order_lines',
          when: { column: 'Retour', is: 'equals', value: 'nein' },
          columns: {
            order_id: { column: 'Bestellung' }, line_id: { column: 'Pos' },
            order_date: { column: 'Datum', transform: { kind: 'date', format: '%d.%m.%Y' } }, sku: { column: 'Artikel' },
            quantity: { column: 'Menge' }, unit_price: { column: 'Preis', transform: { kind: 'number', decimal: ',', thousands: '.', currency: true, sign: 'keep' } },
          },
          exclude: [{ when: { column: 'Artikel', is: 'matches', value: '^ART-0$' }, reason: 'gift wrap' }],
        },
        {
          table: 'returns',
          when: { column: 'Retour', is: 'equals', value: 'ja' },
          columns: {
            return_id: { concat: ['Bestellung', 'Pos'], separator: '-', numberRepeats: { within: ['Bestellung'] } }, order_id: { column: 'Bestellung' },
            sku: { column: 'Artikel' }, quantity: { column: 'Menge', transform: { kind: 'number', decimal: ',', thousands: '', currency: false, sign: 'negate' } },
            requested_at: { column: 'Datum', transform: { kind: 'date', format: '%d.%m.%Y' } }, reason_raw: { column: 'Grund' },
            refund_amount: { multiply: [{ column: 'Menge', transform: { kind: 'number', decimal: ',', thousands: '', currency: false, sign: 'abs' } }, { column: 'Preis', transform: { kind: 'number', decimal: ',', thousands: '.', currency: true, sign: 'keep' } }] },
            pickup_failed: { column: 'Abgeholt', transform: { kind: 'boolean', trueWords: ['nein'], falseWords: ['ja'] } },
            disposition: { firstOf: [{ column: 'Grund', transform: { kind: 'map', values: { 'zu klein': 'restock' }, otherwise: 'null' } }, { constant: 'dispose' }] },
          },
        },
      ],
    };
    const clean = await check('clean shop', toCsv(rows, ';', () => 0), mapping);
    // ART-0 (i a multiple of 17) on sales rows: i = 17, 34, 51, 85, 102, 119 (68 is a return) = 6 excluded.
    expect(clean).toMatchObject({ rowsRead: 120, rowsRejected: 0, rowsExcluded: 6, rowsLoaded: 114 });
    for (let seed = 100; seed < 115; seed++) {
      const random = rng(seed);
      await check(`shop seed ${seed}`, toCsv(corrupt(rows, random, 10 + Math.floor(random() * 30)), ';', random), mapping);
    }
  }, 240_000);

  it('random bytes in a file, read as UTF-8, windows-1252 and Latin-1', async () => {
    const full = readFileSync('/work/shared/data/online_retail_sample/online_retail_sample_20k.csv');
    const cut = full.subarray(0, full.indexOf(0x0a, 12_000) + 1); // about 120 rows, whole lines
    const base = buildPreset('invoice_credit_notes', sniff(new Uint8Array(cut))).mapping;
    for (let seed = 200; seed < 212; seed++) {
      const random = rng(seed);
      const bytes = new Uint8Array(cut);
      const start = cut.indexOf(0x0a) + 1; // keep the header
      for (let k = 0; k < 30; k++) bytes[start + Math.floor(random() * (bytes.length - start))] = Math.floor(random() * 256);
      for (const encoding of ['utf-8', 'windows-1252', 'latin-1'] as const) {
        await reset();
        const mapping = { ...base, source: { ...base.source, encoding } };
        const r = await applyMapping(engine(), SQL, { name: `bytes ${seed} ${encoding}`, bytes }, mapping);
        expect(r.error, `${seed} ${encoding}`).toBeUndefined();
        expect(r.rowsRead, `${seed} ${encoding}`).toBe(r.rowsLoaded + r.rowsRejected + r.rowsExcluded + r.rowsMerged);
        expect(r.rowsRead).toBeGreaterThan(0);
      }
    }
  }, 240_000);

  it('canonical files with random damage: the canonical paths give the accounting, reasons and rows of the mapping path', async () => {
    // 60 clean order lines in the canonical columns (and currency), then damaged cells per seed.
    const records: string[][] = [LINES];
    for (let i = 1; i <= 60; i++) {
      records.push([`O${100 + Math.floor(i / 2)}`, String(1 + (i % 2)), `2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`, `SKU-${i % 7}`, String(1 + (i % 4)), `${i}.${i % 100}`, 'EUR']);
    }
    /** One path's outcome, in comparable terms. */
    const outcome = async (text: string, p: ReplacePath) => {
      const file = { name: 'order_lines.csv', bytes: new TextEncoder().encode(text), format: 'csv' as const, table: 'order_lines' as const, header: LINES, encoding: 'utf-8' as const };
      expect(identityMapping(file).targets[0]!.columns).toHaveProperty('unit_price');
      const result = await replaceVia(db.runner(), batchFiles({ files: [file] }, p), p);
      const [r] = result.reports;
      expect(r!.rowsRead, p).toBe(r!.rowsLoaded + r!.rowsRejected + r!.rowsExcluded + r!.rowsMerged);
      return {
        replaced: result.replaced,
        account: { read: r!.rowsRead, loaded: r!.rowsLoaded, rejected: r!.rowsRejected, excluded: r!.rowsExcluded, warned: r!.rowsWarned },
        issues: await issuesAfter(db.runner(), result),
        rows: result.replaced ? await engine().query('SELECT * FROM order_lines ORDER BY order_id, line_id') : [],
      };
    };
    const clean = await outcome(toCsv(records, ',', () => 0), 'canonical');
    expect(clean.account).toEqual({ read: 60, loaded: 60, rejected: 0, excluded: 0, warned: 0 });
    let rejectedSomewhere = 0;
    for (let seed = 300; seed < 312; seed++) {
      const random = rng(seed);
      const text = toCsv(corrupt(records, random, 5 + Math.floor(random() * 25)), ',', random);
      const mapped = await outcome(text, 'mapping');
      rejectedSomewhere += mapped.account.rejected;
      expect.soft(await outcome(text, 'canonical'), `seed ${seed}: canonical = mapping`).toEqual(mapped);
    }
    expect(rejectedSomewhere).toBeGreaterThan(0);
  }, 240_000);
});
