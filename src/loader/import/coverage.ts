import type { Engine } from '../../engine/types';
import type { ImportSql } from './apply';

/** One join check over the loaded canonical tables (queries/import/coverage.sql). */
export interface CoverageRow {
  table: string;
  check: string;
  description: string;
  /** Rows the check applies to. */
  total: number;
  /** Of those, rows that found what they look for (their order, their product ...). */
  found: number;
}

/**
 * How the loaded tables find each other after several sources were imported: returns to
 * their orders and products, returns without an order id to sales of their SKU (and region)
 * before the return, SKUs sold to products, shipments and reviews to orders and products.
 */
export async function joinCoverage(engine: Engine, sql: ImportSql): Promise<CoverageRow[]> {
  const rows = await engine.query(sql['import/coverage']);
  return rows.map((r) => ({
    table: String(r.table_name), check: String(r.check_name), description: String(r.description),
    total: Number(r.total), found: Number(r.found),
  }));
}
