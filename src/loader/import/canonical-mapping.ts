import { CONTRACT, type CanonicalTable } from '../../data-model/contract';
import { DEFAULT_SOURCE, MAPPING_VERSION, type MappingSpec, type SourceFormat, type ValueSource } from './spec';

/**
 * A canonical file (named after its table, columns named as in the data contract) is the
 * identity mapping: each contract column read from the file's column of the same name
 * (trimmed, any case; the first of a repeated name), with the default reader of its type. So
 * a canonical file goes through exactly the steps, row checks and reason texts of any mapped
 * export; nothing about it is decided elsewhere.
 */

/** How a canonical file is written: CSV or TSV with a header, double quotes; the encoding is detected. */
export function canonicalSource(format: 'csv' | 'tsv' | 'parquet' | 'json', encoding: SourceFormat['encoding']): SourceFormat {
  return { ...DEFAULT_SOURCE, encoding, delimiter: format === 'tsv' ? '\t' : ',' };
}

export interface CanonicalMapping {
  mapping: MappingSpec;
  /** Columns of the file the contract does not know (ignored). */
  ignoredColumns: string[];
}

/** The identity mapping of `table` for a file with this header, or why the file cannot be one. */
export function canonicalMapping(table: CanonicalTable, header: readonly string[], source: SourceFormat): CanonicalMapping | { error: string } {
  const spec = CONTRACT[table];
  const byName = new Map<string, string>();
  for (const h of header) {
    const k = h.trim().toLowerCase();
    if (!byName.has(k)) byName.set(k, h);
  }
  const columns: Partial<Record<string, ValueSource>> = {};
  for (const col of spec.columns) {
    const found = byName.get(col.name);
    if (found !== undefined) columns[col.name] = { column: found };
  }
  const missing = spec.columns.filter((c) => c.required && columns[c.name] === undefined).map((c) => c.name);
  if (missing.length > 0) {
    return { error: `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` };
  }
  const used = new Set(Object.values(columns).map((v) => (v && 'column' in v ? v.column : '')));
  return {
    mapping: { version: MAPPING_VERSION, name: `${table} (canonical)`, source, targets: [{ table, columns }] },
    // Header-less cells are named column<k> by the reader: not a column the user wrote.
    ignoredColumns: header.filter((h) => !used.has(h) && !/^column\d+$/.test(h)),
  };
}
