import type { ColumnSpec } from '../data-model/contract';
import { DEFAULT_FALSE_WORDS, DEFAULT_TRUE_WORDS } from './import/spec';

/**
 * How a canonical column's text becomes its type (`v`: the trimmed cell, NULL when empty).
 * A value that does not convert is NULL, which the loader reports as a bad value.
 */
export function castExpr(v: string, col: Pick<ColumnSpec, 'type'>): string {
  if (col.type === 'VARCHAR') return v;
  if (col.type === 'BOOLEAN') {
    // The same spellings as the import mappings' default (the words are constants, not input).
    const when = (words: string[], value: boolean) => words.map((w) => `WHEN '${w}' THEN ${value}`).join(' ');
    return `CASE lower(${v}) ${when(DEFAULT_TRUE_WORDS, true)} ${when(DEFAULT_FALSE_WORDS, false)} END`;
  }
  if (col.type === 'INTEGER') return `TRY_CAST(${v} AS INTEGER)`;
  if (col.type === 'DATE') return `TRY_CAST(TRY_CAST(${v} AS TIMESTAMP) AS DATE)`;
  return `TRY_CAST(${v} AS ${col.type})`;
}

/** Reviews only: a rating outside 1-5 is rejected (`rating`: the typed value). */
export const RATING_OUT_OF_RANGE = (rating: string) => `${rating} NOT BETWEEN 1 AND 5`;

/** The instant after which a date is "in the future" (a day of slack for time zones). */
export const FUTURE_AFTER = 'CAST(current_timestamp AS TIMESTAMP) + INTERVAL 1 DAY';
