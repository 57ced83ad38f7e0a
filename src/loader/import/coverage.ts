import type { Engine } from '../../engine/types';
import { bindNamed } from '../../runner/bind-params';
import type { ImportSql } from './apply';

/** One row of join_coverage (queries/join_coverage.sql), the columns the app reads. */
export interface JoinCoverage {
  join_name: string;
  description: string;
  unit: string;
  /** Items counted. */
  total: number;
  /** Of those, items carrying the key (NULL keys do not). */
  with_key: number;
  /** Of those, items whose key is found. */
  matched: number;
  unmatched: number;
  coverage: number | null;
  target_rows: number;
  example_unmatched: string | null;
}

/** A row of join_coverage with checks = all: which table's items it counts too. */
export interface CoverageRow extends JoinCoverage {
  table_name: string;
}

/**
 * How the loaded tables find each other after several sources were imported: returns to
 * their orders and products, returns without an order id to sales of their SKU (and region)
 * before the return, SKUs sold to products, shipments and reviews to orders and products.
 */
export async function joinCoverage(engine: Engine, sql: ImportSql): Promise<CoverageRow[]> {
  const bound = bindNamed(sql.join_coverage, { checks: 'all' });
  const rows = await engine.query(bound.sql, bound.params);
  return rows.map((r) => ({
    join_name: String(r.join_name), table_name: String(r.table_name), description: String(r.description), unit: String(r.unit),
    total: Number(r.total), with_key: Number(r.with_key), matched: Number(r.matched), unmatched: Number(r.unmatched),
    coverage: r.coverage === null ? null : Number(r.coverage), target_rows: Number(r.target_rows),
    example_unmatched: r.example_unmatched === null ? null : String(r.example_unmatched),
  }));
}
