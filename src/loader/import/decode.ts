import { DELIMITERS, type Delimiter, type Encoding, type Quote } from './spec';

/**
 * Bytes → text. Every file is turned into UTF-8 text here, so DuckDB only ever reads UTF-8:
 * the encoding is the user's (or the detector's) choice, a BOM is removed, CRLF is left to
 * the CSV reader (which accepts it).
 */

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be' | null;

export function bomOf(bytes: Uint8Array): Bom {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

export interface EncodingGuess {
  encoding: Encoding;
  bom: Bom;
  /** Plain-words reason, shown next to the encoding picker. */
  why: string;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (or carry a BOM), windows-1252 otherwise: the two
 * encodings spreadsheet exports come in. Latin-1 differs from windows-1252 only in bytes
 * 0x80-0x9F (control characters in Latin-1, € ’ “ ” … in windows-1252), so it is never
 * guessed: the user picks it.
 */
export function detectEncoding(bytes: Uint8Array, complete = true): EncodingGuess {
  const bom = bomOf(bytes);
  if (bom === 'utf-8') return { encoding: 'utf-8', bom, why: 'the file starts with a UTF-8 byte-order mark' };
  if (bom) return { encoding: 'utf-8', bom, why: `the file is ${bom.toUpperCase()} (byte-order mark); it is read as such` };
  try {
    // The start of a longer file (complete = false) may end inside a character: that is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    const ascii = bytes.every((b) => b < 0x80);
    return { encoding: 'utf-8', bom, why: ascii ? 'the file is plain ASCII' : 'the bytes are valid UTF-8' };
  } catch {
    return { encoding: 'windows-1252', bom, why: 'the bytes are not valid UTF-8; windows-1252 (Excel "CSV" on Windows) reads every byte' };
  }
}

/**
 * Decodes with the chosen encoding; a BOM is removed and decides the encoding when present.
 * (TextDecoder's 'latin1' label means windows-1252 in every browser, so true Latin-1 is
 * decoded byte by byte here.)
 */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
  return textDecoder(bytes, encoding)(bytes, true);
}

/**
 * A decoder for a file read in pieces: `firstBytes` (the file's start) decide the BOM, which
 * is removed and wins over `encoding`. Call it with each piece in order, `last` on the final
 * one; a character split between pieces is decoded whole.
 */
export function textDecoder(firstBytes: Uint8Array, encoding: Encoding): (piece: Uint8Array, last: boolean) => string {
  const bom = bomOf(firstBytes);
  let skip = bom === 'utf-8' ? 3 : bom ? 2 : 0;
  const dropBom = (piece: Uint8Array) => {
    if (skip === 0) return piece;
    const cut = Math.min(skip, piece.length);
    skip -= cut;
    return piece.subarray(cut);
  };
  if (bom || encoding === 'utf-8') {
    // Invalid UTF-8 sequences become U+FFFD: visible in the preview, so the user can switch encoding.
    const decoder = new TextDecoder(bom === 'utf-16le' || bom === 'utf-16be' ? bom : 'utf-8');
    return (piece, last) => decoder.decode(dropBom(piece), { stream: !last });
  }
  // One byte, one character: pieces decode on their own.
  const high = encoding === 'windows-1252' ? CP1252_HIGH : null;
  return (piece) => singleByteText(dropBom(piece), high);
}

/** windows-1252 bytes 0x80-0x9F (the rest is Latin-1); 0x81 0x8D 0x8F 0x90 0x9D are unassigned. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Latin-1 (high = null), or windows-1252 by table: Node's TextDecoder (20.x) decodes the
 * 'windows-1252' label as ISO-8859-1, turning € ’ “ ” into control characters; browsers do it
 * right. One table, the same result everywhere.
 */
function singleByteText(bytes: Uint8Array, high: string | null): string {
  let out = '';
  const CHUNK = 0x4000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, Math.min(i + CHUNK, bytes.length));
    const codes = new Array<number>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j]!;
      codes[j] = high && b >= 0x80 && b <= 0x9f ? high.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** One record of a delimited text: its cells and the physical line it starts on (1-based). */
export interface TextRecord {
  cells: string[];
  line: number;
  /** Offset just after the record's line break in the text. */
  end: number;
}

/**
 * A small RFC 4180 reader for sampling and previews (the load itself is read by DuckDB).
 * Doubled quotes inside quotes are quotes; quoted cells may hold delimiters and line breaks;
 * CRLF and LF both end a record; blank lines are skipped.
 */
