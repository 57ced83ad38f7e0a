import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverageLines, progressText, reasonLines, summarizeFile } from '../../src/app/loading/load-summary';
import { answer, batchReadiness, draftFromBytes, openQuestions, routeOf, withChoice, type BatchItem } from '../../src/app/loading/mapping-step';
import type { BatchFileReport, JoinCoverage } from '../../src/loader/replace-data';

const report = (patch: Partial<BatchFileReport>): BatchFileReport => ({
  file: 'amazon_fba_returns.tsv', table: 'returns', rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0,
  ignoredColumns: [], route: 'mapping', mapping: 'Amazon FBA customer returns', preset: 'amazon_fba_returns', tables: [], reasons: [], unmappedReasons: [],
  ...patch,
});

describe('batch file summaries', () => {
  it('accounts read = loaded + rejected + excluded, warnings apart, reasons by kind', () => {
    const s = summarizeFile(
      report({
        rowsRead: 20000, rowsLoaded: 19807, rowsRejected: 0, rowsExcluded: 193, rowsWarned: 2,
        reasons: [
          { table: 'order_lines', severity: 'excluded', reason: 'postage or carriage line, not a product', rows: 79 },
          { table: 'returns', severity: 'excluded', reason: 'stock write-off', rows: 48 },
          { table: 'returns', severity: 'warning', reason: 'received_at is in the future', rows: 2 },
        ],
        unmappedReasons: [{ reasonRaw: 'WEIRD_NEW_CODE', rows: 3 }],
      }),
      true,
      'en-US',
    );
    expect(s).toMatchObject({ tone: 'ok', status: 'Loaded', accounting: '20,000 rows read = 19,807 loaded + 0 rejected + 193 excluded' });
    expect(s.notes).toEqual([
      'Read with the mapping “Amazon FBA customer returns”.',
      '193 rows left out on purpose by a rule of the mapping (not errors).',
      '2 rows loaded with a warning (e.g. a date in the future).',
      'Excluded: postage or carriage line, not a product (79), stock write-off (48).',
      'Warnings: received_at is in the future (2).',
      'Return reasons no rule knows, counted as “unknown”: WEIRD_NEW_CODE (3).',
    ]);
    const rejected = summarizeFile(report({ rowsRead: 5, rowsLoaded: 4, rowsRejected: 1, reasons: [{ table: 'returns', severity: 'rejected', reason: 'return dated before its order', rows: 1 }] }), true, 'en-US');
    expect(rejected).toMatchObject({ tone: 'warn', status: 'Loaded, some rows refused', accounting: '5 rows read = 4 loaded + 1 rejected + 0 excluded' });
    expect(rejected.notes).toContain('Rejected: return dated before its order (1).');
    // A file the mapping could not use: one message, no accounting.
    const failed = summarizeFile(report({ error: 'fba.tsv: the file has no column "order-id"', file: 'fba.tsv' }));
    expect(failed).toMatchObject({ tone: 'error', status: 'Not loaded', accounting: null });
    expect(failed.notes).toEqual(['The file has no column "order-id". Nothing from this file was loaded.']);
  });

  // Regression: a flat export mapped for products listed the 8,132 repeated SKUs as rejected.
  it('counts repeats a mapping folds as merged, never as rejected: read = loaded + merged + rejected + excluded', () => {
    const tables = [
      { table: 'order_lines' as const, rowsRead: 9994, rowsLoaded: 9994, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 0, rowsWarned: 0 },
      { table: 'products' as const, rowsRead: 9994, rowsLoaded: 1862, rowsRejected: 0, rowsExcluded: 0, rowsMerged: 8132, rowsWarned: 0 },
    ];
    const s = summarizeFile(report({
      file: 'Orders.csv', table: 'order_lines', mapping: 'Flat sales export', rowsRead: 19988, rowsLoaded: 11856, rowsMerged: 8132, tables,
      reasons: [{ table: 'products', severity: 'merged', reason: 'sku repeated, merged into its first row', rows: 8132 }],
    }), true, 'en-US');
    expect(s).toMatchObject({ tone: 'ok', status: 'Loaded', accounting: '19,988 rows read = 11,856 loaded + 8,132 merged + 0 rejected + 0 excluded' });
    expect(s.tableLines).toEqual([
      'order_lines: 9,994 loaded; 9,994 read = 9,994 loaded + 0 rejected + 0 excluded',
      'products: 1,862 loaded, 8,132 repeats merged; 9,994 read = 1,862 loaded + 8,132 merged + 0 rejected + 0 excluded',
    ]);
    expect(s.notes).toContain('products: 8,132 rows repeat a key of an earlier row and were merged into it (not errors; listed under “Rejected rows” as merged).');
    expect(s.notes).toContain('Merged: sku repeated, merged into its first row (8,132).');
    expect(s.notes.some((x) => x.startsWith('Rejected'))).toBe(false);
  });

  it('says how a mapping’s lookups in other files of the batch went', () => {
    const s = summarizeFile(report({
      rowsRead: 10, rowsLoaded: 10,
      lookups: [{ name: 'products', file: 'AdventureWorks_Products.csv', rowsRead: 293, rowsUnreadable: 0, keys: 293, duplicateKeyRows: 0, emptyKeyRows: 0, keysUsed: 130, rowsWithoutMatch: 1 }],
    }), true, 'en-US');
    expect(s.notes).toContain('Looked up “products” in AdventureWorks_Products.csv (293 keys): 1 row found no match there.');
  });

  it('names the files a lookup left out, and why', () => {
    const s = summarizeFile(report({
      rowsRead: 2, rowsLoaded: 2,
      lookups: [{
        name: 'products', file: 'products_a.csv', rowsRead: 3, rowsUnreadable: 0, keys: 3, duplicateKeyRows: 0, emptyKeyRows: 0, keysUsed: 2, rowsWithoutMatch: 0,
        notUsed: [{ file: 'products_old.csv', reason: 'it has no "Cost" column, which the mapping reads', rowsRead: 4 }],
      }],
    }), true, 'en-US');
    expect(s.notes).toContain('Not used for “products”: products_old.csv, because it has no "Cost" column, which the mapping reads (its 4 rows counted as excluded).');
  });

  it('lists at most four reasons per kind', () => {
    const reasons = ['a', 'b', 'c', 'd', 'e', 'f'].map((r, i) => ({ table: 'returns' as const, severity: 'rejected' as const, reason: r, rows: 6 - i }));
    expect(reasonLines(reasons, 'en-US')).toEqual(['Rejected: a (6), b (5), c (4), d (3), and 2 other reasons.']);
  });

  it('describes progress with the rows of a large file and the rows read so far', () => {
    expect(progressText({ step: 'loading', fileIndex: 2, fileCount: 3, file: 'orders.csv', rowsRead: 1200, fileRows: 250000 }, 'en-US')).toBe(
      'File 2 of 3 · orders.csv: checking and loading about 250,000 rows… 1,200 rows read so far.',
    );
    expect(progressText({ step: 'loading', fileIndex: 1, fileCount: 3, file: 'p.parquet', rowsRead: 0, fileRows: null }, 'en-US')).toBe(
      'File 1 of 3 · p.parquet: checking and loading rows…',
    );
    expect(progressText({ step: 'checking', fileIndex: 0, fileCount: 3, file: null, rowsRead: 251200 }, 'en-US')).toBe(
      'Checking the batch has usable order lines… 251,200 rows read so far.',
    );
  });
});

