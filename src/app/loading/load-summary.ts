import { CANONICAL_TABLES } from '../../data-model/contract';
import { formatOf } from '../../loader/file-kinds';
import type { FileLoadReport } from '../../loader/load-file';
import type { TableAccount } from '../../loader/import/apply';
import type { BatchFileReport, JoinCoverage, ReplaceProgress } from '../../loader/replace-data';
import { formatCount, formatPercent } from '../format';

/** File types the picker offers (the loader also reads .txt, .tab, .pq, .ndjson, .jsonl); Excel workbooks are read sheet by sheet. */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.tab', '.parquet', '.pq', '.json', '.ndjson', '.jsonl', '.xlsx', '.xlsm', '.xls'];

export type FileTone = 'ok' | 'warn' | 'error';

export interface FileSummary {
  file: string;
  table: string | null;
  tone: FileTone;
  /** "Loaded", "Loaded, some rows rejected", "Not loaded". */
  status: string;
  /** rows read = loaded (+ merged) + rejected + excluded, in words; null when nothing was read. */
  accounting: string | null;
  /** One accounting line per table, when the file filled several or folded repeated keys. */
  tableLines: string[];
  /** Plain-words explanation of an error, rejected rows, warnings or ignored columns. */
  notes: string[];
}

/**
 * One file's outcome for people: the row accounting and what went wrong, without jargon.
 * `batchReplaced` false = the batch was refused (no usable order lines), so even a file that
 * read fine is not in the data.
 */
export function summarizeFile(r: FileLoadReport & Partial<BatchFileReport>, batchReplaced = true, locale?: string): FileSummary {
  const n = (v: number) => formatCount(v, locale);
  const rows = (v: number) => `${n(v)} ${v === 1 ? 'row' : 'rows'}`;
  const notes: string[] = [];
  const excluded = typeof r.rowsExcluded === 'number' ? r.rowsExcluded : null;
  if (r.route === 'lookup') return summarizeLookupFile(r, batchReplaced, rows, n);
  if (r.error) notes.push(plainError(r));
  if (!r.error && r.route === 'mapping' && r.mapping) notes.push(`Read with the mapping “${r.mapping}”.`);
  if (!r.error && r.rowsRejected > 0) {
    notes.push(`${rows(r.rowsRejected)} refused (each is listed with its line and reason under “Rejected rows”).`);
  }
  for (const t of r.error ? [] : (r.tables ?? []).filter((x) => x.rowsMerged > 0)) {
    notes.push(`${t.table}: ${rows(t.rowsMerged)} repeat a key of an earlier row and were merged into it (not errors; listed under “Rejected rows” as merged).`);
  }
  if (!r.error && excluded !== null && excluded > 0) notes.push(`${rows(excluded)} left out on purpose by a rule of the mapping (not errors).`);
  if (!r.error && r.rowsWarned > 0) notes.push(`${rows(r.rowsWarned)} loaded with a warning (e.g. a date in the future).`);
  if (!r.error && r.reasons && r.reasons.length > 0) notes.push(...reasonLines(r.reasons, locale));
  for (const l of r.error ? [] : (r.lookups ?? [])) {
    notes.push(
      `Looked up “${l.name}” in ${l.file} (${n(l.keys)} keys)${l.rowsWithoutMatch > 0 ? `: ${rows(l.rowsWithoutMatch)} found no match there` : ': every key found'}.`,
    );
    for (const u of l.notUsed ?? []) notes.push(`Not used for “${l.name}”: ${u.file}, because ${u.reason} (its ${rows(u.rowsRead)} counted as excluded).`);
  }
  if (!r.error && r.unmappedReasons && r.unmappedReasons.length > 0) {
    const list = r.unmappedReasons.slice(0, 5).map((u) => `${u.reasonRaw} (${n(u.rows)})`).join(', ');
    notes.push(`Return reasons no rule knows, counted as “unknown”: ${list}${r.unmappedReasons.length > 5 ? ' …' : ''}.`);
  }
  if (!r.error && r.ignoredColumns.length > 0) {
    notes.push(`Column${r.ignoredColumns.length > 1 ? 's' : ''} not in the data contract, ignored: ${r.ignoredColumns.join(', ')}.`);
  }
  if (!r.error && r.rowsRead === 0) notes.push('The file holds no data rows.');
  const unused = !r.error && !batchReplaced;
  if (unused) notes.unshift('Read without problems, but not loaded: the batch as a whole was refused (see above).');
  const tone: FileTone = r.error ? 'error' : unused || r.rowsRejected > 0 || r.rowsRead === 0 ? 'warn' : 'ok';
  const merged = r.rowsMerged ?? 0;
  const tables = r.error ? [] : (r.tables ?? []);
  return {
    file: r.file,
    table: r.table,
    tone,
    status: r.error ? 'Not loaded' : unused ? 'Readable, not used' : r.rowsRejected > 0 ? 'Loaded, some rows refused' : 'Loaded',
    accounting: r.error
      ? null
      : `${rows(r.rowsRead)} read = ${n(r.rowsLoaded)} ${unused ? 'loadable' : 'loaded'}${merged > 0 ? ` + ${n(merged)} merged` : ''}`
        + ` + ${n(r.rowsRejected)} rejected${excluded !== null ? ` + ${n(excluded)} excluded` : ''}`,
    tableLines: tables.length > 1 || tables.some((t) => t.rowsMerged > 0) ? tables.map((t) => tableLine(t, locale)) : [],
    notes,
  };
}

