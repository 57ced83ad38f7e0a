import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { createNodeRunner } from '../../src/host/node';
import type { Engine, Spool } from '../../src/engine/types';
import { bytesSource } from '../../src/loader/file-kinds';
import { applyMapping } from '../../src/loader/import/apply';
import { readImportSql } from '../../src/loader/import/node';
import type { MappingSpec } from '../../src/loader/import/spec';
import { loadFiles } from '../../src/loader/load-file';
import { decodeParquetNode } from '../../src/loader/parquet-node';

/**
 * The spool path (what --engine native uses so a file never sits whole in memory), run on the
 * wasm engine with a spool kept in memory and registered on close: the text is staged the
 * same way, and every spooled file is dropped again, also when reading fails or the file is
 * empty. (The native engine itself is compared end to end in test/cli-native.test.ts where
 * @duckdb/node-api is installed.)
 */
async function spoolingEngine(base?: Engine): Promise<{ engine: Engine; live: Set<string> }> {
  base ??= await createNodeEngine();
  const live = new Set<string>();
  const engine: Engine = {
    ...base,
    async createSpool(name: string): Promise<Spool> {
      const parts: Uint8Array[] = [];
      live.add(name);
      return {
        async write(bytes) {
          parts.push(bytes.slice());
        },
        async close() {
          const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let at = 0;
          for (const p of parts) {
            all.set(p, at);
            at += p.length;
          }
          await base!.registerFile(name, all);
        },
      };
    },
    async dropFile(name: string) {
      live.delete(name);
      await base!.dropFile(name);
    },
  };
  return { engine, live };
}

const source = (text: string) => bytesSource(new TextEncoder().encode(text));

describe('spooled canonical files', () => {
  it('loads a spooled CSV like an in-memory one and drops the spool', async () => {
    const runner = await createNodeRunner();
    const { engine, live } = await spoolingEngine(runner.engine);
    try {
      const [r] = await loadFiles(engine, readImportSql(), [{ name: 'products.csv', source: source('sku,category\r\nA,shoes\r\nB,"bags, big"\r\n') }], decodeParquetNode);
      expect(r).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
      expect(await engine.query('SELECT sku, category FROM products ORDER BY sku')).toEqual([
        { sku: 'A', category: 'shoes' },
        { sku: 'B', category: 'bags, big' },
      ]);
      expect([...live]).toEqual([]);
    } finally {
      await runner.engine.close();
    }
  });

  it('drops the spool of an empty file and of a file that cannot be read', async () => {
    const runner = await createNodeRunner();
    const { engine, live } = await spoolingEngine(runner.engine);
    try {
      const [empty] = await loadFiles(engine, readImportSql(), [{ name: 'order_lines.csv', source: source('') }], decodeParquetNode);
      expect(empty!.error).toMatch(/the file is empty/);
      expect([...live]).toEqual([]);
      const failing = { size: 10, read: () => Promise.reject(new Error('disk gone')) };
      const [gone] = await loadFiles(engine, readImportSql(), [{ name: 'order_lines.csv', source: failing }], decodeParquetNode);
      expect(gone!.error).toMatch(/disk gone/);
      expect([...live]).toEqual([]);
    } finally {
      await runner.engine.close();
    }
  });
});

describe('spooled imports', () => {
  const mapping: MappingSpec = {
    version: 1, name: 'sales', source: { encoding: 'utf-8', delimiter: ',', quote: '"', skipLines: 0, header: true, nullValues: [] },
    lookups: [{ name: 'products', file: 'products_*.csv', key: 'Key', on: 'Key' }],
    targets: [{
      table: 'order_lines',
      columns: {
        order_id: { column: 'Order' }, line_id: { column: 'Line' }, order_date: { column: 'Date' },
        sku: { column: 'products.SKU' }, quantity: { column: 'Qty' }, unit_price: { column: 'products.Price' },
      },
    }],
  };
  const file = (name: string, text: string) => ({ name, source: source(text) });
  const sales = () => file('sales.csv', 'Order,Line,Date,Key,Qty\nO1,1,2024-01-05,1,2\n');
  const good = () => file('products_a.csv', 'Key,SKU,Price\n1,A,10\n');
  // No Price column: left out of the lookup (its row is still counted, see engine-features).
  const old = () => file('products_old.csv', 'Key,SKU\n1,A\n2,B\n');

  it('drops the spool of a lookup file left out, and of every file when the import stops early', async () => {
    const runner = await createNodeRunner();
    const { engine, live } = await spoolingEngine(runner.engine);
    const sql = readImportSql();
    try {
      const ok = await applyMapping(engine, sql, sales(), mapping, { lookupFiles: [good(), old()] });
      expect(ok.error).toBeUndefined();
      expect(ok.lookups![0]!.notUsed).toEqual([{ file: 'products_old.csv', reason: 'it has no "Price" column, which the mapping reads', rowsRead: 2 }]);
      expect([...live]).toEqual([]);
      // The lookup file lacks the key: the mapping cannot be resolved, after both files were read.
      const noKey = await applyMapping(engine, sql, sales(), mapping, { lookupFiles: [file('products_x.csv', 'Id,SKU,Price\n1,A,10\n')] });
      expect(noKey.error).toMatch(/products_x\.csv \(lookup products\) has no column "Key"/);
      expect([...live]).toEqual([]);
      // The second lookup file cannot be read: the main file and the first lookup file were spooled already.
      const failing = { name: 'products_b.csv', source: { size: 10, read: () => Promise.reject(new Error('disk gone')) } };
      const unreadable = await applyMapping(engine, sql, sales(), mapping, { lookupFiles: [good(), failing] });
      expect(unreadable.error).toMatch(/lookup file products_b\.csv: .*disk gone/);
      expect([...live]).toEqual([]);
      // A dry run (the mapping step's preview) keeps nothing on disk either.
      await applyMapping(engine, sql, sales(), mapping, { lookupFiles: [good(), old()], dryRun: true });
      expect([...live]).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
