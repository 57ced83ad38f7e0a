import { arrowIPCToCsv } from './arrow-to-csv';
import { bytesSource, readAll, readRange, type SourceFile } from './file-kinds';
import { jsonToCsv } from './json-to-arrow';
import { bomOf, detectEncoding, textDecoder } from './import/decode';
import type { Encoding } from './import/spec';
import type { Engine, Spool } from '../engine/types';
import { csvCell } from '../data-model/csv-text';
import { sqlString } from '../engine/sql-literal';
import { typedCellsSql } from '../engine/typed-cells';

/** Decodes Parquet to an Arrow IPC stream (parquet-wasm: a Node and a browser build). */
export type ParquetDecoder = (bytes: Uint8Array) => Promise<Uint8Array>;

/**
 * Every file, canonical or mapped, reaches DuckDB's CSV reader as UTF-8 text with LF line
 * ends. Delimited text is read in pieces (PIECE bytes) from its source: each piece decoded
 * (the encoding is the caller's; a BOM wins), its line ends made LF and encoded as UTF-8, so
 * no JS string of the whole file is ever built; the reader then gets the UTF-8 bytes in one
 * buffer (DuckDB-WASM takes files as buffers). Parquet and JSON are parsed whole (their
 * formats need it) and converted to CSV text.
 */

const PIECE = 4 << 20;
/** Enough text for the header records (title lines included). */
const HEAD_CHARS = 64 << 10;

export interface InputText {
  /** UTF-8 text, LF line ends (empty when `registered`). */
  bytes: Uint8Array;
  /** The text was written to a spool instead: readable by the engine under this name. */
  registered?: string;
  /**
   * Or its cells are staged already, in this temp table (Engine.arrowToCells: __line, c1 ...
   * as text): typed data (Parquet in the browser) needs no text at all.
   */
  cells?: string;
  /** The decoded start of the text (at least HEAD_CHARS characters, or all of it), for the header. */
  head: string;
}

export interface ReadTextOptions {
  /** Called after each piece with the line breaks read so far (progress in rows). */
  onLines?: (lines: number) => void;
  /**
   * Reads only as much as needed (previews): called with the text read so far after each
   * piece, returns where to cut it once it is enough, or null to read on.
   */
  cutAt?: (textSoFar: string) => number | null;
  /** Pieces go here as they are read, instead of being kept (see readTextFor). */
  sink?: Spool;
}

/** How much of a file's start decides its encoding when the user did not choose one. */
const ENCODING_SAMPLE = 1 << 20;

/**
 * The encoding of a text file nobody chose one for (canonical files): its BOM, else UTF-8 when
 * its first megabyte is valid UTF-8, else Windows-1252 (see detectEncoding): the one detector
 * the mapping step uses too.
 */
export async function detectFileEncoding(file: SourceFile): Promise<Encoding> {
  if (file.text !== undefined) return 'utf-8';
  const source = file.source ?? bytesSource(file.bytes ?? new Uint8Array());
  const sample = await readRange(source, 0, Math.min(source.size, ENCODING_SAMPLE));
  return detectEncoding(sample, sample.length >= source.size).encoding;
}

/**
 * The file's text as UTF-8 with LF line ends. `text` given is already decoded; bytes or a
 * source are decoded with `encoding`.
 */
export async function readUtf8Text(file: SourceFile, encoding: Encoding, options: ReadTextOptions = {}): Promise<InputText> {
  const source = file.source ?? bytesSource(file.text !== undefined ? new TextEncoder().encode(file.text) : (file.bytes ?? new Uint8Array()));
  // The byte-order mark decides the encoding: the first bytes read whole, however the source splits them.
  const first = await readRange(source, 0, 4);
  const decode = textDecoder(first, file.text !== undefined ? 'utf-8' : encoding);
  const utf8 = utf8Passthrough(first, file.text !== undefined ? 'utf-8' : encoding);
  const toLf = lfLineEnds();
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let head = '';
  let soFar = '';
  let lines = 0;
  let carry: Uint8Array | null = null;
  for (let offset = 0; offset < source.size || offset === 0; ) {
    let piece = await source.read(offset, PIECE);
    offset += Math.max(piece.length, 1);
    const last = offset >= source.size;
    if (utf8) [piece, carry] = wholeCharacters(carry ? concat([carry, piece]) : piece, last);
    const decoded = decode(piece, last);
    const text = toLf(decoded);
    if (head.length < HEAD_CHARS) head += text;
    lines += countLf(text);
    options.onLines?.(lines);
    if (options.cutAt) {
      soFar += text;
      const cut = options.cutAt(soFar);
      if (cut !== null || last) {
        const kept = cut === null ? soFar : soFar.slice(0, cut);
        return { bytes: encoder.encode(kept), head: kept };
      }
      continue;
    }
    // Valid UTF-8 with LF line ends already is the text the reader wants: its bytes are kept as
    // they are (less a BOM), which spares encoding the text back (seconds for a 100 MB file).
    const same = utf8 ? utf8.unchanged(piece, decoded, text) : null;
    const out = same ?? encoder.encode(text);
    if (options.sink) await options.sink.write(out);
    else parts.push(out);
  }
  return { bytes: concat(parts), head };
}

/**
 * For text decoded as UTF-8: whether a piece's bytes are its text as UTF-8 with LF line ends
 * (no CR, nothing replaced as invalid), and those bytes without the BOM. null for other encodings.
 */