/**
 * One table's accounting: "products: 1,862 loaded, 8,132 repeats merged; 10,000 read = 1,862
 * loaded + 8,132 merged + 0 rejected + 6 excluded". Merged rows are not errors: they repeat a
 * key the mapping folds (a product on every order line), so they never count as rejected.
 */
export function tableLine(t: TableAccount, locale?: string): string {
  const n = (v: number) => formatCount(v, locale);
  const head = `${t.table}: ${n(t.rowsLoaded)} loaded${t.rowsMerged > 0 ? `, ${n(t.rowsMerged)} ${t.rowsMerged === 1 ? 'repeat' : 'repeats'} merged` : ''}`;
  const sum = `${n(t.rowsRead)} read = ${n(t.rowsLoaded)} loaded${t.rowsMerged > 0 ? ` + ${n(t.rowsMerged)} merged` : ''} + ${n(t.rowsRejected)} rejected + ${n(t.rowsExcluded)} excluded`;
  return `${head}; ${sum}${t.rowsWarned > 0 ? `; ${n(t.rowsWarned)} with warnings` : ''}`;
}

/**
 * A lookup-only file: read by the mappings' lookups, not loaded into a table. Its accounting
 * is the lookups': rows read = lookup entries + rejected (no key, unreadable) + excluded (a
 * repeated key: the first row wins).
 */
function summarizeLookupFile(
  r: FileLoadReport & Partial<BatchFileReport>,
  batchReplaced: boolean,
  rows: (v: number) => string,
  n: (v: number) => string,
): FileSummary {
  const names = r.lookupOf ?? [];
  if (r.error) return { file: r.file, table: null, tone: 'error', status: 'Lookup only, not read', accounting: null, tableLines: [], notes: [plainError(r)] };
  if (names.length === 0) {
    return {
      file: r.file, table: null, tone: 'warn', status: 'Not loaded', accounting: `${rows(0)} read = 0 lookup entries + 0 rejected + 0 excluded`, tableLines: [],
      notes: ['Ticked “not loaded”, and no mapping of the batch looks values up in it: nothing from it was read or loaded (the CLI lists such a file as unused). Untick it in the batch to map it to a table.'],
    };
  }
  const notes = [`Read only by the lookup${names.length > 1 ? 's' : ''} ${names.map((x) => `“${x}”`).join(', ')} of the other files’ mappings; not loaded into a table.`];
  if (!batchReplaced) notes.unshift('Read without problems, but not used: the batch as a whole was refused (see above).');
  if (r.rowsRejected > 0) notes.push(`${rows(r.rowsRejected)} unusable as lookup entries (listed under “Rejected rows”).`);
  if ((r.rowsExcluded ?? 0) > 0) notes.push(`${rows(r.rowsExcluded ?? 0)} repeat a key and were not used (the first row of a key wins).`);
  return {
    file: r.file, table: null, tone: !batchReplaced || r.rowsRejected > 0 ? 'warn' : 'ok', status: 'Lookup only, not loaded',
    accounting: `${rows(r.rowsRead)} read = ${n(r.rowsLoaded)} lookup entries + ${n(r.rowsRejected)} rejected + ${n(r.rowsExcluded ?? 0)} excluded`,
    tableLines: [],
    notes,
  };
}

/** "Rejected: return dated before its order (1), unknown SKU (1)", one line per kind, most frequent first. */
export function reasonLines(reasons: BatchFileReport['reasons'], locale?: string): string[] {
  const kinds: [BatchFileReport['reasons'][number]['severity'], string][] = [
    ['rejected', 'Rejected'], ['merged', 'Merged'], ['excluded', 'Excluded'], ['warning', 'Warnings'],
  ];
  const out: string[] = [];
  for (const [kind, label] of kinds) {
    const list = reasons.filter((x) => x.severity === kind);
    if (list.length === 0) continue;
    const shown = list.slice(0, 4).map((x) => `${x.reason} (${formatCount(x.rows, locale)})`).join(', ');
    out.push(`${label}: ${shown}${list.length > 4 ? `, and ${list.length - 4} other reasons` : ''}.`);
  }
  return out;
}

