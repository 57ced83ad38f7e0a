import { describe, expect, it } from 'vitest';
import { useEngine } from '../helpers/engine';
import { buildCases } from './bad-rows.cases';
import { expectCase, expectSamePaths, type PathResult } from './bad-rows.expect';
import { runCliPath, runReplacePath, type ReplacePath } from './bad-rows.paths';

/**
 * Issue 13, "Done when": every bad-rows class, in every format it applies to, through the
 * canonical path and the identity mapping (both replaceData),
 * and for some through the CLI: each path must give the case's accounting, reasons and
 * totals, and all paths the same (full reason texts included). Cases: bad-rows.cases.ts.
 */

const CASES = await buildCases();
const PATHS: ReplacePath[] = ['canonical', 'mapping'];

describe('bad rows: one set of checks on every path', () => {
  const db = useEngine();

  it('has a row for every class the table covers, in every format it applies to', () => {
    const byClass = new Map<number, string[]>();
    for (const c of CASES) byClass.set(c.klass, [...(byClass.get(c.klass) ?? []), c.format]);
    expect(Object.fromEntries([...byClass].map(([k, f]) => [k, [...new Set(f)].sort()]))).toEqual({
      1: ['csv', 'json', 'parquet', 'tsv'], 2: ['csv', 'json', 'parquet', 'tsv'], 3: ['csv', 'json', 'parquet', 'tsv'],
      4: ['csv', 'tsv'], 5: ['csv', 'json', 'parquet', 'tsv'], 6: ['csv', 'json', 'parquet', 'tsv'], 7: ['csv', 'tsv'],
      10: ['json', 'parquet'], 11: ['csv', 'json'],
    });
  });

  for (const c of CASES) {
    describe(c.id, () => {
      const results: PathResult[] = [];
      for (const p of PATHS) {
        it(p, async () => {
          const got = await runReplacePath(db.runner(), c, p);
          results.push(got);
          expectCase(got, c);
        }, 60_000);
      }
      if (c.cli) {
        it('cli', async () => {
          const got = await runCliPath(c);
          results.push(got);
          // Refused without --allow-partial: a non-zero exit; a usable batch: 0.
          if (!c.allowPartial) expect.soft(got.exitCode === 0, `${c.id} [cli]: exit code ${got.exitCode}`).toBe(c.expect.replaced);
          expectCase(got, c);
        }, 120_000);
      }
      it('every path says the same', () => {
        expect(results.map((r) => r.path), 'every path ran').toEqual([...PATHS, ...(c.cli ? ['cli'] : [])]);
        expectSamePaths(results, c);
      });
    });
  }
});
