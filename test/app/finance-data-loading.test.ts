import { describe, expect, it } from 'vitest';
import type { FileLoadReport } from '../../src/loader/load-file';
import { plainError, progressFraction, progressText, summarizeFile } from '../../src/app/loading/load-summary';
import { sourceLabelFor } from '../../src/app/loading/source-label';
import {
  readProfileTable,
  readRejected,
  rejectedFileName,
  rejectedParams,
  withProfileTable,
  withRejected,
} from '../../src/app/panels/data/data-params';

const report = (patch: Partial<FileLoadReport>): FileLoadReport => ({
  file: 'order_lines.csv', table: 'order_lines', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsWarned: 0, ignoredColumns: [], ...patch,
});

describe('file load summaries', () => {
  it('accounts for every row read: loaded + rejected', () => {
    const s = summarizeFile(report({ rowsRead: 1200, rowsLoaded: 1190, rowsRejected: 10, rowsWarned: 2, ignoredColumns: ['notes'] }), true, 'en-US');
    expect(s).toMatchObject({ tone: 'warn', status: 'Loaded, some rows refused', accounting: '1,200 rows read = 1,190 loaded + 10 rejected' });
    expect(s.notes).toEqual([
      '10 rows refused (each is listed with its line and reason under “Rejected rows”).',
      '2 rows loaded with a warning (e.g. a date in the future).',
      'Column not in the data contract, ignored: notes.',
    ]);
    expect(summarizeFile(report({ rowsRead: 1, rowsLoaded: 1 }), true, 'en-US')).toMatchObject({ tone: 'ok', status: 'Loaded', accounting: '1 row read = 1 loaded + 0 rejected' });
  });

  it('says a readable file of a refused batch was not used', () => {
    const s = summarizeFile(report({ file: 'returns.csv', table: 'returns', rowsRead: 3, rowsLoaded: 3 }), false, 'en-US');
    expect(s).toMatchObject({ tone: 'warn', status: 'Readable, not used', accounting: '3 rows read = 3 loadable + 0 rejected' });
    expect(s.notes[0]).toMatch(/batch as a whole was refused/);
  });

  it('rephrases loader errors in plain words', () => {
    expect(plainError({ file: 'orders.csv', error: 'orders.csv: not a canonical table name (expected one of order_lines, products)' })).toMatch(
      /^The file name does not say which table it is\. Name it after its table: order_lines, products, shipments, returns, reviews/,
    );
    expect(plainError({ file: 'order_lines.csv', error: 'order_lines.csv: missing required columns sku, quantity' })).toBe(
      'The first row must name the columns sku, quantity, which are required; none of the file was loaded.',
    );
    expect(plainError({ file: 'returns.parquet', error: 'returns.parquet: cannot be read as parquet (bad magic)' })).toBe(
      'The file could not be read as PARQUET: bad magic. Nothing from it was loaded.',
    );
    expect(plainError({ file: 'x.xlsx', error: 'x.xlsx: unsupported file type (use .csv, .tsv, .parquet or .json)' })).toBe(
      'This type of file cannot be read. Use CSV, TSV, Parquet, JSON or an Excel workbook.',
    );
    expect(plainError({ file: 'a.csv', error: 'a.csv: the file could not be read (gone)' })).toBe('The file could not be read (gone). Nothing from this file was loaded.');
    expect(summarizeFile(report({ error: 'order_lines.csv: missing required column sku' }))).toMatchObject({ tone: 'error', status: 'Not loaded', accounting: null });
  });

  it('describes progress as file i of n and a fraction that only grows', () => {
    const steps = [
      { step: 'reading', fileIndex: 1 }, { step: 'loading', fileIndex: 1 }, { step: 'reading', fileIndex: 2 }, { step: 'loading', fileIndex: 2 },
      { step: 'checking', fileIndex: 0 }, { step: 'replacing', fileIndex: 0 }, { step: 'deriving', fileIndex: 0 }, { step: 'done', fileIndex: 0 },
    ] as const;
    const fractions = steps.map((s) => progressFraction({ ...s, fileCount: 2, file: s.fileIndex ? 'f.csv' : null }));
    expect(fractions[0]).toBe(0);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThan(fractions[i - 1]!);
    expect(progressText({ step: 'loading', fileIndex: 2, fileCount: 5, file: 'returns.csv' })).toBe('File 2 of 5 · returns.csv: checking and loading rows…');
    expect(progressText({ step: 'deriving', fileIndex: 0, fileCount: 5, file: null })).toBe('Preparing the analysis tables…');
  });

  it('names the source after the loaded files', () => {
    expect(sourceLabelFor(['order_lines.csv'])).toBe('order_lines.csv');
    expect(sourceLabelFor(['order_lines.csv', 'returns.csv', 'products.parquet'])).toBe('order_lines.csv, returns.csv, products.parquet');
    expect(sourceLabelFor(['a/order_lines.csv', 'returns.csv', 'products.csv', 'reviews.csv', 'shipments.csv'])).toBe('order_lines.csv, returns.csv +3 more');
    expect(sourceLabelFor([])).toBe('No files');
  });
});

describe('data page parameters', () => {
  it('keeps the profiled table in the URL without its default', () => {
    expect(readProfileTable({})).toBe('order_lines');
    expect(readProfileTable({ profile_table: 'returns' })).toBe('returns');
    expect(readProfileTable({ profile_table: 'load_log' })).toBe('order_lines');
    expect(withProfileTable({ profile_table: 'returns', x: '1' }, 'order_lines')).toEqual({ x: '1' });
  });

  it('pages the rejected rows; a new table or kind starts at the first page', () => {
    expect(readRejected({ rejected_table: 'returns', rejected_severity: 'warning', rejected_page: '2' })).toEqual({ table: 'returns', severity: 'warning', page: 2 });
    expect(readRejected({ rejected_table: 'nope', rejected_page: '-1' })).toEqual({ table: null, severity: null, page: 0 });
    expect(withRejected({ rejected_page: '3', keep: 'y' }, { table: 'reviews' })).toEqual({ keep: 'y', rejected_table: 'reviews' });
    expect(withRejected({ rejected_table: 'reviews' }, { page: 1 })).toEqual({ rejected_table: 'reviews', rejected_page: '1' });
    expect(withRejected({ rejected_table: 'reviews', rejected_page: '1' }, { table: null })).toEqual({});
    expect(rejectedParams({ table: 'returns', severity: null, page: 2 })).toEqual({ table_name: 'returns', severity: null, limit: 50, offset: 100 });
    expect(rejectedParams({ table: null, severity: 'rejected', page: 2 }, true)).toEqual({ table_name: null, severity: 'rejected', limit: null, offset: 0 });
    expect(rejectedFileName({ table: 'returns', severity: 'rejected', page: 0 })).toBe('rejected-rows-returns-rejected.csv');
    expect(rejectedFileName({ table: null, severity: null, page: 0 })).toBe('rejected-rows.csv');
  });
});
