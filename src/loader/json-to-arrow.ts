import { tableFromArrays, tableToIPC } from 'apache-arrow';

/**
 * JSON has no reader in DuckDB-WASM without the json extension (which would be downloaded),
 * so records are parsed here into all-text Arrow columns; the loader's casts do the typing.
 * Accepts an array of objects, {"data": [...]} style wrappers and newline-delimited JSON.
 */
export function jsonToArrowIPC(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const records = parseRecords(text);
  const columns = new Map<string, (string | null)[]>();
  records.forEach((rec, i) => {
    for (const key of Object.keys(rec)) {
      if (!columns.has(key)) columns.set(key, new Array<string | null>(records.length).fill(null));
    }
    for (const [key, col] of columns) {
      const v = rec[key];
      col[i] = v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  });
  const arrays: Record<string, string[]> = {};
  for (const [k, v] of columns) arrays[k] = v as string[];
  return tableToIPC(tableFromArrays(arrays), 'stream');
}

function parseRecords(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let parsed: unknown;
    let single = true;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      single = false; // not one JSON document: read it as newline-delimited below
    }
    if (single) {
      if (Array.isArray(parsed)) return parsed.map(asRecord);
      if (parsed && typeof parsed === 'object') {
        // A wrapper like {"data": [...]}: exactly one array of records, or we would silently
        // load one list and drop the others.
        const arrays = Object.entries(parsed).filter(([, v]) => Array.isArray(v));
        if (arrays.length > 1) {
          throw new Error(`the JSON object holds several lists (${arrays.map(([k]) => k).join(', ')}); export one list of records`);
        }
        return arrays.length === 1 ? (arrays[0]![1] as unknown[]).map(asRecord) : [asRecord(parsed)];
      }
    }
  }
  return trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      try {
        return asRecord(JSON.parse(line));
      } catch {
        throw new Error(`JSON line ${i + 1} is not valid JSON`);
      }
    });
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}
