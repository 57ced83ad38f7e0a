import type { Row } from '../engine/types';

/**
 * A fingerprint of a model's result that must be equal in the browser and on native DuckDB.
 * Each row is serialized cell by cell, the rows sorted (result order is not part of the
 * answer), then hashed (SHA-256, Web Crypto: the same code runs in Node and in the page).
 *
 * Doubles: two engines may add the same doubles in a different order (threads, hash table
 * layout), which changes the last bits: 47.00915625 vs 47.00915625000001, or 0 vs 1.4e-14 after
 * a subtraction that cancels (excess units of a supplier that is its category's only one: 7e-10
 * on one thread, 2.4e-9 on two, from units in the thousands). The hash therefore rounds numbers
 * to 6 significant digits (and |x| < 1e-6 to 0: far below any figure shown); when two hashes
 * still differ, `sameResult` compares the full-precision cells (kept for results up to
 * MAX_CELL_ROWS rows) within 1e-9 relative, or 1e-6 absolute.
 */
export interface ResultChecksum {
  rows: number;
  columns: string[];
  /** SHA-256 (hex, first 16 chars) of the sorted rows (numbers at 6 significant digits), with the column names. */
  hash: string;
  /** One hash per column (its values sorted): tells which column differs when `hash` does. */
  columnHashes: Record<string, string>;
  /** Full-precision cells, rows in hash order (in memory only; not written to results.json). */
  cells?: string[][];
}

export const MAX_CELL_ROWS = 20_000;
const TOLERANCE = 1e-9;
/** What a cancellation leaves of a zero: below it a number counts as 0. */
const ZERO = 1e-6;

function numberText(v: number, exact: boolean): string {
  if (!Number.isFinite(v)) return String(v);
  if (exact) return String(v);
  if (Math.abs(v) < ZERO) return '0';
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

export function cellText(v: unknown, exact = false): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return numberText(v, exact);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? numberText(x, exact) : typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

async function sha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Code-unit order, identical in every JS engine (localeCompare is not). */
const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export async function checksumRows(rows: Row[], fallbackColumns: string[] = []): Promise<ResultChecksum> {
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : fallbackColumns;
  const keyed = rows.map((r) => {
    const cells = columns.map((c) => cellText(r[c]));
    return { key: cells.join('\u001f'), cells, exact: rows.length <= MAX_CELL_ROWS ? columns.map((c) => cellText(r[c], true)) : null };
  });
  keyed.sort((a, b) => byText(a.key, b.key));
  const hash = await sha256(`${columns.join('\u001f')}\n${keyed.map((k) => k.key).join('\n')}`);
  const columnHashes: Record<string, string> = {};
  for (let i = 0; i < columns.length; i++) {
    columnHashes[columns[i]!] = await sha256(keyed.map((k) => k.cells[i]!).sort(byText).join('\n'));
  }
  const cells = rows.length <= MAX_CELL_ROWS ? keyed.map((k) => k.exact!) : undefined;
  return { rows: rows.length, columns, hash, columnHashes, cells };
}

/** Equal results: same hash, or the same cells within the tolerance. `detail` says where they differ. */
export function sameResult(a: ResultChecksum, b: ResultChecksum): { same: boolean; tolerant: boolean; detail?: string } {
  if (a.hash === b.hash) return { same: true, tolerant: false };
  if (a.columns.join() !== b.columns.join()) return { same: false, tolerant: false, detail: `columns ${a.columns.join(',')} vs ${b.columns.join(',')}` };
  if (a.rows !== b.rows) return { same: false, tolerant: false, detail: `${a.rows} vs ${b.rows} rows` };
  const cols = a.columns.filter((c) => a.columnHashes[c] !== b.columnHashes[c]);
  if (!a.cells || !b.cells) return { same: false, tolerant: false, detail: `columns ${cols.join(', ')} (too many rows to compare cells)` };
  for (let r = 0; r < a.cells.length; r++) {
    for (let c = 0; c < a.columns.length; c++) {
      const x = a.cells[r]![c]!;
      const y = b.cells[r]![c]!;
      if (x === y) continue;
      const nx = Number(x);
      const ny = Number(y);
      const close = x !== '\\N' && y !== '\\N' && Number.isFinite(nx) && Number.isFinite(ny) && (Math.abs(nx - ny) <= TOLERANCE * Math.max(1, Math.abs(nx), Math.abs(ny)) || (Math.abs(nx) < ZERO && Math.abs(ny) < ZERO));
      if (!close) return { same: false, tolerant: false, detail: `columns ${cols.join(', ')}; first difference: row ${r + 1} ${a.columns[c]} = ${x} vs ${y}` };
    }
  }
  return { same: true, tolerant: true };
}

/** Per SQL file, a short hash: the browser's bundled copy must equal the file on disk. */
export async function sourcesDigest(sources: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(sources).sort(byText)) if (!k.startsWith('import/')) out[k] = await sha256(sources[k]!);
  return out;
}

/** Row count and an order-free hash of every row of a table (DuckDB's hash, summed exactly). */
export function tableFingerprintSQL(table: string): string {
  return `SELECT count(*) AS n, CAST(coalesce(sum(hash(t)::HUGEINT), 0) AS VARCHAR) AS h FROM ${table} t`;
}
