import { ASSUMPTIONS } from '../data-model/assumptions';
import { CURRENCY_SETTINGS_DDL } from '../data-model/currency';
import type { Engine } from '../engine/types';

/** Writes the assumptions table: the defaults (data-model/assumptions.ts) overridden by `values`. */
export async function writeAssumptions(engine: Engine, values: Record<string, number>): Promise<void> {
  await engine.exec(
    'CREATE OR REPLACE TABLE assumptions (key VARCHAR PRIMARY KEY, value DOUBLE NOT NULL, unit VARCHAR, description VARCHAR)',
  );
  const rows = ASSUMPTIONS.map((a) => {
    const v = values[a.key];
    return [a.key, typeof v === 'number' && Number.isFinite(v) ? v : a.value, a.unit, a.description];
  });
  await engine.query(`INSERT INTO assumptions VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`, rows.flat());
}

/** Writes the currency_settings table from rows already checked by currencySettingRows. */
export async function writeCurrencySettings(engine: Engine, rows: readonly [string, boolean, number | null][]): Promise<void> {
  await engine.exec(CURRENCY_SETTINGS_DDL);
  if (rows.length > 0) {
    await engine.query(`INSERT INTO currency_settings VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}`, rows.flat());
  }
}
