import { account, ok, perFormat, type BadRowCase } from './bad-rows.expect';
import { fileOf, lines } from './bad-rows.files';
import { keyCases } from './bad-rows.cases-keys';

/**
 * The bad-rows table (issue 13, "Done when"): one row per class and format, each with its
 * files, the accounting every path must give per file, the reason of every rejected line
 * (docs: /work/notes/REASONS.md, the row-check contract) and the totals that follow. Every
 * expectation is worked out by hand in the comments next to the rows. Line numbers: header =
 * line 1, so data row k (1-based) is line k + 1; JSON and Parquet records count the same way.
 * Classes 1-3 here (values), 4-7 and 10-11 in bad-rows.cases-keys.ts (text, keys, batches).
 */

/** Class 1: money that is not a finite number. */
async function nonFinite(): Promise<BadRowCase[]> {
  return perFormat(1, 'NaN / Infinity / 1e999 money', ['csv', 'tsv', 'json', 'parquet'], async (f) => {
    // Parquet's DOUBLE column holds NaN and Infinity as values (1e999 is Infinity there): its
    // text is the converter's spelling, so only the reason's start is fixed.
    const v = (text: string) => (f === 'parquet' ? '…' : text);
    const order = await fileOf(lines([
      ['O1', '1', '2025-01-10', 'S1', '1', '10', 'EUR'], //       line 2: loaded
      ['O2', '1', '2025-01-11', 'S1', '2', 'NaN', 'EUR'], //      line 3: rejected
      ['O3', '1', '2025-01-12', 'S1', '1', 'Infinity', 'EUR'], // line 4: rejected
      ['O4', '1', '2025-01-13', 'S1', '1', '1e999', 'EUR'], //    line 5: rejected (overflows to infinity)
      ['O5', '1', '2025-01-14', 'S1', '1', '1.5e1', 'EUR'], //    line 6: loaded, 15 (a finite exponent is fine)
    ]), f);
    const returns = await fileOf({
      table: 'returns', header: ['return_id', 'order_id', 'line_id', 'quantity', 'refund_amount'],
      rows: [['R1', 'O1', '1', '1', 'Infinity'], /* line 2: rejected */ ['R2', 'O5', '1', '1', '5'] /* line 3: loaded */],
    }, f);
    return {
      files: [order, returns],
      cli: f === 'csv',
      expect: ok({
        accounts: { [order.name]: account(5, 2, 3), [returns.name]: account(2, 1, 1) },
        rejected: {
          [order.name]: { 3: `bad number in unit_price: "${v('NaN')}"`, 4: `bad number in unit_price: "${v('Infinity')}"`, 5: `bad number in unit_price: "${v('1e999')}"` },
          [returns.name]: { 2: `bad number in refund_amount: "${v('Infinity')}"` },
        },
        // O1 (1 × 10) and O5 (1 × 15): 2 orders, 2 units, 25; R2 refunds 5 on O5.
        totals: { kpis: { orders: 2, units_sold: 2, gross_sales: 25, returns: 1, refund_amount: 5 } },
        stored: [{ sql: 'SELECT order_id, unit_price FROM order_lines ORDER BY order_id', rows: [{ order_id: 'O1', unit_price: 10 }, { order_id: 'O5', unit_price: 15 }] }],
      }),
    };
  });
}