function utf8Passthrough(first: Uint8Array, encoding: Encoding): { unchanged: (piece: Uint8Array, decoded: string, text: string) => Uint8Array | null } | null {
  const bom = bomOf(first);
  if (bom !== 'utf-8' && (bom !== null || encoding !== 'utf-8')) return null;
  let skip = bom === 'utf-8' ? 3 : 0;
  return {
    unchanged(piece, decoded, text) {
      const cut = Math.min(skip, piece.length);
      skip -= cut;
      // U+FFFD may also be in the file as such: encoding it back gives the same bytes then.
      return text === decoded && !decoded.includes('\r') && !decoded.includes('\uFFFD') ? piece.subarray(cut) : null;
    },
  };
}

/**
 * The piece up to its last whole UTF-8 character, and the bytes of a character it cuts in two
 * (read again with the next piece). Every piece then decodes on its own, so one kept as bytes
 * and the next encoded from its text neither lose nor repeat a character between them.
 */
export function wholeCharacters(bytes: Uint8Array, last: boolean): [Uint8Array, Uint8Array | null] {
  if (last || bytes.length === 0) return [bytes, null];
  let i = bytes.length - 1;
  while (i > 0 && bytes.length - i < 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  const lead = bytes[i]!;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size > bytes.length ? [bytes.subarray(0, i), bytes.slice(i)] : [bytes, null];
}

let spools = 0;

/**
 * The file's text for `engine`: in memory (DuckDB-WASM takes files as buffers), or, where the
 * engine can spool (native), written to disk piece by piece and registered there, so a file
 * of any size is decoded and staged in bounded memory. A preview (cutAt) stays in memory.
 */
export async function readTextFor(engine: Engine, file: SourceFile, encoding: Encoding, options: ReadTextOptions = {}): Promise<InputText> {
  if (!engine.createSpool || options.cutAt) return readUtf8Text(file, encoding, options);
  const name = `spool_${++spools}.csv`;
  const sink = await engine.createSpool(name);
  try {
    const text = await readUtf8Text(file, encoding, { ...options, sink });
    await sink.close();
    return { ...text, registered: name };
  } catch (e) {
    await sink.close().catch(() => undefined);
    await engine.dropFile(name);
    throw e;
  }
}

/** Drops the spooled copy or staged cells of a text that will not be staged (stageDelimited takes the others). */
export async function releaseInput(engine: Engine, input: Pick<InputText, 'registered' | 'cells'>): Promise<void> {
  if (input.registered) await engine.dropFile(input.registered);
  if (input.cells) await engine.exec(`DROP TABLE IF EXISTS ${input.cells}`);
}

/**
 * Parquet or JSON as text for `engine`. Parquet's typed values are staged as cells where DuckDB
 * can read them (typedCellsSql): in the browser, decoded by parquet-wasm and handed to DuckDB's
 * worker as Arrow data (engine.arrowToCells); a file on disk, with the native engine, read by
 * DuckDB where it lies (read_parquet), never whole in JS memory. Writing such data out as CSV and
 * reading it back took a third of a Parquet load in the browser. Everything else (the Node build
 * of DuckDB-WASM takes no Arrow data; JSON): convertToCsv.
 */
export async function convertFor(engine: Engine, file: SourceFile, format: 'parquet' | 'json', decodeParquet?: ParquetDecoder): Promise<InputText> {
  const onDisk = file.source?.path;
  if (format === 'parquet' && decodeParquet && engine.arrowToCells && !onDisk) {
    const ipc = await decodeParquet(await bytesOf(file));
    const cells = `parquet_cells_${++spools}`;
    const names = await engine.arrowToCells(ipc, cells);
    return { bytes: new Uint8Array(), cells, head: names.map(csvCell).join(',') + '\n' };
  }
  if (format !== 'parquet' || !onDisk || !engine.registerFilePath) return convertToCsv(file, format, decodeParquet);
  const n = ++spools;
  const from = `parquet_${n}.parquet`;
  await engine.registerFilePath(from, onDisk);
  try {
    const names = (await engine.query(`DESCRIBE SELECT * FROM read_parquet(${sqlString(from)})`)).map((r) => String(r.column_name));
    const cells = `parquet_cells_${n}`;
    await engine.exec(typedCellsSql(cells, names, `read_parquet(${sqlString(from)})`));
    return { bytes: new Uint8Array(), cells, head: names.map(csvCell).join(',') + '\n' };
  } finally {
    await engine.dropFile(from);
  }
}

/**
 * CRLF and lone CR line ends as LF, for text arriving in pieces (a CR ending one piece and
 * the LF starting the next are one line end). DuckDB's reader takes one newline style from
 * the first lines, so a file mixing them (exports concatenated from several systems) would
 * split rows wrongly or leave a CR at the end of the last cell; a line break inside a quoted
 * cell becomes LF too.
 */
export function lfLineEnds(): (piece: string) => string {
  let afterCr = false;
  return (piece) => {
    if (piece === '') return piece;
    if (afterCr && piece.startsWith('\n')) piece = piece.slice(1);
    afterCr = piece.endsWith('\r');
    return piece.includes('\r') ? piece.replace(/\r\n?/g, '\n') : piece;
  };
}

/** Parquet or JSON (array of objects, {"list": [...]} or NDJSON) as CSV text, UTF-8. */
export async function convertToCsv(file: SourceFile, format: 'parquet' | 'json', decodeParquet?: ParquetDecoder): Promise<InputText> {
  const bytes = await bytesOf(file);
  if (format === 'parquet' && !decodeParquet) throw new Error('Parquet files cannot be read here');
  const text = format === 'parquet' ? arrowIPCToCsv(await decodeParquet!(bytes)) : jsonToCsv(bytes);
  return { bytes: new TextEncoder().encode(text), head: text.slice(0, Math.max(HEAD_CHARS, PIECE)) };
}

async function bytesOf(file: SourceFile): Promise<Uint8Array> {
  return file.bytes ?? (file.source ? await readAll(file.source) : new TextEncoder().encode(file.text ?? ''));
}

function countLf(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
