import type { Engine } from '../../engine/types';
import { firstLine } from '../error-text';
import { formatOf } from '../file-kinds';
import { convertFor, convertToCsv, readTextFor, releaseInput, type InputText, type ParquetDecoder } from '../read-input';
import { CONVERTED_CSV, type Dialect } from '../stage-delimited';
import type { ImportFile } from './apply-types';
import { bomOf, headerNames, readRecords } from './decode';
import type { SourceFormat } from './spec';

/** A file read for the import engine: its text as UTF-8 and its header (decode; Parquet and JSON converted). */

export interface PreparedText {
  /** UTF-8, LF line ends (Parquet and JSON converted to CSV). */
  bytes: Uint8Array;
  /** Or, with the native engine, the name the text was spooled to on disk. */
  registered?: string;
  /** Or the temp table its cells are staged in already (Parquet in the browser: InputText.cells). */
  cells?: string;
  /** How the text is written: the mapping's source format, or CONVERTED_CSV for Parquet and JSON. */
  dialect: Dialect;
  header: string[];
  /** Source column name → staged column (c1 ...); loose keys (trimmed, lower case) start with \u0000. */
  columnOf: Map<string, string>;
}

/**
 * A file read for staging: its text (only the first maxRecords records when given) and its
 * header names under the source format.
 */
export async function prepareFile(
  engine: Engine,
  file: ImportFile,
  source: SourceFormat,
  options: { maxRecords?: number; decodeParquet?: ParquetDecoder; onLines?: (lines: number) => void },
): Promise<PreparedText | { error: string }> {
  const converted = await convertedFormat(file);
  const dialect: Dialect = converted ? CONVERTED_CSV : source;
  const { delimiter, quote, skipLines, header } = dialect;
  const need = skipLines + 1 + (options.maxRecords ?? 0);
  const cutAt = (text: string) => {
    const records = readRecords(text, delimiter, quote, need);
    return records.length >= need ? records[records.length - 1]!.end : null;
  };
  let input: InputText;
  try {
    input = converted && options.maxRecords === undefined
      ? await convertFor(engine, file, converted, options.decodeParquet)
      : converted
        ? await convertToCsv(file, converted, options.decodeParquet)
        : await readTextFor(engine, file, source.encoding, { onLines: options.onLines, cutAt: options.maxRecords === undefined ? undefined : cutAt });
  } catch (e) {
    return { error: converted ? `cannot be read as ${converted} (${firstLine(e)})` : `the file could not be decoded as ${source.encoding} (${firstLine(e)})` };
  }
  const headRecord = readRecords(input.head, delimiter, quote, skipLines + 1)[skipLines];
  if (!headRecord) {
    await releaseInput(engine, input);
    return { error: 'the file is empty' };
  }
  let bytes = input.bytes;
  if (converted && options.maxRecords !== undefined) {
    const cut = cutAt(input.head);
    if (cut !== null) bytes = new TextEncoder().encode(input.head.slice(0, cut));
  }
  const names = header ? headerNames(headRecord.cells) : headRecord.cells.map((_, i) => `column${i + 1}`);
  const columnOf = new Map<string, string>();
  names.forEach((n, i) => columnOf.set(n, `c${i + 1}`));
  // Looser match for names that differ only in case or surrounding spaces.
  names.forEach((n, i) => {
    const k = n.trim().toLowerCase();
    if (!columnOf.has(`\u0000${k}`)) columnOf.set(`\u0000${k}`, `c${i + 1}`);
  });
  return { bytes, registered: input.registered, cells: input.cells, dialect, header: names, columnOf };
}

export const lookupColumn = (t: PreparedText, name: string) => t.columnOf.get(name) ?? t.columnOf.get(`\u0000${name.trim().toLowerCase()}`);

/** Drops the spooled copies and staged cells of texts that were not staged (staging takes its own); idempotent. */
export async function releaseTexts(engine: Engine, texts: PreparedText[]): Promise<void> {
  for (const t of texts) {
    const held = { registered: t.registered, cells: t.cells };
    t.registered = undefined;
    t.cells = undefined;
    await releaseInput(engine, held);
  }
}

/**
 * 'parquet' or 'json' when the file is one by name and content (Parquet's PAR1 magic; JSON
 * starting with [ or {), else null: read as delimited text.
 */
export async function convertedFormat(file: ImportFile): Promise<'parquet' | 'json' | null> {
  const format = formatOf(file.name);
  if ((format !== 'parquet' && format !== 'json') || file.text !== undefined) return null;
  const start = file.bytes?.subarray(0, 64) ?? (file.source ? await file.source.read(0, 64) : new Uint8Array());
  if (format === 'parquet') return start.length >= 4 && new TextDecoder().decode(start.subarray(0, 4)) === 'PAR1' ? 'parquet' : null;
  const text = new TextDecoder().decode(start.subarray(bomOf(start) === 'utf-8' ? 3 : 0)).trimStart();
  return text.startsWith('[') || text.startsWith('{') ? 'json' : null;
}
