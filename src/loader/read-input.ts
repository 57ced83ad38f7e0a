import { arrowIPCToCsv } from './arrow-to-csv';
import { bytesSource, readAll, readRange, type SourceFile } from './file-kinds';
import { jsonToArrowIPC } from './json-to-arrow';
import { textDecoder } from './import/decode';
import type { Encoding } from './import/spec';

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
  /** UTF-8 text, LF line ends. */
  bytes: Uint8Array;
  /** The decoded start of the text (at least HEAD_CHARS characters, or all of it), for the header. */
  head: string;
  /** Line breaks in the text. */
  lines: number;
}

export interface ReadTextOptions {
  /** Called after each piece with the line breaks read so far (progress in rows). */
  onLines?: (lines: number) => void;
  /**
   * Reads only as much as needed (previews): called with the text read so far after each
   * piece, returns where to cut it once it is enough, or null to read on.
   */
  cutAt?: (textSoFar: string) => number | null;
}

/**
 * The file's text as UTF-8 with LF line ends. `text` given is already decoded; bytes or a
 * source are decoded with `encoding`.
 */
export async function readUtf8Text(file: SourceFile, encoding: Encoding, options: ReadTextOptions = {}): Promise<InputText> {
  const source = file.source ?? bytesSource(file.text !== undefined ? new TextEncoder().encode(file.text) : (file.bytes ?? new Uint8Array()));
  // The byte-order mark decides the encoding: the first bytes read whole, however the source splits them.
  const decode = textDecoder(await readRange(source, 0, 4), file.text !== undefined ? 'utf-8' : encoding);
  const toLf = lfLineEnds();
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let head = '';
  let soFar = '';
  let lines = 0;
  for (let offset = 0; offset < source.size || offset === 0; ) {
    const piece = await source.read(offset, PIECE);
    offset += Math.max(piece.length, 1);
    const last = offset >= source.size;
    const text = toLf(decode(piece, last));
    if (head.length < HEAD_CHARS) head += text;
    lines += countLf(text);
    options.onLines?.(lines);
    if (options.cutAt) {
      soFar += text;
      const cut = options.cutAt(soFar);
      if (cut !== null || last) {
        const kept = cut === null ? soFar : soFar.slice(0, cut);
        return { bytes: encoder.encode(kept), head: kept, lines: countLf(kept) };
      }
      continue;
    }
    parts.push(encoder.encode(text));
  }
  return { bytes: concat(parts), head, lines };
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
  const bytes = file.bytes ?? (file.source ? await readAll(file.source) : new TextEncoder().encode(file.text ?? ''));
  if (format === 'parquet' && !decodeParquet) throw new Error('Parquet files cannot be read here');
  const ipc = format === 'parquet' ? await decodeParquet!(bytes) : jsonToArrowIPC(bytes);
  const text = arrowIPCToCsv(ipc);
  return { bytes: new TextEncoder().encode(text), head: text.slice(0, Math.max(HEAD_CHARS, PIECE)), lines: countLf(text) };
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
