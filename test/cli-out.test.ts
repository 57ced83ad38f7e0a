import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { parseCsv, readCsvObjects } from './helpers/csv';

/**
 * What the CLI leaves in --out. Regressions: files of an earlier run stayed beside the new
 * ones in a reused --out; model CSVs were not formula-neutralised (a SKU =HYPERLINK(...) went
 * out as is, while the page's exports and rejected_rows.csv were neutralised).
 */

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, 'data/demo');
const EVIL_SKU = '=HYPERLINK("x")';

describe('returns-insight analyze: the --out folder', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-cli-out-'));
  const data = path.join(tmp, 'data');
  const out = path.join(tmp, 'out');
  let firstRun: string[];
  let summary: { complete: boolean; files: string[]; models: { file: string; status: string }[] };

  beforeAll(async () => {
    mkdirSync(data);
    for (const f of readdirSync(DEMO)) if (f.endsWith('.csv')) copyFileSync(path.join(DEMO, f), path.join(data, f));
    // One more order line whose SKU a spreadsheet would run as a formula, and its product.
    appendFileSync(path.join(data, 'order_lines.csv'), `ORD-EVIL,1,2024-06-01,"${EVIL_SKU.replace(/"/g, '""')}",2,10,EUR,web,C-EVIL,DE\n`);
    appendFileSync(path.join(data, 'products.csv'), `"${EVIL_SKU.replace(/"/g, '""')}",Evil,apparel,Acme Textiles,4,APP-G0001,M,Blue\n`);
    expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(0);
    firstRun = readdirSync(out).sort();
    // A reused --out: a model file an earlier version wrote (listed in its summary, the
    // model is gone now), and the user's own files beside the outputs.
    const earlier = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    earlier.files.push('return_rate_by.brand.csv');
    writeFileSync(path.join(out, 'summary.json'), JSON.stringify(earlier));
    writeFileSync(path.join(out, 'return_rate_by.brand.csv'), 'dim_value\nold\n');
    writeFileSync(path.join(out, 'my notes.txt'), 'mine\n');
    writeFileSync(path.join(out, 'kpis_last_year.csv'), 'mine too\n');
    expect(await main(['analyze', data, '--out', out, '--quiet'])).toBe(0);
    summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  }, 240_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('removes the earlier run\'s files, keeps the user\'s own', () => {
    const files = readdirSync(out).sort();
    expect(files).not.toContain('return_rate_by.brand.csv');
    expect(files).toContain('my notes.txt');
    expect(files).toContain('kpis_last_year.csv');
    expect(readFileSync(path.join(out, 'kpis_last_year.csv'), 'utf8')).toBe('mine too\n');
    // Everything else is exactly what one run writes, and what summary.json lists.
    expect(files.filter((f) => f !== 'my notes.txt' && f !== 'kpis_last_year.csv')).toEqual(firstRun);
    expect([...summary.files].sort()).toEqual(firstRun);
    expect(summary.complete).toBe(true);
    for (const m of summary.models) if (m.status === 'ok') expect(summary.files).toContain(m.file);
  });

  it('cleans an --out written before summary.json listed its files (by the models it names)', async () => {
    const legacy = path.join(tmp, 'legacy-out');
    mkdirSync(legacy);
    writeFileSync(path.join(legacy, 'summary.json'), JSON.stringify({ input: data, loads: [], models: [{ file: 'old_model.csv', status: 'ok' }, { file: 'gone.csv', status: 'needs_columns' }] }));
    writeFileSync(path.join(legacy, 'old_model.csv'), 'x\n1\n');
    writeFileSync(path.join(legacy, 'gone.csv'), 'a file the old run did not write\n');
    writeFileSync(path.join(legacy, 'mine.csv'), 'y\n');
    expect(await main(['analyze', data, '--out', legacy, '--quiet'])).toBe(0);
    const files = readdirSync(legacy);
    expect(files).not.toContain('old_model.csv');
    expect(files).toContain('gone.csv');
    expect(files).toContain('mine.csv');
  }, 120_000);

  it('neutralises the formula SKU in the model CSVs, as in rejected_rows.csv and the page\'s exports', () => {
    const bySku = readCsvObjects(readFileSync(path.join(out, 'return_rate_by.sku.csv'), 'utf8'));
    const row = bySku.find((r) => r.dim_value!.includes('HYPERLINK'));
    expect(row?.dim_value).toBe(`'${EVIL_SKU}`);
    expect(Number(row!.units_sold)).toBe(2);
    // No cell of any CSV starts with a formula character unless it is a number.
    for (const f of summary.files.filter((x) => x.endsWith('.csv'))) {
      for (const line of parseCsv(readFileSync(path.join(out, f), 'utf8')).slice(1)) {
        for (const cell of line) {
          if (/^[=+\-@\t\r]/.test(cell)) expect(Number.isFinite(Number(cell)), `${f}: ${cell}`).toBe(true);
        }
      }
    }
  });

  it('writes negative numbers as numbers, without the quote', () => {
    const negatives: string[] = [];
    for (const f of summary.files.filter((x) => x.endsWith('.csv'))) {
      const cells = parseCsv(readFileSync(path.join(out, f), 'utf8')).slice(1).flat();
      negatives.push(...cells.filter((c) => /^-\d/.test(c)));
      expect(cells.filter((c) => /^'[-+]?\d/.test(c)), f).toEqual([]);
    }
    // The demo data gives negative numbers (falling rates, deltas): there is something to check.
    expect(negatives.length).toBeGreaterThan(0);
  });
});
