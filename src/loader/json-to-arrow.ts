import { csvCell } from '../data-model/csv-text';
import { JsonNumber, jsonText, parseJsonValues, type JsonValue } from './json-text';

/**
 * JSON has no reader in DuckDB-WASM without the json extension (which would be downloaded),
 * so records are read here into text columns; the loader's casts do the typing. Accepts an
 * array of objects, a {"data": [...]} style wrapper and newline-delimited JSON. Numbers keep
 * the text they were written with (see json-text.ts), and nothing is compiled at run time:
 * the page's CSP forbids code evaluation, which Arrow's builders (tableFromArrays) use.
 */

/** Column names in first-seen order, and each record's cell texts (null: missing or JSON null). */
interface TextColumns {
  names: string[];
  columns: (string | null)[][];
  rows: number;
}

/** The records of a JSON file as CSV text, as arrow-to-csv writes it (null empty, an empty text quoted). */
export function jsonToCsv(bytes: Uint8Array): string {
  const { names, columns, rows } = jsonColumns(bytes);
  const out: string[] = new Array(rows + 1);
  out[0] = names.map(cellText).join(',');
  const cells: string[] = new Array(names.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < names.length; c++) {
      const v = columns[c]![r];
      cells[c] = v === null || v === undefined ? '' : cellText(v);
    }
    out[r + 1] = cells.join(',');
  }
  return out.join('\n') + '\n';
}

function jsonColumns(bytes: Uint8Array): TextColumns {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const records = recordsOf(parseJsonValues(text));
  const index = new Map<string, number>();
  const names: string[] = [];
  const columns: (string | null)[][] = [];
  records.forEach((value, r) => {
    const rec = value instanceof Map ? value : new Map([['value', value]]);
    for (const [key, v] of rec) {
      let c = index.get(key);
      if (c === undefined) {
        c = names.length;
        index.set(key, c);
        names.push(key);
        columns.push(new Array<string | null>(records.length).fill(null));
      }
      columns[c]![r] = cellOf(v);
    }
  });
  return { names, columns, rows: records.length };
}

/** One document: its list of records (or the one record); several values: one record each (NDJSON). */
function recordsOf(values: JsonValue[]): JsonValue[] {
  if (values.length !== 1) return values;
  const doc = values[0]!;
  if (Array.isArray(doc)) return doc;
  if (!(doc instanceof Map)) return [doc];
  // A wrapper like {"data": [...]}: exactly one array of records, or we would silently load
  // one list and drop the others.
  const lists = [...doc].filter(([, v]) => Array.isArray(v));
  if (lists.length > 1) {
    throw new Error(`the JSON object holds several lists (${lists.map(([k]) => k).join(', ')}); export one list of records`);
  }
  return lists.length === 1 ? (lists[0]![1] as JsonValue[]) : [doc];
}

function cellOf(v: JsonValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (v instanceof JsonNumber) return v.text;
  return typeof v === 'boolean' ? String(v) : jsonText(v);
}

/** An empty text is quoted: a record of one empty cell would otherwise be a blank line, which readers skip. */
function cellText(s: string): string {
  return s === '' ? '""' : csvCell(s);
}
