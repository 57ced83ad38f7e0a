import { execInTransaction } from './transaction';
import type { Engine } from './types';

/**
 * Replaces the rows of `tables` in the engine's main schema by those of the attached database
 * `alias` (same table names, the same columns), in one transaction: if any copy fails, the
 * tables stay as they were.
 */
export async function copyTablesFromAttached(target: Engine, alias: string, tables: readonly string[]): Promise<void> {
  const copy = tables.map((t) => `DELETE FROM main.${t}; INSERT INTO main.${t} BY NAME SELECT * FROM ${alias}.${t};`).join('\n');
  await execInTransaction(target, copy);
}
