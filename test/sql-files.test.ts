import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAll, isListing, type ModelOutput } from '../src/cli/analyze';
import { CANONICAL_TABLES, CONTRACT } from '../src/data-model/contract';
import { loadFolder } from '../src/host/node';
import { useEngine } from './helpers/engine';

const ROOT = path.resolve(__dirname, '..');

/**
 * Every SQL file runs on the real engine against the demo data, for every value of its
 * dimension parameter, and returns exactly the columns its header promises (@output).
 */
describe('every model on the demo data', () => {
  const db = useEngine();
  let outputs: ModelOutput[] = [];
  beforeAll(async () => {
    const loads = (await loadFolder(db.runner(), path.join(ROOT, 'data/demo'))).result.reports;
    expect(loads.filter((l) => l.error)).toEqual([]);
    outputs = await analyzeAll(db.runner());
  }, 120_000);

  it('runs every listing (drill-down) model and returns the promised columns', async () => {
    const r = db.runner();
    const listings = r.modelNames.filter((m) => isListing(r.header(m)));
    expect(listings.length).toBeGreaterThanOrEqual(4);
    for (const m of listings) {
      const res = await r.run(m, { limit: 5 });
      expect(res.status, m).toBe('ok');
      // rejected_rows lists load problems, and the demo data loads cleanly.
      if (m !== 'rejected_rows') expect(res.rows.length, m).toBe(5);
      if (res.rows.length > 0) expect(Object.keys(res.rows[0]!), m).toEqual(r.header(m).outputs.map((o) => o.name));
    }
  });

  it('runs every model and returns the promised columns', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(12);
    for (const o of outputs) {
      expect(o.status, o.file).toBe('ok');
      const promised = db.runner().header(o.model).outputs.map((x) => x.name);
      expect(o.columns, `${o.file}: columns vs @output`).toEqual(promised);
      expect(o.rows.length, `${o.file} has rows`).toBeGreaterThan(0);
    }
  });

  it('names in every @missing line an output of its model and contract columns (regression: a figure absent from the data read 0)', () => {
    const r = db.runner();
    const known = new Set(CANONICAL_TABLES.flatMap((t) => CONTRACT[t].columns.map((c) => `${t}.${c.name}`)));
    const lines = r.modelNames.flatMap((m) => r.header(m).missing.map((x) => ({ m, ...x })));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const { m, output, row, columns } of lines) {
      expect(r.header(m).outputs.map((o) => o.name), `${m}: @missing ${output}`).toContain(output);
      if (row) expect(r.header(m).outputs.map((o) => o.name), `${m}: @missing ${output}[${row.column}=...]`).toContain(row.column);
      for (const c of columns) expect(known.has(c), `${m}: @missing ${output} when ${c}`).toBe(true);
    }
  });

  it('documents every model in the README catalogue and every contract column', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const name of db.runner().modelNames) expect(readme, name).toContain(`queries/${name}.sql`);
    for (const t of CANONICAL_TABLES) {
      for (const c of CONTRACT[t].columns) expect(readme, `${t}.${c.name}`).toContain(`| \`${c.name}\` | ${c.type} |`);
    }
  });
});
