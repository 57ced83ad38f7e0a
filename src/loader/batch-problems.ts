import type { TableAccount } from './import/apply';
import type { BatchFileReport, FileLoadReport } from './load-file';

/** Why a batch did not replace the data, in plain words. */

/** Why a batch with a file that could not be used did not replace the data, naming the files. */
export function partialBatchProblem(reports: BatchFileReport[]): string {
  const bad = reports.filter((r) => r.error && r.route !== 'lookup');
  const rows = bad.reduce((n, r) => n + r.rowsRead, 0);
  const what = bad.map((r) => r.error).join('; ');
  return `${bad.length === 1 ? 'A file' : `${bad.length} files`} of this batch could not be used (${what})`
    + `${rows > 0 ? `; ${rows} row${rows === 1 ? '' : 's'} of ${bad.length === 1 ? 'it' : 'them'} not loaded` : ''}.`
    + ' The previous data was kept: load the batch again with the file fixed, or accept the batch without it.';
}

/** Why a batch without usable order lines was not taken, naming the order_lines files' fate. */
export function noOrderLinesProblem(reports: (FileLoadReport & { tables?: TableAccount[] })[], topRejections = ''): string {
  const fills = (r: FileLoadReport & { tables?: TableAccount[] }) =>
    r.table === 'order_lines' || (r.tables ?? []).some((t) => t.table === 'order_lines');
  const lines = reports.filter(fills);
  const keep = 'The previous data was kept.';
  if (lines.length === 0) {
    return `No order_lines file in this batch: every data set needs order lines (a file named order_lines.csv, .tsv, .parquet or .json, or an export mapped to order_lines). ${keep}`;
  }
  const failed = lines.filter((r) => r.error);
  if (failed.length === lines.length) {
    return `The order lines could not be loaded (${failed.map((r) => r.error).join('; ')}). ${keep}`;
  }
  const lineRows = (r: FileLoadReport & { tables?: TableAccount[] }) =>
    r.tables && r.tables.length > 0 ? r.tables.filter((t) => t.table === 'order_lines').reduce((n, t) => n + t.rowsRead, 0) : r.rowsRead;
  const read = lines.reduce((n, r) => n + lineRows(r), 0);
  if (read === 0) return `The order_lines file holds no rows. ${keep}`;
  const why = topRejections ? `: ${topRejections}` : '';
  return `None of the ${read} order lines read could be loaded${why}. ${keep}`;
}