/** Class 2: whole-number columns written as fractions, hex or exponents. */
async function notWhole(): Promise<BadRowCase[]> {
  return perFormat(2, 'quantity 2.5 / 0.4 / -0.4 / 0x10 / 1e2, rating 4.5', ['csv', 'tsv', 'json', 'parquet'], async (f) => {
    // Parquet: quantity and rating as DOUBLE columns (a whole-number column cannot hold 2.5);
    // a double cannot be written 0x10 or 1e2, so those two rows are CSV/TSV/JSON only.
    const text = f !== 'parquet';
    const rows = [
      ['O1', '1', '2025-01-10', 'S1', '2', '10', 'EUR'], //    loaded
      ['O2', '1', '2025-01-11', 'S1', '2.5', '10', 'EUR'], //  rejected
      ['O3', '1', '2025-01-12', 'S1', '0.4', '10', 'EUR'], //  rejected
      ['O4', '1', '2025-01-13', 'S1', '-0.4', '10', 'EUR'], // rejected (not an accepted 0, not "negative": not whole)
      ...(text ? [['O5', '1', '2025-01-14', 'S1', '0x10', '10', 'EUR'], ['O6', '1', '2025-01-15', 'S1', '1e2', '10', 'EUR']] : []), // rejected
      ['O7', '1', '2025-01-16', 'S1', '2.0', '10', 'EUR'], //  loaded: 2.0 is 2
    ];
    const order = await fileOf(lines(rows, { quantity: 'float64' }), f);
    const reviews = await fileOf({
      table: 'reviews', header: ['review_id', 'sku', 'rating'], parquet: { rating: 'float64' },
      rows: [['V1', 'S1', '5'], /* line 2: loaded */ ['V2', 'S1', '4.5'], /* line 3: rejected */ ['V3', 'S1', '4.0'] /* line 4: loaded, 4 */],
    }, f);
    const bad = (q: string) => `bad whole number in quantity: "${q}"`;
    return {
      files: [order, reviews],
      expect: ok({
        // CSV/TSV/JSON: 7 rows, O1 and O7 loaded, 5 rejected; Parquet: 5 rows, 2 loaded, 3 rejected.
        accounts: { [order.name]: text ? account(7, 2, 5) : account(5, 2, 3), [reviews.name]: account(3, 2, 1) },
        rejected: {
          [order.name]: text
            ? { 3: bad('2.5'), 4: bad('0.4'), 5: bad('-0.4'), 6: bad('0x10'), 7: bad('1e2') }
            : { 3: bad('2.5'), 4: bad('0.4'), 5: bad('-0.4') },
          [reviews.name]: { 3: 'bad whole number in rating: "4.5"' },
        },
        // O1 and O7, 2 units each at 10: 2 orders, 4 units, 40.
        totals: { kpis: { orders: 2, units_sold: 4, gross_sales: 40 } },
        stored: [
          { sql: 'SELECT order_id, quantity FROM order_lines ORDER BY order_id', rows: [{ order_id: 'O1', quantity: 2 }, { order_id: 'O7', quantity: 2 }] },
          { sql: 'SELECT review_id, rating FROM reviews ORDER BY review_id', rows: [{ review_id: 'V1', rating: 5 }, { review_id: 'V3', rating: 4 }] },
        ],
      }),
    };
  });
}

/** Class 3: date words, absurd years and days that do not exist. */
async function badDates(): Promise<BadRowCase[]> {
  return perFormat(3, 'epoch / infinity / -infinity / year 0001 / 2025-02-31 dates', ['csv', 'tsv', 'json', 'parquet'], async (f) => {
    // Parquet: order_date a DATE column, which holds year 1 but no words or 31 February.
    const text = f !== 'parquet';
    const rows = [
      ['O1', '1', '2025-01-10', 'S1', '1', '10', 'EUR'], // loaded
      ...(text ? [['O2', '1', 'epoch', 'S1', '1', '10', 'EUR'], ['O3', '1', 'infinity', 'S1', '1', '10', 'EUR'], ['O4', '1', '-infinity', 'S1', '1', '10', 'EUR']] : []),
      ['O5', '1', '0001-01-01', 'S1', '1', '10', 'EUR'], // rejected: year outside 1900-2200
      ...(text ? [['O6', '1', '2025-02-31', 'S1', '1', '10', 'EUR']] : []),
      ['O7', '1', '2025-01-20', 'S1', '1', '10', 'EUR'], // loaded
    ];
    const order = await fileOf(lines(rows), f);
    const returns = await fileOf({
      table: 'returns', header: ['return_id', 'order_id', 'line_id', 'quantity', 'requested_at'],
      rows: [['R1', 'O1', '1', '1', '2025-02-31'], /* line 2: rejected */ ['R2', 'O7', '1', '1', '2025-01-25'] /* line 3: loaded */],
    }, f);
    const bad = (d: string) => `bad date in order_date (expected …): "${d}"`;
    return {
      files: [order, returns],
      cli: f === 'csv',
      expect: ok({
        accounts: { [order.name]: text ? account(7, 2, 5) : account(3, 2, 1), [returns.name]: account(2, 1, 1) },
        rejected: {
          [order.name]: text ? { 3: bad('epoch'), 4: bad('infinity'), 5: bad('-infinity'), 6: bad('0001-01-01'), 7: bad('2025-02-31') } : { 3: bad('0001-01-01') },
          [returns.name]: { 2: 'bad date in requested_at (expected …): "2025-02-31"' },
        },
        // O1 and O7 in January 2025, R2 on O7: one month in the trend.
        totals: { kpis: { orders: 2, units_sold: 2, returns: 1 }, trendPeriods: 1 },
      }),
    };
  });
}

/** Every row of the table, in class order. */
export async function buildCases(): Promise<BadRowCase[]> {
  return [...(await nonFinite()), ...(await notWhole()), ...(await badDates()), ...(await keyCases())].sort((a, b) => a.klass - b.klass);
}
