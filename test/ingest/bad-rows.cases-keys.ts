import { account, ok, perFormat, type BadRowCase } from './bad-rows.expect';
import { fileOf, line, lines, type LogicalTable } from './bad-rows.files';

/**
 * Classes 4-7 and 10-11 of the bad-rows table (see bad-rows.cases.ts): text encodings, keys
 * that must join whatever their spelling, a broken quote, big ids and decimals, and a batch
 * with a file that cannot be used.
 */

/** Class 4: a canonical products file in Windows-1252 (é ü € are single bytes there). */
async function windows1252(): Promise<BadRowCase[]> {
  return perFormat(4, 'a Windows-1252 products file: names decode right and stay distinct', ['csv', 'tsv'], async (f) => {
    // Read as UTF-8, "Bücher" and "Bécher" would both become "B\uFFFDcher": one category.
    const products = await fileOf({
      table: 'products', header: ['sku', 'product_name', 'category'],
      rows: [['S1', '€ Gutschein', 'Bücher'], ['S2', 'Crème', 'Bécher'], ['S3', 'Thé', 'Bücher']],
    }, f, { cp1252: true });
    const order = await fileOf(lines([line('O1', '1', 'S1'), line('O2', '1', 'S2'), line('O3', '1', 'S3')]), f);
    return {
      files: [products, order],
      cli: f === 'csv',
      expect: ok({
        accounts: { [products.name]: account(3, 3, 0), [order.name]: account(3, 3, 0) },
        rejected: {},
        // S1 and S3 are Bücher (2 units), S2 Bécher (1 unit).
        totals: { byDim: { dim: 'category', rows: { Bücher: { units_sold: 2, orders: 2 }, Bécher: { units_sold: 1, orders: 1 } } } },
        stored: [{
          sql: 'SELECT sku, product_name, category FROM products ORDER BY sku',
          rows: [{ sku: 'S1', product_name: '€ Gutschein', category: 'Bücher' }, { sku: 'S2', product_name: 'Crème', category: 'Bécher' }, { sku: 'S3', product_name: 'Thé', category: 'Bücher' }],
        }],
      }),
    };
  });
}

/** Class 5: SKUs with Unicode spaces (NBSP, U+2003 em space, tab) around them. */
async function unicodeSpaces(): Promise<BadRowCase[]> {
  return perFormat(5, 'SKUs with NBSP / U+2003 / tab around them join their products', ['csv', 'tsv', 'json', 'parquet'], async (f) => {
    const order = await fileOf(lines([line('O1', '1', '\u00a0S1'), line('O2', '1', 'S2\u2003'), line('O3', '1', '\tS3')]), f);
    const products = await fileOf({
      table: 'products', header: ['sku', 'category'], rows: [['S1', 'shoes'], ['S2', 'shoes'], ['S3\u00a0', 'bags']],
    }, f);
    return {
      files: [order, products],
      cli: f === 'csv',
      expect: ok({
        accounts: { [order.name]: account(3, 3, 0), [products.name]: account(3, 3, 0) },
        rejected: {},
        // Trimmed on both sides: 3 distinct SKUs, all among the products, each with its category.
        totals: {
          coverage: { skus_to_products: { total: 3, with_key: 3, matched: 3 } },
          byDim: { dim: 'sku', rows: { S1: { units_sold: 1, category: 'shoes' }, S2: { units_sold: 1, category: 'shoes' }, S3: { units_sold: 1, category: 'bags' } } },
        },
        stored: [
          { sql: 'SELECT sku FROM order_lines ORDER BY sku', rows: [{ sku: 'S1' }, { sku: 'S2' }, { sku: 'S3' }] },
          { sql: 'SELECT sku FROM products ORDER BY sku', rows: [{ sku: 'S1' }, { sku: 'S2' }, { sku: 'S3' }] },
        ],
      }),
    };
  });
}

/** Class 6: a return names its order line as "2.0" or "02" (and an order line is "02"). */
async function lineIdSpellings(): Promise<BadRowCase[]> {
  return perFormat(6, 'returns.line_id "2.0" / "02" find order line "2"', ['csv', 'tsv', 'json', 'parquet'], async (f) => {
    const order = await fileOf(lines([line('O1', '1', 'S1'), line('O1', '2', 'S2', '2', '20'), line('O2', '02', 'S3', '1', '30', '2025-01-11')]), f);
    const returns = await fileOf({
      table: 'returns', header: ['return_id', 'order_id', 'line_id', 'quantity'],
      // R1 and R2 are O1's line 2 (S2); R3 is O2's line "02" (S3).
      rows: [['R1', 'O1', '2.0', '1'], ['R2', 'O1', '02', '1'], ['R3', 'O2', '2', '1']],
    }, f);
    return {
      files: [order, returns],
      expect: ok({
        accounts: { [order.name]: account(3, 3, 0), [returns.name]: account(3, 3, 0) },
        rejected: {},
        totals: {
          coverage: { returns_to_orders: { total: 3, with_key: 3, matched: 3 } },
          byDim: { dim: 'sku', rows: { S1: { returns: 0, units_sold: 1 }, S2: { returns: 2, units_sold: 2 }, S3: { returns: 1, units_sold: 1 } } },
        },
      }),
    };
  });
}

