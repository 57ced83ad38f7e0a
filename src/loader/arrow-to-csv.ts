import { DataType, tableFromIPC } from 'apache-arrow';

/**
 * Arrow IPC → CSV text, so Parquet and JSON go through the same all-text staging as CSV.
 * (DuckDB-WASM's Arrow insert silently creates no table in the Node build we test with, and
 * staging is all-text anyway, so nothing is lost by the detour.)
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
  if (DataType.isDate(type) || DataType.isTimestamp(type)) {
    return (v) => {
      const d = v instanceof Date ? v : new Date(Number(v));
      const iso = d.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('T', ' ').replace('Z', '');
    };
  }
  return (v) => (typeof v === 'object' ? JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)) : String(v));
}

function quote(s: string): string {
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}
