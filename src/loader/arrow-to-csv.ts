import { DataType, tableFromIPC } from 'apache-arrow';
import { csvCell, dateText } from '../data-model/csv-text';

/**
 * Arrow IPC → CSV text, so Parquet and JSON go through the same all-text staging as CSV where
 * DuckDB cannot take Arrow data: its Node build (tests, the CLI's default engine) silently
 * creates no table from it. The page and native DuckDB stage Parquet's typed values directly
 * (src/engine/typed-cells.ts), spelled as this text spells them.
 */
export function arrowIPCToCsv(ipc: Uint8Array): string {
  const table = tableFromIPC(ipc);
  const fields = table.schema.fields;
  const cols = fields.map((_, i) => table.getChildAt(i));
  const fmt = fields.map((f) => formatter(f.type));
  const out: string[] = [fields.map((f) => quote(f.name)).join(',')];
  for (let r = 0; r < table.numRows; r++) {
    const cells: string[] = new Array(fields.length);
    for (let c = 0; c < fields.length; c++) {
      const v = cols[c]?.get(r);
      cells[c] = v === null || v === undefined ? '' : quote(fmt[c]!(v));
    }
    out.push(cells.join(','));
  }
  return out.join('\n') + '\n';
}

function formatter(type: DataType): (v: unknown) => string {
  if (DataType.isDate(type) || DataType.isTimestamp(type)) return (v) => dateText(v instanceof Date ? v : new Date(Number(v)));
  // A DECIMAL(p, s) value is its unscaled integer (a big number): written with its decimal point, exactly.
  if (DataType.isDecimal(type)) return (v) => decimalText(String(v), type.scale);
  return (v) => (typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) : String(v));
}

/** "-12345" with scale 2 → "-123.45"; scale 0 → as it is. */
export function decimalText(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const neg = unscaled.startsWith('-');
  const digits = (neg ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** An empty text is quoted: a record of one empty cell would otherwise be a blank line, which readers skip. */
function quote(s: string): string {
  return s === '' ? '""' : csvCell(s);
}
