/**
 * How every CSV this project writes spells a cell: the app's exports, the CLI's output, the
 * generator's files and the loader's Parquet/JSON → CSV detour. One place, so a value written
 * by one reads back the same through the others. (Export-only rules, such as neutralising
 * spreadsheet formulas, stay with the export.)
 */

const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled. */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A date at midnight UTC as 2024-01-31, any other instant as 2024-01-31 12:30:00(.123), UTC. */
export function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$/, '').replace('Z', '');
}