export function readRecords(text: string, delimiter: string, quote: Quote, maxRecords = Infinity): TextRecord[] {
  const out: TextRecord[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n && out.length < maxRecords) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let inQuotes = false;
    let quotedCell = false;
    for (;;) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === quote) {
          if (text[i + 1] === quote) {
            cell += quote;
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          continue;
        }
        if (ch === '\n') line++;
        cell += ch;
        i++;
        continue;
      }
      if (quote !== '' && ch === quote && cell === '' && !quotedCell) {
        inQuotes = true;
        quotedCell = true;
        i++;
        continue;
      }
      if (ch === delimiter) {
        cells.push(cell);
        cell = '';
        quotedCell = false;
        i++;
        continue;
      }
      if (ch === '\r' && text[i + 1] === '\n') {
        i++;
        continue;
      }
      if (ch === '\n' || ch === '\r') {
        cells.push(cell);
        i++;
        line++;
        break;
      }
      cell += ch;
      i++;
    }
    if (!(cells.length === 1 && cells[0] === '' && !quotedCell)) out.push({ cells, line: startLine, end: i });
  }
  return out;
}

export interface DelimiterGuess {
  delimiter: Delimiter;
  /** 0..1: share of the sampled records with the same number of cells. */
  confidence: number;
  /** Every candidate with its typical cell count and consistency, best first. */
  candidates: { delimiter: Delimiter; columns: number; consistency: number }[];
}

/**
 * The delimiter that splits the first records into the same number (> 1) of cells most
 * consistently; more cells wins a tie (a semicolon file with decimal commas splits into
 * ragged pieces on ',' but evenly on ';'). `.tsv` files prefer tab on a tie.
 */
export function detectDelimiter(text: string, quote: Quote = '"', fileName = ''): DelimiterGuess {
  const sample = text.slice(0, 64 * 1024);
  const candidates = DELIMITERS.map((d) => {
    const records = readRecords(sample, d, quote, 30);
    // The last record of a cut sample may be partial: leave it out when there are others.
    const used = sample.length < text.length && records.length > 2 ? records.slice(0, -1) : records;
    const counts = new Map<number, number>();
    for (const r of used) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    let columns = 1;
    let best = 0;
    for (const [c, k] of counts) if (k > best || (k === best && c > columns)) [columns, best] = [c, k];
    const consistency = used.length === 0 ? 0 : best / used.length;
    return { delimiter: d, columns, consistency };
  });
  const tsv = /\.(tsv|tab)$/i.test(fileName);
  const score = (c: (typeof candidates)[number]) => (c.columns > 1 ? c.consistency : 0);
  candidates.sort(
    (a, b) =>
      score(b) - score(a) ||
      (tsv ? Number(b.delimiter === '\t') - Number(a.delimiter === '\t') : 0) ||
      b.columns - a.columns,
  );
  const top = candidates[0]!;
  return { delimiter: top.columns > 1 ? top.delimiter : tsv ? '\t' : ',', confidence: score(top), candidates };
}

/** Header names made unique and non-empty (as the loader will see them). */
export function headerNames(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim() === '' ? `column${i + 1}` : raw.trim();
    const k = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), k);
    return k === 1 ? base : `${base} (${k})`;
  });
}

export interface Sniff {
  encoding: EncodingGuess;
  delimiter: DelimiterGuess;
  quote: Quote;
  lineEnding: 'crlf' | 'lf';
  /** Header names (unique, trimmed; column1 ... when a header cell is empty). */
  header: string[];
  /** The first data records, cells as text (ragged rows kept as they are). */
  rows: string[][];
  /** The decoded text, for the apply step (so the file is decoded once). */
  text: string;
}

/** Everything the mapping step needs to start: encoding, delimiter, header and sample rows. */
export function sniff(bytes: Uint8Array, fileName = '', sampleRows = 200, encoding?: Encoding): Sniff {
  const enc = detectEncoding(bytes);
  const chosen: EncodingGuess = encoding && encoding !== enc.encoding && !enc.bom
    ? { encoding, bom: null, why: 'chosen by the user' }
    : enc;
  const text = decodeBytes(bytes, chosen.encoding);
  return sniffText(text, fileName, sampleRows, chosen);
}

export function sniffText(text: string, fileName = '', sampleRows = 200, encoding?: EncodingGuess): Sniff {
  const quote: Quote = '"';
  const delimiter = detectDelimiter(text, quote, fileName);
  const records = readRecords(text, delimiter.delimiter, quote, sampleRows + 1);
  const nl = text.indexOf('\n');
  return {
    encoding: encoding ?? { encoding: 'utf-8', bom: null, why: 'text given directly' },
    delimiter,
    quote,
    lineEnding: nl > 0 && text[nl - 1] === '\r' ? 'crlf' : 'lf',
    header: headerNames(records[0]?.cells ?? []),
    rows: records.slice(1).map((r) => r.cells),
    text,
  };
}
