import type { Engine } from '../engine/types';
import { firstLine } from './error-text';
import { formatOf, type SourceFile } from './file-kinds';
import { headerNames, readRecords } from './import/decode';
import { convertFor, readTextFor, releaseInput, type InputText, type ParquetDecoder } from './read-input';
import { CONVERTED_CSV, stageDelimited, type Dialect, type ParserReject } from './stage-delimited';

export type { ParquetDecoder } from './read-input';

export interface StagedFile {
  /** Temp table with `__line` (record number, header = line 1), `__raw` and c1 ... cn as text (see stageDelimited). */
  table: string;
  /** Header names of c1 ... cn, in order (trimmed, unique; column<k> for an empty one). */
  columns: string[];
  /** Rows the CSV parser could not read, with their line and raw text. */
  parserRejects: ParserReject[];
}

let counter = 0;

/** A canonical file read into the engine's reach (not staged yet): its text and header. */
export interface OpenedFile {
  input: InputText;
  dialect: Dialect;
  /** Header names, in order (trimmed, unique; column<k> for an empty one). */
  columns: string[];
}

/**
 * Reads a canonical file (CSV, TSV, Parquet or JSON, UTF-8) as UTF-8 text with LF line ends
 * and its header. CSV and TSV are read from the file's source in pieces (onLines: line breaks
 * read so far); Parquet and JSON are converted to CSV.
 */
export async function openFile(
  engine: Engine,
  file: SourceFile,
  decodeParquet: ParquetDecoder,
  onLines?: (lines: number) => void,
): Promise<OpenedFile> {
  const format = formatOf(file.name);
  if (!format) throw new Error(`${file.name}: unsupported file type (use .csv, .tsv, .parquet or .json)`);
  let input: InputText;
  try {
    input = format === 'parquet' || format === 'json' ? await convertFor(engine, file, format, decodeParquet) : await readTextFor(engine, file, 'utf-8', { onLines });
  } catch (e) {
    throw new Error(`${file.name}: cannot be read as ${format} (${firstLine(e)})`);
  }
  const dialect = format === 'tsv' ? { ...CONVERTED_CSV, delimiter: '\t' } : CONVERTED_CSV;
  const head = readRecords(input.head, dialect.delimiter, '"', 1)[0];
  if (!head) {
    await releaseInput(engine, input);
    throw new Error(`${file.name}: cannot be read as ${format.toUpperCase()} (the file is empty)`);
  }
  return { input, dialect, columns: headerNames(head.cells) };
}

/**
 * Stages an opened file into an all-text table, so every row that was read can be either
 * loaded or listed as rejected: nothing is dropped by a parser silently. Releases the text.
 */
export async function stageOpened(engine: Engine, fileName: string, opened: OpenedFile): Promise<StagedFile> {
  const table = `stage_${++counter}`;
  try {
    const parserRejects = await stageDelimited(engine, table, opened.input, opened.dialect, opened.columns.length);
    return { table, columns: opened.columns, parserRejects };
  } catch (e) {
    const format = formatOf(fileName) ?? 'csv';
    throw new Error(`${fileName}: cannot be read as ${format.toUpperCase()} (${firstLine(e)})`);
  }
}

/** openFile then stageOpened. */
export async function stageFile(
  engine: Engine,
  file: SourceFile,
  decodeParquet: ParquetDecoder,
  onLines?: (lines: number) => void,
): Promise<StagedFile> {
  return stageOpened(engine, file.name, await openFile(engine, file, decodeParquet, onLines));
}
