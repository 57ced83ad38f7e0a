import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importCheck } from '../../src/cli/analyze';
import { EXIT } from '../../src/cli/errors';
import { main } from '../../src/cli/main';
import { MappingError, parseMapping, validateMapping } from '../../src/loader/import/spec/validate';
import { FLAT_HEADER, FLAT_RETURNS_CSV, flatOrdersCsv } from '../helpers/flat-export';

/**
 * `import-check --out` writes a complete mapping: every column of the file once, used (by
 * what) or ignored (why), and each open question with how to answer it in the file. The file
 * loads back as it is (`analyze --mapping`) with the figures of the detected preset, and an
 * unanswered date question refuses to load with the question in the message.
 */

describe('import-check --out writes the whole picture', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-mapping-doc-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const silent = (): string[] => [];

  it('lists every column of a flat export once, and the file loads back with the same kpis', async () => {
    const data = path.join(tmp, 'flat');
    mkdirSync(data);
    writeFileSync(path.join(data, 'Orders.csv'), flatOrdersCsv());
    writeFileSync(path.join(data, 'Returns.csv'), FLAT_RETURNS_CSV);
    const out = path.join(tmp, 'orders.mapping.json');
    const lines = silent();
    expect(await importCheck(path.join(data, 'Orders.csv'), ['--out', out], (l) => lines.push(l))).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.questions).toBeUndefined();
    const header = FLAT_HEADER.split(',');
    expect(doc.sourceColumns.map((c: { column: string }) => c.column)).toEqual(header);
    const byName = Object.fromEntries(doc.sourceColumns.map((c: { column: string }) => [c.column, c]));
    // Sales is a line total: unit price = Sales ÷ Quantity; Country holds one value; no canonical column takes a customer's name.
    expect(byName.Sales).toEqual({ column: 'Sales', use: 'used', by: ['order_lines.unit_price'] });
    expect(byName['Order ID'].by).toContain('order_lines.order_id');
    expect(byName.Country).toEqual({ column: 'Country', use: 'ignored', why: 'one value on every sampled row ("United States")' });
    expect(byName['Customer Name']).toEqual({ column: 'Customer Name', use: 'ignored', why: 'no column of the data contract is taken from it' });
    expect(byName.Quantity.by).toEqual(['order_lines.quantity', 'order_lines.unit_price']);
    // Every column either names what reads it or why nothing does.
    for (const c of doc.sourceColumns) expect(c.use === 'used' ? c.by.length > 0 : c.why.length > 0, c.column).toBe(true);

    const detected = path.join(tmp, 'detected');
    const mapped = path.join(tmp, 'mapped');
    expect(await main(['analyze', data, '--out', detected, '--quiet'])).toBe(EXIT.ok);
    expect(await main(['analyze', data, '--out', mapped, '--mapping', out, '--quiet'])).toBe(EXIT.ok);
    const kpis = (dir: string) => readFileSync(path.join(dir, 'kpis.csv'), 'utf8');
    expect(kpis(mapped)).toBe(kpis(detected));
    // Not vacuous: 10 orders, 89 units sold, 16 returned (the flat export's hand-worked figures).
    const [names, values] = kpis(mapped).trim().split('\n').map((l) => l.split(','));
    const k = Object.fromEntries(names!.map((n, i) => [n, values![i]]));
    expect([k.orders, k.units_sold, k.units_returned]).toEqual(['10', '89', '16']);
    const summary = JSON.parse(readFileSync(path.join(mapped, 'summary.json'), 'utf8'));
    expect(summary.imports[0].file).toBe('Orders.csv');
    // 25 lines; 6 products (19 repeated rows merged); 10 orders shipped (15 repeated).
    expect(summary.imports[0].tables.map((t: Record<string, unknown>) => [t.table, t.rowsRead, t.rowsLoaded, t.rowsMerged, t.rowsRejected, t.rowsExcluded])).toEqual([
      ['order_lines', 25, 25, 0, 0, 0], ['products', 25, 6, 19, 0, 0], ['shipments', 25, 10, 15, 0, 0],
    ]);
  }, 180_000);

  it('writes an open question with how to answer it; unanswered, the file refuses to load and says the question', async () => {
    const data = path.join(tmp, 'fba');
    mkdirSync(data);
    const file = path.join(data, 'fba.tsv');
    writeFileSync(file, 'return-date\tamazon-order-id\tsku\tquantity\treason\tfnsku\tdetailed-disposition\tlicense-plate-number\n05-06-2025\t503-1\tK\t1\tDEFECTIVE\tX1\tSELLABLE\tL1\n11-12-2025\t503-2\tK\t1\tDEFECTIVE\tX1\tDAMAGED\tL2\n');
    const out = path.join(tmp, 'fba.json');
    expect(await importCheck(file, ['--out', out], () => {})).toBe(1);
    const text = readFileSync(out, 'utf8');
    const doc = JSON.parse(text);
    const at = 'targets[0].columns.received_at.transform.format';
    expect(doc.questions).toEqual([{
      at,
      ask: '"return-date" holds dates like 05-06-2025 that read as day-month-year or as month-day-year; Amazon documents day-month-year. Which is it?',
      answer: `Write one of the choices at ${at}, in place of null (suggested: %d-%m-%Y); the mapping does not load until then.`,
      choices: ['%d-%m-%Y', '%m-%d-%Y'],
    }]);
    expect(doc.sourceColumns.map((c: { column: string }) => c.column)).toEqual(
      ['return-date', 'amazon-order-id', 'sku', 'quantity', 'reason', 'fnsku', 'detailed-disposition', 'license-plate-number'],
    );
    // Unanswered: refused with the question, by the parser and by analyze --mapping.
    expect(() => parseMapping(text)).toThrow(MappingError);
    expect(() => parseMapping(text)).toThrow(`${at}: open question: ${doc.questions[0].ask}`);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['analyze', data, '--out', path.join(tmp, 'fba-out'), '--mapping', out, '--quiet'])).toBe(2);
    expect(String(err.mock.calls[0]![0])).toContain('Amazon documents day-month-year. Which is it?');
    err.mockRestore();
    // Answered in the file (the question may stay): it loads; the trial load takes both rows.
    doc.targets[0].columns.received_at.transform.format = doc.questions[0].choices[0];
    expect(validateMapping(doc).ok).toBe(true);
    writeFileSync(out, JSON.stringify(doc));
    const lines = silent();
    expect(await importCheck(file, ['--mapping', out], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('2 of 2 rows loaded');
  }, 180_000);
});
