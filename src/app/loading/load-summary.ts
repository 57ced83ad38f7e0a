import { CANONICAL_TABLES } from '../../data-model/contract';
import { formatOf } from '../../loader/file-kinds';
import type { FileLoadReport } from '../../loader/load-canonical';
import type { ReplaceProgress } from '../../loader/replace-data';
import { formatCount } from '../format';

/** File types the picker offers (the loader also reads .txt, .tab, .pq, .ndjson, .jsonl). */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.tab', '.parquet', '.pq', '.json', '.ndjson', '.jsonl'];

export type FileTone = 'ok' | 'warn' | 'error';

export interface FileSummary {
  file: string;
  table: string | null;
  tone: FileTone;
  /** "Loaded", "Loaded, some rows rejected", "Not loaded". */
  status: string;
  /** rows read = loaded + rejected, in words; null when nothing was read. */
  accounting: string | null;
  /** Plain-words explanation of an error, rejected rows, warnings or ignored columns. */
  notes: string[];
}

/**
 * One file's outcome for people: the row accounting and what went wrong, without jargon.
 * `batchReplaced` false = the batch was refused (no usable order lines), so even a file that
 * read fine is not in the data.
 */
export function summarizeFile(r: FileLoadReport, batchReplaced = true, locale?: string): FileSummary {
  const n = (v: number) => formatCount(v, locale);
  const rows = (v: number) => `${n(v)} ${v === 1 ? 'row' : 'rows'}`;
  const notes: string[] = [];
  if (r.error) notes.push(plainError(r));
  if (!r.error && r.rowsRejected > 0) {
    notes.push(`${rows(r.rowsRejected)} refused (each is listed with its line and reason under “Rejected rows”).`);
  }
  if (!r.error && r.rowsWarned > 0) notes.push(`${rows(r.rowsWarned)} loaded with a warning (e.g. a date in the future).`);
  if (!r.error && r.ignoredColumns.length > 0) {
    notes.push(`Column${r.ignoredColumns.length > 1 ? 's' : ''} not in the data contract, ignored: ${r.ignoredColumns.join(', ')}.`);
  }
  if (!r.error && r.rowsRead === 0) notes.push('The file holds no data rows.');
  const unused = !r.error && !batchReplaced;
  if (unused) notes.unshift('Read without problems, but not loaded: the batch as a whole was refused (see above).');
  const tone: FileTone = r.error ? 'error' : unused || r.rowsRejected > 0 || r.rowsRead === 0 ? 'warn' : 'ok';
  return {
    file: r.file,
    table: r.table,
    tone,
    status: r.error ? 'Not loaded' : unused ? 'Readable, not used' : r.rowsRejected > 0 ? 'Loaded, some rows refused' : 'Loaded',
    accounting: r.error
      ? null
      : `${rows(r.rowsRead)} read = ${n(r.rowsLoaded)} ${unused ? 'loadable' : 'loaded'} + ${n(r.rowsRejected)} rejected`,
    notes,
  };
}

/** The loader's error for one file, rephrased for someone who did not write the loader. */
export function plainError(r: Pick<FileLoadReport, 'file' | 'error'>): string {
  const raw = (r.error ?? '').trim();
  const msg = raw.startsWith(`${r.file}: `) ? raw.slice(r.file.length + 2) : raw;
  if (/not a canonical table name/.test(msg)) {
    return `The file name does not say which table it is. Name it after its table: ${CANONICAL_TABLES.join(', ')} (for example returns.csv).`;
  }
  if (/unsupported file type/.test(msg) || (!formatOf(r.file) && msg === '')) {
    return 'This type of file cannot be read. Use CSV, TSV, Parquet or JSON.';
  }
  const missing = /^missing required columns? (.*)$/.exec(msg);
  if (missing) {
    const cols = missing[1]!;
    const several = cols.includes(',');
    return `The first row must name the column${several ? 's' : ''} ${cols}, which ${several ? 'are' : 'is'} required; none of the file was loaded.`;
  }
  const unreadable = /^cannot be read as (\w+) \((.*)\)$/i.exec(msg);
  if (unreadable) return `The file could not be read as ${unreadable[1]!.toUpperCase()}: ${unreadable[2]}. Nothing from it was loaded.`;
  return `${msg.charAt(0).toUpperCase()}${msg.slice(1)}${/[.!?]$/.test(msg) ? '' : '.'} Nothing from this file was loaded.`;
}

/** "File 2 of 5 · returns.csv: reading" and the batch steps, for the progress line. */
export function progressText(p: ReplaceProgress): string {
  const file = `File ${p.fileIndex} of ${p.fileCount}${p.file ? ` · ${p.file}` : ''}`;
  switch (p.step) {
    case 'reading':
      return `${file}: reading the file…`;
    case 'loading':
      return `${file}: checking and loading rows…`;
    case 'checking':
      return 'Checking the batch has usable order lines…';
    case 'replacing':
      return 'Replacing the data…';
    case 'deriving':
      return 'Preparing the analysis tables…';
    default:
      return 'Done';
  }
}

/** How far the batch is, 0..1: two steps per file (read, load), then check, replace, derive. */
export function progressFraction(p: ReplaceProgress): number {
  const total = 2 * p.fileCount + 3;
  const done =
    p.step === 'reading'
      ? 2 * (p.fileIndex - 1)
      : p.step === 'loading'
        ? 2 * (p.fileIndex - 1) + 1
        : p.step === 'checking'
          ? 2 * p.fileCount
          : p.step === 'replacing'
            ? 2 * p.fileCount + 1
            : p.step === 'deriving'
              ? 2 * p.fileCount + 2
              : total;
  return Math.min(1, Math.max(0, done / total));
}