const cov = (patch: Partial<JoinCoverage>): JoinCoverage => ({
  join_name: 'returns_to_orders', description: '', unit: '', total: 0, with_key: 0, matched: 0, unmatched: 0, coverage: null, target_rows: 0, example_unmatched: null, ...patch,
});

describe('join coverage in words', () => {
  it('says how many returns found their order and how many SKUs found their product', () => {
    expect(coverageLines([
      cov({ total: 5, with_key: 4, matched: 3, unmatched: 1, coverage: 0.75, target_rows: 12, example_unmatched: '111-9999999-0000009' }),
      cov({ join_name: 'skus_to_products', total: 4, with_key: 4, matched: 4, coverage: 1, target_rows: 4 }),
      cov({ join_name: 'shipments_to_orders' }),
    ], 'en-US')).toEqual([
      { join: 'returns_to_orders', tone: 'warn', text: '3 of 4 returns found their order (75%); 1 did not (e.g. 111-9999999-0000009); 1 carries no order id.' },
      { join: 'skus_to_products', tone: 'ok', text: '4 of 4 SKUs found their product (100%).' },
    ]);
  });

  it('never rounds a partial coverage to all or none', () => {
    const text = (matched: number, total: number) =>
      coverageLines([cov({ join_name: 'skus_to_products', total, with_key: total, matched, unmatched: total - matched, coverage: matched / total, target_rows: 1 })], 'en-US')[0]!.text;
    expect(text(1354, 1357)).toBe('1,354 of 1,357 SKUs found their product (99.8%); 3 did not.');
    expect(text(99999, 100000)).toBe('99,999 of 100,000 SKUs found their product (>99.9%); 1 did not.');
    expect(text(1, 300)).toBe('1 of 300 SKUs found their product (0.3%); 299 did not.');
    expect(text(2, 3)).toBe('2 of 3 SKUs found their product (67%); 1 did not.');
  });

  it('explains the cases with nothing to join', () => {
    expect(coverageLines([
      cov({ total: 1809, with_key: 0, target_rows: 56047 }),
      cov({ join_name: 'skus_to_products', total: 130, with_key: 130, unmatched: 130, coverage: 0, target_rows: 0, example_unmatched: 'A' }),
      cov({ join_name: 'shipments_to_orders', total: 10, with_key: 10, matched: 2, unmatched: 8, coverage: 0.2, target_rows: 5, example_unmatched: 'O7' }),
    ], 'en-US')).toEqual([
      { join: 'returns_to_orders', tone: 'warn', text: 'None of the 1,809 returns carries an order id: they are analysed by product, region and date, not by order.' },
      { join: 'skus_to_products', tone: 'warn', text: 'No products loaded: the 130 SKUs have no category, supplier or cost.' },
      { join: 'shipments_to_orders', tone: 'error', text: '2 of 10 shipments found their order (20%); 8 did not (e.g. O7).' },
    ]);
  });
});

