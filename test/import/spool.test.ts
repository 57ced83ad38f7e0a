import { describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import type { Engine, Spool } from '../../src/engine/types';
import { bytesSource } from '../../src/loader/file-kinds';
import { stageFile } from '../../src/loader/stage-file';
import { decodeParquetNode } from '../../src/loader/parquet-node';

/**
 * The spool path (what --engine native uses so a file never sits whole in memory), run on the
 * wasm engine with a spool kept in memory and registered on close: the text is staged the
 * same way, and every spooled file is dropped again, also when reading fails or the file is
 * empty. (The native engine itself is compared end to end in test/cli-native.test.ts where
 * @duckdb/node-api is installed.)
 */
async function spoolingEngine(): Promise<{ engine: Engine; live: Set<string> }> {
  const base = await createNodeEngine();
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
          await base.registerFile(name, all);
        },
      };
    },
    async dropFile(name: string) {
      live.delete(name);
      await base.dropFile(name);
    },
  };
  return { engine, live };
}

const source = (text: string) => bytesSource(new TextEncoder().encode(text));

describe('spooled staging', () => {
  it('stages a spooled CSV like an in-memory one and drops the spool', async () => {
    const { engine, live } = await spoolingEngine();
    const staged = await stageFile(engine, { name: 'order_lines.csv', source: source('order_id,sku\r\nO1,A\r\nO2,"B, big"\r\n') }, decodeParquetNode);
    expect(staged.columns).toEqual(['order_id', 'sku']);
    const rows = await engine.query(`SELECT __line, c1, c2 FROM ${staged.table} ORDER BY __line`);
    expect(rows).toEqual([
      { __line: 2, c1: 'O1', c2: 'A' },
      { __line: 3, c1: 'O2', c2: 'B, big' },
    ]);
    expect([...live]).toEqual([]);
    await engine.close();
  });

  it('drops the spool of an empty file and of a file that cannot be read', async () => {
    const { engine, live } = await spoolingEngine();
    await expect(stageFile(engine, { name: 'order_lines.csv', source: source('') }, decodeParquetNode)).rejects.toThrow('the file is empty');
    expect([...live]).toEqual([]);
    const failing = { size: 10, read: () => Promise.reject(new Error('disk gone')) };
    await expect(stageFile(engine, { name: 'order_lines.csv', source: failing }, decodeParquetNode)).rejects.toThrow('disk gone');
    expect([...live]).toEqual([]);
    await engine.close();
  });
});