export interface CoverageLine {
  join: string;
  tone: FileTone;
  text: string;
}

/**
 * join_coverage in words: how many returns found their order, how many SKUs found their
 * product, how many shipments found their order. Joins with nothing to count are left out.
 */
export function coverageLines(rows: readonly JoinCoverage[], locale?: string): CoverageLine[] {
  const n = (v: number) => formatCount(v, locale);
  // Whole percents, except where rounding would claim all or none (1,354 of 1,357 is not 100%).
  const pct = (v: number | null) => {
    if (v === null || v <= 0 || v >= 1) return formatPercent(v, locale, 0);
    if (v > 0.999) return `>${formatPercent(0.999, locale, 1)}`;
    if (v < 0.001) return `<${formatPercent(0.001, locale, 1)}`;
    const whole = Math.round(v * 100);
    return formatPercent(v, locale, whole === 0 || whole === 100 ? 1 : 0);
  };
  const out: CoverageLine[] = [];
  for (const c of rows) {
    const missed = c.unmatched > 0 ? `; ${n(c.unmatched)} did not${c.example_unmatched ? ` (e.g. ${c.example_unmatched})` : ''}` : '';
    const tone: FileTone = c.unmatched === 0 ? 'ok' : (c.coverage ?? 0) >= 0.5 ? 'warn' : 'error';
    if (c.join_name === 'returns_to_orders') {
      if (c.total === 0) continue;
      const noKey = c.total - c.with_key;
      if (c.with_key === 0) {
        out.push({ join: c.join_name, tone: 'warn', text: `None of the ${n(c.total)} returns carries an order id: they are analysed by product, region and date, not by order.` });
        continue;
      }
      const without = noKey > 0 ? `; ${n(noKey)} ${noKey === 1 ? 'carries' : 'carry'} no order id` : '';
      out.push({
        join: c.join_name, tone,
        text: c.target_rows === 0
          ? `No order lines to join to: none of the ${n(c.with_key)} returns with an order id found its order.`
          : `${n(c.matched)} of ${n(c.with_key)} returns found their order (${pct(c.coverage)})${missed}${without}.`,
      });
    } else if (c.join_name === 'skus_to_products') {
      if (c.total === 0) continue;
      out.push(
        c.target_rows === 0
          ? { join: c.join_name, tone: 'warn', text: `No products loaded: the ${n(c.total)} SKUs have no category, supplier or cost.` }
          : { join: c.join_name, tone, text: `${n(c.matched)} of ${n(c.total)} SKUs found their product (${pct(c.coverage)})${missed}.` },
      );
    } else if (c.total > 0) {
      out.push({ join: c.join_name, tone, text: `${n(c.matched)} of ${n(c.with_key)} shipments found their order (${pct(c.coverage)})${missed}.` });
    }
  }
  return out;
}

/** The loader's error for one file, rephrased for someone who did not write the loader. */
export function plainError(r: Pick<FileLoadReport, 'file' | 'error'>): string {
  const raw = (r.error ?? '').trim();
  const msg = raw.startsWith(`${r.file}: `) ? raw.slice(r.file.length + 2) : raw;
  if (/not a canonical table name/.test(msg)) {
    return `The file name does not say which table it is. Name it after its table: ${CANONICAL_TABLES.join(', ')} (for example returns.csv).`;
  }
  if (/unsupported file type/.test(msg) || (!formatOf(r.file) && msg === '')) {
    return 'This type of file cannot be read. Use CSV, TSV, Parquet, JSON or an Excel workbook.';
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
export function progressText(p: ReplaceProgress, locale?: string): string {
  const file = `File ${p.fileIndex} of ${p.fileCount}${p.file ? ` · ${p.file}` : ''}`;
  const soFar = p.rowsRead ? ` ${formatCount(p.rowsRead, locale)} rows read so far.` : '';
  switch (p.step) {
    case 'reading':
      return `${file}: reading the file…${soFar}`;
    case 'loading':
      return typeof p.fileRows === 'number'
        ? `${file}: checking and loading about ${formatCount(p.fileRows, locale)} rows…${soFar}`
        : `${file}: checking and loading rows…${soFar}`;
    case 'checking':
      return `Checking the batch has usable order lines…${soFar}`;
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