describe('batch readiness', () => {
  const FIXTURES = path.resolve(__dirname, '../fixtures/import');
  const fba = draftFromBytes('amazon_fba_returns.tsv', new Uint8Array(readFileSync(path.join(FIXTURES, 'amazon_fba_returns.tsv'))));
  const shop = withChoice(draftFromBytes('shopify_orders_export.csv', new Uint8Array(readFileSync(path.join(FIXTURES, 'shopify_orders_export.csv')))), { kind: 'custom', table: 'order_lines' });
  const item = (name: string, patch: Partial<BatchItem> = {}): BatchItem => ({ name, route: routeOf(name), status: 'ready', draft: null, ...patch });

  it('waits for files being read, open questions and unmapped required columns; unreadable files do not block', () => {
    const items = [
      item('products.csv'),
      item('amazon_fba_returns.tsv', { draft: fba }),
      item('shopify_orders_export.csv', { draft: shop }),
      item('later.csv', { status: 'preparing' }),
      item('broken.xlsx', { status: 'error' }),
    ];
    expect(batchReadiness(items)).toEqual({
      ready: false,
      waiting: [
        'amazon_fba_returns.tsv: answer the question about the file',
        'shopify_orders_export.csv: Choose where order_lines.order_id comes from: it is required.',
        'later.csv: still being read',
      ],
    });
    const answered = answer(fba, openQuestions(fba)[0]!, '%d-%m-%Y');
    expect(batchReadiness([item('products.csv'), item('amazon_fba_returns.tsv', { draft: answered }), item('broken.xlsx', { status: 'error' })])).toEqual({ ready: true, waiting: [] });
    // Nothing loadable at all: not ready, though nothing waits.
    expect(batchReadiness([item('broken.xlsx', { status: 'error' })])).toEqual({ ready: false, waiting: [] });
  });
});