/** Class 7: an unterminated quote on line 4 of a file of 10 data rows. */
async function unterminatedQuote(): Promise<BadRowCase[]> {
  return perFormat(7, 'an unterminated quote on line 4 rejects only that line', ['csv', 'tsv'], async (f) => {
    const rows = Array.from({ length: 10 }, (_, i) => line(`O${i + 1}`, '1', `S${i + 1}`, '1', '10', `2025-01-${String(10 + i)}`));
    const d = f === 'csv' ? ',' : '\t';
    // Data row 3 = line 4: the quote before S3 is never closed.
    const order = await fileOf(lines(rows), f, { raw: { 2: ['O3', '1', '2025-01-12', '"S3', '1', '10', 'EUR'].join(d) } });
    return {
      files: [order],
      cli: f === 'csv',
      expect: ok({
        accounts: { [order.name]: account(10, 9, 1) },
        rejected: { [order.name]: { 4: 'unreadable row (…)' } },
        // The 9 other orders, 1 unit at 10 each.
        totals: { kpis: { orders: 9, units_sold: 9, gross_sales: 90 } },
      }),
    };
  });
}

/** Class 10: JSON ids above 2^53 keep their text; a Parquet DECIMAL(10,2) price keeps its value. */
async function bigIdsAndDecimals(): Promise<BadRowCase[]> {
  const json = await perFormat(10, 'JSON order ids 9007199254740993 and ...992 stay two orders', ['json'], async (f) => {
    const order = await fileOf(lines([line('9007199254740993', '1', 'S1'), line('9007199254740992', '1', 'S2')]), f);
    const returns = await fileOf({ table: 'returns', header: ['return_id', 'order_id', 'line_id', 'quantity'], rows: [['R1', '9007199254740993', '1', '1']] }, f);
    return {
      files: [order, returns],
      cli: true,
      expect: ok({
        accounts: { [order.name]: account(2, 2, 0), [returns.name]: account(1, 1, 0) },
        rejected: {},
        // Two orders; R1 is ...993's (S1), not ...992's.
        totals: {
          kpis: { orders: 2, returns: 1 },
          byDim: { dim: 'sku', rows: { S1: { returns: 1 }, S2: { returns: 0 } } },
        },
        stored: [{ sql: 'SELECT order_id, sku FROM order_lines ORDER BY sku', rows: [{ order_id: '9007199254740993', sku: 'S1' }, { order_id: '9007199254740992', sku: 'S2' }] }],
      }),
    };
  });
  const decimals = await perFormat(10, 'Parquet DECIMAL(10,2) unit_price loads the same value', ['parquet'], async (f) => {
    const t: LogicalTable = lines([line('O1', '1', 'S1', '1', '12.34'), line('O2', '1', 'S1', '3', '0.10'), line('O3', '1', 'S2', '1', '99999999.99')], { unit_price: 'decimal(10,2)' });
    const order = await fileOf(t, f);
    return {
      files: [order],
      cli: true,
      expect: ok({
        accounts: { [order.name]: account(3, 3, 0) },
        rejected: {},
        // 12.34 + 3 × 0.10 + 99,999,999.99 = 100,000,012.63
        totals: { kpis: { orders: 3, units_sold: 5, gross_sales: 100_000_012.63 } },
        stored: [{ sql: 'SELECT order_id, unit_price FROM order_lines ORDER BY order_id', rows: [{ order_id: 'O1', unit_price: 12.34 }, { order_id: 'O2', unit_price: 0.1 }, { order_id: 'O3', unit_price: 99999999.99 }] }],
      }),
    };
  });
  return [...json, ...decimals];
}

/** Class 11: good order lines and a returns file without its required columns, in one batch. */
async function partialBatch(): Promise<BadRowCase[]> {
  const cases: BadRowCase[] = [];
  for (const allowPartial of [false, true]) {
    cases.push(...await perFormat(11, `good order lines + a returns file missing return_id and quantity${allowPartial ? ', allowPartial' : ''}`, ['csv', 'json'], async (f) => {
      const order = await fileOf(lines([line('O1', '1', 'S1'), line('O2', '1', 'S1'), line('O3', '1', 'S2')]), f);
      const returns = await fileOf({ table: 'returns', header: ['id', 'order_id', 'qty'], rows: [['X1', 'O1', '1'], ['X2', 'O2', '1']] }, f);
      return {
        files: [order, returns],
        allowPartial,
        // The CLI reads a file named like a table by its content, in every format (a returns file
        // without the returns columns is an open question there, exit 5: detect-by-content.test.ts,
        // route-formats.test.ts); the other paths load it as named and the load refuses it.
        cli: false,
        expect: {
          // Not replaced unless the partial batch is accepted; either way the refused file's 2 rows are read and rejected.
          replaced: allowPartial,
          refusedFiles: [returns.name],
          accounts: { [order.name]: account(3, 3, 0), [returns.name]: account(2, 0, 2) },
          rejected: {},
          // Accepted partial batch: the 3 orders and no returns.
          totals: allowPartial ? { kpis: { orders: 3, returns: 0 } } : {},
        },
      };
    }));
  }
  return cases;
}

export async function keyCases(): Promise<BadRowCase[]> {
  return [
    ...(await windows1252()), ...(await unicodeSpaces()), ...(await lineIdSpellings()), ...(await unterminatedQuote()),
    ...(await bigIdsAndDecimals()), ...(await partialBatch()),
  ];
}
