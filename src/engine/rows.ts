import { DataType, type Table } from 'apache-arrow';
import type { Row } from './types';

/**
 * The single place Arrow results become plain rows, so React, tests and the CSV writer
 * never see BigInt, Arrow vectors or epoch numbers that are really dates.
 */
export function arrowToRows(table: Table): Row[] {
  const fields = table.schema.fields;
  const convert = fields.map((f) => converterFor(f.type));
  const columns = fields.map((_, i) => table.getChildAt(i));
  const rows: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      const v = columns[c]?.get(r);
      row[fields[c]!.name] = v === null || v === undefined ? null : convert[c]!(v);
    }
    rows[r] = row;
  }
  return rows;
}

function converterFor(type: DataType): (v: unknown) => unknown {
  if (DataType.isDate(type) || DataType.isTimestamp(type)) {
    return (v) => (v instanceof Date ? v : new Date(Number(v)));
  }
  if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) {
    return (v) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v));
  }
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    return (v) => Array.from(v as Iterable<unknown>, (x) => (typeof x === 'bigint' ? Number(x) : x));
  }
  if (DataType.isStruct(type) || DataType.isMap(type)) {
    return (v) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
  }
  return (v) => v;
}
