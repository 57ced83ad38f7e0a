import { CANONICAL_TABLES, type CanonicalTable } from '../data-model/contract';

export type FileFormat = 'csv' | 'tsv' | 'parquet' | 'json';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

/** Format from the file extension; null when we cannot read it. */
export function formatOf(fileName: string): FileFormat | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  if (ext === 'parquet' || ext === 'pq') return 'parquet';
  if (ext === 'json' || ext === 'ndjson' || ext === 'jsonl') return 'json';
  return null;
}

/** Canonical files are named after their table: `returns.csv`, `order_lines.parquet` ... */
export function canonicalTableOf(fileName: string): CanonicalTable | null {
  const base = fileName.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '').toLowerCase();
  return (CANONICAL_TABLES as readonly string[]).includes(base) ? (base as CanonicalTable) : null;
}
